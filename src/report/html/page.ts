/**
 * One self-contained HTML page: its CSS, its one small script and its data inline, a
 * Content-Security-Policy that lets nothing load from anywhere (no request leaves the page), the
 * JSON document it was drawn from in `<script type="application/json" id="shopmetrics-data">`,
 * and charts as static SVG drawn at build time (charts.ts), so that it reads, prints and
 * forwards with scripts off. The script only sorts tables.
 *
 * Every text that came from a file (file names, status texts, currencies, segment names, emails)
 * goes through `html` or `attr`; the JSON is embedded with `<` written as `\u003c`, so no value can
 * close the script element or open a comment.
 */
import { createHash } from "node:crypto";

const ESCAPES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text for an element's content or an attribute value (quoted with "): &, <, >, " and ' escaped. */
export function html(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** The JSON of `data` safe inside `<script type="application/json">`. */
function embeddedJson(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** Click a sortable table's header to sort by it (numbers by data-value, else by text; a value that is n/a last either way); click again to reverse. */
const SCRIPT = `for (const table of document.querySelectorAll("table.sortable")) {
  table.querySelectorAll("thead th").forEach((th, column) => {
    th.tabIndex = 0;
    const sort = () => {
      const body = table.tBodies[0];
      const down = th.getAttribute("aria-sort") !== "descending";
      for (const other of table.querySelectorAll("thead th")) other.removeAttribute("aria-sort");
      th.setAttribute("aria-sort", down ? "descending" : "ascending");
      const key = (row) => {
        const cell = row.cells[column];
        const v = cell.dataset.value;
        return v === undefined ? cell.textContent : v === "" ? null : Number(v);
      };
      const rows = [...body.rows].sort((a, b) => {
        const x = key(a), y = key(b);
        if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
        const c = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
        return down ? -c : c;
      });
      body.append(...rows);
    };
    th.addEventListener("click", sort);
    th.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); } });
  });
}`;
const SCRIPT_HASH = createHash("sha256").update(SCRIPT).digest("base64");

/** Nothing from the network, no frames, no forms; inline styles (Plot's SVG carries its own) and this page's one script by hash. */
const CONTENT_SECURITY_POLICY = `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-${SCRIPT_HASH}'; base-uri 'none'; form-action 'none'`;

const CSS = `:root { color-scheme: light dark; --fg: #1b1f24; --muted: #57606a; --bg: #ffffff; --card: #f6f8fa; --line: #d0d7de; --up: #1a7f37; --down: #cf222e; --accent: #0969da; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #9da7b3; --bg: #0d1117; --card: #161b22; --line: #30363d; --up: #3fb950; --down: #f85149; --accent: #4493f8; } }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0 auto; max-width: 72rem; padding: 1rem; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); overflow-wrap: anywhere; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
h3 { font-size: 1rem; margin: 1.25rem 0 .5rem; }
p, li { max-width: 48rem; }
.muted, figcaption, .note { color: var(--muted); font-size: .9em; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); gap: .75rem; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: .5rem; padding: .75rem; min-width: 0; }
.card .label { font-size: .85rem; color: var(--muted); }
.card .label a { color: inherit; }
.card .value { font-size: 1.5rem; font-weight: 600; font-variant-numeric: tabular-nums; }
.card .change { font-size: .85rem; }
.card svg { display: block; width: 100%; height: 2.25rem; }
.up { color: var(--up); } .down { color: var(--down); }
.scroll { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; margin: .25rem 0 1rem; }
th, td { padding: .3rem .6rem; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; white-space: nowrap; }
table.sortable thead th { cursor: pointer; }
thead th { font-weight: 600; font-size: .9em; }
figure { margin: .5rem 0 1.5rem; max-width: 100%; }
figure svg { max-width: 100%; height: auto; }
details { margin: .25rem 0; }
summary { cursor: pointer; color: var(--accent); }
dl.definitions dt { font-weight: 600; margin-top: .5rem; }
dl.definitions dd { margin: 0 0 0 1rem; max-width: 48rem; }
a { color: var(--accent); }
header .meta { color: var(--muted); }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(20rem, 1fr)); gap: 1rem; }
.charts figure { margin: 0; min-width: 0; }
@media print {
  :root { --fg: #000; --muted: #333; --bg: #fff; --card: #fff; --line: #999; }
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  section.page { break-before: page; }
  section.page:first-of-type { break-before: auto; }
  .card, figure, table { break-inside: avoid; }
  summary { color: var(--fg); }
  a { color: inherit; text-decoration: none; }
  .scroll { overflow: visible; }
}
@page { size: A4; margin: 14mm; }`;

export interface PageParts {
  readonly title: string;
  /** The locale of the numbers and dates (--locale); the page's words are English. */
  readonly locale: string;
  /** Escaped HTML: the header under the title. */
  readonly header: string;
  /** Escaped HTML: the sections, in order. */
  readonly body: string;
  /** The JSON document (or documents) every figure on the page was drawn from. */
  readonly data: unknown;
}

export function renderPage({ title, locale, header, body, data }: PageParts): string {
  return `<!DOCTYPE html>
<html lang="en" data-locale="${html(locale)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="shopmetrics">
<title>${html(title)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${html(title)}</h1>
${header}
</header>
<main>
${body}
</main>
<script type="application/json" id="shopmetrics-data">${embeddedJson(data)}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

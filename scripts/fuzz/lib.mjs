/**
 * The fuzz suite (issue 8, "Keep it fixed"): hostile variants of the fixtures and of
 * ../shared/data, each run through the CLI and checked against an oracle that is not our reader —
 * Python's csv module (csv_oracle.py), the unmutated file's own report, or a promise the docs make.
 * docs/reliability.md says what each promise means.
 *
 * Used by scripts/fuzz/run.mjs (`npm run fuzz`, the CLI built in dist/) and by
 * test/fuzz/fuzz.test.ts (a short slice, the CLI from src/ in-process). Both hand in `run`, which
 * runs main() with argv and returns { status, stdout, stderr }; the closed-pipe category spawns
 * bin/shopmetrics.js itself.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, relative, resolve } from "node:path";
import { createInterface } from "node:readline";
import { parse as parseCsv } from "csv-parse/sync";

export const ROOT = resolve(import.meta.dirname, "../..");
export const SHARED_DATA = resolve(ROOT, "../shared/data");
const BIN = resolve(ROOT, "bin/shopmetrics.js");

// ---------------------------------------------------------------------------------------------
// Seeded randomness

/** mulberry32: a small seeded generator; every case has its own, from (seed, case number). */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const r = {
    next,
    int: (n) => Math.floor(next() * n),
    between: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
    shuffle(list) {
      const out = [...list];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j], out[i]];
      }
      return out;
    },
  };
  return r;
}

const caseSeed = (seed, index) => (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca77)) >>> 0;

// ---------------------------------------------------------------------------------------------
// The unmutated inputs

const RETAIL_MAPS = [
  "--map",
  "created_at=InvoiceDate",
  "--map",
  "total=TotalPrice",
  "--map",
  "customer_id=CustomerID",
  "--map",
  "order_id=InvoiceNo",
];
/** Files that are not orders exports we read (they are the bad-input tests' own fixtures). */
const NOT_BASES = new Set(["unrecognised-header.csv", "malformed-quote.csv"]);
const BASE_ARGS = {
  "invoices-mapped.csv": RETAIL_MAPS,
  "online_retail_invoices__mwoitek.csv": [...RETAIL_MAPS, "--currency", "GBP"],
};
/** Files this big are also offered as a prefix of their records (most cases need no 2 MB input). */
const BIG = 300_000;
const PREFIX_RECORDS = 400;

/**
 * The base files: every orders fixture, the sample shop, and ../shared/data's orders exports
 * when present. Returns { files, notes } (notes say what was left out, and why).
 */
export function baseFiles({ shared = true } = {}) {
  const files = [];
  const notes = [];
  const orders = join(ROOT, "fixtures/orders");
  for (const name of readdirSync(orders).sort()) {
    if (!name.endsWith(".csv") || NOT_BASES.has(name)) continue;
    files.push({ id: `fixtures/orders/${name}`, path: join(orders, name), args: BASE_ARGS[name] ?? [] });
  }
  files.push({ id: "fixtures/sample-shop/orders_export.csv", path: join(ROOT, "fixtures/sample-shop/orders_export.csv"), args: [] });
  if (!shared) return { files, notes };
  if (!existsSync(SHARED_DATA)) {
    notes.push(`../shared/data not found (${SHARED_DATA}): only the fixtures are fuzzed`);
    return { files, notes };
  }
  const sharedFiles = [
    "shopify/orders_export__forezia-devstore.csv",
    "shopify/orders_export__panalysis-d3js-test.csv",
    "online_retail/online_retail_invoices__mwoitek.csv",
    "online_retail/online_retail_first999__evanvolgas.csv",
    "online_retail/online_retail_random_lines__gulertan.csv",
  ];
  for (const rel of sharedFiles) {
    const path = join(SHARED_DATA, rel);
    if (!existsSync(path)) {
      notes.push(`../shared/data/${rel} not found: left out`);
      continue;
    }
    files.push({ id: `shared/${rel}`, path, args: BASE_ARGS[basename(rel)] ?? [] });
  }
  return { files, notes };
}

/** windows-1250, both ways (TextDecoder has it; the encoder is its inverse). */
const CP1250_DECODE = new TextDecoder("windows-1250");
const CP1250_ENCODE = (() => {
  const map = new Map();
  for (let b = 0x80; b < 0x100; b++) {
    const ch = CP1250_DECODE.decode(Uint8Array.of(b));
    if (ch !== "\ufffd" && !map.has(ch)) map.set(ch, b);
  }
  return map;
})();
/** The text in windows-1250, or null when a character has no byte there. */
export function encodeCp1250(text) {
  const out = Buffer.alloc(text.length);
  let n = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0);
    if (code < 0x80) out[n++] = code;
    else {
      const b = CP1250_ENCODE.get(ch);
      if (b === undefined) return null;
      out[n++] = b;
    }
  }
  return out.subarray(0, n);
}
const encodeAs = (text, encoding) => (encoding === "windows-1250" ? encodeCp1250(text) : Buffer.from(text, "utf8"));

/** One record as CSV text (RFC 4180 quoting where needed). */
function serializeRecord(cells, delimiter) {
  return cells.map((c) => (c.includes(delimiter) || /["\r\n]/.test(c) || /^\s/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(delimiter);
}
/** Records as a file's text, with each record's first physical line. */
export function serialize(records, delimiter, eol = "\n") {
  const lines = [];
  const starts = [];
  let line = 1;
  for (const cells of records) {
    starts.push(line);
    const text = serializeRecord(cells, delimiter);
    lines.push(text);
    line += 1 + (text.match(/\r\n|\r|\n/g)?.length ?? 0);
  }
  return { text: lines.join(eol) + eol, starts };
}

const reportArgs = (path, base) => [
  "report",
  "--orders",
  path,
  ...base.args,
  "--format",
  "json",
  "--window",
  "all",
  "--tz",
  "Europe/Prague",
];

/**
 * A base ready for mutation: its bytes, text, records (csv-parse, for generation only — the
 * oracle is Python's), and its own report and inspection as the invariance reference. Bases over
 * BIG bytes also give a `…@prefix` base of their first PREFIX_RECORDS records.
 */
export async function prepareBases(files, run, dir) {
  const bases = [];
  const notes = [];
  for (const file of files) {
    const bytes = readFileSync(file.path);
    const full = await prepare({ ...file, bytes, reserialized: false }, run, dir);
    if (typeof full === "string") {
      notes.push(`${file.id}: ${full}; left out`);
      continue;
    }
    if (bytes.length > BIG) {
      full.big = true;
      const prefix = full.records.slice(0, PREFIX_RECORDS + 1);
      const { text } = serialize(prefix, full.delimiter);
      const small = await prepare(
        { ...file, id: `${file.id}@${PREFIX_RECORDS}`, bytes: encodeAs(text, full.encoding), reserialized: true },
        run,
        dir,
      );
      if (typeof small === "string") notes.push(`${file.id}@${PREFIX_RECORDS}: ${small}`);
      else bases.push(small);
    }
    bases.push(full);
  }
  return { bases, notes };
}

async function prepare(base, run, dir) {
  const path = join(dir, `base-${bases_seq++}.csv`);
  writeFileSync(path, base.bytes);
  const report = await run(reportArgs(path, base));
  if (report.status !== 0) return `its own report exits ${report.status}: ${firstLine(report.stderr)}`;
  const json = JSON.parse(report.stdout);
  const inspection = await run(["inspect", path, ...base.args, "--format", "json", "--tz", "Europe/Prague"]);
  if (inspection.status !== 0) return `inspect exits ${inspection.status}: ${firstLine(inspection.stderr)}`;
  const info = JSON.parse(inspection.stdout);
  const input = json.inputs[0];
  const encoding = input.encoding;
  const text = new TextDecoder(encoding).decode(base.bytes).replace(/^\ufeff/, "");
  const records = parseCsv(text, { delimiter: input.delimiter, relax_column_count: true, skip_empty_lines: true, relax_quotes: true });
  const header = records[0];
  const columns = info.columns ?? {};
  const index = (field) =>
    columns[field] === undefined ? -1 : header.findIndex((h) => h.trim().toLowerCase() === String(columns[field]).toLowerCase());
  return {
    ...base,
    path,
    encoding,
    delimiter: input.delimiter,
    platform: input.platform,
    grain: info.grain,
    text,
    records,
    header,
    columns,
    // The amount an order's figure is read from: its total, or (UCI Online Retail) each line's unit price.
    totalAt: index("total") >= 0 ? index("total") : index("unit_price"),
    quantityAt: index("quantity"),
    dateAt: index("created_at"),
    keyAt: index("order_id"),
    report: json,
    problemLines: new Set((json.dataQuality.problems ?? []).map((p) => p.line)),
    big: false,
  };
}
let bases_seq = 0;

// ---------------------------------------------------------------------------------------------
// The oracle that is not our reader: Python's csv module

/** A persistent `python3 csv_oracle.py`: ask(path, { encoding, delimiter }) → its answer. */
export function startPythonOracle() {
  const child = spawn("python3", [join(import.meta.dirname, "csv_oracle.py")], { stdio: ["pipe", "pipe", "inherit"] });
  const waiting = [];
  const lines = createInterface({ input: child.stdout });
  lines.on("line", (line) => waiting.shift()?.resolve(JSON.parse(line)));
  child.on("exit", (code) => {
    for (const w of waiting.splice(0)) w.reject(new Error(`the Python oracle exited (${code})`));
  });
  child.on("error", (e) => {
    for (const w of waiting.splice(0)) w.reject(new Error(`the fuzz oracle needs python3 (standard library only): ${e.message}`));
  });
  return {
    ask(path, options = {}) {
      return new Promise((resolvePromise, reject) => {
        waiting.push({ resolve: resolvePromise, reject });
        child.stdin.write(`${JSON.stringify({ path, encoding: options.encoding ?? null, delimiter: options.delimiter ?? null })}\n`);
      });
    },
    close() {
      child.stdin.end();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The promises: small oracle functions, each returning what it found wrong (empty: kept)

/**
 * The exit codes README.md's "Exit codes" table documents, read from it (so the oracle follows
 * the docs), without 1: "Internal error: a bug" is documented, and always a failure here.
 */
export function documentedExitCodes() {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Exit codes"));
  const table = section.slice(0, section.indexOf("\n## ", 4) < 0 ? undefined : section.indexOf("\n## ", 4));
  const codes = [...table.matchAll(/^\| *(\d+) *\|/gm)].map((m) => Number(m[1]));
  return codes.filter((c) => c !== 1);
}
export const DOCUMENTED_EXIT_CODES = documentedExitCodes();
/** An in-process run has no pipe to lose: 128 + a signal (141, a gone reader) can't be its answer. */
export const EXIT_CODES = DOCUMENTED_EXIT_CODES.filter((c) => c < 128);
/** C0 controls but line feed and tab, and DEL: what a message must escape. (A RegExp from a string: Biome bans control characters in regex literals.) */
// biome-ignore lint/complexity/useRegexLiterals: a literal would hold the control characters noControlCharactersInRegex bans
const CONTROL = new RegExp("[\\x00-\\x08\\x0b-\\x1f\\x7f]");
// biome-ignore lint/complexity/useRegexLiterals: as above
const ANY_CONTROL = new RegExp("[\\x00-\\x1f\\x7f]", "g");

/** Promises every run keeps: a documented exit code, no stack trace, stdout empty or a whole report. */
export function checkCommon(res, { format = "json" } = {}) {
  const out = [];
  if (res.status === "timeout") return ["no answer within the time limit (a hang?)"];
  if (!EXIT_CODES.includes(res.status))
    out.push(
      `exit ${res.status}${res.status === 1 ? " (internal error: a bug)" : ""}, not a documented code (README "Exit codes": ${EXIT_CODES.join(", ")})`,
    );
  if (/^\s+at .+/m.test(res.stderr) || res.stderr.includes("node:internal")) out.push(`a stack trace on stderr: ${traceLine(res.stderr)}`);
  const raw = res.stderr.match(CONTROL);
  if (raw) out.push(`a raw control character ${json1(raw[0])} on stderr (must be escaped): ${json1(lineWith(res.stderr, raw.index))}`);
  if (res.status === 0 || res.status === 4) {
    if (format === "json") {
      try {
        const report = JSON.parse(res.stdout);
        // The report is at schema 1, inspect's documents (kind "inspection", "survey-inspection", …) at 2.
        const version = typeof report.kind === "string" && report.kind.endsWith("inspection") ? 2 : 1;
        if (report.schemaVersion !== version) out.push(`stdout JSON has no schemaVersion ${version}`);
      } catch {
        out.push(`stdout is no complete JSON report (${res.stdout.length} chars)`);
      }
    } else if (format === "csv") out.push(...checkCsvOutput(res.stdout));
    else if (CONTROL.test(res.stdout.replace(/\r?\n/g, "")))
      out.push("a raw control character on stdout (no terminal: no colour, no raw text)");
  } else if (EXIT_CODES.includes(res.status)) {
    if (res.stdout !== "") out.push(`exit ${res.status} but stdout is not empty (${res.stdout.length} chars)`);
    const errors = res.stderr.split("\n").filter((l) => l.startsWith("shopmetrics: error:")).length;
    if (errors !== 1) out.push(`exit ${res.status} with ${errors} "shopmetrics: error:" lines (errors are one line)`);
  }
  return out;
}

/** --format csv: well-formed (csv-parse strict), the documented header, no cell a spreadsheet would run. */
export function checkCsvOutput(text) {
  let rows;
  try {
    rows = parseCsv(text, { relax_quotes: false, relax_column_count: false });
  } catch (e) {
    return [`--format csv output is no well-formed CSV: ${e.message}`];
  }
  const out = [];
  if (rows[0]?.join(",") !== "asOf,from,to,currency,metric,unit,value") out.push(`--format csv header is ${json1(rows[0]?.join(","))}`);
  for (const row of rows)
    for (const c of row)
      if (/^[=+@\t\r]/.test(c) || /^-(?![0-9.])/.test(c)) {
        out.push(`--format csv cell ${json1(c)} starts like a formula (CSV injection)`);
        return out;
      }
  return out;
}

/** Every data row is accounted for: rowsRead = rows used + rowsSkipped + repeatedHeaders. */
export function checkAccounting(report, base) {
  const dq = report.dataQuality;
  const out = [];
  const byCode = Object.values(dq.skippedByCode ?? {}).reduce((a, b) => a + b, 0);
  const repeated = dq.repeatedHeaders ?? 0;
  if (report.inputs?.[0]?.rows !== dq.rowsRead)
    out.push(`inputs[0].rows ${report.inputs?.[0]?.rows} ≠ dataQuality.rowsRead ${dq.rowsRead}`);
  if (byCode !== dq.rowsSkipped) out.push(`Σ skippedByCode ${byCode} ≠ rowsSkipped ${dq.rowsSkipped}`);
  const used = dq.rowsRead - dq.rowsSkipped - repeated;
  if (used < 0) out.push(`rowsSkipped ${dq.rowsSkipped} + repeatedHeaders ${repeated} > rowsRead ${dq.rowsRead}`);
  if (dq.ordersRead > used) out.push(`ordersRead ${dq.ordersRead} > rows used ${used} (rowsRead − rowsSkipped − repeatedHeaders)`);
  if (base?.grain === "order" && dq.ordersRead !== used)
    out.push(`one row per order (${base.platform}), yet ordersRead ${dq.ordersRead} ≠ rows used ${used}: rows neither used nor skipped`);
  const listed = (dq.problems?.length ?? 0) + (dq.problemsOmitted ?? 0);
  if (listed > dq.rowsSkipped) out.push(`${listed} problems listed for ${dq.rowsSkipped} skipped rows`);
  if (dq.rowsSkipped > 0 && listed === 0) out.push(`${dq.rowsSkipped} rows skipped, no problem listed`);
  for (const p of dq.problems ?? []) {
    if (!Number.isInteger(p.line) || p.line < 2) out.push(`problem without a data line: ${json1(p)}`);
    else if (!(p.code in (dq.skippedByCode ?? {}))) out.push(`problem code ${p.code} not in skippedByCode`);
    if (out.length > 6) break;
  }
  return out;
}

/** The figures a change that must alter none is compared on (everything but file names, encodings and warning text). */
export function figures(report, { lines = true } = {}) {
  const dq = report.dataQuality;
  return {
    asOf: report.asOf,
    window: report.window,
    groups: report.groups,
    rowsSkipped: dq.rowsSkipped,
    skippedByCode: sortKeys(dq.skippedByCode),
    ordersRead: dq.ordersRead,
    ordersExcluded: sortKeys(dq.ordersExcluded),
    unidentifiedOrders: dq.unidentifiedOrders,
    ...(lines ? { problems: (dq.problems ?? []).map((p) => `${p.line}:${p.code}`) } : {}),
  };
}
/** What differs between two figure sets, one line per key. */
export function diffFigures(want, got) {
  const out = [];
  for (const key of new Set([...Object.keys(want), ...Object.keys(got)])) {
    const a = JSON.stringify(want[key]);
    const b = JSON.stringify(got[key]);
    if (a !== b)
      out.push(`${key}: unmutated ${clip(a)} ≠ mutated ${clip(b)}${key === "groups" ? ` (${groupDiff(want.groups, got.groups)})` : ""}`);
  }
  return out;
}
function groupDiff(a, b) {
  if (!Array.isArray(a) || !Array.isArray(b)) return "";
  if (a.length !== b.length) return `${a.length} vs ${b.length} currencies`;
  for (let i = 0; i < a.length; i++) {
    if (a[i].currency !== b[i].currency) return `currency ${a[i].currency} vs ${b[i].currency}`;
    for (const k of Object.keys(a[i].metrics))
      if (a[i].metrics[k] !== b[i].metrics[k]) return `${a[i].currency} ${k} ${a[i].metrics[k]} → ${b[i].metrics[k]}`;
  }
  return "notes differ";
}

/** Invariance: the change must alter no figure. `expect` adjusts the documented differences. */
export function checkInvariant(res, base, { lines = true, adjust } = {}) {
  if (res.status !== 0) return [`exit ${res.status} where the unmutated file exits 0: ${firstLine(res.stderr)}`];
  const report = JSON.parse(res.stdout);
  const want = figures(base.report, { lines });
  const got = figures(report, { lines });
  adjust?.(want, got, report);
  return [...checkAccounting(report, base), ...diffFigures(want, got)];
}

/**
 * The structure oracle, from Python's csv: a malformed file (a quote left open, text after a
 * closing quote) is exit 3 naming a line of that record; a cut last row is TRUNCATED_ROW; a
 * well-formed file read with exit 0 has exactly Python's record count (no silent loss); a file
 * whose UTF-8 turns invalid after the first 64 KiB is exit 3 naming --encoding; NUL bytes in the
 * first 64 KiB are exit 3.
 */
export function checkStructure(res, py, base, { strict = false, inspect = false } = {}) {
  if (py.oracle_error) return [`the Python oracle failed: ${py.oracle_error}`];
  const out = [];
  const ok = res.status === 0 || res.status === 4;
  const report = ok ? safeJson(res.stdout) : null;
  if (ok && report && !inspect) out.push(...checkAccounting(report, base));
  if (py.nul_in_sample) {
    if (res.status !== 3) out.push(`NUL bytes in the first 64 KiB, yet exit ${res.status} (promised: 3, a binary file)`);
    return out;
  }
  if (py.invalid_utf8_later) {
    const { cut_at_end: cutAtEnd, line } = py.invalid_utf8_later;
    if (res.status === 3) {
      if (!/--encoding/.test(res.stderr))
        out.push(`invalid UTF-8 after the first 64 KiB: exit 3 but the message does not name --encoding: ${firstLine(res.stderr)}`);
      else if (!new RegExp(`:${line}: `).test(res.stderr))
        out.push(
          `invalid UTF-8 after the first 64 KiB, the first invalid byte on line ${line}: the message names another: ${firstLine(res.stderr)}`,
        );
    } else if (!(cutAtEnd && ok && report?.dataQuality.skippedByCode?.TRUNCATED_ROW >= 1))
      out.push(`UTF-8 that turns invalid after the first 64 KiB, yet exit ${res.status} (promised: 3 naming --encoding)`);
    return out;
  }
  if (py.header === null && py.error === null) {
    if (res.status !== 3) out.push(`no header at all (an empty file), yet exit ${res.status} (promised: 3)`);
    return out;
  }
  if (py.error && !py.error.cut) {
    if (res.status !== 3) {
      out.push(
        `malformed CSV (Python: ${py.error.message}, record on line ${py.error.record_line}), yet exit ${res.status}${ok && report ? ` with rowsRead ${report.dataQuality.rowsRead}` : ""}`,
      );
    } else {
      const named = [...res.stderr.matchAll(/:(\d+): /g)].map((m) => Number(m[1]));
      const inRecord = named.some((n) => n >= py.error.record_line && n <= Math.max(py.error.stop_line, py.error.record_line));
      if (!/malformed|quote/i.test(res.stderr) && py.error.record_line > 1)
        out.push(`malformed CSV but the message says something else: ${firstLine(res.stderr)}`);
      else if (!inRecord && py.error.record_line > 1)
        out.push(
          `malformed CSV: the message names line ${named.join(",") || "none"}, the record spans lines ${py.error.record_line}–${py.error.stop_line}`,
        );
    }
    return out;
  }
  // Well-formed, or cut inside a quoted cell of its last line (a cut download).
  const cut = Boolean(py.error?.cut);
  const records = py.records + (cut && py.header !== null ? 1 : 0);
  // A short last row without a line end is a cut one, unless rows before it were short too (an
  // export that leaves out trailing empty cells: docs/rules.md, "A cut download").
  const shortLast =
    py.last && !py.last.line_end && py.last.line > 1 && py.header && py.last.cells < headerWidth(py.header) && !py.last.short_before;
  const truncated = (cut && py.header !== null) || shortLast;
  if (strict && truncated) {
    // --strict: the first row that can't be read is an input error (README "Exit codes", 3), named by
    // its line: the cut row, or one before it that can't be read either.
    const line = cut ? py.error.record_line : py.last.line;
    const named = [...res.stderr.matchAll(/:(\d+): /g)].map((m) => Number(m[1]));
    if (res.status !== 3) out.push(`--strict and a cut last row (line ${line}), yet exit ${res.status}`);
    else if (!named.some((n) => n >= 2 && n <= line))
      out.push(`--strict and a cut last row: the message names no line up to ${line}: ${firstLine(res.stderr)}`);
    return out;
  }
  if (res.status === 3) {
    if (/malformed/i.test(res.stderr)) out.push(`well-formed CSV by Python (${records} records), yet exit 3: ${firstLine(res.stderr)}`);
    return out;
  }
  if (!ok || !report) {
    if (ok) out.push("stdout is no JSON report");
    return out;
  }
  if (report.dataQuality.rowsRead !== records)
    out.push(
      `Python reads ${records} data records${cut ? " (the last one cut inside a quoted cell)" : ""}, the report says rowsRead ${report.dataQuality.rowsRead}: rows lost or invented`,
    );
  // (A cut header is no data row; inspect lists only its first problems.)
  const listed = !inspect || (report.dataQuality.problemsListed ?? 0) >= report.dataQuality.rowsSkipped;
  if (((cut && py.header !== null) || shortLast) && listed && !(report.dataQuality.skippedByCode?.TRUNCATED_ROW >= 1))
    out.push(
      `the file ends inside its last row (${cut ? "an open quoted cell" : `${py.last.cells} of ${headerWidth(py.header)} cells, no line end`}), yet no TRUNCATED_ROW`,
    );
  return out;
}
const headerWidth = (header) => {
  let n = header.length;
  while (n > 0 && header[n - 1].trim() === "") n--;
  return n;
};

// ---------------------------------------------------------------------------------------------
// The categories: each makes a case (files, args, its oracle) from a base and a generator

const text2bytes = (base, text) => encodeAs(text, base.encoding) ?? Buffer.from(text, "utf8");
const dataStart = (text) => {
  const m = text.match(/\r\n|\r|\n/);
  return m ? m.index + m[0].length : text.length;
};
const withRecords = (base, records, eol = "\n") => serialize([base.header, ...records], base.delimiter, eol);
const dataRecords = (base) => base.records.slice(1);
/**
 * `inspect --format json` on the same input: the same structure promises, on its own summary
 * (rows, rowsSkipped, problems; it has no skippedByCode), so the command that says what it read
 * reads what report reads.
 */
function inspectCase(base, bytes, variant) {
  return {
    variant: `${variant} (inspect)`,
    files: { "orders.csv": bytes },
    args: (f) => ["inspect", f["orders.csv"], ...base.args, "--format", "json", "--tz", "Europe/Prague"],
    python: { file: "orders.csv" },
    check: ([res], py) => {
      const parsed = res.status === 0 ? safeJson(res.stdout) : null;
      // As a report's dataQuality, for checkStructure: rows skipped by code from the problems it lists.
      const byCode = {};
      for (const p of parsed?.problems ?? []) byCode[p.code] = (byCode[p.code] ?? 0) + 1;
      const asReport = parsed && {
        stdout: JSON.stringify({
          dataQuality: {
            rowsRead: parsed.rows,
            rowsSkipped: parsed.rowsSkipped,
            skippedByCode: byCode,
            problems: [],
            problemsListed: parsed.problems?.length ?? 0,
          },
        }),
      };
      const out = checkStructure({ ...res, ...(asReport ?? {}) }, py, null, { inspect: true });
      if (parsed && !(parsed.rowsSkipped <= parsed.rows)) out.push(`inspect: rowsSkipped ${parsed.rowsSkipped} > rows ${parsed.rows}`);
      return out;
    },
  };
}
const structureCase = (base, bytes, variant, extra = {}) => ({
  variant,
  files: { "orders.csv": bytes },
  args: (f) => reportArgs(f["orders.csv"], base),
  python: { file: "orders.csv", encoding: extra.encoding ?? null },
  check: ([res], py) => checkStructure(res, py, base, extra),
});
const invariantCase = (base, bytes, variant, options = {}) => ({
  variant,
  files: { "orders.csv": bytes },
  args: (f) => [...reportArgs(f["orders.csv"], base), ...(options.flags ?? [])],
  python: options.python ? { file: "orders.csv", encoding: options.encoding ?? null } : undefined,
  check: ([res], py) => {
    const out = checkInvariant(res, base, options);
    if (py && res.status === 0 && !py.error && !py.oracle_error) {
      const report = JSON.parse(res.stdout);
      if (report.dataQuality.rowsRead !== py.records)
        out.push(`Python reads ${py.records} data records, the report says rowsRead ${report.dataQuality.rowsRead}`);
    }
    return out;
  },
});

/** Insert `s` at character offset i. */
const insertAt = (text, i, s) => text.slice(0, i) + s + text.slice(i);
const QUOTE_VARIANTS = ["insert", "drop", "open-field", "after-close", "inch-mark"];

export const CATEGORIES = [
  {
    name: "quotes",
    title: "quotes inserted, dropped, unterminated, after a closing quote, inside a field",
    make(base, r) {
      let text = base.text;
      const from = dataStart(text);
      let variant = r.pick(QUOTE_VARIANTS);
      const quotes = [...text.matchAll(/"/g)].map((m) => m.index).filter((i) => i >= from);
      if (variant === "drop" && quotes.length === 0) variant = "insert";
      const closing = [...text.matchAll(/[^"]"(?=[,;\t|\r\n])/g)].map((m) => m.index + 2).filter((i) => i > from);
      if (variant === "after-close" && closing.length === 0) variant = "open-field";
      if (variant === "insert") text = insertAt(text, r.between(r.chance(0.1) ? 0 : from, text.length), '"');
      else if (variant === "drop") {
        const at = r.pick(quotes);
        text = text.slice(0, at) + text.slice(at + 1);
      } else if (variant === "open-field") {
        // A quote at the start of a field: opens a quoted field that may never close.
        const starts = [...text.matchAll(new RegExp(`[${escapeRe(base.delimiter)}\\n]`, "g"))]
          .map((m) => m.index + 1)
          .filter((i) => i >= from);
        text = insertAt(text, r.pick(starts.length ? starts : [from]), '"');
      } else if (variant === "after-close") text = insertAt(text, r.pick(closing), r.pick(["x", " ", '"x', "5"]));
      else {
        // An inch mark inside an unquoted field (15" screen): text, by the documented rule.
        const fields = [
          ...text.matchAll(new RegExp(`(?<=[${escapeRe(base.delimiter)}\\n])[A-Za-z0-9][^"${escapeRe(base.delimiter)}\\r\\n]+`, "g")),
        ].filter((m) => m.index > from);
        if (fields.length) {
          const m = r.pick(fields);
          text = insertAt(text, m.index + 1 + r.int(m[0].length - 1), '"');
        } else variant = "inch-mark (none)";
      }
      return (r.chance(0.2) ? inspectCase : structureCase)(base, text2bytes(base, text), variant);
    },
  },
  {
    name: "encodings",
    title: "BOM, UTF-16 LE/BE, windows-1250 (with --encoding), invalid UTF-8 mid-file",
    make(base, r) {
      const variant = r.pick(["bom", "utf16le", "utf16be", "cp1250", "invalid-utf8", "invalid-utf8"]);
      const text = base.text;
      if (variant === "bom")
        return invariantCase(base, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]), "bom (UTF-8)", {
          python: true,
        });
      if (variant === "utf16le")
        return invariantCase(base, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]), variant, { python: true });
      if (variant === "utf16be") {
        const le = Buffer.from(text, "utf16le");
        const be = Buffer.alloc(le.length);
        for (let i = 0; i + 1 < le.length; i += 2) [be[i], be[i + 1]] = [le[i + 1], le[i]];
        return invariantCase(base, Buffer.concat([Buffer.from([0xfe, 0xff]), be]), variant, { python: true });
      }
      if (variant === "cp1250") {
        if (base.encoding === "windows-1250")
          return invariantCase(base, Buffer.from(text, "utf8"), "windows-1250 → UTF-8", { python: true });
        const bytes = encodeCp1250(text);
        if (bytes)
          return invariantCase(base, bytes, "windows-1250 --encoding", {
            flags: ["--encoding", "windows-1250"],
            python: true,
            encoding: "windows-1250",
          });
      }
      // Invalid UTF-8 at a character boundary: a lone continuation byte, 0xFF, or a cut sequence.
      const bytes = Buffer.from(text, "utf8");
      const late = bytes.length > 70_000 && r.chance(0.6);
      let at = late ? r.between(65_536, bytes.length - 1) : r.between(dataStart(text), Math.min(bytes.length, 65_536) - 1);
      while (at < bytes.length && (bytes[at] & 0xc0) === 0x80) at++;
      const bad = r.pick([[0xff], [0x80], [0xc3], [0xe2, 0x82], [0xed, 0xa0, 0x80]]);
      return structureCase(
        base,
        Buffer.concat([bytes.subarray(0, at), Buffer.from(bad), bytes.subarray(at)]),
        `invalid-utf8 ${late ? "after" : "within"} 64 KiB`,
      );
    },
  },
  {
    name: "binary",
    title: "NUL bytes, binary files, empty files",
    make(base, r) {
      const variant = r.pick(["nul", "nul", "nul-late", "garbage", "magic", "empty", "bom-only", "header-only", "long-header", "one-line"]);
      const bytes = text2bytes(base, base.text);
      if (variant === "nul" || (variant === "nul-late" && bytes.length > 70_000)) {
        const late = variant === "nul-late";
        const at = late ? r.between(65_536, bytes.length - 1) : r.between(0, Math.min(bytes.length, 65_536) - 1);
        const nuls = Buffer.alloc(r.between(1, 3));
        return structureCase(
          base,
          Buffer.concat([bytes.subarray(0, at), nuls, bytes.subarray(at)]),
          late ? "NUL after 64 KiB" : "NUL in the first 64 KiB",
        );
      }
      if (variant === "garbage" || variant === "nul-late") {
        const n = r.pick([16, 300, 5000, 100_000]);
        const junk = Buffer.alloc(n);
        for (let i = 0; i < n; i++) junk[i] = r.int(256);
        return { ...exitCase(base, junk, "random bytes", [3]), python: undefined };
      }
      if (variant === "magic") {
        const magic = r.pick([
          [0x1f, 0x8b, 0x08, 0x00],
          [0x50, 0x4b, 0x03, 0x04],
          [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
          [0x25, 0x50, 0x44, 0x46],
        ]);
        const body = Buffer.alloc(2000);
        for (let i = 0; i < body.length; i++) body[i] = r.int(256);
        return exitCase(base, Buffer.concat([Buffer.from(magic), body]), "zip/gzip/png/pdf", [3]);
      }
      if (variant === "long-header" || variant === "one-line") {
        // docs/rules.md, binary input: a header longer than 64 KiB, or no line break in the first 1 MiB, is exit 3.
        const header = [...base.header];
        header[r.int(header.length)] += "h".repeat(variant === "long-header" ? r.between(70_000, 200_000) : 0);
        const text =
          variant === "long-header"
            ? `${serializeRecord(header, base.delimiter)}\n${base.text.slice(dataStart(base.text))}`
            : `${serializeRecord(base.header, base.delimiter)}${base.delimiter}${"x".repeat(r.between(1_100_000, 1_500_000))}`;
        return exitCase(
          base,
          text2bytes(base, text),
          variant === "long-header" ? "a header over 64 KiB" : "no line break in the first 1 MiB",
          [3],
        );
      }
      if (variant === "empty") return structureCase(base, Buffer.alloc(0), "empty file");
      if (variant === "bom-only") return structureCase(base, Buffer.from([0xef, 0xbb, 0xbf]), "BOM only");
      return structureCase(base, text2bytes(base, `${serializeRecord(base.header, base.delimiter)}\n`), "header only");
    },
  },
  {
    name: "truncation",
    title: "the file cut at a random byte (a cut download)",
    make(base, r) {
      const bytes = text2bytes(base, base.text);
      const at = r.chance(0.15) ? r.between(0, Math.min(bytes.length, 200)) : r.between(0, bytes.length);
      const cut = bytes.subarray(0, at);
      if (r.chance(0.15)) {
        const c = structureCase(base, cut, `cut at byte ${at} of ${bytes.length}, --strict`, { strict: true });
        return { ...c, args: (f) => [...reportArgs(f["orders.csv"], base), "--strict"] };
      }
      return (r.chance(0.2) ? inspectCase : structureCase)(base, cut, `cut at byte ${at} of ${bytes.length}`);
    },
  },
  {
    name: "pasted",
    title: "two exports concatenated (with and without the second header, columns reordered), rows shuffled, CRLF/CR",
    make(base, r, bases) {
      let variant = r.pick([
        "self+header",
        "self",
        "self+reordered-header",
        "other-export",
        "shuffled",
        "shuffled",
        "repeated-rows",
        "crlf",
        "cr",
      ]);
      const data = dataRecords(base);
      const n = base.report.dataQuality.rowsRead;
      const hasKey = base.keyAt >= 0;
      const lineSum = base.platform === "online-retail";
      if (variant === "self+header" || variant === "self") {
        const twice = [...data, ...(variant === "self+header" ? [base.header] : []), ...data];
        return invariantCase(base, text2bytes(base, withRecords(base, twice).text), variant, {
          lines: false,
          python: true,
          adjust: pastedAdjust(base, n, variant === "self+header" ? 1 : 0, hasKey),
        });
      }
      if (variant === "self+reordered-header" && !lineSum && base.header.length > 1) {
        // The same columns in another order: the rows after it are read with its positions.
        const order = r.shuffle(base.header.map((_, i) => i));
        const permute = (cells) => order.map((i) => cells[i] ?? "");
        const width = base.header.length;
        const pad = (cells) => [...cells, ...Array(Math.max(0, width - cells.length)).fill("")].slice(0, Math.max(width, cells.length));
        const twice = [...data, permute(base.header), ...data.map((c) => permute(pad(c)))];
        return invariantCase(base, text2bytes(base, withRecords(base, twice).text), variant, {
          lines: false,
          python: true,
          adjust: (want, got, report) => {
            // The copy adds no order; its rows are skipped (an exact repeat or a key read before) or join their order.
            delete want.rowsSkipped;
            delete got.rowsSkipped;
            delete want.skippedByCode;
            delete got.skippedByCode;
            if (!hasKey) {
              want.ordersRead *= 2;
              delete want.groups;
              delete got.groups;
              delete want.unidentifiedOrders;
              delete got.unidentifiedOrders;
              delete want.ordersExcluded;
              delete got.ordersExcluded;
            }
            if (report.dataQuality.rowsRead !== 2 * n + 1) got.rowsRead = `${report.dataQuality.rowsRead} (want ${2 * n + 1})`;
            if ((report.dataQuality.repeatedHeaders ?? 0) !== 1) got.repeatedHeaders = report.dataQuality.repeatedHeaders ?? 0;
            want.repeatedHeaders = got.repeatedHeaders === undefined ? undefined : 1;
          },
        });
      }
      if (variant === "other-export" || variant === "self+reordered-header") {
        const others = bases.filter((b) => b.header.join("\u0000") !== base.header.join("\u0000") && !b.big);
        const other = r.pick(others);
        const a = withRecords(base, data).text;
        const b = serialize(other.records, other.delimiter).text;
        return {
          ...structureCase(
            base,
            Buffer.concat([text2bytes(base, a), encodeAs(b, other.encoding) ?? Buffer.from(b)]),
            `other-export (${other.id} after)`,
          ),
          python: { file: "orders.csv", delimiter: base.delimiter },
        };
      }
      const dupKeys = base.report.dataQuality.skippedByCode?.DUPLICATE_KEY ?? 0;
      if (variant === "repeated-rows" && hasKey && dupKeys === 0 && data.length > 0) {
        // Rows copied to random places, some with trailing separators: each copy counts once (DUPLICATE_ROW).
        const k = r.between(1, Math.min(5, data.length));
        const rows = [...data];
        for (let c = 0; c < k; c++) {
          const copy = [...r.pick(data)];
          if (r.chance(0.3)) copy.push("", "");
          rows.splice(r.int(rows.length + 1), 0, copy);
        }
        return invariantCase(base, text2bytes(base, withRecords(base, rows).text), `${k} rows repeated elsewhere`, {
          lines: false,
          python: true,
          adjust: (want, got, report) => {
            want.rowsSkipped += k;
            delete want.skippedByCode;
            delete got.skippedByCode;
            if (report.dataQuality.rowsRead !== n + k) got.rowsRead = `${report.dataQuality.rowsRead} (want ${n + k})`;
          },
        });
      }
      if (variant === "repeated-rows") variant = "shuffled";
      if (variant === "shuffled") {
        if (dupKeys === 0)
          return invariantCase(base, text2bytes(base, withRecords(base, r.shuffle(data)).text), "shuffled rows", {
            lines: false,
            python: true,
          });
        // "The first one read stands": with DUPLICATE_KEY rows the row order is part of the input.
        return invariantCase(base, text2bytes(base, withRecords(base, data).text), "re-serialized (DUPLICATE_KEY: no shuffle)", {
          lines: false,
          python: true,
        });
      }
      const eol = variant === "crlf" ? "\r\n" : "\r";
      return invariantCase(base, text2bytes(base, withRecords(base, data, eol).text), `${variant} line ends`, {
        lines: false,
        python: true,
      });
    },
  },
  {
    name: "requoted",
    title: "the same cells written otherwise: every cell quoted, a space after every delimiter, a trailing delimiter on every line",
    make(base, r) {
      const variant = r.pick(["all-quoted", "spaced", "trailing-delimiter"]);
      const d = base.delimiter;
      const quoteAll = (cells) => cells.map((c) => `"${c.replace(/"/g, '""')}"`).join(d);
      let text;
      if (variant === "all-quoted") text = `${base.records.map(quoteAll).join("\n")}\n`;
      else if (variant === "spaced")
        // `a, "b"` (one Ecwid variant): with the header written so, spaces after a delimiter are dropped.
        text = `${base.records.map((cells) => cells.map((c) => `"${c.replace(/"/g, '""')}"`).join(`${d} `)).join("\n")}\n`;
      else text = `${base.records.map((cells) => `${serializeRecord(cells, d)}${d}`).join("\n")}\n`;
      return invariantCase(base, text2bytes(base, text), variant, { lines: false, python: true });
    },
  },
  {
    name: "stdin-chunks",
    title:
      "the file on stdin (--orders -) in chunks of 1 to 64 KiB bytes, split anywhere (inside a character, a CRLF, a doubled quote), as UTF-8, UTF-16 or windows-1250",
    make(base, r) {
      const variant = r.pick(["as is", "as is", "crlf", "utf16le", "cp1250"]);
      let bytes = text2bytes(base, base.text);
      const flags = [];
      if (variant === "crlf") bytes = text2bytes(base, withRecords(base, dataRecords(base), "\r\n").text);
      else if (variant === "utf16le") bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(base.text, "utf16le")]);
      else if (variant === "cp1250" && base.encoding !== "windows-1250") {
        const cp = encodeCp1250(base.text);
        if (cp) {
          bytes = cp;
          flags.push("--encoding", "windows-1250");
        }
      }
      // Small files in tiny chunks; big ones in chunks around the 64 KiB sample.
      const small = bytes.length < 100_000;
      const chunks = [];
      for (let at = 0; at < bytes.length; ) {
        const size = small ? r.pick([1, 2, 3, r.between(1, 17), r.between(1, 4096)]) : r.between(1, 70_000);
        chunks.push(bytes.subarray(at, at + size));
        at += size;
      }
      const sizes = small ? "1–4096" : "1–70000";
      return {
        ...invariantCase(
          base,
          bytes,
          `stdin ${variant}${flags.length ? " --encoding windows-1250" : ""}, ${chunks.length} chunks of ${sizes} bytes`,
          {
            lines: variant !== "crlf",
            flags,
          },
        ),
        args: () => [...reportArgs("-", base), ...flags],
        stdin: chunks,
      };
    },
  },
  {
    name: "customers",
    title: "the --customers file cut, with quotes, NULs, pasted after itself, with a BOM, as UTF-16",
    make(_base, r) {
      const name = r.pick(CUSTOMERS_FILES);
      const bytes = readFileSync(join(ROOT, name));
      const text = bytes.toString("utf8");
      const variant = r.pick(["cut", "quote", "nul", "pasted", "bom", "utf16le"]);
      let mutated;
      if (variant === "cut") mutated = bytes.subarray(0, r.between(0, bytes.length));
      else if (variant === "quote") mutated = Buffer.from(insertAt(text, r.between(dataStart(text), text.length), '"'));
      else if (variant === "nul") {
        const at = r.between(0, bytes.length);
        mutated = Buffer.concat([bytes.subarray(0, at), Buffer.alloc(1), bytes.subarray(at)]);
      } else if (variant === "pasted") mutated = Buffer.from(`${text.endsWith("\n") ? text : `${text}\n`}${text.slice(dataStart(text))}`);
      else if (variant === "bom") mutated = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
      else mutated = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
      const orders = readFileSync(join(ROOT, "fixtures/orders/woocommerce-small.csv"));
      const args = (f, customers) => [
        "report",
        "--orders",
        f["orders.csv"],
        "--customers",
        f[customers],
        "--format",
        "json",
        "--window",
        "all",
        "--tz",
        "Europe/Prague",
      ];
      const invariant = variant === "pasted" || variant === "bom" || variant === "utf16le";
      return {
        variant: `${variant} (${name})`,
        files: { "orders.csv": orders, "customers.csv": mutated, "unmutated.csv": bytes },
        args: (f) => args(f, "customers.csv"),
        second: (f) => args(f, "unmutated.csv"),
        python: { file: "customers.csv" },
        check: ([res, plain], py) => {
          const out = [];
          if (plain.status !== 0) return [`the unmutated customers file exits ${plain.status}: ${firstLine(plain.stderr)}`];
          const mentions = res.stderr.includes("customers.csv");
          if (py.nul_in_sample) {
            if (res.status !== 3 || !mentions)
              out.push(`NUL bytes in the customers file, yet exit ${res.status}${mentions ? "" : " (or no message naming it)"}`);
          } else if (py.error && !py.error.cut) {
            if (res.status !== 3)
              out.push(`a malformed customers file (Python: ${py.error.message}, line ${py.error.record_line}), yet exit ${res.status}`);
            else if (!/customers\.csv:\d+: /.test(res.stderr))
              out.push(`a malformed customers file: the message names no customers.csv line: ${firstLine(res.stderr)}`);
          } else if (invariant) {
            if (res.status !== 0) out.push(`exit ${res.status} where the unmutated customers file exits 0: ${firstLine(res.stderr)}`);
            else {
              const a = JSON.parse(plain.stdout);
              const b = JSON.parse(res.stdout);
              for (const key of ["customersRead", "customersWithoutOrders"])
                if (a.dataQuality[key] !== b.dataQuality[key])
                  out.push(`${key}: unmutated ${a.dataQuality[key]} ≠ mutated ${b.dataQuality[key]}`);
              if (JSON.stringify(a.groups) !== JSON.stringify(b.groups)) out.push(`groups differ: ${groupDiff(a.groups, b.groups)}`);
            }
          }
          return out;
        },
      };
    },
  },
  {
    name: "engagement-inputs",
    title:
      "a --survey, --reviews, --tickets or --traffic file cut, with quotes, NULs, junk numbers or # lines, pasted after itself, as UTF-16",
    make(_base, r) {
      const [flag, name] = r.pick(ENGAGEMENT_FILES);
      const bytes = readFileSync(join(ROOT, name));
      const text = bytes.toString("utf8");
      const variant = r.pick(["cut", "quote", "nul", "pasted", "utf16le", "digits", "comment", "inspect"]);
      let mutated = bytes;
      if (variant === "cut") mutated = bytes.subarray(0, r.between(0, bytes.length));
      else if (variant === "quote") mutated = Buffer.from(insertAt(text, r.between(0, text.length), '"'));
      else if (variant === "nul") {
        const at = r.between(0, bytes.length);
        mutated = Buffer.concat([bytes.subarray(0, at), Buffer.alloc(1), bytes.subarray(at)]);
      } else if (variant === "pasted") mutated = Buffer.from(`${text.endsWith("\n") ? text : `${text}\n`}${text}`);
      else if (variant === "utf16le") mutated = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
      else if (variant === "digits") {
        // A number turned into another: negative, huge, a decimal comma, text.
        const numbers = [...text.matchAll(/\d+/g)];
        const m = numbers.length ? r.pick(numbers) : null;
        const into = r.pick(["-1", "99999999999", "1,5", "1 234", "x", "", "NaN", "24:99:00", "1e9"]);
        mutated = m ? Buffer.from(text.slice(0, m.index) + into + text.slice(m.index + m[0].length)) : bytes;
      } else if (variant === "comment") {
        const lines = text.split("\n");
        const at = r.between(0, lines.length);
        lines.splice(at, 0, r.pick(["# Start date: 20260101", "#", "", "# ----", "Grand total,1,2", ",99"]));
        mutated = Buffer.from(lines.join("\n"));
      }
      const orders = readFileSync(join(ROOT, "fixtures/traffic/orders.csv"));
      const args = (f) =>
        variant === "inspect"
          ? ["inspect", f["input.csv"], "--format", "json", "--tz", "Europe/Prague"]
          : [
              "report",
              ...(flag === "--traffic" ? ["--orders", f["orders.csv"]] : []),
              flag,
              f["input.csv"],
              "--format",
              "json",
              "--as-of",
              "2026-06-30",
              "--tz",
              "Europe/Prague",
            ];
      return {
        variant: `${variant} (${name})`,
        files: { "orders.csv": orders, "input.csv": mutated },
        args,
        // Any documented outcome, one line on an error: checkCommon. A report has the input's block.
        check: ([res]) => {
          if (res.status !== 0 || variant === "inspect") return [];
          const report = JSON.parse(res.stdout);
          const kind = { "--survey": null, "--reviews": "reviews", "--tickets": "support", "--traffic": "traffic" }[flag];
          return kind && !report.engagement?.[kind] ? [`exit 0 but no engagement.${kind} in the report`] : [];
        },
      };
    },
  },
  {
    name: "big-cells",
    title: "a 10 MB cell (unused column, quoted or not; or the amount)",
    weight: 0.3,
    make(base, r) {
      const data = dataRecords(base).map((c) => [...c]);
      if (data.length === 0) return null;
      const used = new Set(Object.values(base.columns).map((c) => String(c).toLowerCase()));
      let header = base.header;
      let at = header.findIndex((h, i) => h.trim() !== "" && !used.has(h.trim().toLowerCase()) && i < header.length);
      const amount = r.chance(0.25) && base.totalAt >= 0;
      if (at < 0) {
        header = [...header.slice(0, headerWidth(header)), "fuzz_note"];
        at = header.length - 1;
      }
      const unique = uniqueRows(base);
      if (unique.length === 0) return null;
      const row = r.pick(unique);
      const size = 10 * 1024 * 1024;
      const amountRow = amount ? pickRow(base, base.totalAt, r) : null;
      if (amountRow) {
        // The total of an order's first row (a later row's total is not read: docs/rules.md, line-item grain).
        data[amountRow.i][base.totalAt] = "1".repeat(size);
        return {
          ...structureCase(base, text2bytes(base, serialize([header, ...data], base.delimiter).text), "10 MB amount"),
          check: ([res], py) => {
            const out = checkStructure(res, py, base);
            if (res.status === 0 && !(JSON.parse(res.stdout).dataQuality.rowsSkipped > base.report.dataQuality.rowsSkipped))
              out.push("a 10 MB amount was not skipped");
            return out;
          },
        };
      }
      const quoted = r.chance(0.5);
      const piece = quoted ? `abc${base.delimiter} "q" \n` : "abcdefgh";
      const big = piece.repeat(Math.ceil(size / piece.length));
      data[row] = [...data[row], ...Array(Math.max(0, at + 1 - data[row].length)).fill("")];
      data[row][at] = big;
      return invariantCase(
        base,
        text2bytes(base, serialize([header, ...data], base.delimiter).text),
        `10 MB ${quoted ? "quoted multi-line" : "plain"} cell`,
        {
          lines: false,
          python: true,
        },
      );
    },
  },
  {
    name: "ragged",
    title: "rows with extra empty cells, an extra filled cell, missing cells",
    make(base, r) {
      const data = dataRecords(base).map((c) => [...c]);
      if (data.length === 0) return null;
      const variant = r.pick(["pad", "extra", "short"]);
      const rows = r.shuffle(data.map((_, i) => i)).slice(0, r.between(1, Math.min(5, data.length)));
      const width = headerWidth(base.header);
      if (variant === "pad") {
        for (const i of rows) data[i].push(...Array(r.between(1, 4)).fill(""));
        return invariantCase(base, text2bytes(base, withRecords(base, data).text), "extra empty cells", { lines: true, python: true });
      }
      if (variant === "extra") {
        const i = rows[0];
        while (data[i].length < width) data[i].push("");
        data[i].push(r.pick(["X", "1", "234.50", "note"]));
        const { text, starts } = withRecords(base, data);
        const line = starts[i + 1];
        return {
          ...structureCase(base, text2bytes(base, text), "an extra filled cell"),
          check: ([res], py) => {
            const out = checkStructure(res, py, base);
            if (res.status === 0) {
              const report = JSON.parse(res.stdout);
              const shifted = report.dataQuality.skippedByCode?.SHIFTED_ROW ?? 0;
              if (!(shifted > (base.report.dataQuality.skippedByCode?.SHIFTED_ROW ?? 0)))
                out.push(`line ${line} has a filled cell beyond the header's ${width}, yet no SHIFTED_ROW`);
            }
            return out;
          },
        };
      }
      for (const i of rows) data[i] = data[i].slice(0, Math.max(1, data[i].length - r.between(1, 3)));
      return structureCase(base, text2bytes(base, withRecords(base, data).text), "missing cells");
    },
  },
  {
    name: "amounts",
    title: "unreadable, too large, empty, Unicode-minus amounts; with --strict",
    make(base, r) {
      const pick = pickRow(base, base.totalAt, r);
      if (!pick) return null;
      const { data, i } = pick;
      const value = data[i][base.totalAt];
      const variant = r.pick([
        "unreadable",
        "unreadable",
        "too-large",
        "empty",
        "minus",
        "minus",
        "strict",
        ...(base.quantityAt >= 0 ? ["quantity", "quantity"] : []),
      ]);
      if (variant === "quantity") {
        // A line's quantity that is no whole number: that line is skipped by itself (docs/rules.md).
        const q = pickRow(base, base.quantityAt, r);
        if (q) {
          const bad = r.pick(["1.5", "x", "2k", "1e3", "--1", "½", "1 2"]);
          const copy = q.data.map((c) => [...c]);
          copy[q.i][base.quantityAt] = bad;
          const { text, starts } = withRecords(base, copy);
          const line = starts[q.i + 1];
          return {
            variant: `quantity ${json1(bad)}`,
            files: { "orders.csv": text2bytes(base, text) },
            args: (f) => reportArgs(f["orders.csv"], base),
            check: ([res]) =>
              rowSkipped(res, base, { line, codes: ["UNREADABLE_QUANTITY"], what: `quantity ${json1(bad)} on line ${line}` }),
          };
        }
      }
      const write = (v) => {
        const copy = data.map((c) => [...c]);
        copy[i][base.totalAt] = v;
        return withRecords(base, copy);
      };
      if (variant === "minus" && /^[0-9]/.test(value.trim())) {
        const sign = r.pick(["\u2212", "\u2013", "\uff0d", "\ufe63"]);
        const hyphen = write(`-${value.trim()}`);
        const unicode = write(`${sign}${value.trim()}`);
        return {
          variant: `U+${sign.codePointAt(0).toString(16).toUpperCase().padStart(4, "0")} minus = hyphen-minus`,
          files: { "hyphen.csv": text2bytes(base, hyphen.text), "unicode.csv": Buffer.from(unicode.text, "utf8") },
          args: (f) => reportArgs(f["hyphen.csv"], base),
          second: (f) => reportArgs(f["unicode.csv"], base),
          check: ([a, b]) => {
            if (a.status !== 0 || b.status !== 0)
              return [`exit ${a.status} (hyphen-minus) / ${b.status} (Unicode minus): ${firstLine(b.stderr || a.stderr)}`];
            const ra = JSON.parse(a.stdout);
            const rb = JSON.parse(b.stdout);
            return [
              ...checkAccounting(rb, base),
              ...diffFigures(figures(ra), figures(rb)).map((d) => d.replace("unmutated", "with -").replace("mutated", "with U+2212 &c.")),
            ];
          },
        };
      }
      const bad =
        variant === "too-large"
          ? "99999999999999999999"
          : variant === "empty" && (base.grain === "order" || base.platform === "online-retail")
            ? ""
            : r.pick([
                "2k",
                "3M",
                "1OO",
                "12.5x",
                "12%",
                "--5",
                "(-12.50)",
                "-(12.50)",
                "12 50",
                "abc",
                "Infinity",
                "NaN",
                "0x10",
                "1,2,3.4.5",
                "12.5.5",
              ]);
      const codes =
        variant === "too-large" ? ["AMOUNT_TOO_LARGE"] : bad === "" ? ["EMPTY_AMOUNT", "UNREADABLE_AMOUNT"] : ["UNREADABLE_AMOUNT"];
      const { text, starts } = write(bad);
      const line = starts[i + 1];
      const strict = variant === "strict";
      return {
        variant: strict ? `--strict with ${json1(bad)}` : `${json1(bad)}`,
        files: { "orders.csv": text2bytes(base, text) },
        args: (f) => [...reportArgs(f["orders.csv"], base), ...(strict ? ["--strict"] : [])],
        check: ([res]) => rowSkipped(res, base, { line, codes, strict, what: `amount ${json1(bad)} on line ${line}` }),
      };
    },
  },
  {
    name: "dates",
    title: "impossible, unreadable and empty order dates",
    make(base, r) {
      const pick = pickRow(base, base.dateAt, r);
      if (!pick) return null;
      const { data, i } = pick;
      const empty = base.grain === "order" || base.platform === "online-retail";
      const bad = r.pick([
        "2025-13-45",
        "2025-02-30",
        "0000-00-00",
        "yesterday",
        "31.02.2025 25:61",
        "1/1/1/1",
        "2025-06-31T10:00:00",
        "99999-01-01",
        ...(empty ? [""] : []),
      ]);
      const copy = data.map((c) => [...c]);
      copy[i][base.dateAt] = bad;
      const { text, starts } = withRecords(base, copy);
      const line = starts[i + 1];
      return {
        variant: json1(bad),
        files: { "orders.csv": text2bytes(base, text) },
        args: (f) => reportArgs(f["orders.csv"], base),
        check: ([res]) =>
          rowSkipped(res, base, {
            line,
            codes: bad === "" ? ["EMPTY_DATE"] : ["UNREADABLE_DATE"],
            what: `date ${json1(bad)} on line ${line}`,
            dateFormat: true,
          }),
      };
    },
  },
  {
    name: "flags",
    title: "every flag with bad values (usage errors, exit 2)",
    make(_base, r) {
      const [flag, value, command, code] = r.pick(BAD_FLAGS);
      const files = { "orders.csv": readFileSync(join(ROOT, "fixtures/orders/woocommerce-small.csv")) };
      if (flag === "--config" && value !== null) files["config.json"] = Buffer.from(value);
      // A file that can't be read is an input error (3); an empty file name is a usage error (2).
      const isFile = (flag === "--orders" || flag === "--customers") && value !== "";
      // A --map column the header lacks is an input error (docs/rules.md, "Platforms").
      const want = code ? [code] : isFile ? [3] : [2];
      return {
        variant:
          `${flag ?? ""} ${clip(json1(flag === "--config" ? (value === null ? "" : `file: ${value}`) : value), 40)}${command === "inspect" ? " (inspect)" : ""}`.trim(),
        files,
        args: (f) => {
          const v = flag === "--config" ? (value === null ? "" : f["config.json"]) : value;
          const extra = flag === null ? [value].flat() : [flag, v];
          if (command === "inspect") return ["inspect", f["orders.csv"], ...extra];
          if (flag === "--orders") return ["report", "--orders", value, "--format", "json"];
          return ["report", "--orders", f["orders.csv"], "--format", "json", ...extra];
        },
        check: ([res]) => {
          const out = [];
          if (!want.includes(res.status))
            out.push(`exit ${res.status}, promised ${want.join(" or ")}: ${firstLine(res.stderr) || "(no message)"}`);
          const errors = res.stderr.split("\n").filter((l) => l.startsWith("shopmetrics: error:"));
          if (want.includes(res.status) && errors.length !== 1) out.push(`${errors.length} "shopmetrics: error:" lines (want one)`);
          // README, exit 2 (usage errors): a message echoes at most the first 60 characters of a value, then "…".
          const long = typeof value === "string" ? value.match(/(.)\1{60,}/) : null;
          if (long && res.status === 2 && res.stderr.includes(long[1].repeat(61)))
            out.push(`the message echoes more than 60 characters of a ${value.length}-character value`);
          return out;
        },
      };
    },
  },
  {
    name: "escapes",
    title: "ESC, BEL, CR in cells and in file names",
    make(base, r) {
      const variant = r.pick(["amount", "unused-cell-cr", "file-name", "missing-file-name", "status", "header"]);
      const evil = r.pick(["\x1b[31mred\x1b[0m", "\x07bell", "a\rb", "\x1b]0;title\x07", "\x1b[2J\x1b[H", "\x9b31m"]);
      if (variant === "status" || variant === "header") {
        // Text a warning, an error or inspect quotes: an unknown status, a column name ("Columns found: …").
        const records = base.records.map((c) => [...c]);
        const statusAt = base.columns.status === undefined ? -1 : base.header.indexOf(base.columns.status);
        if (variant === "status" && statusAt >= 0) {
          const i = r.between(1, records.length - 1);
          records[i][statusAt] = `paid${evil}`;
        } else {
          const at = r.int(headerWidth(base.header));
          records[0][at] = `${records[0][at]}${evil.replace(/\r/g, "")}`;
        }
        const inspect = r.chance(0.5);
        return {
          variant: `${statusAt >= 0 && variant === "status" ? "status" : "header"} ${json1(evil)}${inspect ? " (inspect)" : ""}`,
          files: { "orders.csv": text2bytes(base, serialize(records, base.delimiter).text) },
          args: (f) => (inspect ? ["inspect", f["orders.csv"], ...base.args, "--tz", "Europe/Prague"] : reportArgs(f["orders.csv"], base)),
          check: () => [],
        };
      }
      if (variant === "amount") {
        const pick = pickRow(base, base.totalAt, r);
        if (pick) {
          const copy = pick.data.map((c) => [...c]);
          copy[pick.i][base.totalAt] = `12${evil}`;
          const { text, starts } = withRecords(base, copy);
          const line = starts[pick.i + 1];
          return {
            variant: `amount ${json1(`12${evil}`)}`,
            files: { "orders.csv": text2bytes(base, text) },
            args: (f) => [
              "report",
              "--orders",
              f["orders.csv"],
              ...base.args,
              "--format",
              "json",
              "--window",
              "all",
              "--tz",
              "Europe/Prague",
            ],
            check: ([res]) =>
              rowSkipped(res, base, { line, codes: ["UNREADABLE_AMOUNT"], what: `amount ${json1(`12${evil}`)} on line ${line}` }),
          };
        }
      }
      if (variant === "unused-cell-cr" || variant === "amount") {
        const used = new Set(Object.values(base.columns).map((c) => String(c).toLowerCase()));
        const at = base.header.findIndex((h) => h.trim() !== "" && !used.has(h.trim().toLowerCase()));
        if (at >= 0) {
          const data = dataRecords(base).map((c) => [...c]);
          const unique = uniqueRows(base);
          const i = unique.length ? r.pick(unique) : r.int(data.length);
          data[i] = [...data[i], ...Array(Math.max(0, at + 1 - data[i].length)).fill("")];
          data[i][at] = `x${evil}y`;
          return invariantCase(base, text2bytes(base, withRecords(base, data).text), `unused cell ${json1(`x${evil}y`)}`, {
            // A CR is a line end even inside a quoted cell: the lines after it are one further on.
            lines: !evil.includes("\r"),
            python: true,
          });
        }
      }
      const name = `or${evil}ders\x07.csv`;
      if (variant === "missing-file-name")
        return {
          variant: `missing file ${json1(name)}`,
          files: {},
          args: () => ["report", "--orders", join(tmpdir(), "no-such-dir-shopmetrics-fuzz", name), "--format", "json"],
          check: ([res]) => (res.status === 3 ? [] : [`a missing file, yet exit ${res.status}`]),
        };
      const format = r.pick(["json", "table", "csv"]);
      const bytes = text2bytes(base, base.text);
      const args = (f) => ["report", "--orders", f[name], ...base.args, "--window", "all", "--tz", "Europe/Prague", "--format", format];
      if (format === "json")
        return { ...invariantCase(base, bytes, `file name ${json1(name)}`, { lines: true }), files: { [name]: bytes }, args };
      return {
        variant: `file name ${json1(name)}, --format ${format}`,
        files: { [name]: bytes },
        args,
        check: ([res]) =>
          res.status === 0 ? [] : [`exit ${res.status} where the same file under a plain name exits 0: ${firstLine(res.stderr)}`],
      };
    },
  },
  {
    name: "stacked",
    title: "2–4 edits at once: lines repeated, dropped, swapped, a header pasted in; quotes, delimiters, line ends inserted",
    make(base, r) {
      let lines = base.text.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
      const edits = [];
      const n = r.between(2, 4);
      for (let e = 0; e < n && lines.length > 1; e++) {
        const op = r.pick(["repeat-line", "drop-line", "swap-lines", "header-line", "quote", "delimiter", "line-end", "cut"]);
        const i = r.between(1, lines.length - 1);
        if (op === "repeat-line") lines.splice(i, 0, lines[i]);
        else if (op === "drop-line") lines.splice(i, 1);
        else if (op === "swap-lines") {
          const j = r.between(1, lines.length - 1);
          [lines[i], lines[j]] = [lines[j], lines[i]];
        } else if (op === "header-line")
          lines.splice(i, 0, lines[0].endsWith("\n") || lines[0].endsWith("\r") ? lines[0] : `${lines[0]}\n`);
        else {
          const line = lines[i];
          const at = r.int(Math.max(1, line.replace(/[\r\n]+$/, "").length));
          if (op === "cut") lines = [...lines.slice(0, i), line.slice(0, at)];
          else lines[i] = insertAt(line, at, op === "quote" ? '"' : op === "delimiter" ? base.delimiter : r.pick(["\n", "\r", "\r\n"]));
        }
        edits.push(op);
      }
      return structureCase(base, text2bytes(base, lines.join("")), edits.join(" + "));
    },
  },
  {
    name: "analyses",
    title:
      "cohorts, rfm (with --customers-out), clv and the dashboard page on a cut, requoted, NUL-ridden or pasted file: report's exit, ledger and customers",
    weight: 0.5,
    make(base, r) {
      const variant = r.pick(["as is", "cut", "quote", "nul", "pasted"]);
      const bytes = text2bytes(base, base.text);
      let mutated = bytes;
      if (variant === "cut") mutated = bytes.subarray(0, r.between(0, bytes.length));
      else if (variant === "quote") mutated = text2bytes(base, insertAt(base.text, r.between(dataStart(base.text), base.text.length), '"'));
      else if (variant === "nul") {
        const at = r.between(0, bytes.length);
        mutated = Buffer.concat([bytes.subarray(0, at), Buffer.alloc(1), bytes.subarray(at)]);
      } else if (variant === "pasted")
        mutated = text2bytes(base, `${base.text.endsWith("\n") ? base.text : `${base.text}\n`}${base.text.slice(dataStart(base.text))}`);
      const common = (f) => ["--orders", f["orders.csv"], ...base.args, "--format", "json", "--tz", "Europe/Prague"];
      return {
        variant,
        files: { "orders.csv": mutated, "list.csv": Buffer.alloc(0), "page.html": Buffer.alloc(0) },
        args: (f) => reportArgs(f["orders.csv"], base),
        more: (f) => [
          ["cohorts", ...common(f), "--periods", "1000"],
          ["rfm", ...common(f), "--customers-out", f["list.csv"]],
          ["clv", ...common(f)],
          ["dashboard", "--orders", f["orders.csv"], ...base.args, "--tz", "Europe/Prague", "--out", f["page.html"]],
        ],
        check: ([report, cohorts, rfm, clv, dashboard], _py, f) => {
          const out = [];
          for (const [name, res] of [
            ["cohorts", cohorts],
            ["rfm", rfm],
            ["clv", clv],
            ["dashboard", dashboard],
          ]) {
            if (res.status !== report.status)
              out.push(`${name} exits ${res.status} where report exits ${report.status}: ${firstLine(res.stderr)}`);
            else if (res.status !== 0 && firstLine(res.stderr) !== firstLine(report.stderr))
              out.push(`${name} says ${json1(firstLine(res.stderr))} where report says ${json1(firstLine(report.stderr))}`);
          }
          if (out.length || report.status !== 0) return out;
          const [a, c, m, v] = [report, cohorts, rfm, clv].map((res) => JSON.parse(res.stdout));
          for (const [name, doc] of [
            ["cohorts", c],
            ["rfm", m],
            ["clv", v],
          ])
            if (JSON.stringify(doc.dataQuality) !== JSON.stringify(a.dataQuality)) out.push(`${name}'s dataQuality differs from report's`);
          let listed = 0;
          for (const [i, group] of a.groups.entries()) {
            const customers = group.metrics.customers ?? 0;
            if (m.groups[i]?.customers !== customers)
              out.push(`${group.currency}: rfm has ${m.groups[i]?.customers} customers, report ${customers}`);
            const acquired = (c.groups[i]?.cohorts ?? []).reduce((n, x) => n + x.customers, 0);
            if (acquired !== customers) out.push(`${group.currency}: the cohorts hold ${acquired} customers, report ${customers}`);
            if (v.groups[i]?.customers !== customers)
              out.push(`${group.currency}: clv has ${v.groups[i]?.customers} customers, report ${customers}`);
            listed += customers;
          }
          // The page: its two scripts only (the data, the sorting), and the report's ledger in its data.
          const page = readFileSync(f["page.html"], "utf8");
          if ((page.match(/<script/g) ?? []).length !== 2) out.push("the dashboard page has other than its two scripts");
          const data = /<script type="application\/json" id="shopmetrics-data">(.*?)<\/script>/s.exec(page);
          if (!data) out.push("the dashboard page embeds no data");
          else if (JSON.stringify(JSON.parse(data[1]).report.dataQuality) !== JSON.stringify(a.dataQuality))
            out.push("the dashboard's dataQuality differs from report's");
          const list = parseCsv(readFileSync(f["list.csv"]), { columns: true });
          if (list.length !== listed) out.push(`--customers-out lists ${list.length} customers, report counts ${listed}`);
          return out;
        },
      };
    },
  },
  {
    name: "closed-pipes",
    title: "stdout closed after 1 byte (| head -c 1), stdout on a full disk (/dev/full); spawned",
    weight: 0.25,
    spawned: true,
    make(base, r) {
      const variant = r.pick(["head -c 1", "head -c 1", "/dev/full"]);
      const format = r.pick(["csv", "json", "table"]);
      const series = r.chance(0.7) ? ["--window", "30d", "--every", "day", "--periods", "400"] : [];
      return {
        variant: `${variant}, --format ${format}${series.length ? " --every day" : ""}`,
        files: { "orders.csv": text2bytes(base, base.text) },
        args: (f) => ["report", "--orders", f["orders.csv"], ...base.args, "--tz", "Europe/Prague", "--format", format, ...series],
        spawn: variant === "/dev/full" ? "full" : "head",
        check: ([res]) => {
          const out = [];
          if (/^\s+at .+/m.test(res.stderr) || res.stderr.includes("node:internal"))
            out.push(`a stack trace on stderr: ${traceLine(res.stderr)}`);
          const errors = res.stderr.split("\n").filter((l) => l.startsWith("shopmetrics: error"));
          if (variant === "/dev/full") {
            // README "Exit codes", 3: stdout can't be written — one error line; this wins over 4.
            if (res.status !== 3)
              out.push(`stdout on a full disk (ENOSPC): exit ${res.status}${res.signal ? ` (${res.signal})` : ""}, promised 3`);
            if (errors.length !== 1 || !/cannot write to stdout/.test(errors[0] ?? ""))
              out.push(`want one "shopmetrics: error: cannot write to stdout: …" line, got: ${json1(errors)}`);
          } else {
            // 141: the reader has gone (128 + SIGPIPE), nothing said; 0 when the whole report fit in the pipe first.
            const gone = DOCUMENTED_EXIT_CODES.filter((c) => c > 128);
            if (![0, ...gone].includes(res.status))
              out.push(
                `stdout a closed pipe: exit ${res.status}${res.signal ? ` (${res.signal})` : ""}, documented: 0 or ${gone.join(", ") || "(none)"}`,
              );
            if (errors.length) out.push(`a closed pipe is said nothing about, yet: ${json1(errors[0])}`);
          }
          return out;
        },
      };
    },
  },
];

/** The engagement inputs' fixtures, each with its flag. */
const ENGAGEMENT_FILES = [
  ["--survey", "fixtures/surveys/typeform.csv"],
  ["--survey", "fixtures/surveys/surveymonkey.csv"],
  ["--reviews", "fixtures/reviews/judgeme.csv"],
  ["--reviews", "fixtures/reviews/heureka-shop.xml"],
  ["--tickets", "fixtures/tickets/zendesk.csv"],
  ["--tickets", "fixtures/tickets/freshdesk.csv"],
  ["--tickets", "fixtures/tickets/osticket-cs.csv"],
  ["--tickets", "fixtures/tickets/business-hours-dst.csv"],
  ["--traffic", "fixtures/traffic/ga4-cs.csv"],
  ["--traffic", "fixtures/traffic/ua.csv"],
  ["--traffic", "fixtures/traffic/matomo.csv"],
  ["--traffic", "fixtures/traffic/shopify-sessions.csv"],
];

const CUSTOMERS_FILES = [
  "fixtures/customers/joined.csv",
  "fixtures/customers/registered.csv",
  "fixtures/customers/woocommerce-customers.csv",
  "fixtures/sample-shop/customers_export.csv",
];

/** [flag, bad value, command, exit code]: flag null = the value is itself the argument(s); exit 2 unless given. */
const BAD_FLAGS = [
  ["--window", ""],
  ["--window", "x"],
  ["--window", "0d"],
  ["--window", "-3d"],
  ["--window", "12"],
  ["--window", "2025-13-01..2025-12-31"],
  ["--window", "2025-12-31..2025-01-01"],
  ["--window", "1e3d"],
  ["--window", "\x1b[31m3d"],
  ["--window", "7".repeat(5000)],
  ["--tz", "A".repeat(300)],
  ["--fail-if", `aov<${"9".repeat(400)}x`],
  ["--orders", ""],
  ["--customers", ""],
  ["--config", null],
  ["--as-of", ""],
  ["--as-of", "2025-02-30"],
  ["--as-of", "31.12.2025"],
  ["--as-of", "tomorrow"],
  ["--as-of", "2025-13-01"],
  ["--tz", ""],
  ["--tz", "Mars/Olympus"],
  ["--tz", "UTC+99"],
  ["--tz", "../../etc/passwd"],
  ["--map", "total"],
  ["--map", "=Total"],
  ["--map", "nosuchfield=order_total"],
  ["--map", "x".repeat(3000)],
  ["--currency", ""],
  ["--currency", "EURO"],
  ["--currency", "E1"],
  ["--currency", "123"],
  ["--margin", ""],
  ["--margin", "abc"],
  ["--margin", "-0.5"],
  ["--margin", "NaN"],
  ["--margin", "Infinity"],
  ["--periods", "0"],
  ["--periods", "-3"],
  ["--periods", "1.5"],
  ["--periods", "abc"],
  ["--periods", ""],
  ["--fail-if", "x"],
  ["--fail-if", "aov"],
  ["--fail-if", "aov<"],
  ["--fail-if", "nosuch<1"],
  ["--fail-if", "aov<abc"],
  ["--fail-if", "aov==1"],
  ["--format", "xml"],
  ["--format", ""],
  ["--every", "fortnight"],
  ["--every", ""],
  ["--compare", "next"],
  ["--compare", ""],
  ["--decimal", ";"],
  ["--decimal", ""],
  ["--decimal", ".."],
  ["--date-format", "ymd"],
  ["--date-format", ""],
  ["--delimiter", ""],
  ["--delimiter", "ab"],
  ["--delimiter", '"'],
  ["--delimiter", "\n"],
  ["--encoding", "nonsense"],
  ["--encoding", ""],
  ["--platform", "amazon"],
  ["--platform", ""],
  ["--status-map", "x"],
  ["--status-map", "=completed"],
  ["--status-map", "Paid=bogus"],
  ["--customers-map", "x"],
  ["--customers-map", "nosuch=Col"],
  ["--config", "{not json"],
  ["--config", '{"nosuchkey": 1}'],
  ["--config", "[1, 2]"],
  ["--config", '{"tz": "Mars/Olympus"}'],
  ["--config", '{"map": "total"}'],
  [null, "--nosuch"],
  [null, "-x"],
  [null, ["--window", "2025-01-01..2025-02-01", "--every", "month"]],
  ["--map", "total=\x1b[2Jgone", "report", 3],
  ["--map", `total=${"c".repeat(200)}`, "report", 3],
  ["--orders", "/nonexistent/orders.csv"],
  ["--orders", "/"],
  ["--customers", "/nonexistent/customers.csv"],
  ["--tz", "Mars/Olympus", "inspect"],
  ["--encoding", "nonsense", "inspect"],
  ["--delimiter", "ab", "inspect"],
  ["--date-format", "ymd", "inspect"],
  [null, "--nosuch", "inspect"],
];

/**
 * Data rows that repeat no other row and that no row repeats (trailing empty cells aside): a
 * change to one of their unused cells must alter no figure. (A row's every cell, used or not,
 * decides whether it is an exact repeat, DUPLICATE_ROW.)
 */
function uniqueRows(base) {
  const data = dataRecords(base);
  const keyOf = (cells) => JSON.stringify(cells.slice(0, headerWidth(cells)));
  const seen = new Map();
  for (const cells of data) seen.set(keyOf(cells), (seen.get(keyOf(cells)) ?? 0) + 1);
  return data.map((_, i) => i).filter((i) => seen.get(keyOf(data[i])) === 1);
}

/** A data row whose `at` cell is filled and which the unmutated report did not skip (the first row of its order). */
function pickRow(base, at, r) {
  if (at < 0) return null;
  const data = dataRecords(base);
  const { starts } = withRecords(base, data);
  const seen = new Set();
  const skippedKeys = new Set();
  for (let i = 0; i < data.length; i++) if (base.problemLines.has(starts[i + 1]) && base.keyAt >= 0) skippedKeys.add(data[i][base.keyAt]);
  // Not an order whose first row is an item row before its total row: its values are read from
  // the total row (the item row only fills what that leaves empty) and its problems are said at
  // its first row (docs/rules.md), which is not the row a check here would look at.
  const hasTotal = (row) => base.totalAt >= 0 && (row[base.totalAt] ?? "").trim() !== "";
  const keysWithTotal = new Set();
  const itemFirst = new Set();
  if (base.keyAt >= 0) {
    for (const row of data) if (hasTotal(row)) keysWithTotal.add(row[base.keyAt]);
    const met = new Set();
    for (const row of data) {
      const key = row[base.keyAt];
      if (!met.has(key) && keysWithTotal.has(key) && !hasTotal(row)) itemFirst.add(key);
      met.add(key);
    }
  }
  const candidates = [];
  for (let i = 0; i < data.length; i++) {
    const key = base.keyAt >= 0 ? data[i][base.keyAt] : null;
    if (key !== null && itemFirst.has(key) && base.platform !== "online-retail") continue;
    const first = key === null || !seen.has(key);
    if (key !== null) seen.add(key);
    if (!first && base.platform !== "online-retail") continue;
    if ((data[i][at] ?? "").trim() === "" || base.problemLines.has(starts[i + 1]) || skippedKeys.has(key)) continue;
    candidates.push(i);
  }
  if (candidates.length === 0) return null;
  return { data, i: r.pick(candidates) };
}

/** A bad value in a row: that row (and its order) is skipped with the code, nothing else changes; --strict stops at it. */
function rowSkipped(res, base, { line, codes, strict = false, what, dateFormat = false }) {
  const out = [];
  if (strict) {
    if (res.status !== 3) out.push(`--strict and an unreadable ${what}, yet exit ${res.status}`);
    else if (!/:\d+: /.test(res.stderr)) out.push(`--strict: the message names no line: ${firstLine(res.stderr)}`);
    return out;
  }
  if (res.status === 3 && dateFormat && /--date-format/.test(res.stderr)) return out;
  if (res.status !== 0) return [`exit ${res.status} for a bad ${what}: ${firstLine(res.stderr)}`];
  const report = JSON.parse(res.stdout);
  out.push(...checkAccounting(report, base));
  const dq = report.dataQuality;
  const before = base.report.dataQuality;
  const grew = codes.filter((c) => (dq.skippedByCode?.[c] ?? 0) > (before.skippedByCode?.[c] ?? 0));
  if (grew.length === 0) out.push(`bad ${what}: no ${codes.join("/")} skip (skippedByCode ${json1(dq.skippedByCode)}); read as a value?`);
  else if (!dq.problems.some((p) => codes.includes(p.code) && p.line === line))
    out.push(`bad ${what}: no ${codes.join("/")} problem names line ${line}`);
  if (dq.rowsRead !== before.rowsRead) out.push(`rowsRead ${before.rowsRead} → ${dq.rowsRead} for a change of one cell`);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Running

/**
 * Runs a spawned bin/shopmetrics.js whose stdout is closed after 1 byte, or is /dev/full. A
 * dist/ being rebuilt by someone else meanwhile (no dist/cli/main.js) is waited for, not a result.
 */
async function runSpawned(args, mode) {
  for (let attempt = 0; ; attempt++) {
    const res = await spawnOnce(args, mode);
    if (!/ERR_MODULE_NOT_FOUND[^\n]*dist/.test(res.stderr)) return res;
    if (attempt >= 5) return { ...res, stderr: `(dist/ is not built: run npm run build)\n${res.stderr}` };
    await new Promise((done) => setTimeout(done, 3000));
  }
}
function spawnOnce(args, mode) {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", TZ: "Europe/Prague" },
      stdio: ["ignore", mode === "full" ? (existsSync("/dev/full") ? openFull() : "pipe") : "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    if (mode === "head" && child.stdout) {
      child.stdout.once("data", () => child.stdout.destroy());
    }
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("close", (status, signal) => {
      clearTimeout(timer);
      done({ status, signal, stdout: "", stderr });
    });
  });
}
let fullFd = null;
function openFull() {
  if (fullFd === null) fullFd = openSync("/dev/full", "w");
  return fullFd;
}

const withTimeout = (promise, ms) =>
  Promise.race([promise, new Promise((done) => setTimeout(() => done({ status: "timeout", stdout: "", stderr: "" }), ms).unref())]);

/**
 * Runs `count` cases from `seed`: case k takes category k mod (weighted list), a base and its
 * mutation from its own generator, so `only` re-runs one case alone. Returns per category
 * { tried, outcomes, passed, failed, examples } and the failures (with their inputs, to write).
 */
export async function fuzz({ seed, count, run, bases, categories = CATEGORIES, only = null, python, dir, timeoutMs = 120_000, onCase }) {
  const schedule = [];
  for (const c of categories) for (let w = 0; w < Math.max(1, Math.round((c.weight ?? 1) * 4)); w++) schedule.push(c);
  const stats = new Map(categories.map((c) => [c.name, { tried: 0, outcomes: {}, passed: 0, failed: 0, variants: {} }]));
  const failures = [];
  for (let k = 0; k < count; k++) {
    if (only !== null && k !== only) continue;
    const category = schedule[k % schedule.length];
    const r = rng(caseSeed(seed, k));
    const base = pickBase(category, bases, r);
    const made = base && category.make(base, r, bases);
    if (!made) continue;
    const caseDir = join(dir, `case-${k}`);
    mkdirSync(caseDir, { recursive: true });
    const paths = {};
    for (const [name, bytes] of Object.entries(made.files)) {
      paths[name] = join(caseDir, name);
      writeFileSync(paths[name], bytes);
    }
    const runs = [made.args(paths), ...(made.second ? [made.second(paths)] : []), ...(made.more ? made.more(paths) : [])];
    const results = [];
    for (const args of runs)
      results.push(
        made.spawn ? await runSpawned(args, made.spawn) : await withTimeout(run(args, made.stdin ? { stdin: made.stdin } : {}), timeoutMs),
      );
    const py = made.python ? await python.ask(paths[made.python.file], made.python) : null;
    let problems = [];
    try {
      problems = made.spawn
        ? made.check(results, py, paths)
        : [...results.flatMap((res, i) => checkCommon(res, { format: formatOf(runs[i]) })), ...made.check(results, py, paths)];
    } catch (e) {
      problems = [`the oracle threw: ${e.message}`];
    }
    problems = [...new Set(problems)];
    const s = stats.get(category.name);
    s.tried++;
    const outcome = String(results[0].status);
    s.outcomes[outcome] = (s.outcomes[outcome] ?? 0) + 1;
    if (problems.length === 0) s.passed++;
    else {
      s.failed++;
      const failure = {
        k,
        category: category.name,
        variant: made.variant,
        base: base.id,
        problems,
        runs,
        paths,
        dir: caseDir,
        results,
        stdin: Boolean(made.stdin),
      };
      failures.push(failure);
    }
    if (problems.length === 0) rmSync(caseDir, { recursive: true, force: true });
    onCase?.({ k, category: category.name, variant: made.variant, base: base.id, problems });
  }
  return { stats, failures };
}

function pickBase(category, bases, r) {
  // Most cases need no 2 MB file: the big ones are taken for what needs size (past 64 KiB).
  const small = bases.filter((b) => !b.big);
  const wantBig = ["encodings", "binary", "truncation", "stdin-chunks"].includes(category.name) && r.chance(0.25);
  const pool = wantBig
    ? bases.filter((b) => b.big)
    : category.name === "big-cells" || category.name === "closed-pipes"
      ? small.filter((b) => b.bytes.length < 100_000)
      : small;
  return pool.length ? r.pick(pool) : r.pick(bases);
}

const formatOf = (args) => {
  const i = args.lastIndexOf("--format");
  if (args[0] === "inspect" && args[i + 1] !== "json") return "inspect";
  return i >= 0 ? args[i + 1] : "table";
};

/** The table `npm run fuzz` prints (and docs/reliability.md shows). */
export function table(stats) {
  const rows = [["category", "inputs", "outcomes (exit: count)", "passed", "failed"]];
  let tried = 0;
  let passed = 0;
  let failed = 0;
  for (const [name, s] of stats) {
    const outcomes = Object.entries(s.outcomes)
      .sort()
      .map(([k, v]) => `${k}: ${v}`)
      .join(", ");
    rows.push([name, String(s.tried), outcomes, String(s.passed), String(s.failed)]);
    tried += s.tried;
    passed += s.passed;
    failed += s.failed;
  }
  rows.push(["all", String(tried), "", String(passed), String(failed)]);
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const line = (row) => `| ${row.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  return [line(rows[0]), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.slice(1).map(line)].join("\n");
}

/** Keeps a failing case's inputs under `to` (.fuzz/ in the project) with how to re-run it. */
export function keepFailure(failure, to, seed) {
  const dir = join(to, `seed-${seed}-case-${failure.k}-${failure.category}`);
  mkdirSync(dir, { recursive: true });
  const moved = {};
  const copies = [];
  for (const [name, path] of Object.entries(failure.paths)) {
    const safe = name.replace(/[^\w.-]/g, "_");
    writeFileSync(join(dir, safe), readFileSync(path));
    if (safe === name) moved[path] = join(dir, safe);
    else {
      // A name the test is about (control characters): the command recreates it under /tmp.
      moved[path] = join(tmpdir(), name);
      copies.push(`cp ${shellQuote(relative(ROOT, join(dir, safe)))} ${shellQuote(moved[path])} &&`);
    }
  }
  const argv = (args) => args.map((a) => moved[a] ?? a);
  // stdin cases: the shell hands the file over in its own chunks; `--case` re-runs the same chunks.
  const stdin = failure.stdin ? ` < ${shellQuote(relative(ROOT, Object.values(moved)[0] ?? ""))}` : "";
  const cmd = failure.runs.map((args) =>
    `${copies.join(" ")} node bin/shopmetrics.js ${argv(args).map(shellQuote).join(" ")}${stdin}`.trim(),
  );
  const text = [
    `category: ${failure.category}`,
    `variant: ${failure.variant}`,
    `base: ${failure.base}`,
    `re-run: npm run fuzz -- --seed ${seed} --case ${failure.k}`,
    "",
    "what failed:",
    ...failure.problems.map((p) => `  - ${p}`),
    "",
    "commands (bash, from the project root):",
    ...cmd.map((c) => `  ${c}`),
    "",
    "exit / stderr:",
    ...failure.results.map(
      (res) =>
        `  exit ${res.status}\n${res.stderr
          .split("\n")
          .slice(0, 8)
          .map((l) => `    ${json1(l).slice(1, -1)}`)
          .join("\n")}`,
    ),
    "",
  ].join("\n");
  writeFileSync(join(dir, "README.txt"), text);
  return relative(ROOT, dir);
}

// ---------------------------------------------------------------------------------------------
// Small helpers

function pastedAdjust(base, n, headers, hasKey) {
  return (want, got, report) => {
    const dq = report.dataQuality;
    const wantRows = 2 * n + headers;
    if (dq.rowsRead !== wantRows)
      got.rowsRead = `${dq.rowsRead} (want ${wantRows}: both copies' rows${headers ? " and the second header" : ""})`;
    if ((dq.repeatedHeaders ?? 0) !== headers) got.repeatedHeaders = `${dq.repeatedHeaders ?? 0} (want ${headers})`;
    if (hasKey) {
      // The second copy repeats the first row for row: every one of its rows is skipped (DUPLICATE_ROW).
      want.rowsSkipped += n;
      const dup = (dq.skippedByCode?.DUPLICATE_ROW ?? 0) - (base.report.dataQuality.skippedByCode?.DUPLICATE_ROW ?? 0);
      if (dup < n - base.report.dataQuality.rowsSkipped)
        got.duplicateRows = `${dup} new DUPLICATE_ROW (want ≥ ${n - base.report.dataQuality.rowsSkipped})`;
      delete want.skippedByCode;
      delete got.skippedByCode;
    } else {
      // No order key: nothing tells a repeat from a second order, so every row counts (documented).
      want.ordersRead *= 2;
      want.rowsSkipped *= 2;
      for (const k of ["groups", "skippedByCode", "unidentifiedOrders", "ordersExcluded"]) {
        delete want[k];
        delete got[k];
      }
    }
  };
}

function sortKeys(o) {
  return Object.fromEntries(Object.entries(o ?? {}).sort(([a], [b]) => a.localeCompare(b)));
}
const escapeRe = (s) => s.replace(/[\\^$.*+?()[\]{}|-]/g, "\\$&");
const safeJson = (s) => {
  try {
    return JSON.parse(s);
  } catch {
    return null;
  }
};
/** The error line of a stack trace (`Error: write EPIPE`), else its first frame. */
const traceLine = (s) => {
  const lines = s.split("\n");
  return (lines.find((l) => /^\w*Error\b.*:/.test(l)) ?? lines.find((l) => /^\s+at |node:internal/.test(l)) ?? "").trim();
};
export const firstLine = (s) => (s ?? "").split("\n").find((l) => l.trim() !== "") ?? "";
const lineWith = (s, i) => s.slice(s.lastIndexOf("\n", i) + 1, s.indexOf("\n", i) < 0 ? undefined : s.indexOf("\n", i)).slice(0, 160);
const json1 = (v) => JSON.stringify(v);
const clip = (s, n = 160) => (s && s.length > n ? `${s.slice(0, n - 3)}…` : s);
const shellQuote = (a) =>
  /^[\w./=:@+-]+$/.test(a)
    ? a
    : new RegExp(ANY_CONTROL.source).test(a)
      ? `$'${a.replace(/[\\']/g, "\\$&").replace(ANY_CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`)}'`
      : `'${a.replace(/'/g, "'\\''")}'`;
function exitCase(base, bytes, variant, codes) {
  return {
    variant,
    files: { "orders.csv": bytes },
    args: (f) => reportArgs(f["orders.csv"], base),
    check: ([res]) => (codes.includes(res.status) ? [] : [`${variant}: exit ${res.status}, promised ${codes.join(" or ")}`]),
  };
}

/**
 * `report --format html`: headline cards (the value, the change against the previous window,
 * a sparkline of the --every series), trend charts, every metric per currency with its
 * definition a link away, where the orders came from, the data-quality ledger and the
 * definitions. Every figure is drawn from the Report, which the page embeds as its JSON; each
 * shown value carries `data-path` (its place in that JSON) and `data-value` (the number), so a
 * test can hold the page to the document.
 */
import { type EngagementMetricInfo, engagementValue } from "../../core/engagement.js";
import type { MetricInfo } from "../../core/metric-info.js";
import type { AnalysisHeader, Change, DataQuality, GroupReport, InputSummary, Report, WindowInfo } from "../model.js";
import { lastDayOf } from "../model.js";
import { figure, sparkline, trendChart } from "./charts.js";
import type { PageFormat } from "./format.js";
import { html, renderPage } from "./page.js";

/** The headline cards' metrics, in the order the engagement literature leads with them. */
const HEADLINE: readonly string[] = [
  "aov",
  "purchaseFrequency",
  "guestCheckoutRate",
  "repeatPurchaseRate",
  "retentionRate",
  "churnRate",
  "clv",
];

/** A value as shown, tied to its place in the embedded JSON. */
export function shown(text: string, path: string, value: number | null, tag = "span", className = ""): string {
  const cls = className === "" ? "" : ` class="${className}"`;
  return `<${tag}${cls} data-path="${html(path)}" data-value="${value === null ? "" : value}">${html(text)}</${tag}>`;
}

export function currencyName(currency: string | null): string {
  return currency ?? "(no currency)";
}

/**
 * A change as an arrow and its size: rates in percentage points, scores (NPS) in points, anything
 * else by its relative change (its absolute one when the previous value is 0). The size is
 * formatted from its magnitude, so no locale's minus sign or bidi mark needs stripping; the arrow
 * gives the direction. NPS's change says whether it is significant at 95 % (beyond 1.96 × the
 * standard error of the difference, as the JSON's `significant`).
 */
function changeText(
  info: MetricInfo,
  change: { absolute: number | null; relative: number | null } | undefined,
  f: PageFormat,
  currency: string | null,
  significant?: boolean | null,
): string {
  if (!change || change.absolute === null) return "";
  const { absolute, relative } = change;
  const arrow = absolute > 0 ? "▲" : absolute < 0 ? "▼" : "=";
  const good = info.better === "neither" || absolute === 0 ? "" : absolute > 0 === (info.better === "higher") ? "up" : "down";
  const size = Math.abs(absolute);
  const amount =
    info.unit === "rate"
      ? `${f.fixed(size * 100, 1)} pp`
      : info.unit === "score"
        ? `${f.fixed(size, 1)} points`
        : relative === null
          ? f.value(size, info.unit, currency)
          : f.percent(Math.abs(relative));
  const test =
    significant === undefined || significant === null
      ? ""
      : ` <span class="muted">${significant ? "significant at 95 %" : "within the margin of error"}</span>`;
  return `<span class="${good}">${arrow} ${html(amount)}</span>${test}`;
}

/** An engagement figure's change, as the JSON has it (and NPS's significance). */
function engagementChangeText(
  m: EngagementMetricInfo,
  entry: { readonly change?: Readonly<Record<string, Change>>; readonly significant?: boolean | null },
  f: PageFormat,
): string {
  return changeText(m, entry.change?.[m.field], f, null, m.id === "nps" ? entry.significant : undefined);
}

function card(
  info: MetricInfo,
  value: number | null,
  path: string,
  f: PageFormat,
  currency: string | null,
  change: string,
  previousWindow: WindowInfo | undefined,
  trend: readonly (number | null)[] | null,
): string {
  const spark =
    trend && trend.filter((v) => v !== null).length > 1 ? sparkline(trend, `${info.label}, the last ${trend.length} windows`) : "";
  const vs =
    change === ""
      ? ""
      : `<div class="change">${change} <span class="muted">vs ${html(previousWindow ? f.day(lastDayOf(previousWindow)) : "previous")}</span></div>`;
  return `<div class="card"><div class="label"><a href="#def-${html(info.id)}">${html(info.label)}</a></div>${shown(
    f.value(value, info.unit, currency),
    path,
    value,
    "div",
    "value",
  )}${vs}${spark}</div>`;
}

function seriesOf<Id extends string>(report: Report<Id>, currency: string | null, id: Id): (number | null)[] | null {
  if (!report.series) return null;
  return report.series.slice(-12).map((p) => p.groups.find((g) => g.currency === currency)?.metrics[id] ?? null);
}

/** What a report section is drawn from; `p` prefixes each value's path. */
interface SectionInputs<Id extends string> {
  readonly report: Report<Id>;
  readonly metrics: readonly MetricInfo<Id>[];
  readonly engagement: readonly EngagementMetricInfo[];
  readonly f: PageFormat;
  readonly p: string;
}

function cardsSection<Id extends string>({ report, metrics, engagement, f, p }: SectionInputs<Id>): string {
  const byId = new Map(metrics.map((m) => [m.id as string, m]));
  const out: string[] = [];
  report.groups.forEach((group, g) => {
    const cards = HEADLINE.flatMap((id) => {
      const info = byId.get(id);
      if (!info) return [];
      const value = group.metrics[info.id] ?? null;
      return [
        card(
          info,
          value,
          `${p}groups.${g}.metrics.${id}`,
          f,
          group.currency,
          changeText(info, group.change?.[info.id], f, group.currency),
          group.previous?.window,
          seriesOf(report, group.currency, info.id),
        ),
      ];
    });
    out.push(`<h3>${html(currencyName(group.currency))}</h3><div class="cards">${cards.join("")}</div>`);
  });
  const given = engagement.filter((m) => report.engagement?.[m.kind] && HEADLINE_ENGAGEMENT.has(m.id));
  if (given.length > 0) {
    const cards = given.map((m) => {
      const entry = report.engagement![m.kind]!;
      const value = engagementValue(entry, m.field);
      const change = engagementChangeText(m, entry, f);
      const trend = report.series ? report.series.slice(-12).map((p) => engagementValue(p.engagement?.[m.kind], m.field)) : null;
      return card(m, value, `${p}engagement.${m.kind}.${m.field}`, f, null, change, entry.previous?.window, trend);
    });
    out.push(`<h3>Engagement</h3><div class="cards">${cards.join("")}</div>`);
  }
  return `<section class="page" id="headline"><h2>Headline</h2>${out.join("")}</section>`;
}

/** The engagement inputs' lead figures: one a kind. */
const HEADLINE_ENGAGEMENT = new Set([
  "nps",
  "csatRate",
  "cesMeanScore",
  "positiveReviewGrowth",
  "medianFirstResponseHours",
  "conversionRate",
]);

function trendsSection<Id extends string>(report: Report<Id>, metrics: readonly MetricInfo<Id>[], f: PageFormat): string {
  if (!report.series || report.series.length < 2) return "";
  const byId = new Map(metrics.map((m) => [m.id as string, m]));
  const out: string[] = [];
  for (const group of report.groups) {
    const charts = HEADLINE.flatMap((id) => {
      const info = byId.get(id);
      if (!info) return [];
      const points = report.series!.map((p) => {
        const value = p.groups.find((g) => g.currency === group.currency)?.metrics[info.id] ?? null;
        return { day: p.asOf, value, text: f.value(value, info.unit, group.currency) };
      });
      // A metric the files can't give (null at every point) has no line to draw; its note is in the table.
      if (points.every((p) => p.value === null)) return [];
      const rows = points.map((p) => `<tr><td>${html(f.day(p.day))}</td><td class="num">${html(p.text)}</td></tr>`).join("");
      const label = `${info.label}, ${currencyName(group.currency)}`;
      return [
        figure(
          trendChart(points, label, info.unit === "rate", f.ticks),
          `${label}: each point ${windowPhrase(report.series![0]!.window)}`,
          `<table><thead><tr><th>Window ending</th><th class="num">${html(info.label)}</th></tr></thead><tbody>${rows}</tbody></table>`,
          info.id,
        ),
      ];
    });
    if (charts.length > 0) out.push(`<h3>${html(currencyName(group.currency))}</h3><div class="charts">${charts.join("")}</div>`);
  }
  return out.length === 0 ? "" : `<section class="page" id="trends"><h2>Trends</h2>${out.join("")}</section>`;
}

/** What one point of a series covers: `365d` → "the 365 days ending that day", `1d` → "that day", `all` → "all the orders up to that day". */
function windowPhrase(window: WindowInfo): string {
  if (window.spec === "all") return "all the orders up to that day";
  const match = /^(\d+)([dmy])$/.exec(window.spec);
  if (!match) return `the ${window.days} days ending that day`;
  const count = Number(match[1]);
  if (count === 1 && match[2] === "d") return "that day";
  const unit = { d: "day", m: "month", y: "year" }[match[2] as "d" | "m" | "y"];
  return count === 1 ? `the ${unit} ending that day` : `the ${count} ${unit}s ending that day`;
}

function metricsSection<Id extends string>({ report, metrics, engagement, f, p }: SectionInputs<Id>): string {
  const out: string[] = [];
  report.groups.forEach((group: GroupReport<Id>, g) => {
    const compare = group.previous !== undefined;
    const head = `<tr><th>Metric</th><th class="num">This window</th>${compare ? '<th class="num">Previous</th><th class="num">Change</th>' : ""}</tr>`;
    const rows = metrics.map((m) => {
      const value = group.metrics[m.id] ?? null;
      const note = group.notes[m.id];
      const previous = group.previous?.metrics[m.id] ?? null;
      const cells = compare
        ? `${shown(f.value(previous, m.unit, group.currency), `${p}groups.${g}.previous.metrics.${m.id}`, previous, "td", "num")}<td class="num">${changeText(m, group.change?.[m.id], f, group.currency)}</td>`
        : "";
      return `<tr><td><a href="#def-${html(m.id)}">${html(m.label)}</a>${note ? `<div class="note">${html(note)}</div>` : ""}</td>${shown(
        f.value(value, m.unit, group.currency),
        `${p}groups.${g}.metrics.${m.id}`,
        value,
        "td",
        "num",
      )}${cells}</tr>`;
    });
    out.push(
      `<h3>${html(currencyName(group.currency))}</h3><div class="scroll"><table><thead>${head}</thead><tbody>${rows.join("")}</tbody></table></div>`,
    );
    if (group.referrals && group.referrals.sources.length > 0) {
      const r = group.referrals;
      const lines = r.sources.map(
        (s, i) =>
          `<tr><td>${html(s.source)}</td>${shown(f.count(s.orders), `${p}groups.${g}.referrals.sources.${i}.orders`, s.orders, "td", "num")}<td class="num" data-value="${s.orderShare}">${html(f.percent(s.orderShare))}</td><td class="num" data-value="${s.newCustomers}">${html(f.count(s.newCustomers))}</td>${shown(f.money(s.revenue, group.currency), `${p}groups.${g}.referrals.sources.${i}.revenue`, s.revenue, "td", "num")}</tr>`,
      );
      out.push(
        `<h4>Where the orders came from</h4><p class="muted">${html(r.coverage === null ? "no orders in the window" : `${f.percent(r.coverage)} of the orders say`)}; ${html(r.basis)}</p><div class="scroll"><table class="sortable"><thead><tr><th>Source</th><th class="num">Orders</th><th class="num">Share</th><th class="num">New customers</th><th class="num">Revenue</th></tr></thead><tbody>${lines.join("")}</tbody></table></div>`,
      );
    }
  });
  const given = engagement.filter((m) => report.engagement?.[m.kind]);
  if (given.length > 0) {
    const compare = given.some((m) => report.engagement![m.kind]!.previous !== undefined);
    const head = `<tr><th>Figure</th><th class="num">This window</th>${compare ? '<th class="num">Previous</th><th class="num">Change</th>' : ""}</tr>`;
    const rows = given.map((m) => {
      const entry = report.engagement![m.kind]!;
      const value = engagementValue(entry, m.field);
      const path = `${p}engagement.${m.kind}`;
      const previous = entry.previous ? engagementValue(entry.previous, m.field) : null;
      const cells = compare
        ? `${shown(f.value(previous, m.unit, null), `${path}.previous.${m.field}`, previous, "td", "num")}<td class="num">${engagementChangeText(m, entry, f)}</td>`
        : "";
      // A kind's note (few responses, partial coverage) once, under its first figure.
      const note = given.find((other) => other.kind === m.kind) === m ? entry.note : undefined;
      return `<tr><td><a href="#def-${html(m.id)}">${html(m.label)}</a>${note ? `<div class="note">${html(note)}</div>` : ""}</td>${shown(
        f.value(value, m.unit, null),
        `${path}.${m.field}`,
        value,
        "td",
        "num",
      )}${cells}</tr>`;
    });
    out.push(`<h3>Engagement</h3><div class="scroll"><table><thead>${head}</thead><tbody>${rows.join("")}</tbody></table></div>`);
  }
  return `<section class="page" id="metrics"><h2>Every metric</h2>${out.join("")}</section>`;
}

function inputsTable(inputs: readonly InputSummary[], f: PageFormat): string {
  const rows = inputs.map(
    (i) =>
      `<tr><td>${html(i.kind)}</td><td>${html(i.file)}</td><td>${html(i.platform)}</td><td>${html(i.encoding)}</td><td>${html(i.delimiter === "\t" ? "tab" : i.delimiter)}</td><td class="num">${html(f.count(i.rows))}</td></tr>`,
  );
  return `<div class="scroll"><table><thead><tr><th>Input</th><th>File</th><th>Detected as</th><th>Encoding</th><th>Delimiter</th><th class="num">Rows</th></tr></thead><tbody>${rows.join("")}</tbody></table></div>`;
}

/** What was read, what was skipped and why, what was excluded, and the warnings: the ledger. */
export function ledgerSection(
  quality: DataQuality,
  inputs: readonly InputSummary[],
  warnings: readonly string[],
  f: PageFormat,
  p = "",
): string {
  const countRows = (entries: [string, number][], path: string) =>
    entries.map(([k, v]) => `<tr><td>${html(k)}</td>${shown(f.count(v), `${path}.${k}`, v, "td", "num")}</tr>`).join("");
  const skipped = Object.entries(quality.skippedByCode) as [string, number][];
  const excluded = Object.entries(quality.ordersExcluded);
  const problems = quality.problems
    .slice(0, 50)
    .map((p) => `<li><code>${html(p.file)}:${p.line}</code> ${html(p.code)}: ${html(p.message)}</li>`);
  return `<section class="page" id="data-quality"><h2>Data quality</h2>
${inputsTable(inputs, f)}
<div class="scroll"><table><tbody>
<tr><td>Rows read</td>${shown(f.count(quality.rowsRead), `${p}dataQuality.rowsRead`, quality.rowsRead, "td", "num")}</tr>
<tr><td>Rows skipped</td>${shown(f.count(quality.rowsSkipped), `${p}dataQuality.rowsSkipped`, quality.rowsSkipped, "td", "num")}</tr>
<tr><td>Repeated header rows</td>${shown(f.count(quality.repeatedHeaders), `${p}dataQuality.repeatedHeaders`, quality.repeatedHeaders, "td", "num")}</tr>
<tr><td>Orders read</td>${shown(f.count(quality.ordersRead), `${p}dataQuality.ordersRead`, quality.ordersRead, "td", "num")}</tr>
<tr><td>Orders without email or customer id</td>${shown(f.count(quality.unidentifiedOrders), `${p}dataQuality.unidentifiedOrders`, quality.unidentifiedOrders, "td", "num")}</tr>
</tbody></table></div>
${skipped.length > 0 ? `<h3>Rows skipped, by why</h3><div class="scroll"><table><tbody>${countRows(skipped, `${p}dataQuality.skippedByCode`)}</tbody></table></div>` : ""}
${excluded.length > 0 ? `<h3>Orders not counted, by status</h3><div class="scroll"><table><tbody>${countRows(excluded, `${p}dataQuality.ordersExcluded`)}</tbody></table></div>` : ""}
${problems.length > 0 ? `<h3>Problems</h3><ul>${problems.join("")}</ul>${quality.problems.length > 50 || quality.problemsOmitted > 0 ? `<p class="muted">${html(f.count(quality.problems.length - Math.min(50, quality.problems.length) + quality.problemsOmitted))} more in the JSON</p>` : ""}` : ""}
${warnings.length > 0 ? `<h3>Warnings</h3><ul>${warnings.map((w) => `<li>${html(w)}</li>`).join("")}</ul>` : ""}
</section>`;
}

export interface Definitions {
  /** The heading over them, when a page has several commands' (the dashboard). */
  readonly title?: string;
  /** Their anchors are `def-${anchor}${key}`: the report's `def-aov`, clv's `def-clv-clv`. */
  readonly anchor: string;
  readonly definitions: Readonly<Record<string, string>>;
  readonly labels: ReadonlyMap<string, string>;
}

/** Every definition, each an anchor the figures link to. */
export function definitionsSection(lists: readonly Definitions[]): string {
  const blocks = lists.map(({ title, anchor, definitions, labels }) => {
    const items = Object.entries(definitions).map(
      ([key, text]) => `<dt id="def-${html(anchor + key)}">${html(labels.get(key) ?? key)}</dt><dd>${html(text)}</dd>`,
    );
    return `${title === undefined ? "" : `<h3>${html(title)}</h3>`}<dl class="definitions">${items.join("")}</dl>`;
  });
  return `<section class="page" id="definitions"><h2>Definitions</h2>${blocks.join("")}</section>`;
}

/** The line under the title: the window or as-of day, the zone, the files. */
export function headerLine(doc: Pick<AnalysisHeader, "asOf" | "timezone" | "inputs">, f: PageFormat, window: WindowInfo | null): string {
  const span = window
    ? `${f.day(window.from.slice(0, 10))} – ${f.day(lastDayOf(window))} (${window.days} days)`
    : `as of ${f.day(doc.asOf)}`;
  const files = doc.inputs.map((i) => `${i.kind}: ${i.file}`).join(" · ");
  return `<p class="meta">${html(span)} · ${html(doc.timezone)}</p><p class="meta">${html(files)}</p>`;
}

export interface ReportSections {
  readonly cards: string;
  readonly trends: string;
  readonly metrics: string;
  readonly ledger: string;
  readonly labels: Map<string, string>;
}

/**
 * The report's sections; `p` prefixes each value's path (`report.` where the page embeds several
 * documents), and the ledger lists `warnings` (the dashboard's: every document's).
 */
export function reportSections<Id extends string>(
  report: Report<Id>,
  metrics: readonly MetricInfo<Id>[],
  engagement: readonly EngagementMetricInfo[],
  f: PageFormat,
  p = "",
  warnings: readonly string[] = report.warnings,
): ReportSections {
  const inputs = { report, metrics, engagement, f, p };
  return {
    cards: cardsSection(inputs),
    trends: trendsSection(report, metrics, f),
    metrics: metricsSection(inputs),
    ledger: ledgerSection(report.dataQuality, report.inputs, warnings, f, p),
    labels: new Map<string, string>([...metrics, ...engagement].map((m) => [m.id as string, m.label])),
  };
}

/** The report's definitions, and those of the engagement figures its inputs gave. */
export function definitionsOf(report: Report<string>, engagement: readonly EngagementMetricInfo[]): Record<string, string> {
  const definitions: Record<string, string> = { ...report.definitions };
  for (const m of engagement) if (report.engagement?.[m.kind]) definitions[m.id] = m.definition;
  return definitions;
}

export function renderReportHtml<Id extends string>(
  report: Report<Id>,
  metrics: readonly MetricInfo<Id>[],
  engagement: readonly EngagementMetricInfo[],
  f: PageFormat,
): string {
  const sections = reportSections(report, metrics, engagement, f);
  return renderPage({
    title: "Customer engagement report",
    locale: f.locale,
    header: headerLine(report, f, report.window),
    body: [
      sections.cards,
      sections.trends,
      sections.metrics,
      sections.ledger,
      definitionsSection([{ anchor: "", definitions: definitionsOf(report, engagement), labels: sections.labels }]),
    ].join("\n"),
    data: report,
  });
}

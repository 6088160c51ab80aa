/**
 * Report → text for people, fitted to the terminal's width when one is given (README, "The table
 * on a terminal"). Colour comes only through the injected chalk instance (level 0 = none);
 * cli-table3's own default colours are switched off.
 *   - a single window: Metric | Value (and Previous | Change with --compare);
 *   - an --every series: Metric | Trend (a sparkline, oldest → latest) | one column per point,
 *     oldest → latest: all of them, or as many of the latest as fit;
 *   - narrower than STACKED_BELOW (or when the boxed table can't fit): each metric's label on a
 *     line, then its value (previous and change; or trend, first → latest) indented below.
 * Headers, footnotes and the data line wrap to the width with a hanging indent. No width (a pipe,
 * a file): the full table, every point, nothing wrapped.
 */
import type { ChalkInstance } from "chalk";
import Table from "cli-table3";
import { type EngagementMetricInfo, engagementValue } from "../core/engagement.js";
import type { MetricInfo } from "../core/metric-info.js";
import { printable } from "../core/printable.js";
import type { Referrals } from "../core/referral.js";
import { REVENUE_BASIS } from "../core/revenue-basis.js";
import type { SupportFigures } from "../core/ticket.js";
import { count, listed, plural } from "../core/words.js";
import { formatValue, NOT_AVAILABLE } from "./format-value.js";
import { type GroupReport, lastDayOf, type Report, type SeriesPoint } from "./model.js";
import { displayWidth, wrap, wrapParts } from "./text-layout.js";

export interface TableOptions {
  /** The terminal's width in columns. None: no limit (a pipe or a file). */
  readonly width?: number | undefined;
  /** The survey figures' names and units, for report.engagement (commands hand them in). */
  readonly engagementMetrics?: readonly EngagementMetricInfo[];
}

/** Narrower than this, the metrics are stacked instead of boxed in a table. */
export const STACKED_BELOW = 80;
/** The label column is never squeezed below this (its text); a table that would need to is stacked (or shows fewer points). */
const MIN_LABEL = 24;
/** Continuation lines, and values under their label in the stacked layout. */
const INDENT = 2;
const PAD = " ".repeat(INDENT);
const BARS = "▁▂▃▄▅▆▇█";
/** A sparkline shows at most this many points (the latest), to keep the table on a screen. */
const MAX_SPARK = 48;
/** …and, when the width is short, at least this many before the layout stacks. */
const MIN_SPARK = 8;
/** How many metrics a folded footnote names before "and N other metrics". */
const NAMED_IN_NOTE = 3;

/** One metric's cells in one currency group. */
interface MetricLine<Id extends string> {
  readonly metric: MetricInfo<Id>;
  /** Each point's value, oldest first (one, without --every); the last with its note marker. */
  readonly cells: readonly string[];
  /** The points' values, for the sparkline. */
  readonly values: readonly (number | null)[];
  /** With --compare: the previous window's value, and the change. */
  readonly compare: readonly string[];
}

interface Group<Id extends string> {
  readonly report: GroupReport<Id>;
  readonly lines: readonly MetricLine<Id>[];
}

/** Boxed: how many of the latest points get a column, and how many the sparkline shows. */
type Layout =
  | { readonly stacked: true; readonly spark: number }
  | { readonly stacked: false; readonly points: number; readonly spark: number };

export function renderTable<Id extends string>(
  report: Report<Id>,
  metrics: readonly MetricInfo<Id>[],
  chalk: ChalkInstance,
  options: TableOptions = {},
): string {
  const width = options.width !== undefined && options.width >= 1 ? Math.floor(options.width) : undefined;
  const series = report.series;
  const previous = report.groups.find((g) => g.previous)?.previous;
  const groups = report.groups.map(
    (group): Group<Id> => ({ report: group, lines: metrics.map((m) => metricLine(report, group, m, chalk)) }),
  );
  const surveys = report.engagement ? engagementGroup(report, options.engagementMetrics ?? [], chalk) : null;
  const compared = previous !== undefined || surveys?.lines.some((line) => line.compare.length > 0) === true;
  // A single window has a head row only with --compare.
  const heads = series ? pointHeads(series) : [compared ? "This window" : ""];
  const layout = chooseLayout([...groups, ...(surveys ? [surveys] : [])], heads, width, series !== undefined, compared);

  const out: string[] = [];
  const { window } = report;
  // Lines break between their phrases first (the parts), then at spaces.
  const title = series
    ? [`${plural(series.length, "window")} of ${window.spec},`, `as of ${series[0]!.asOf} … ${report.asOf}`, `(${report.timezone})`]
    : [`${window.from.slice(0, 10)} … ${report.asOf}`, `(window ${window.spec}, ${plural(window.days, "day")}, ${report.timezone})`];
  out.push(...wrapParts(["shopmetrics report ·", ...title], " ", width, INDENT).map((line) => chalk.bold(line)));
  out.push(...inputLines(report, width));
  if (previous) {
    const line = `compared with: ${previous.window.from.slice(0, 10)} … ${lastDayOf(previous.window)} (${plural(previous.window.days, "day")})`;
    out.push(...wrap(line, width, INDENT));
  }
  const note = series && groups.length > 0 ? seriesNote(series, layout) : "";
  if (note) out.push(...wrap(note, width, INDENT).map((line) => chalk.dim(line)));

  if (groups.length === 0 && report.inputs.some((input) => input.kind === "orders"))
    out.push("", chalk.dim("No orders: nothing to report."));
  for (const group of groups) {
    const currency = group.report.currency === null ? "(no currency)" : printable(group.report.currency);
    out.push("", ...wrap(currency, width, INDENT).map((line) => chalk.bold(line)));
    out.push(layout.stacked ? stacked(group, layout.spark, width) : boxed(group, heads, layout, width, series !== undefined));
    for (const line of footnotes(group)) out.push(...wrap(line, width, INDENT).map((part) => chalk.dim(part)));
    if (group.report.referrals) out.push(...referralLines(group.report.referrals, group.report.currency, width, chalk));
  }
  if (surveys) {
    const engagement = report.engagement!;
    out.push("", ...wrap(engagementHeading(engagement), width, INDENT).map((line) => chalk.bold(line)));
    out.push(layout.stacked ? stacked(surveys, layout.spark, width) : boxed(surveys, heads, layout, width, series !== undefined));
    for (const line of footnotes(surveys)) out.push(...wrap(line, width, INDENT).map((part) => chalk.dim(part)));
    if (engagement.support?.channels) out.push(...channelLines(engagement.support, width, chalk));
  }

  out.push("", ...dataLines(report, width));
  return `${out.join("\n")}\n`;
}

/** Each input file read, and the revenue basis when orders were: the lines under every table's title. */
export function inputLines(report: Pick<Report, "inputs" | "revenue">, width: number | undefined): string[] {
  const out: string[] = [];
  // Text from a file or a file name goes through printable(): no ESC or line break reaches the terminal.
  for (const input of report.inputs) {
    const read = [`${input.kind}: ${printable(input.file)}`, `(${printable(input.platform)}, ${plural(input.rows, "row")})`];
    out.push(...wrapParts(read, " ", width, INDENT));
  }
  if (report.inputs.some((input) => input.kind === "orders")) out.push(...wrap(REVENUE_BASIS[report.revenue].heading, width, INDENT));
  return out;
}

/** "Data: … rows read, … skipped; … orders, … excluded (…); …": the last line of every table. */
export function dataLines(report: Pick<Report, "inputs" | "dataQuality">, width: number | undefined): string[] {
  const dq = report.dataQuality;
  const excluded = Object.entries(dq.ordersExcluded);
  const excludedCount = excluded.reduce((sum, [, n]) => sum + n, 0);
  const hasOrders = report.inputs.some((input) => input.kind === "orders");
  const orders =
    `; ${plural(dq.ordersRead, "order")}, ` +
    `${count(excludedCount)} excluded${excluded.length ? ` (${excluded.map(([reason, n]) => `${printable(reason)} ${count(n)}`).join(", ")})` : ""}; ` +
    `${count(dq.unidentifiedOrders)} without email or customer id`;
  const customers =
    dq.customersRead === undefined
      ? ""
      : `; ${plural(dq.customersRead, "customer")} in the customers file, ${count(dq.customersWithoutOrders ?? 0)} without an order`;
  const otherRows = dq.inputs.filter((input) => input.kind === "survey" || input.kind === "reviews" || input.kind === "attribution");
  const surveysSaid =
    otherRows.length === 0
      ? ""
      : `; ${otherRows
          .map((input) => {
            const notCounted = Object.entries(input.excluded ?? {}).map(([why, n]) => `${count(n)} ${printable(why)}`);
            return `${input.kind} ${printable(input.file)} ${count(input.rowsUsed)} used, ${count(input.rowsSkipped)} skipped${notCounted.length ? `, ${notCounted.join(", ")}` : ""}`;
          })
          .join("; ")}`;
  const data = `Data: ${plural(dq.rowsRead, "row")} read, ${count(dq.rowsSkipped)} skipped${hasOrders ? orders : ""}${customers}${surveysSaid}.`;
  return wrap(data, width, INDENT);
}

/** The engagement block's heading: what it holds (`Surveys and reviews`, `Support and traffic`). */
function engagementHeading(engagement: NonNullable<Report["engagement"]>): string {
  const parts = [
    engagement.nps || engagement.csat || engagement.ces ? "surveys" : null,
    engagement.reviews ? "reviews" : null,
    engagement.support ? "support" : null,
    engagement.traffic ? "traffic" : null,
  ].filter((p): p is string => p !== null);
  const text = parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** How many sources the table lists; the JSON has them all. */
const SOURCES_SHOWN = 10;

/** Where the orders came from: coverage and basis, then a source per line (the most orders first). */
function referralLines(referrals: Referrals, currency: string | null, width: number | undefined, chalk: ChalkInstance): string[] {
  const coverage =
    referrals.coverage === null ? "no orders in the window" : `${formatValue(referrals.coverage, "rate", null)} of the orders say`;
  return breakdownLines(
    ["Where the orders came from", `(${coverage};`, `${printable(referrals.basis)})`],
    ["Source", "Orders", "Share", "New customers", "Revenue"],
    referrals.sources.map((s) => ({
      name: s.source,
      cells: [count(s.orders), formatValue(s.orderShare, "rate", null), count(s.newCustomers), formatValue(s.revenue, "money", currency)],
      narrow: [
        `${count(s.orders)} orders (${formatValue(s.orderShare, "rate", null)})`,
        `${count(s.newCustomers)} new`,
        formatValue(s.revenue, "money", currency),
      ],
    })),
    "source",
    width,
    chalk,
  );
}

/** The tickets by channel: how many, answered, and their first response times (the most tickets first). */
function channelLines(support: SupportFigures, width: number | undefined, chalk: ChalkInstance): string[] {
  const hours = (h: number | null) => formatValue(h, "hours", null);
  return breakdownLines(
    ["Tickets by channel", `(first response ${support.basis === "business" ? "in business hours" : "in calendar time"})`],
    ["Channel", "Tickets", "Answered", "Median", "90th pct.", `Within ${support.targetHours} h`],
    (support.channels ?? []).map((c) => ({
      name: c.channel,
      cells: [
        count(c.tickets),
        count(c.answered),
        hours(c.firstResponse.medianHours),
        hours(c.firstResponse.p90Hours),
        formatValue(c.withinTarget, "rate", null),
      ],
      narrow: [
        `${count(c.tickets)} tickets, ${count(c.answered)} answered`,
        `median ${hours(c.firstResponse.medianHours)}`,
        `within ${support.targetHours} h ${formatValue(c.withinTarget, "rate", null)}`,
      ],
    })),
    "channel",
    width,
    chalk,
  );
}

/**
 * A breakdown under a group's table: its title, then a row per item (a file's text: printable()),
 * boxed when it fits the width, else an item a line with its figures indented below; the first
 * SOURCES_SHOWN items (the JSON has them all).
 */
function breakdownLines(
  title: readonly string[],
  header: readonly string[],
  rows: readonly { readonly name: string; readonly cells: readonly string[]; readonly narrow: readonly string[] }[],
  what: string,
  width: number | undefined,
  chalk: ChalkInstance,
): string[] {
  const out = ["", ...wrapParts(title, " ", width, INDENT).map((l) => chalk.bold(l))];
  if (rows.length === 0) return out;
  const shown = rows.slice(0, SOURCES_SHOWN);
  const table = newTable([...header]);
  for (const r of shown) table.push([printable(r.name), ...r.cells]);
  const boxed = table.toString();
  if (width === undefined || (width >= STACKED_BELOW && Math.max(...boxed.split("\n").map(displayWidth)) <= width)) out.push(boxed);
  else {
    // Narrow (or a name too long for the box): an item a line, its figures indented below.
    for (const r of shown) {
      out.push(...wrap(printable(r.name), width, INDENT));
      out.push(...wrapParts(r.narrow, " · ", Math.max(1, width - INDENT), INDENT).map((text) => PAD + text));
    }
  }
  const more = rows.length - SOURCES_SHOWN;
  if (more > 0) out.push(chalk.dim(`  … and ${plural(more, `more ${what}`)} (--format json lists them)`));
  return out;
}

/**
 * The survey figures as one more group of lines: each figure of each kind the report has, its
 * value per point, and with --compare the previous window's and the change (an NPS change says
 * whether it is significant at 95 %); a kind's note (few responses) is its figures' footnote.
 */
function engagementGroup(report: Report, infos: readonly EngagementMetricInfo[], chalk: ChalkInstance): Group<string> {
  const engagement = report.engagement!;
  const figure = engagementValue;
  const notes: Record<string, string> = {};
  const lines: MetricLine<string>[] = [];
  const noted = new Set<string>();
  for (const metric of infos) {
    const entry = engagement[metric.kind];
    if (!entry) continue;
    // A kind's note is said once, on its first figure (the score or rate).
    const note = entry.note !== undefined && !noted.has(metric.kind) ? entry.note : undefined;
    if (note !== undefined) {
      notes[metric.id] = note;
      noted.add(metric.kind);
    }
    const values = report.series
      ? report.series.map((point) => figure(point.engagement?.[metric.kind], metric.field))
      : [figure(entry, metric.field)];
    const cells = values.map((value) => valueCell(value, metric, null, chalk));
    cells[cells.length - 1] += note === undefined ? "" : " *";
    let compare: string[] = [];
    if (entry.previous && entry.change) {
      const change = entry.change[metric.field] ?? { absolute: null, relative: null };
      let moved = arrow(change.absolute, change.relative, metric, chalk);
      if (metric.field === "score" && "significant" in entry && entry.significant !== null && entry.significant !== undefined) {
        moved += entry.significant ? " (significant)" : " (not significant)";
      }
      compare = [valueCell(figure(entry.previous, metric.field), metric, null, chalk), moved];
    }
    lines.push({ metric, cells, values, compare });
  }
  return { report: { currency: null, metrics: {}, notes }, lines };
}

function metricLine<Id extends string>(
  report: Report<Id>,
  group: GroupReport<Id>,
  metric: MetricInfo<Id>,
  chalk: ChalkInstance,
): MetricLine<Id> {
  const { currency } = group;
  const values = report.series
    ? report.series.map((point) => point.groups.find((g) => g.currency === currency)?.metrics[metric.id] ?? null)
    : [group.metrics[metric.id]];
  const cells = values.map((value) => valueCell(value, metric, currency, chalk));
  cells[cells.length - 1] += group.notes[metric.id] === undefined ? "" : " *";
  return { metric, cells, values, compare: group.previous ? compareCells(group, metric, chalk) : [] };
}

/**
 * Each point's column head: its as-of date, or its month (`2026-01`) when every point's window
 * is that calendar month (--window 1m --every month).
 */
function pointHeads(series: readonly SeriesPoint[]): string[] {
  const months = series.every((point) => point.window.from.slice(0, 10) === `${point.asOf.slice(0, 7)}-01` && isMonthEnd(point.asOf));
  return series.map((point) => (months ? point.asOf.slice(0, 7) : point.asOf));
}

function isMonthEnd(day: string): boolean {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.getUTCDate() === 1;
}

const trendHead = (spark: number, points: number) => (spark < points ? `Trend (last ${spark})` : "Trend");
const compareHeads = ["Previous", "Change"];

/** Columns a boxed table's column of these cells takes, with cli-table3's padding of one each side. */
function columnWidth(head: string, cells: readonly string[]): number {
  return Math.max(displayWidth(head), ...cells.map(displayWidth)) + 2;
}

/** The width of each of `heads`' columns, the i-th holding the i-th of `cells`. */
function columnWidths(heads: readonly string[], cells: readonly (readonly string[])[]): number[] {
  return heads.map((head, i) => columnWidth(head, nth(cells, i)));
}

const nth = (rows: readonly (readonly string[])[], i: number): string[] => rows.map((row) => row[i]!);
const sum = (numbers: readonly number[]) => numbers.reduce((total, n) => total + n, 0);

/**
 * Stacked when the width is short; else boxed, with the most of the latest points (and the
 * longest sparkline, up to MAX_SPARK) that leave the labels MIN_LABEL columns in every group.
 * A column takes its width and the border on its right; the table adds its left border.
 */
function chooseLayout<Id extends string>(
  groups: readonly Group<Id>[],
  heads: readonly string[],
  width: number | undefined,
  isSeries: boolean,
  compare: boolean,
): Layout {
  const points = heads.length;
  const fullSpark = Math.min(points, MAX_SPARK);
  // No width (a pipe): every point up to MAX_SPARK, the latest; --format csv or json has them all.
  if (width === undefined) return { stacked: false, points: fullSpark, spark: isSeries ? fullSpark : 0 };
  const stackedSpark = Math.max(1, Math.min(fullSpark, width - INDENT));
  if (width < STACKED_BELOW) return { stacked: true, spark: stackedSpark };
  const sparkColumn = (n: number) => (isSeries ? Math.max(displayWidth(trendHead(n, points)), n) + 3 : 0);
  let shown = points;
  let spark = isSeries ? fullSpark : 0;
  for (const group of groups) {
    const cells = group.lines.map((line) => line.cells);
    const pointColumns = columnWidths(heads, cells).map((w) => w + 1);
    const compareValues = group.lines.map((line) => line.compare);
    const compareColumns = compare ? columnWidths(compareHeads, compareValues).map((w) => w + 1) : [];
    const fixed = 1 + (MIN_LABEL + 2 + 1) + sum(compareColumns);
    // The latest points first, while they fit.
    let fit = 0;
    let used = fixed + sparkColumn(spark);
    while (fit < shown && used + pointColumns[points - 1 - fit]! <= width) used += pointColumns[points - 1 - fit++]!;
    if (fit === 0 && isSeries) {
      // Not even the latest point beside the full sparkline: a shorter sparkline.
      const rest = width - fixed - pointColumns[points - 1]!;
      while (spark > MIN_SPARK && sparkColumn(spark) > rest) spark--;
      if (sparkColumn(spark) <= rest) fit = 1;
    }
    if (fit === 0) return { stacked: true, spark: stackedSpark };
    shown = Math.min(shown, fit);
  }
  return { stacked: false, points: shown, spark };
}

/** With --every: which points the table shows, when not all. */
function seriesNote(series: readonly SeriesPoint[], layout: Layout): string {
  const all = series.length;
  const trend = layout.spark < all ? `the trend the last ${count(layout.spark)}` : `the trend all ${count(all)}`;
  if (layout.stacked) {
    const first = series[all - layout.spark]?.asOf ?? series[0]!.asOf;
    const cut = layout.spark < all ? ` (the last ${count(layout.spark)} of ${count(all)} windows)` : "";
    return `trend, then value as of ${first} → ${series[all - 1]!.asOf}${cut}`;
  }
  if (layout.points === all) return "";
  return `the table shows ${layout.points === 1 ? "the latest" : `the last ${count(layout.points)}`} of ${count(all)} windows, ${trend}`;
}

function boxed<Id extends string>(
  group: Group<Id>,
  heads: readonly string[],
  layout: Layout & { stacked: false },
  width: number | undefined,
  isSeries: boolean,
): string {
  const all = heads.length;
  const from = all - layout.points;
  const compare = group.lines[0]?.compare.length ? compareHeads : [];
  const head = isSeries ? ["", trendHead(layout.spark, all), ...heads.slice(from), ...compare] : ["", ...heads, ...compare];
  const rows = group.lines.map((line) => [
    ...(isSeries ? [sparkline(line.values.slice(-layout.spark))] : []),
    ...line.cells.slice(from),
    ...line.compare,
  ]);
  const others = sum(columnWidths(head.slice(1), rows).map((w) => w + 1));
  // What is left for the labels (the table's left border, their padding and right border taken off); all they need when no width.
  const budget = width === undefined ? undefined : width - others - 4;
  const table = newTable(isSeries || compare.length > 0 ? head : undefined);
  group.lines.forEach((line, i) => {
    table.push([labelLines(line.metric.label, budget, INDENT).join("\n"), ...rows[i]!]);
  });
  return table.toString();
}

function stacked<Id extends string>(group: Group<Id>, spark: number, width: number | undefined): string {
  const out: string[] = [];
  const room = width === undefined ? undefined : Math.max(1, width - INDENT);
  for (const line of group.lines) {
    out.push(...labelLines(line.metric.label, width, INDENT));
    const values = line.values.slice(-spark);
    const shown =
      line.cells.length > 1
        ? [
            `${values.some((v) => v !== null) ? `${sparkline(values)}  ` : ""}${line.cells[line.cells.length - spark]} → ${line.cells[line.cells.length - 1]}`,
          ]
        : [line.cells[0]!];
    const parts = [...shown, ...(line.compare.length ? [`previous ${line.compare[0]}`, line.compare[1]!] : [])];
    out.push(...wrapParts(parts, " · ", room, INDENT).map((text) => PAD + text));
  }
  return out.join("\n");
}

/**
 * A label in at most `budget` columns: broken before its parenthesis first ("Churn rate" /
 * "(in previous window)"), then at spaces; the lines after the first indented.
 */
function labelLines(label: string, budget: number | undefined, indent: number): string[] {
  if (budget === undefined || displayWidth(label) <= budget) return [label];
  const at = label.indexOf(" (");
  if (at <= 0) return wrap(label, budget, indent);
  const pad = " ".repeat(Math.max(0, Math.min(indent, budget - 1)));
  return [
    ...wrap(label.slice(0, at), budget, indent),
    ...wrap(label.slice(at + 1), Math.max(1, budget - pad.length), 0).map((l) => pad + l),
  ];
}

/** "* Label: note", one per distinct note: a note shared by several metrics names them all once. */
function footnotes<Id extends string>(group: Group<Id>): string[] {
  const byNote = new Map<string, string[]>();
  for (const { metric } of group.lines) {
    const note = group.report.notes[metric.id];
    if (note === undefined) continue;
    const labels = byNote.get(note) ?? [];
    labels.push(metric.label);
    byNote.set(note, labels);
  }
  return [...byNote].map(([note, labels]) => `* ${namedList(labels)}: ${printable(note)}`);
}

/** "A", "A and B", "A, B and C", "A, B, C and D", "A, B, C and 11 other metrics" (never "1 other metrics"). */
function namedList(labels: readonly string[]): string {
  if (labels.length === 1) return labels[0]!;
  if (labels.length <= NAMED_IN_NOTE + 1) return listed(labels);
  return `${labels.slice(0, NAMED_IN_NOTE).join(", ")} and ${labels.length - NAMED_IN_NOTE} other metrics`;
}

/**
 * Every command's boxed table: no default colours (cli-table3 paints borders grey and heads red),
 * no rule between rows; the first column left-aligned and the rest right, unless `aligns` says.
 */
export function newTable(head: string[] | undefined, aligns?: readonly ("left" | "right")[]): Table.Table {
  return new Table({
    ...(head ? { head } : {}),
    style: { head: [], border: [] },
    chars: { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" },
    colAligns: aligns ? [...aligns] : ["left", ...Array<"right">(Math.max(1, (head?.length ?? 2) - 1)).fill("right")],
  });
}

function valueCell<Id extends string>(value: number | null, metric: MetricInfo<Id>, currency: string | null, chalk: ChalkInstance): string {
  const text = formatValue(value, metric.unit, currency);
  return text === NOT_AVAILABLE ? chalk.dim(text) : text;
}

/** Previous | Change, for --compare. */
function compareCells<Id extends string>(group: GroupReport<Id>, metric: MetricInfo<Id>, chalk: ChalkInstance): string[] {
  const change = group.change![metric.id];
  return [
    valueCell(group.previous!.metrics[metric.id], metric, group.currency, chalk),
    arrow(change.absolute, change.relative, metric, chalk),
  ];
}

/**
 * ▲/▼ and the size of the change — in percentage points for rates (churn 50% → 66.7% is
 * "▲ 16.7 pp"), in points for an NPS ("▲ 5.0 pts"), relative for everything else — green when good news, red when bad; = if none.
 */
function arrow<Id extends string>(absolute: number | null, relative: number | null, metric: MetricInfo<Id>, chalk: ChalkInstance): string {
  if (absolute === null) return chalk.dim(NOT_AVAILABLE);
  if (absolute === 0) return "=";
  const size =
    metric.unit === "rate"
      ? `${Math.abs(absolute * 100).toFixed(1)} pp`
      : metric.unit === "score"
        ? `${Math.abs(absolute).toFixed(1)} pts`
        : relative === null
          ? ""
          : `${Math.abs(relative * 100).toFixed(1)}%`;
  const text = `${absolute > 0 ? "▲" : "▼"} ${size}`.trim();
  if (metric.better === "neither") return text;
  const rose = absolute > 0;
  const good = rose === (metric.better === "higher");
  return good ? chalk.green(text) : chalk.red(text);
}

/** One bar per value, scaled between the lowest and highest; a blank for a null. */
function sparkline(values: readonly (number | null)[]): string {
  const present = values.filter((v): v is number => v !== null);
  const low = Math.min(...present);
  const high = Math.max(...present);
  return values
    .map((v) => (v === null ? " " : BARS[high === low ? 3 : Math.round(((v - low) / (high - low)) * (BARS.length - 1))]))
    .join("");
}

/**
 * Report → text tables for people. Colour comes only through the injected chalk instance
 * (level 0 = none); cli-table3's own default colours are switched off.
 *   - a single window: Metric | Value (and Previous | Change with --compare);
 *   - an --every series: Metric | Trend (a sparkline, oldest → latest) | First | Latest.
 */
import type { ChalkInstance } from "chalk";
import Table from "cli-table3";
import type { MetricInfo } from "../core/metric-info.js";
import { printable } from "../core/printable.js";
import { formatValue, NOT_AVAILABLE } from "./format-value.js";
import { type GroupReport, lastDayOf, type Report } from "./model.js";

export function renderTable<Id extends string>(report: Report<Id>, metrics: readonly MetricInfo<Id>[], chalk: ChalkInstance): string {
  const out: string[] = [];
  const { window } = report;
  const span = report.series
    ? `${report.series.length} windows of ${window.spec}, as of ${report.series[0]!.asOf} … ${report.asOf}`
    : `${window.from.slice(0, 10)} … ${report.asOf} (window ${window.spec}, ${window.days} days`;
  out.push(`${chalk.bold(`shopmetrics report · ${span}`)}${report.series ? " (" : ", "}${report.timezone})`);
  // Text from a file or a file name goes through printable(): no ESC or line break reaches the terminal.
  for (const input of report.inputs) {
    out.push(`${input.kind}: ${printable(input.file)} (${printable(input.platform)}, ${plural(input.rows, "row")})`);
  }
  const previous = report.groups.find((g) => g.previous)?.previous;
  if (previous)
    out.push(`compared with: ${previous.window.from.slice(0, 10)} … ${lastDayOf(previous.window)} (${previous.window.days} days)`);

  if (report.groups.length === 0) out.push("", chalk.dim("No orders: nothing to report."));
  const series = report.series;
  const shownPoints = series ? Math.min(series.length, MAX_SPARK) : 0;
  const head = [
    ...(series
      ? ["", shownPoints < series.length ? `Trend (last ${shownPoints})` : "Trend", `as of ${series[0]!.asOf}`, `as of ${report.asOf}`]
      : ["", "This window"]),
    ...(previous ? ["Previous", "Change"] : []),
  ];
  report.groups.forEach((group, index) => {
    const table = newTable(series || previous ? head : undefined);
    for (const metric of metrics) {
      const row = series
        ? seriesRow(report, index, metric, chalk)
        : [metric.label, valueCell(group.metrics[metric.id], metric, group.currency, chalk) + marker(group, metric)];
      table.push(group.previous ? [...row, ...compareCells(group, metric, chalk)] : row);
    }
    out.push("", chalk.bold(group.currency === null ? "(no currency)" : printable(group.currency)), table.toString());
    for (const metric of metrics) {
      const note = group.notes[metric.id];
      if (note !== undefined) out.push(chalk.dim(`* ${metric.label}: ${printable(note)}`));
    }
  });

  const dq = report.dataQuality;
  const excluded = Object.entries(dq.ordersExcluded);
  const excludedCount = excluded.reduce((sum, [, n]) => sum + n, 0);
  out.push(
    "",
    `Data: ${plural(dq.rowsRead, "row")} read, ${count(dq.rowsSkipped)} skipped; ${plural(dq.ordersRead, "order")}, ` +
      `${count(excludedCount)} excluded${excluded.length ? ` (${excluded.map(([reason, n]) => `${printable(reason)} ${count(n)}`).join(", ")})` : ""}; ` +
      `${count(dq.unidentifiedOrders)} without email or customer id` +
      (dq.customersRead === undefined
        ? "."
        : `; ${plural(dq.customersRead, "customer")} in the customers file, ${count(dq.customersWithoutOrders ?? 0)} without an order.`),
  );
  return `${out.join("\n")}\n`;
}

function newTable(head: string[] | undefined): Table.Table {
  return new Table({
    ...(head ? { head } : {}),
    // No default colours (cli-table3 paints borders grey and heads red); no rule between rows.
    style: { head: [], border: [] },
    chars: { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" },
    colAligns: ["left", "right", "right", "right", "right", "right"],
  });
}

function valueCell<Id extends string>(value: number | null, metric: MetricInfo<Id>, currency: string | null, chalk: ChalkInstance): string {
  const text = formatValue(value, metric.unit, currency);
  return text === NOT_AVAILABLE ? chalk.dim(text) : text;
}

const marker = <Id extends string>(group: GroupReport<Id>, metric: MetricInfo<Id>) => (group.notes[metric.id] === undefined ? "" : " *");

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
 * "▲ 16.7 pp"), relative for everything else — green when good news, red when bad; = if none.
 */
function arrow<Id extends string>(absolute: number | null, relative: number | null, metric: MetricInfo<Id>, chalk: ChalkInstance): string {
  if (absolute === null) return chalk.dim(NOT_AVAILABLE);
  if (absolute === 0) return "=";
  const size =
    metric.unit === "rate"
      ? `${Math.abs(absolute * 100).toFixed(1)} pp`
      : relative === null
        ? ""
        : `${Math.abs(relative * 100).toFixed(1)}%`;
  const text = `${absolute > 0 ? "▲" : "▼"} ${size}`.trim();
  if (metric.better === "neither") return text;
  const rose = absolute > 0;
  const good = rose === (metric.better === "higher");
  return good ? chalk.green(text) : chalk.red(text);
}

const BARS = "▁▂▃▄▅▆▇█";
/** A sparkline shows at most this many points (the latest), to keep the table on a screen. */
const MAX_SPARK = 48;

function seriesRow<Id extends string>(report: Report<Id>, index: number, metric: MetricInfo<Id>, chalk: ChalkInstance): string[] {
  const series = report.series!;
  const currency = report.groups[index]!.currency;
  const values = series.map((point) => point.groups.find((g) => g.currency === currency)?.metrics[metric.id] ?? null);
  const recent = values.slice(-MAX_SPARK);
  const present = recent.filter((v): v is number => v !== null);
  const low = Math.min(...present);
  const high = Math.max(...present);
  const spark = recent
    .map((v) => (v === null ? " " : BARS[high === low ? 3 : Math.round(((v - low) / (high - low)) * (BARS.length - 1))]))
    .join("");
  const latest = report.groups[index]!;
  return [
    metric.label,
    spark,
    valueCell(values[0] ?? null, metric, currency, chalk),
    valueCell(values[values.length - 1] ?? null, metric, currency, chalk) + marker(latest, metric),
  ];
}

const count = (n: number): string => formatValue(n, "count", null);

function plural(n: number, word: string): string {
  return `${count(n)} ${word}${n === 1 ? "" : "s"}`;
}

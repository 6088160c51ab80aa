/**
 * Report → text tables for people. Colour comes only through the injected chalk instance
 * (level 0 = none); cli-table3's own default colours are switched off.
 *   - a single window: Metric | Value (and Previous | Change with --compare);
 *   - an --every series: Metric | Trend (a sparkline, oldest → latest) | First | Latest.
 */
import type { ChalkInstance } from "chalk";
import Table from "cli-table3";
import type { GroupReport, Report } from "../core/report.js";
import { METRICS, type MetricDef } from "../metrics/index.js";
import { NOT_AVAILABLE, formatValue } from "./format.js";

export function renderTable(report: Report, chalk: ChalkInstance): string {
  const out: string[] = [];
  const { window } = report;
  const span = report.series
    ? `${report.series.length} windows of ${window.spec}, as of ${report.series[0]!.asOf} … ${report.asOf}`
    : `${window.from.slice(0, 10)} … ${report.asOf} (window ${window.spec}, ${window.days} days`;
  out.push(chalk.bold(`shopmetrics report · ${span}`) + `${report.series ? " (" : ", "}${report.timezone})`);
  for (const input of report.inputs) out.push(`${input.kind}: ${input.file} (${input.platform}, ${plural(input.rows, "row")})`);
  const previous = report.groups.find((g) => g.previous)?.previous;
  if (previous) out.push(`compared with: ${previous.window.from.slice(0, 10)} … ${previous.window.to.slice(0, 10)} (exclusive)`);

  if (report.groups.length === 0) out.push("", chalk.dim("No orders: nothing to report."));
  const head = report.series
    ? ["", "Trend", `as of ${report.series[0]!.asOf}`, `as of ${report.asOf}`]
    : previous
      ? ["", "This window", "Previous", "Change"]
      : undefined;
  report.groups.forEach((group, index) => {
    const table = newTable(head);
    for (const metric of METRICS) {
      table.push(report.series ? seriesRow(report, index, metric, chalk) : windowRow(group, metric, chalk));
    }
    out.push("", chalk.bold(group.currency ?? "(no currency)"), table.toString());
    for (const metric of METRICS) {
      const note = group.notes[metric.id];
      if (note !== undefined) out.push(chalk.dim(`* ${metric.label}: ${note}`));
    }
  });

  const dq = report.dataQuality;
  const excluded = Object.entries(dq.ordersExcluded);
  const excludedCount = excluded.reduce((sum, [, n]) => sum + n, 0);
  out.push(
    "",
    `Data: ${plural(dq.rowsRead, "row")} read, ${count(dq.rowsSkipped)} skipped; ${plural(dq.ordersRead, "order")}, ` +
      `${count(excludedCount)} excluded${excluded.length ? ` (${excluded.map(([reason, n]) => `${reason} ${count(n)}`).join(", ")})` : ""}; ` +
      `${count(dq.unidentifiedOrders)} without email or customer id.`,
  );
  return `${out.join("\n")}\n`;
}

function newTable(head: string[] | undefined): Table.Table {
  return new Table({
    ...(head ? { head } : {}),
    // No default colours (cli-table3 paints borders grey and heads red); no rule between rows.
    style: { head: [], border: [] },
    chars: { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" },
    colAligns: ["left", "right", "right", "right"],
  });
}

function windowRow(group: GroupReport, metric: MetricDef, chalk: ChalkInstance): string[] {
  const cell = (value: number | null) => {
    const text = formatValue(value, metric.unit, group.currency);
    return text === NOT_AVAILABLE ? chalk.dim(text) : text;
  };
  const row = [metric.label, cell(group.metrics[metric.id]) + (group.notes[metric.id] === undefined ? "" : " *")];
  if (!group.previous || !group.change) return row;
  const change = group.change[metric.id];
  return [...row, cell(group.previous.metrics[metric.id]), arrow(change.absolute, change.relative, metric, chalk)];
}

/** ▲/▼ with the relative change, green when it is good news and red when bad; = when unchanged. */
function arrow(absolute: number | null, relative: number | null, metric: MetricDef, chalk: ChalkInstance): string {
  if (absolute === null) return chalk.dim(NOT_AVAILABLE);
  if (absolute === 0) return "=";
  const text = `${absolute > 0 ? "▲" : "▼"} ${relative === null ? "" : `${Math.abs(relative * 100).toFixed(1)}%`}`.trim();
  if (metric.better === "neither") return text;
  const good = (absolute > 0) === (metric.better === "higher");
  return good ? chalk.green(text) : chalk.red(text);
}

const BARS = "▁▂▃▄▅▆▇█";

function seriesRow(report: Report, index: number, metric: MetricDef, chalk: ChalkInstance): string[] {
  const series = report.series!;
  const currency = report.groups[index]!.currency;
  const values = series.map((point) => point.groups.find((g) => g.currency === currency)?.metrics[metric.id] ?? null);
  const present = values.filter((v): v is number => v !== null);
  const low = Math.min(...present);
  const high = Math.max(...present);
  const spark = values
    .map((v) => (v === null ? " " : BARS[high === low ? 3 : Math.round(((v - low) / (high - low)) * (BARS.length - 1))]))
    .join("");
  const show = (v: number | null) => {
    const text = formatValue(v, metric.unit, currency);
    return text === NOT_AVAILABLE ? chalk.dim(text) : text;
  };
  return [metric.label, spark, show(values[0] ?? null), show(values[values.length - 1] ?? null)];
}

const count = (n: number): string => formatValue(n, "count", null);

function plural(n: number, word: string): string {
  return `${count(n)} ${word}${n === 1 ? "" : "s"}`;
}

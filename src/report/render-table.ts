/**
 * Report → text tables for people. Colour comes only through the injected chalk instance
 * (level 0 = none); cli-table3's own default colours are switched off.
 */
import type { ChalkInstance } from "chalk";
import Table from "cli-table3";
import type { Report } from "../core/report.js";
import { METRICS } from "../metrics/index.js";
import { NOT_AVAILABLE, formatValue } from "./format.js";

export function renderTable(report: Report, chalk: ChalkInstance): string {
  const out: string[] = [];
  const { window } = report;
  out.push(
    chalk.bold(`shopmetrics report · ${window.from.slice(0, 10)} … ${report.asOf}`) +
      ` (window ${window.spec}, ${window.days} days, ${report.timezone})`,
  );
  for (const input of report.inputs) out.push(`${input.kind}: ${input.file} (${input.platform}, ${plural(input.rows, "row")})`);

  if (report.groups.length === 0) out.push("", chalk.dim("No counted orders: nothing to report."));
  for (const group of report.groups) {
    const table = new Table({
      // No default colours (cli-table3 paints borders grey and heads red); no rule between rows.
      style: { head: [], border: [] },
      chars: { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" },
      colAligns: ["left", "right"],
    });
    for (const metric of METRICS) {
      const text = formatValue(group.metrics[metric.id], metric.unit, group.currency);
      const marker = group.notes[metric.id] === undefined ? "" : " *";
      table.push([metric.label, (text === NOT_AVAILABLE ? chalk.dim(text) : text) + marker]);
    }
    out.push("", chalk.bold(group.currency ?? "(no currency)"), table.toString());
    for (const metric of METRICS) {
      const note = group.notes[metric.id];
      if (note !== undefined) out.push(chalk.dim(`* ${metric.label}: ${note}`));
    }
  }

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

const count = (n: number): string => formatValue(n, "count", null);

function plural(n: number, word: string): string {
  return `${count(n)} ${word}${n === 1 ? "" : "s"}`;
}

/**
 * Report → tidy CSV for spreadsheets: one row per as-of, currency and metric. The single report
 * is one as-of; an --every series is one per point, oldest first. Values are raw numbers (money
 * in major units, rates as fractions); null is an empty cell.
 */
import type { GroupResult } from "../core/compute.js";
import type { Report } from "../core/report.js";
import { METRICS } from "../metrics/index.js";

const HEADER = ["asOf", "from", "to", "currency", "metric", "unit", "value"];

export function renderCsv(report: Report): string {
  const points = report.series ?? [{ asOf: report.asOf, window: report.window, groups: report.groups as readonly GroupResult[] }];
  const lines = [HEADER.join(",")];
  for (const point of points) {
    for (const group of point.groups) {
      for (const metric of METRICS) {
        const value = group.metrics[metric.id];
        lines.push([point.asOf, point.window.from, point.window.to, group.currency ?? "", metric.id, metric.unit, value === null ? "" : String(value)].map(cell).join(","));
      }
    }
  }
  return `${lines.join("\n")}\n`;
}

/** RFC 4180: quote a cell holding a comma, quote or line break. */
function cell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

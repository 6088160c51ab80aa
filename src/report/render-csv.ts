/**
 * Report → tidy CSV for spreadsheets: one row per as-of, currency and metric. The single report
 * is one as-of; an --every series is one per point, oldest first; --compare adds the previous
 * window's rows (its own as-of, once). Values are raw numbers (money in major units, rates as
 * fractions); null is an empty cell. Changes are left to the spreadsheet.
 */
import type { GroupResult } from "../core/compute.js";
import { lastDayOf, type Report, type WindowInfo } from "../core/report.js";
import { METRICS } from "../metrics/index.js";

const HEADER = ["asOf", "from", "to", "currency", "metric", "unit", "value"];

export function renderCsv(report: Report): string {
  const points: { asOf: string; window: WindowInfo; groups: readonly GroupResult[] }[] = [
    ...(report.series ?? [{ asOf: report.asOf, window: report.window, groups: report.groups }]),
  ];
  const previous = report.groups[0]?.previous;
  if (previous && !points.some((p) => p.window.from === previous.window.from && p.window.to === previous.window.to)) {
    const groups = report.groups.map((g) => ({ currency: g.currency, metrics: g.previous!.metrics, notes: {} }));
    points.push({ asOf: lastDayOf(previous.window), window: previous.window, groups });
    points.sort((a, b) => a.asOf.localeCompare(b.asOf) || a.window.from.localeCompare(b.window.from));
  }
  const lines = [HEADER.join(",")];
  for (const point of points) {
    for (const group of point.groups) {
      for (const metric of METRICS) {
        const value = group.metrics[metric.id];
        lines.push(
          [
            point.asOf,
            point.window.from,
            point.window.to,
            group.currency ?? "",
            metric.id,
            metric.unit,
            value === null ? "" : String(value),
          ]
            .map(cell)
            .join(","),
        );
      }
    }
  }
  return `${lines.join("\n")}\n`;
}

/** RFC 4180: quote a cell holding a comma, quote or line break. */
function cell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

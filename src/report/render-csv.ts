/**
 * Report → tidy CSV for spreadsheets: one row per as-of, currency and metric. The single report
 * is one as-of; an --every series is one per point, oldest first; --compare adds the previous
 * window's rows (its own as-of, once). Values are raw numbers (money in major units, rates as
 * fractions); null is an empty cell. Survey figures (NPS, CSAT, CES) are rows of an empty currency,
 * after the currencies'. Changes are left to the spreadsheet. A text cell that a
 * spreadsheet would read as a formula gets a leading ' (OWASP, "CSV Injection").
 */

import { type EngagementMetricInfo, engagementValue } from "../core/engagement.js";
import type { MetricInfo } from "../core/metric-info.js";
import { type EngagementFigures, lastDayOf, type Report, type SeriesPoint } from "./model.js";

const HEADER = ["asOf", "from", "to", "currency", "metric", "unit", "value"];

export function renderCsv<Id extends string>(
  report: Report<Id>,
  metrics: readonly MetricInfo<Id>[],
  engagementMetrics: readonly EngagementMetricInfo[] = [],
): string {
  const single = {
    asOf: report.asOf,
    window: report.window,
    groups: report.groups,
    ...(report.engagement ? { engagement: report.engagement } : {}),
  };
  const points: SeriesPoint<Id>[] = [...(report.series ?? [single])];
  const engagement = report.engagement;
  const previous =
    report.groups[0]?.previous?.window ?? (engagement && Object.values(engagement).find((e) => e?.previous)?.previous?.window);
  if (previous && !points.some((p) => p.window.from === previous.from && p.window.to === previous.to)) {
    const notes: Partial<Record<Id, string>> = {};
    const groups = report.groups.map((g) => ({ currency: g.currency, metrics: g.previous!.metrics, notes }));
    const before: Record<string, unknown> = {};
    for (const [kind, entry] of Object.entries(engagement ?? {})) if (entry?.previous) before[kind] = entry.previous;
    points.push({
      asOf: lastDayOf(previous),
      window: previous,
      groups,
      ...(engagement ? { engagement: before as EngagementFigures } : {}),
    });
    points.sort((a, b) => a.asOf.localeCompare(b.asOf) || a.window.from.localeCompare(b.window.from));
  }
  const lines = [HEADER.join(",")];
  for (const point of points) {
    for (const group of point.groups) {
      for (const metric of metrics) {
        const value = group.metrics[metric.id];
        lines.push(
          [point.asOf, point.window.from, point.window.to, group.currency ?? "", metric.id, metric.unit]
            .map((text) => csvCell(text))
            .concat(value === null ? "" : csvCell(String(value), "number"))
            .join(","),
        );
      }
    }
    for (const metric of engagementMetrics) {
      const figures = point.engagement?.[metric.kind];
      if (!figures) continue;
      const value = engagementValue(figures, metric.field);
      lines.push(
        [point.asOf, point.window.from, point.window.to, "", metric.id, metric.unit]
          .map((text) => csvCell(text))
          .concat(value === null ? "" : csvCell(String(value), "number"))
          .join(","),
      );
    }
  }
  return `${lines.join("\n")}\n`;
}

/**
 * RFC 4180: quote a cell holding a comma, quote or line break. A text cell starting with = + - @,
 * a tab or a carriage return is a formula to Excel, LibreOffice and Google Sheets (a file's text
 * could run one): it is written with a leading ' (`'=HYPERLINK(…)`), shown as text. A number
 * stays a number (-12.5).
 */
export function csvCell(text: string, kind: "text" | "number" = "text"): string {
  // Most cells need neither: one test for both (a list of a million customers is millions of cells).
  if (!(kind === "text" ? PLAIN_TEXT_NOT : QUOTE).test(text)) return text;
  const safe = kind === "text" && FORMULA.test(text) ? `'${text}` : text;
  return QUOTE.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const FORMULA = /^[=+\-@\t\r]/;
const QUOTE = /[",\r\n]/;
const PLAIN_TEXT_NOT = /^[=+\-@\t\r]|[",\r\n]/;

/**
 * A long CSV (a customer list): the header, then a line per row of each list, each line (with its
 * line end) made as it is asked for, so the list is written line by line and never held whole
 * (the writer gathers the lines' bytes: utf8Batches in cli/write-file.ts). Text cells that a
 * spreadsheet would run as a formula are the `line` function's to make safe (csvCell).
 */
export function* csvLines<Row>(
  header: readonly string[],
  lists: readonly { readonly length: number; row(i: number): Row }[],
  line: (row: Row) => string,
): Generator<string> {
  yield `${header.join(",")}\n`;
  for (const list of lists) for (let i = 0; i < list.length; i++) yield `${line(list.row(i))}\n`;
}

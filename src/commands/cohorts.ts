/**
 * `shopmetrics cohorts`: acquisition cohorts per currency (metrics/analyses/cohorts.ts) from the
 * shop read as `report` reads it, and the ways to print them.
 */
import type { ChalkInstance } from "chalk";
import { formatDay } from "../core/calendar.js";
import type { CohortMetric } from "../core/cohort.js";
import type { CohortPeriod } from "../core/period.js";
import { computeCohorts } from "../metrics/analyses/cohorts.js";
import { renderAnalysisHtml } from "../report/html/analyses.js";
import { pageFormat } from "../report/html/format.js";
import type { CohortsDocument } from "../report/model.js";
import { COHORT_DEFINITIONS, renderCohortsCsv, renderCohortsTable } from "../report/render-cohorts.js";
import { renderJson } from "../report/render-json.js";
import { type Analysis, type AnalysisOptions, analysisDocument, readForAnalysis } from "./analysis.js";
import type { ShopSources } from "./read-shop.js";

export interface CohortsOptions extends AnalysisOptions {
  readonly period: CohortPeriod;
  /** --periods; absent: 12, or with --window every cohort acquired in it. */
  readonly periods?: number;
}

export async function buildCohorts(sources: ShopSources, options: CohortsOptions): Promise<CohortsDocument> {
  return cohortsOf(await readForAnalysis(sources, options, "cohorts"), options);
}

export function cohortsOf({ shop, timelines, asOf, window, header }: Analysis, options: CohortsOptions): CohortsDocument {
  // A --window (all too) shows every cohort acquired in it, unless --periods says how many.
  const periods = options.periods ?? (options.window === null ? 12 : null);
  const acquired = window === null ? null : { firstDay: window.firstDay, lastDay: window.asOf };
  const scope = { zone: options.zone, asOf, period: options.period, periods, acquired };
  const groups = [...timelines].map(([currency, timeline]) => computeCohorts(timeline, currency, scope));
  const warnings = [...header.warnings];
  // The export's first period: whoever bought before the export began looks acquired in it.
  const ledger = shop.orders!.ledger;
  if (!Number.isNaN(ledger.firstAt)) {
    const first = formatDay(options.zone.dayOf(ledger.firstAt));
    const cut = groups.flatMap((g) => g.cohorts).find((c) => c.start < first && first <= c.end);
    if (cut)
      warnings.push(
        `the data starts on ${first}, inside the ${cut.cohort} cohort: it is partial, and it and the next cohorts count as acquired any customer who bought before the export began`,
      );
  }
  return analysisDocument<CohortsDocument>(
    header,
    "cohorts",
    { period: options.period },
    { groups, warnings, definitions: COHORT_DEFINITIONS },
  );
}

export function renderCohorts(
  document: CohortsDocument,
  format: "table" | "json" | "csv" | "html",
  chalk: ChalkInstance,
  metric: CohortMetric,
  width?: number,
  locale = "en-US",
): string {
  if (format === "json") return renderJson(document);
  if (format === "html") return renderAnalysisHtml(document, pageFormat(locale), metric);
  if (format === "csv") return renderCohortsCsv(document);
  return renderCohortsTable(document, metric, chalk, width);
}

/**
 * `shopmetrics cohorts`: acquisition cohorts per currency (metrics/analyses/cohorts.ts) from the
 * shop read as `report` reads it, and the ways to print them.
 */
import type { ChalkInstance } from "chalk";
import type { CohortMetric } from "../core/cohort.js";
import type { CohortPeriod } from "../core/period.js";
import { computeCohorts } from "../metrics/analyses/cohorts.js";
import type { CohortsDocument } from "../report/model.js";
import { COHORT_DEFINITIONS, renderCohortsCsv, renderCohortsTable } from "../report/render-cohorts.js";
import { renderJson } from "../report/render-json.js";
import { type AnalysisOptions, readForAnalysis } from "./analysis.js";
import type { ShopSources } from "./read-shop.js";

export interface CohortsOptions extends AnalysisOptions {
  readonly period: CohortPeriod;
  /** --periods; absent: 12, or with --window every cohort acquired in it. */
  readonly periods?: number;
}

export async function buildCohorts(sources: ShopSources, options: CohortsOptions): Promise<CohortsDocument> {
  const { timelines, asOf, window, header } = await readForAnalysis(sources, options, "cohorts");
  const periods = options.periods ?? (window === null ? 12 : null);
  const acquired = window === null ? null : { firstDay: window.firstDay, lastDay: window.asOf };
  const scope = { zone: options.zone, asOf, period: options.period, periods, acquired };
  const { schemaVersion, asOf: day, timezone, timezoneSource, ...rest } = header;
  return {
    schemaVersion,
    command: "cohorts",
    asOf: day,
    timezone,
    timezoneSource,
    period: options.period,
    window: rest.window,
    revenue: rest.revenue,
    inputs: rest.inputs,
    groups: [...timelines].map(([currency, timeline]) => computeCohorts(timeline, currency, scope)),
    dataQuality: rest.dataQuality,
    warnings: rest.warnings,
    definitions: COHORT_DEFINITIONS,
  };
}

export function renderCohorts(
  document: CohortsDocument,
  format: "table" | "json" | "csv",
  chalk: ChalkInstance,
  metric: CohortMetric,
  width?: number,
): string {
  if (format === "json") return renderJson(document);
  if (format === "csv") return renderCohortsCsv(document);
  return renderCohortsTable(document, metric, chalk, width);
}

/**
 * Acquisition cohorts: the customers whose first counted order (in a currency) fell in one
 * calendar period, followed period by period. The figures' shape, shared by the computation
 * (metrics/analyses/cohorts.ts) and the renderers; docs/metrics.md defines each figure.
 */
import type { CohortPeriod } from "./period.js";

/** One cohort in its period cohort + offset. */
export interface CohortCell {
  readonly offset: number;
  /** Cohort customers with at least one counted order in the period. */
  readonly activeCustomers: number;
  /** activeCustomers / the cohort's customers. */
  readonly retention: number;
  /** The cohort's revenue in the period, major units. */
  readonly revenue: number;
  /** The cohort's revenue in periods 0 … offset over its customers, rounded to the minor unit. */
  readonly cumulativeRevenuePerCustomer: number;
  /** The cohort's counted orders in periods 0 … offset over its customers. */
  readonly cumulativeOrdersPerCustomer: number;
  /** False while the period has not ended by the end of the as-of day: its figures are partial. */
  readonly mature: boolean;
}

export interface Cohort {
  /** `2025-03`, `2025-W14`, `2025-Q2`. */
  readonly cohort: string;
  /** The period's first and last local day, YYYY-MM-DD. */
  readonly start: string;
  readonly end: string;
  readonly customers: number;
  /** Offsets 0 … the as-of day's period; never a cell after it. */
  readonly cells: readonly CohortCell[];
}

export interface CohortGroup {
  readonly currency: string | null;
  readonly cohorts: readonly Cohort[];
}

export interface CohortOptions {
  readonly period: CohortPeriod;
  /** The latest N periods up to the as-of day's; null: every period holding an acquisition (with a window). */
  readonly periods: number | null;
}

/** The matrices `cohorts --metric` prints, and the cell figure each shows. */
export const COHORT_METRICS = ["retention", "revenue", "orders"] as const;
export type CohortMetric = (typeof COHORT_METRICS)[number];
export const COHORT_METRIC_FIELD: Readonly<Record<CohortMetric, keyof CohortCell>> = {
  retention: "retention",
  revenue: "cumulativeRevenuePerCustomer",
  orders: "cumulativeOrdersPerCustomer",
};

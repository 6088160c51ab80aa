/**
 * The metric contract. A metric is a definition plus either
 *   - accumulators the core feeds in one pass over a currency group (arquero's create → add →
 *     value, d3's one-pass reducers): order() for each counted order inside the window W, and
 *     customer() for each identified customer with a counted order in W or in the previous
 *     window P; then result() once. Facts are reused between calls: copy what you keep.
 *   - or a derivation from metrics listed before it (aov from revenue and orders, clv from aov,
 *     purchaseFrequency and churnRate), so each formula lives in one place.
 * Results are null — never NaN or ±Infinity — when a metric can't be computed, with a note.
 */
import type { Minor } from "../core/money.js";
import type { ReportWindow } from "../core/window.js";

export type MetricId =
  | "orders"
  | "revenue"
  | "aov"
  | "customers"
  | "newCustomers"
  | "purchaseFrequency"
  | "repeatPurchaseRate"
  | "returningCustomerRate"
  | "guestCheckoutRate"
  | "customersAtStart"
  | "retainedCustomers"
  | "reactivatedCustomers"
  | "retentionRate"
  | "churnRate"
  | "avgDaysBetweenPurchases"
  | "medianDaysBetweenPurchases"
  | "repeatCustomerRevenueMultiple"
  | "clv";

import type { Better, MetricUnit } from "../core/metric-info.js";

export interface OrderFact {
  /** Creation instant, epoch ms; always inside the window. */
  at: number;
  /** Revenue, minor units. */
  revenue: Minor;
  /** Customer representative, or -1 when the order has no email and no customer id. */
  customer: number;
  /** 1 guest, 0 account, -1 unknown. */
  guest: number;
}

export interface CustomerFact {
  customer: number;
  /** Counted orders inside the window W. */
  ordersInWindow: number;
  /** Their revenue, minor units. */
  revenueInWindow: Minor;
  /** Counted orders inside the previous window P. */
  ordersInPrevious: number;
  /** Counted orders from the customer's first up to the end of W (whole history). */
  ordersToEnd: number;
  /** The customer's first counted order in this currency, anywhere in the file, epoch ms. */
  firstAt: number;
  /** Days between consecutive counted orders (exact: ms / 86,400,000) whose later order is in W. */
  gaps: readonly number[];
}

export interface MetricContext {
  readonly currency: string | null;
  /** The window W. */
  readonly window: ReportWindow;
  /** The previous window P: same length, ending where W starts. */
  readonly previous: ReportWindow;
  /** --margin: the share of revenue that is profit, for clv. */
  readonly margin: number;
  /** Why the input cannot say which orders were guest checkouts; null when it can. */
  readonly guestUnknownReason: string | null;
  /** Why customers can't be told apart (no email or customer id column); null when they can. */
  readonly identityUnknownReason: string | null;
  /** Why order amounts are unknown (no amount column); null when they are known. */
  readonly amountUnknownReason: string | null;
}

/** Metrics built on amounts: null, with the reason, when the input has none. */
export const MONEY_METRICS: ReadonlySet<MetricId> = new Set<MetricId>(["revenue", "aov", "clv", "repeatCustomerRevenueMultiple"]);

/** Metrics about orders, not customers: the only ones computed when customers can't be told apart. */
export const ORDER_LEVEL_METRICS: ReadonlySet<MetricId> = new Set<MetricId>(["orders", "revenue", "aov", "guestCheckoutRate"]);

export interface MetricResult {
  /** null when the metric cannot be computed (denominator 0, input missing) — never NaN or ±Infinity. */
  readonly value: number | null;
  /** Why the value is null, or a caveat on a non-null value. */
  readonly note?: string;
}

export interface Accumulator {
  order?(order: Readonly<OrderFact>): void;
  customer?(customer: Readonly<CustomerFact>): void;
  result(): MetricResult;
}

interface MetricBase {
  readonly id: MetricId;
  /** Table label. */
  readonly label: string;
  readonly unit: MetricUnit;
  readonly better: Better;
  /** The exact definition, as printed in the JSON `definitions` and docs/metrics.md. */
  readonly definition: string;
}

export interface AccumulatedMetric extends MetricBase {
  create(context: MetricContext): Accumulator;
}

export interface DerivedMetric extends MetricBase {
  /** `results` holds every metric listed before this one, money still in minor units. */
  derive(results: ReadonlyMap<MetricId, MetricResult>, context: MetricContext): MetricResult;
}

export type MetricDef = AccumulatedMetric | DerivedMetric;

export const isDerived = (metric: MetricDef): metric is DerivedMetric => "derive" in metric;

/** An accumulator factory for "the number of customers for whom `test` holds". */
export function countCustomers(test: (customer: Readonly<CustomerFact>, context: MetricContext) => boolean): AccumulatedMetric["create"] {
  return (context) => {
    let count = 0;
    return {
      customer(customer) {
        if (test(customer, context)) count++;
      },
      result: () => ({ value: count }),
    };
  };
}

/** numerator / denominator, or null with `whyZero` when the denominator is 0. */
export function ratio(numerator: number, denominator: number, whyZero: string): MetricResult {
  return denominator === 0 ? { value: null, note: whyZero } : { value: numerator / denominator };
}

/** The value of an earlier metric, or the reason it has none. */
export function input(results: ReadonlyMap<MetricId, MetricResult>, id: MetricId): MetricResult {
  const result = results.get(id);
  if (!result) throw new Error(`metric ${id} must be listed before the metrics that use it`);
  return result;
}

export const NO_ORDERS = "no counted orders in the window";
export const NO_CUSTOMERS = "no identified customers with a counted order in the window";
export const NO_START_CUSTOMERS = "no identified customers with a counted order in the previous window";

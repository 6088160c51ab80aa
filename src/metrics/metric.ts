/**
 * The metric contract. A metric is a definition plus a factory of accumulators; the core feeds
 * every accumulator the same single pass over a currency group (arquero's create → add → value,
 * d3's one-pass reducers). An accumulator sees:
 *   - order(): each counted order inside the window, and
 *   - customer(): each identified customer with at least one counted order in the window,
 * then result() once. Facts are reused between calls: copy what you keep.
 */
import type { Minor } from "../core/money.js";
import type { ReportWindow } from "../core/window.js";

export type MetricId =
  | "orders"
  | "revenue"
  | "aov"
  | "customers"
  | "purchaseFrequency"
  | "repeatPurchaseRate"
  | "guestCheckoutRate"
  | "newCustomers";

/** How a value is shown: count (integer), money (minor units in, major units out), rate (fraction), ratio. */
export type MetricUnit = "count" | "money" | "rate" | "ratio";

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
  /** Counted orders of this customer inside the window (≥ 1). */
  ordersInWindow: number;
  /** The customer's first counted order in this currency, anywhere in the file, epoch ms. */
  firstAt: number;
}

export interface MetricContext {
  readonly currency: string | null;
  readonly window: ReportWindow;
  /** Why the input cannot say which orders were guest checkouts; null when it can. */
  readonly guestUnknownReason: string | null;
}

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

export interface MetricDef {
  readonly id: MetricId;
  /** Table label. */
  readonly label: string;
  readonly unit: MetricUnit;
  /** The exact definition, as printed in the JSON `definitions` and docs/metrics.md. */
  readonly definition: string;
  create(context: MetricContext): Accumulator;
}

/** numerator / denominator, or null with `whyZero` when the denominator is 0. */
export function ratio(numerator: number, denominator: number, whyZero: string): MetricResult {
  return denominator === 0 ? { value: null, note: whyZero } : { value: numerator / denominator };
}

export const NO_ORDERS = "no counted orders in the window";
export const NO_CUSTOMERS = "no identified customers with a counted order in the window";

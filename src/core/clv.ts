/**
 * Predicted CLV's shapes and spans: `--horizon` and `--holdout` lengths (12m, 39w, 90d), the fitted
 * models and the figures per currency group that `shopmetrics clv` reports (docs/metrics.md,
 * "Predicted CLV"; docs/json-schema.md).
 */
import { addMonths, type DayNumber } from "./calendar.js";

/** Weeks in a month, as lifetimes' customer_lifetime_value counts them (52.14 / 12). */
export const WEEKS_PER_MONTH = 4.345;

export type Span = { readonly kind: "months" | "weeks" | "days"; readonly count: number };

/** `12m`, `39w`, `90d`; null when the text is none of them (or 0, or over a century). */
export function parseSpan(text: string): Span | null {
  const m = /^\s*(\d{1,6})\s*([mwd])\s*$/i.exec(text);
  if (!m) return null;
  const count = Number(m[1]);
  const kind = m[2]!.toLowerCase() === "m" ? "months" : m[2]!.toLowerCase() === "w" ? "weeks" : "days";
  const days = kind === "months" ? count * 31 : kind === "weeks" ? count * 7 : count;
  return count < 1 || days > 36_525 ? null : { kind, count };
}

export function formatSpan(span: Span): string {
  return `${span.count}${span.kind === "months" ? "m" : span.kind === "weeks" ? "w" : "d"}`;
}

/** The first day of the `span` that ends with `last` (a holdout ending on the as-of day): calendar months back, or whole days. */
export function spanStart(span: Span, last: DayNumber): DayNumber {
  if (span.kind === "months") return addMonths(last + 1, -span.count);
  return last + 1 - (span.kind === "weeks" ? 7 * span.count : span.count);
}

/** A horizon's length in the time unit: a month is WEEKS_PER_MONTH weeks. */
export function spanUnits(span: Span, unitDays: number): number {
  const days = span.kind === "months" ? span.count * WEEKS_PER_MONTH * 7 : span.kind === "weeks" ? span.count * 7 : span.count;
  return days / unitDays;
}

export const CLV_MODELS = ["bg-nbd", "pareto-nbd"] as const;
export type ClvModelName = (typeof CLV_MODELS)[number];
export const TIME_UNITS = ["week", "day"] as const;
export type TimeUnit = (typeof TIME_UNITS)[number];

/** A fitted transaction model (BG/NBD: r, alpha, a, b; Pareto/NBD: r, alpha, s, beta). */
export interface TransactionFit {
  readonly name: ClvModelName;
  readonly params: Readonly<Record<string, number>>;
  /** From the observed information (numerical Hessian); null when it is not invertible. */
  readonly stdErrors: Readonly<Record<string, number>> | null;
  readonly logLikelihood: number;
  readonly converged: boolean;
  /** Why the fit is not used for predictions; null when it is. */
  readonly refused: string | null;
}

export interface SpendFit {
  readonly name: "gamma-gamma";
  readonly params: Readonly<Record<string, number>> | null;
  readonly stdErrors: Readonly<Record<string, number>> | null;
  readonly logLikelihood: number | null;
  readonly converged: boolean;
  /** Repeat customers with a positive mean spend, fitted on. */
  readonly customers: number;
  /** Repeat customers left out: a mean repeat spend of 0 or less. */
  readonly excluded: number;
  /** Pearson's correlation of frequency (x) and mean spend (zbar) over the fitted customers: the model assumes none. */
  readonly correlation: number | null;
  readonly refused: string | null;
}

export interface HoldoutBucket {
  /** The calibration frequency: "0" … "6", and "7+". */
  readonly x: string;
  readonly customers: number;
  readonly predicted: number;
  readonly actual: number;
}

export interface HoldoutCheck {
  /** The holdout's first and last local day. */
  readonly from: string;
  readonly to: string;
  readonly customers: number;
  /** Σ predicted and Σ actual repeat purchases (distinct purchase days) in the holdout. */
  readonly predicted: number;
  readonly actual: number;
  /** Mean |predicted − actual| per customer. */
  readonly mae: number;
  readonly byFrequency: readonly HoldoutBucket[];
}

/** One customer's predictions, for the top of the table and --customers-out. */
export interface ClvCustomerRow {
  readonly customer: string;
  readonly email: string | null;
  readonly customerId: string | null;
  readonly currency: string | null;
  readonly x: number;
  readonly tx: number;
  readonly T: number;
  readonly zbar: number;
  readonly pAlive: number;
  readonly expectedPurchases: number;
  /** Gamma-Gamma's conditional expected order value; null without a spend fit. */
  readonly expectedAov: number | null;
  readonly clv: number | null;
  /** The segment `shopmetrics rfm` gives the customer (its default grid, or the config's). */
  readonly segment: string;
}

export interface ClvGroup {
  readonly currency: string | null;
  /** Customers with a purchase by the calibration end. */
  readonly customers: number;
  /** …of whom x > 0. */
  readonly repeatCustomers: number;
  readonly model: TransactionFit | null;
  readonly spend: SpendFit | null;
  readonly holdout?: HoldoutCheck;
  /** Over the horizon, Σ over the customers; null where the fit was refused. */
  readonly totals: { readonly expectedPurchases: number | null; readonly expectedRevenue: number | null; readonly clv: number | null };
  /** Customers by P(alive), in ten bins of 0.1 (the last holds 1). */
  readonly pAliveHistogram: readonly number[];
  /** The customers with the highest CLV (or expected purchases without a spend fit). */
  readonly top: readonly ClvCustomerRow[];
  readonly notes: readonly string[];
}

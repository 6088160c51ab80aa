/**
 * The metric contract. A metric is its info (id, label, unit, definition), where it sits in the
 * report, what it needs from the input, and either
 *   - an accumulator the engine feeds in one pass over a currency group (arquero's create → add →
 *     value, d3's one-pass reducers): order() for each counted order inside the window W, and
 *     customer() for each identified customer with a counted order in W or in the previous window
 *     P; then result() once. Facts are reused between calls: copy what you keep.
 *   - or a derivation from the metrics it uses (aov from revenue and orders), so that each formula
 *     is written once.
 *
 * What a metric needs is declared, not assumed: the facts it is handed carry only the fields of
 * the inputs it declares (an accumulator that reads `revenue` without needing "amounts" does not
 * compile), a derived metric needs whatever the metrics it uses need, and when an input is
 * missing from a file the engine — in one place, compute.ts — makes the metric null with the
 * input's reason. Results are null, never NaN or ±Infinity, when a metric can't be computed.
 *
 * A metric is one file in this folder, default-exporting defineMetric() or deriveMetric(): the
 * build lists it in all.ts (scripts/generate-metric-list.mjs), and the registry (registry.ts,
 * made in index.ts) orders it and checks what it uses.
 */
import type { MetricInfo } from "../core/metric-info.js";
import type { Minor } from "../core/money.js";
import type { ReportWindow } from "../core/window.js";

/**
 * What a metric may need from the input beyond each order's instant, in the order in which a
 * missing one explains a null: customers told apart (an email or customer id column), order
 * amounts, and which orders were guest checkouts.
 */
export const NEEDS = ["identity", "amounts", "guest"] as const;
export type Need = (typeof NEEDS)[number];

/** For each input, why this report lacks it; null when it has it. */
export type Unavailable = Readonly<Record<Need, string | null>>;

/** A counted order inside the window W, with the fields the metric's needs allow. */
export type OrderFact<N extends Need = Need> = {
  /** Creation instant, epoch ms; always inside W. */
  readonly at: number;
} & ("amounts" extends N
  ? {
      /** Revenue (total − refunded), minor units. */
      readonly revenue: Minor;
    }
  : unknown) &
  ("identity" extends N
    ? {
        /** Customer representative, or -1 when the order has no email and no customer id. */
        readonly customer: number;
      }
    : unknown) &
  ("guest" extends N
    ? {
        /** 1 guest, 0 account, -1 unknown. */
        readonly guest: number;
      }
    : unknown);

/** An identified customer with a counted order in W or P (metrics that need "identity" only). */
export type CustomerFact<N extends Need = Need> = {
  readonly customer: number;
  /** Counted orders inside the window W. */
  readonly ordersInWindow: number;
  /** Counted orders inside the previous window P. */
  readonly ordersInPrevious: number;
  /** Counted orders from the customer's first up to the end of W (whole history). */
  readonly ordersToEnd: number;
  /** The customer's first counted order in this currency, anywhere in the file, epoch ms. */
  readonly firstAt: number;
  /** Days between consecutive counted orders (exact: ms / 86,400,000) whose later order is in W. */
  readonly gaps: readonly number[];
} & ("amounts" extends N
  ? {
      /** Revenue in W, minor units. */
      readonly revenueInWindow: Minor;
    }
  : unknown);

export interface MetricContext {
  readonly currency: string | null;
  /** The window W. */
  readonly window: ReportWindow;
  /** The previous window P: same length, ending where W starts. */
  readonly previous: ReportWindow;
  /** --margin: the share of revenue that is profit, for clv. */
  readonly margin: number;
}

export interface MetricResult {
  /** null when the metric cannot be computed (denominator 0, input missing); money in minor units. */
  readonly value: number | null;
  /** Why the value is null, or a caveat on a non-null value. */
  readonly note?: string;
}

export type Accumulator<N extends Need = Need> = {
  order?(order: OrderFact<N>): void;
  result(): MetricResult;
} & ("identity" extends N ? { customer?(customer: CustomerFact<N>): void } : { customer?: never });

interface MetricBase<Id extends string> extends MetricInfo<Id> {
  /** Where the metric sits in the report, ascending (the registry sorts by it). */
  readonly position: number;
}

export interface AccumulatedMetric<Id extends string = string, N extends Need = Need> extends MetricBase<Id> {
  /** The inputs the metric reads; its facts carry exactly their fields. */
  readonly needs: readonly N[];
  create(context: MetricContext): Accumulator<N>;
}

export interface DerivedMetric<Id extends string = string, U extends string = string> extends MetricBase<Id> {
  /** The metrics it is computed from; it needs whatever they need. */
  readonly uses: readonly U[];
  /** `inputs` holds exactly the metrics in `uses`, money still in minor units. */
  derive(inputs: Readonly<Record<U, MetricResult>>, context: MetricContext): MetricResult;
}

/**
 * Any metric, as the registry holds it. (Not `AccumulatedMetric<string, Need>`: TypeScript would
 * compare the needs parameters invariantly, and no metric that needs less would fit.)
 */
export type MetricDef =
  | (MetricBase<string> & { readonly needs: readonly Need[]; create(context: MetricContext): Accumulator })
  | (MetricBase<string> & {
      readonly uses: readonly string[];
      derive(inputs: Readonly<Record<string, MetricResult>>, context: MetricContext): MetricResult;
    });

export const isDerived = (metric: MetricDef): metric is Extract<MetricDef, { readonly uses: readonly string[] }> => "derive" in metric;

/** An accumulated metric; `const` keeps its id a literal type, from which MetricId is derived. */
export function defineMetric<const Id extends string, const N extends Need = never>(
  metric: AccumulatedMetric<Id, N>,
): AccumulatedMetric<Id, N> {
  return metric;
}

/** A metric derived from others. */
export function deriveMetric<const Id extends string, const U extends string>(metric: DerivedMetric<Id, U>): DerivedMetric<Id, U> {
  return metric;
}

/** An accumulator for "the number of customers for whom `test` holds". */
export function countCustomers(
  test: (customer: CustomerFact<"identity">, context: MetricContext) => boolean,
): (context: MetricContext) => Accumulator<"identity"> {
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

/**
 * numerator / denominator, or null with `whyZero` when the denominator is 0. With `base` (what
 * the denominator counts, "customers"), a rate over fewer than SMALL_BASE of them says so.
 */
export function ratio(numerator: number, denominator: number, whyZero: string, base?: string): MetricResult {
  if (denominator === 0) return { value: null, note: whyZero };
  const note = base === undefined ? undefined : smallBase(denominator, base);
  return note === undefined ? { value: numerator / denominator } : { value: numerator / denominator, note };
}

/** Below this many customers (or orders) in its denominator, a rate carries a small-base note. */
const SMALL_BASE = 30;

/** The note on a rate over fewer than SMALL_BASE `what`: how much one of them moves it. */
export function smallBase(denominator: number, what: string): string | undefined {
  if (denominator >= SMALL_BASE) return undefined;
  const counted = denominator === 1 ? what.replace(/^(\w+)s\b/, "$1") : what; // "1 customer at start"
  return `a small base: over ${denominator} ${counted} (fewer than ${SMALL_BASE}), each one moves the rate by ${(100 / denominator).toFixed(1)} percentage points`;
}

/** Notes joined: `a; b`; undefined when there are none. */
export function notes(...said: (string | undefined)[]): string | undefined {
  const kept = said.filter((note): note is string => note !== undefined);
  return kept.length === 0 ? undefined : kept.join("; ");
}

export const NO_ORDERS = "no counted orders in the window";
export const NO_CUSTOMERS = "no identified customers with a counted order in the window";
export const NO_START_CUSTOMERS = "no identified customers with a counted order in the previous window";
export const NO_GAPS = "no customer placed a repeat order in the window (no gap between two orders ends in it)";

/**
 * Runs the metrics over each currency's timeline for one window W (and its previous window P).
 * Pure: timelines and windows in, numbers out.
 */

import { MS_PER_DAY } from "../core/calendar.js";
import { minorDigits, roundMinor, toMajor } from "../core/money.js";
import { lowerBound, type Timeline } from "../core/timeline.js";
import type { ReportWindow } from "../core/window.js";
import {
  type Accumulator,
  type CustomerFact,
  isDerived,
  type MetricContext,
  type MetricDef,
  type MetricId,
  type MetricResult,
  MONEY_METRICS,
  ORDER_LEVEL_METRICS,
  type OrderFact,
} from "./metric.js";

export type MetricValues = Readonly<Record<MetricId, number | null>>;

export interface GroupResult {
  readonly currency: string | null;
  /** Money in major units rounded to the currency's minor unit; rates as fractions. */
  readonly metrics: MetricValues;
  readonly notes: Readonly<Partial<Record<MetricId, string>>>;
}

export interface ComputeOptions {
  readonly guestUnknownReason: string | null;
  /** Why customers can't be told apart in this input; every customer metric is then null with it. */
  readonly identityUnknownReason: string | null;
  /** Why amounts are unknown; every money metric is then null with it. */
  readonly amountUnknownReason: string | null;
  /** --margin, for clv. */
  readonly margin: number;
}

/** The currencies of `groups` in report order: by code, an unknown currency last. */
export function sortedCurrencies<T>(groups: ReadonlyMap<string | null, T>): (string | null)[] {
  return [...groups.keys()].sort((a, b) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)));
}

export function computeGroups(
  timelines: ReadonlyMap<string | null, Timeline>,
  window: ReportWindow,
  previous: ReportWindow,
  metrics: readonly MetricDef[],
  options: ComputeOptions,
): GroupResult[] {
  return sortedCurrencies(timelines).map((currency) =>
    computeGroup(
      timelines.get(currency)!,
      {
        currency,
        window,
        previous,
        margin: options.margin,
        guestUnknownReason: options.guestUnknownReason,
        identityUnknownReason: options.identityUnknownReason,
        amountUnknownReason: options.amountUnknownReason,
      },
      metrics,
    ),
  );
}

export function computeGroup(timeline: Timeline, context: MetricContext, metrics: readonly MetricDef[]): GroupResult {
  const accumulators = new Map<MetricId, Accumulator>();
  for (const metric of metrics) if (!isDerived(metric)) accumulators.set(metric.id, metric.create(context));
  const onOrder = [...accumulators.values()].filter((a) => a.order);
  const onCustomer = [...accumulators.values()].filter((a) => a.customer);
  const W = context.window;
  const P = context.previous;

  // Orders: the window's slice of the time-ordered list.
  const fact: OrderFact = { at: 0, revenue: 0, customer: -1, guest: -1 };
  const end = lowerBound(timeline.at, W.to);
  for (let k = lowerBound(timeline.at, W.from); k < end; k++) {
    fact.at = timeline.at[k]!;
    fact.revenue = timeline.revenue[k]!;
    fact.customer = timeline.customer[k]!;
    fact.guest = timeline.guest[k]!;
    for (const a of onOrder) a.order!(fact);
  }

  // Customers: a few binary searches each in their own time-ordered orders.
  const gaps: number[] = [];
  const customerFact: CustomerFact = {
    customer: -1,
    ordersInWindow: 0,
    revenueInWindow: 0,
    ordersInPrevious: 0,
    ordersToEnd: 0,
    firstAt: 0,
    gaps,
  };
  const { customerStart, customerAt, customerRevenue } = timeline;
  for (let c = 0; c < timeline.customerId.length; c++) {
    const first = customerStart[c]!;
    const stop = customerStart[c + 1]!;
    const inW = lowerBound(customerAt, W.from, first, stop);
    const afterW = lowerBound(customerAt, W.to, inW, stop);
    const inP = lowerBound(customerAt, P.from, first, inW); // P ends where W starts
    if (afterW === inW && inW === inP) continue; // no order in W or P
    let revenue = 0;
    gaps.length = 0;
    for (let k = inW; k < afterW; k++) {
      revenue += customerRevenue[k]!;
      if (k > first) gaps.push((customerAt[k]! - customerAt[k - 1]!) / MS_PER_DAY);
    }
    customerFact.customer = timeline.customerId[c]!;
    customerFact.ordersInWindow = afterW - inW;
    customerFact.revenueInWindow = revenue;
    customerFact.ordersInPrevious = inW - inP;
    customerFact.ordersToEnd = afterW - first;
    customerFact.firstAt = customerAt[first]!;
    for (const a of onCustomer) a.customer!(customerFact);
  }

  // Results in registry order, so a derived metric sees the ones before it (money in minor units).
  const results = new Map<MetricId, MetricResult>();
  for (const metric of metrics) {
    if (context.identityUnknownReason !== null && !ORDER_LEVEL_METRICS.has(metric.id)) {
      results.set(metric.id, { value: null, note: context.identityUnknownReason });
      continue;
    }
    if (context.amountUnknownReason !== null && MONEY_METRICS.has(metric.id)) {
      results.set(metric.id, { value: null, note: context.amountUnknownReason });
      continue;
    }
    const result = isDerived(metric) ? metric.derive(results, context) : accumulators.get(metric.id)!.result();
    results.set(metric.id, result.value === null || Number.isFinite(result.value) ? result : { value: null, note: "not a finite number" });
  }
  const digits = minorDigits(context.currency);
  const values = {} as Record<MetricId, number | null>;
  const notes: Partial<Record<MetricId, string>> = {};
  for (const metric of metrics) {
    const { value, note } = results.get(metric.id)!;
    values[metric.id] = value === null ? null : metric.unit === "money" ? toMajor(roundMinor(value), digits) : value;
    if (note !== undefined) notes[metric.id] = note;
    else if (value === null) notes[metric.id] = "not computable from this input";
  }
  return { currency: context.currency, metrics: values, notes };
}

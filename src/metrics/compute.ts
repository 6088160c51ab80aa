/**
 * Runs the metrics over each currency's timeline for one window W (and its previous window P).
 * Pure: timelines and windows in, numbers out. This is the one place where a metric whose input
 * is missing from the file becomes null with that input's reason.
 */
import { MS_PER_DAY } from "../core/calendar.js";
import { IdentityGraph } from "../core/identity.js";
import { OrderColumns } from "../core/ledger.js";
import { minorDigits, roundMinor, toMajor } from "../core/money.js";
import { buildTimeline, lowerBound, type Timeline } from "../core/timeline.js";
import type { ReportWindow } from "../core/window.js";
import { type Accumulator, isDerived, type MetricContext, type MetricResult, type Unavailable } from "./metric.js";
import type { Registry } from "./registry.js";

export interface GroupResult<Id extends string = string> {
  readonly currency: string | null;
  /** Money in major units rounded to the currency's minor unit; rates as fractions. */
  readonly metrics: Readonly<Record<Id, number | null>>;
  readonly notes: Readonly<Partial<Record<Id, string>>>;
}

export interface ComputeOptions {
  /** For each input the metrics may need, why this report lacks it (null when it has it). */
  readonly unavailable: Unavailable;
  /** --margin, for clv. */
  readonly margin: number;
}

/** The currencies of `groups` in report order: by code, an unknown currency last. */
export function sortedCurrencies<T>(groups: ReadonlyMap<string | null, T>): (string | null)[] {
  return [...groups.keys()].sort((a, b) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)));
}

export function computeGroups<Id extends string>(
  timelines: ReadonlyMap<string | null, Timeline>,
  window: ReportWindow,
  previous: ReportWindow,
  registry: Registry<Id>,
  options: ComputeOptions,
): GroupResult<Id>[] {
  return sortedCurrencies(timelines).map((currency) =>
    computeGroup(timelines.get(currency)!, { currency, window, previous, margin: options.margin }, registry, options.unavailable),
  );
}

/**
 * The metrics over no orders at all (for --fail-if on an export without orders): counts are 0,
 * a metric whose input the file lacks is null with its reason, the rest as over no orders.
 */
export function computeEmptyGroup<Id extends string>(
  window: ReportWindow,
  previous: ReportWindow,
  registry: Registry<Id>,
  options: ComputeOptions,
): GroupResult<Id> {
  return computeGroup(
    buildTimeline(new OrderColumns(), new IdentityGraph()),
    { currency: null, window, previous, margin: options.margin },
    registry,
    options.unavailable,
  );
}

function computeGroup<Id extends string>(
  timeline: Timeline,
  context: MetricContext,
  registry: Registry<Id>,
  unavailable: Unavailable,
): GroupResult<Id> {
  // Each metric's reason to be null: the first input it needs that this report lacks.
  const missing = new Map<Id, string>();
  for (const metric of registry.computeOrder) {
    const need = metric.requires.find((n) => unavailable[n] !== null);
    if (need !== undefined) missing.set(metric.id, unavailable[need]!);
  }
  const accumulators = new Map<Id, Accumulator>();
  for (const metric of registry.computeOrder) {
    if (!isDerived(metric) && !missing.has(metric.id)) accumulators.set(metric.id, metric.create(context) as Accumulator);
  }
  const onOrder = [...accumulators.values()].filter((a) => a.order);
  const onCustomer = [...accumulators.values()].filter((a) => a.customer);
  const W = context.window;
  const P = context.previous;

  // Orders: the window's slice of the time-ordered list.
  const fact = { at: 0, revenue: 0, customer: -1, guest: -1 };
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
  const customerFact = { customer: -1, ordersInWindow: 0, revenueInWindow: 0, ordersInPrevious: 0, ordersToEnd: 0, firstAt: 0, gaps };
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

  // Results in computation order, so a derived metric sees the ones it uses (money in minor units).
  const results = new Map<string, MetricResult>();
  for (const metric of registry.computeOrder) {
    const reason = missing.get(metric.id);
    let result: MetricResult;
    if (reason !== undefined) result = { value: null, note: reason };
    else if (isDerived(metric)) result = metric.derive(Object.fromEntries(metric.uses.map((id) => [id, results.get(id)!])), context);
    else result = accumulators.get(metric.id)!.result();
    results.set(metric.id, result.value === null || Number.isFinite(result.value) ? result : { value: null, note: "not a finite number" });
  }
  const digits = minorDigits(context.currency);
  const values = {} as Record<Id, number | null>;
  const notes: Partial<Record<Id, string>> = {};
  for (const metric of registry.metrics) {
    const { value, note } = results.get(metric.id)!;
    values[metric.id] = value === null ? null : metric.unit === "money" ? toMajor(roundMinor(value), digits) : value;
    if (note !== undefined) notes[metric.id] = note;
    else if (value === null) notes[metric.id] = "not computable from this input";
  }
  return { currency: context.currency, metrics: values, notes };
}

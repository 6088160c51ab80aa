/**
 * Runs the metric accumulators over each currency group of the ledger for one window.
 * Pure: the ledger and window in, numbers out.
 */
import type { CustomerFact, MetricContext, MetricDef, MetricId, OrderFact } from "../metrics/metric.js";
import type { OrderColumns, OrderLedger } from "./ledger.js";
import { minorDigits, roundMinor, toMajor } from "./money.js";
import type { ReportWindow } from "./window.js";

export interface GroupResult {
  readonly currency: string | null;
  /** Money in major units rounded to the currency's minor unit; rates as fractions. */
  readonly metrics: Readonly<Record<MetricId, number | null>>;
  readonly notes: Readonly<Partial<Record<MetricId, string>>>;
}

export interface ComputeOptions {
  readonly guestUnknownReason: string | null;
}

/** One result per currency, sorted by currency code (an unknown currency last). */
export function computeGroups(
  ledger: OrderLedger,
  window: ReportWindow,
  metrics: readonly MetricDef[],
  options: ComputeOptions,
): GroupResult[] {
  const currencies = [...ledger.groups.keys()].sort((a, b) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)));
  return currencies.map((currency) => {
    const columns = ledger.groups.get(currency)!;
    return computeGroup(ledger, columns, { currency, window, guestUnknownReason: options.guestUnknownReason }, metrics);
  });
}

function computeGroup(ledger: OrderLedger, columns: OrderColumns, context: MetricContext, metrics: readonly MetricDef[]): GroupResult {
  const accumulators = metrics.map((metric) => metric.create(context));
  const onOrder = accumulators.filter((a) => a.order);
  const onCustomer = accumulators.filter((a) => a.customer);
  const { from, to } = context.window;
  const history = new Map<number, CustomerFact>();
  const fact: OrderFact = { at: 0, revenue: 0, customer: -1, guest: -1 };

  for (let i = 0; i < columns.length; i++) {
    const at = columns.at[i]!;
    const node = columns.node[i]!;
    const customer = node < 0 ? -1 : ledger.identity.find(node);
    const inWindow = at >= from && at < to;
    if (inWindow) {
      fact.at = at;
      fact.revenue = columns.revenue[i]!;
      fact.customer = customer;
      fact.guest = columns.guest[i]!;
      for (const a of onOrder) a.order!(fact);
    }
    if (customer < 0) continue;
    let c = history.get(customer);
    if (!c) {
      c = { customer, ordersInWindow: 0, firstAt: at };
      history.set(customer, c);
    } else if (at < c.firstAt) c.firstAt = at;
    if (inWindow) c.ordersInWindow++;
  }
  for (const c of history.values()) if (c.ordersInWindow > 0) for (const a of onCustomer) a.customer!(c);

  const digits = minorDigits(context.currency);
  const values = {} as Record<MetricId, number | null>;
  const notes: Partial<Record<MetricId, string>> = {};
  metrics.forEach((metric, i) => {
    const { value, note } = accumulators[i]!.result();
    values[metric.id] = value === null || !Number.isFinite(value) ? null : metric.unit === "money" ? toMajor(roundMinor(value), digits) : value;
    if (note !== undefined) notes[metric.id] = note;
    else if (values[metric.id] === null) notes[metric.id] = "not computable from this input";
  });
  return { currency: context.currency, metrics: values, notes };
}

/**
 * RFM from a currency group's timeline: per identified customer, over their counted orders in
 * scope (up to the end of the as-of day; from the window's start with --window), the days since
 * the last order's day, the orders and their revenue; then the scores (core/rfm.ts) and each
 * customer's segment in the grid. Sorting each dimension's values once makes a score a binary
 * search: O(customers × log customers) over the group.
 */
import { type DayNumber, formatDay } from "../../core/calendar.js";
import type { OrderLedger } from "../../core/ledger.js";
import { minorDigits, roundMinor, toMajor } from "../../core/money.js";
import { comboIndex, type RfmCustomerRow, type RfmGroup, type RfmScale, rfmScore, type SegmentTable } from "../../core/rfm.js";
import { lowerBound, type Timeline } from "../../core/timeline.js";
import type { Zone } from "../../core/zone.js";

export interface RfmScope {
  readonly zone: Zone;
  readonly asOf: DayNumber;
  /** --window: the first day of orders in scope; null for the whole history. */
  readonly firstDay: DayNumber | null;
  readonly scale: RfmScale;
  readonly segments: SegmentTable;
}

/** Each customer's email and customer id (by identity representative), for the customer list. */
export type CustomerLabels = ReadonlyMap<number, { readonly email: string | null; readonly customerId: string | null }>;

export interface RfmResult {
  readonly group: RfmGroup;
  /** The customers' lines, when labels were given (--customers-out): by monetary, highest first, then by name. */
  readonly customers: readonly RfmCustomerRow[] | null;
}

export function computeRfm(timeline: Timeline, currency: string | null, scope: RfmScope, labels: CustomerLabels | null): RfmResult {
  const { zone, asOf, scale, segments } = scope;
  const end = zone.startOfDay(asOf + 1);
  const start = scope.firstDay === null ? Number.NEGATIVE_INFINITY : zone.startOfDay(scope.firstDay);
  const { customerStart, customerAt, customerRevenue, customerId } = timeline;
  // The customers in scope, by their timeline index, and their figures.
  const who: number[] = [];
  const recency: number[] = [];
  const frequency: number[] = [];
  const monetary: number[] = [];
  const firstAt: number[] = [];
  for (let c = 0; c + 1 < customerStart.length; c++) {
    const from = lowerBound(customerAt, start, customerStart[c]!, customerStart[c + 1]!);
    const to = lowerBound(customerAt, end, from, customerStart[c + 1]!);
    if (to === from) continue;
    let sum = 0;
    for (let i = from; i < to; i++) sum += customerRevenue[i]!;
    who.push(c);
    recency.push(asOf - zone.dayOf(customerAt[to - 1]!));
    frequency.push(to - from);
    monetary.push(sum);
    firstAt.push(customerAt[from]!);
  }
  const n = who.length;
  const ascending = (values: readonly number[]) => Float64Array.from(values).sort();
  const byRecency = ascending(recency);
  const byFrequency = ascending(frequency);
  const byMonetary = ascending(monetary);
  const names = segments.names;
  const tally = names.map(() => ({ customers: 0, recency: 0, orders: 0, revenue: 0 }));
  const rows: RfmCustomerRow[] = [];
  const digits = minorDigits(currency);
  let revenue = 0;
  for (let k = 0; k < n; k++) {
    // Worse: a larger recency (those above it), a smaller frequency or monetary (those below it).
    const r = rfmScore(n - upperBound(byRecency, recency[k]!), n, scale);
    const f = rfmScore(lowerBound(byFrequency, frequency[k]!), n, scale);
    const m = rfmScore(lowerBound(byMonetary, monetary[k]!), n, scale);
    const segment = segments.of[comboIndex(r, f, m, scale)]!;
    const t = tally[segment]!;
    t.customers++;
    t.recency += recency[k]!;
    t.orders += frequency[k]!;
    t.revenue += monetary[k]!;
    revenue += monetary[k]!;
    if (labels === null) continue;
    const root = customerId[who[k]!]!;
    const label = labels.get(root) ?? { email: null, customerId: null };
    rows.push({
      customer: label.email ?? label.customerId ?? "",
      email: label.email,
      customerId: label.customerId,
      currency,
      firstOrder: formatDay(zone.dayOf(firstAt[k]!)),
      lastOrder: formatDay(asOf - recency[k]!),
      recencyDays: recency[k]!,
      frequency: frequency[k]!,
      monetary: monetary[k]!,
      r,
      f,
      m,
      segment: names[segment]!,
    });
  }
  rows.sort((a, b) => b.monetary - a.monetary || (a.customer < b.customer ? -1 : a.customer > b.customer ? 1 : 0));
  return {
    group: {
      currency,
      customers: n,
      segments: names.map((name, i) => {
        const t = tally[i]!;
        return {
          name,
          customers: t.customers,
          customerShare: n === 0 ? 0 : t.customers / n,
          revenue: toMajor(t.revenue, digits),
          revenueShare: revenue === 0 ? null : t.revenue / revenue,
          meanRecencyDays: t.customers === 0 ? null : t.recency / t.customers,
          meanFrequency: t.customers === 0 ? null : t.orders / t.customers,
          aov: t.orders === 0 ? null : toMajor(roundMinor(t.revenue / t.orders), digits),
        };
      }),
    },
    customers: labels === null ? null : rows,
  };
}

/** The first index in sorted whose value is > x. */
function upperBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Each customer's email and customer id, by identity representative: the email of their latest
 * counted order (up to `end`) that carries one, else the first of their emails in code-unit
 * order (one the customers file or an uncounted order gave); the first of their customer ids in
 * that order. Needs a graph that keeps text (IdentityGraph keepText).
 */
export function customerLabels(ledger: OrderLedger, end: number): CustomerLabels {
  const { identity } = ledger;
  const latest = new Map<number, { at: number; email: string }>();
  for (const columns of ledger.groups.values()) {
    for (let i = 0; i < columns.length; i++) {
      const node = columns.node[i]!;
      const at = columns.at[i]!;
      if (node < 0 || at >= end) continue;
      const id = identity.identifierOf(node);
      if (!id?.email) continue;
      const root = identity.find(node);
      const seen = latest.get(root);
      if (seen === undefined || at >= seen.at) latest.set(root, { at, email: id.text });
    }
  }
  const labels = new Map<number, { email: string | null; customerId: string | null }>();
  for (let node = 0; node < identity.size; node++) {
    const id = identity.identifierOf(node);
    if (id === null) continue;
    const root = identity.find(node);
    const label = labels.get(root) ?? { email: latest.get(root)?.email ?? null, customerId: null };
    if (id.email) {
      if (!latest.has(root) && (label.email === null || id.text < label.email)) label.email = id.text;
    } else if (label.customerId === null || id.text < label.customerId) label.customerId = id.text;
    labels.set(root, label);
  }
  return labels;
}

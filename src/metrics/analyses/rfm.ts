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
import { type CustomerList, comboIndex, type RfmGroup, type RfmScale, rfmScore, type SegmentTable } from "../../core/rfm.js";
import { lowerBound, radixOrder, type Timeline } from "../../core/timeline.js";
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
export interface CustomerLabels {
  emailOf(root: number): string | null;
  customerIdOf(root: number): string | null;
}

export interface RfmResult {
  readonly group: RfmGroup;
  /** The customers' lines, when labels were given (--customers-out): by monetary, highest first, then by name. */
  readonly customers: CustomerList | null;
  /** Each customer's segment by identity representative (clv's list names it). */
  readonly segmentOf: (root: number) => string | null;
}

export function computeRfm(timeline: Timeline, currency: string | null, scope: RfmScope, labels: CustomerLabels | null): RfmResult {
  const { zone, asOf, scale, segments } = scope;
  const end = zone.startOfDay(asOf + 1);
  const start = scope.firstDay === null ? Number.NEGATIVE_INFINITY : zone.startOfDay(scope.firstDay);
  const { customerStart, customerAt, customerRevenue, customerId } = timeline;
  // The customers in scope (k = 0 … n − 1): their timeline index and their figures.
  const most = customerStart.length - 1;
  const who = new Int32Array(most);
  const recency = new Float64Array(most);
  const frequency = new Float64Array(most);
  const monetary = new Float64Array(most);
  const firstAt = new Float64Array(most);
  let n = 0;
  for (let c = 0; c < most; c++) {
    const from = lowerBound(customerAt, start, customerStart[c]!, customerStart[c + 1]!);
    const to = lowerBound(customerAt, end, from, customerStart[c + 1]!);
    if (to === from) continue;
    let sum = 0;
    for (let i = from; i < to; i++) sum += customerRevenue[i]!;
    who[n] = c;
    recency[n] = asOf - zone.dayOf(customerAt[to - 1]!);
    frequency[n] = to - from;
    monetary[n] = sum;
    firstAt[n] = customerAt[from]!;
    n++;
  }
  // For each customer, how many have a smaller value and how many a larger one (ties are neither).
  const recencyRanks = ranks(recency, n);
  const frequencyRanks = ranks(frequency, n);
  const monetaryRanks = ranks(monetary, n);
  const names = segments.names;
  const tally = names.map(() => ({ customers: 0, recency: 0, orders: 0, revenue: 0 }));
  // Each customer's segment (segmentOf, the list) and scores (the list).
  const scores = labels === null ? null : new Uint8Array(3 * n);
  const segmentOf = new Int16Array(n);
  let revenue = 0;
  for (let k = 0; k < n; k++) {
    // Worse: a larger recency (those above it), a smaller frequency or monetary (those below it).
    const r = rfmScore(recencyRanks.above[k]!, n, scale);
    const f = rfmScore(frequencyRanks.below[k]!, n, scale);
    const m = rfmScore(monetaryRanks.below[k]!, n, scale);
    const segment = segments.of[comboIndex(r, f, m, scale)]!;
    const t = tally[segment]!;
    t.customers++;
    t.recency += recency[k]!;
    t.orders += frequency[k]!;
    t.revenue += monetary[k]!;
    revenue += monetary[k]!;
    segmentOf[k] = segment;
    if (scores === null) continue;
    scores[3 * k] = r;
    scores[3 * k + 1] = f;
    scores[3 * k + 2] = m;
  }
  let customers: CustomerList | null = null;
  // Made on the first look-up: only clv asks.
  let segmentByRoot: Map<number, number> | null = null;
  const segmentIndexOf = (root: number) => {
    if (segmentByRoot === null) {
      segmentByRoot = new Map();
      for (let k = 0; k < n; k++) segmentByRoot.set(customerId[who[k]!]!, segmentOf[k]!);
    }
    return segmentByRoot.get(root);
  };
  if (labels !== null) {
    // Highest monetary first; ties by the customer's name in code-unit order (never the file's order).
    // A counting sort on the place of each monetary value (the customers above it), then each run
    // of equal values by name: a comparator over every customer would cost more than the scores.
    const nameOf: string[] = new Array(n);
    /** 1 where nameOf is the customer's email (each label is made from the graph's bytes once). */
    const named = new Uint8Array(n);
    const order = new Int32Array(n);
    const filled = new Int32Array(n);
    for (let k = 0; k < n; k++) {
      const root = customerId[who[k]!]!;
      const email = labels.emailOf(root);
      if (email !== null) named[k] = 1;
      nameOf[k] = email ?? labels.customerIdOf(root) ?? "";
      const place = monetaryRanks.above[k]!;
      order[place + filled[place]!++] = k;
    }
    const byName = (a: number, b: number) => (nameOf[a]! < nameOf[b]! ? -1 : nameOf[a]! > nameOf[b]! ? 1 : 0);
    for (let place = 0; place < n; place += Math.max(1, filled[place]!))
      if (filled[place]! > 1) order.subarray(place, place + filled[place]!).sort(byName);
    const days = new Map<number, string>();
    const dayText = (day: number) => {
      let text = days.get(day);
      if (text === undefined) {
        text = formatDay(day);
        days.set(day, text);
      }
      return text;
    };
    customers = {
      length: n,
      row(i) {
        const k = order[i]!;
        const root = customerId[who[k]!]!;
        const email = named[k] === 1 ? nameOf[k]! : null;
        const id = labels.customerIdOf(root);
        return {
          customer: nameOf[k]!,
          email,
          customerId: id,
          currency,
          firstOrder: dayText(zone.dayOf(firstAt[k]!)),
          lastOrder: dayText(asOf - recency[k]!),
          recencyDays: recency[k]!,
          frequency: frequency[k]!,
          monetary: monetary[k]!,
          r: scores![3 * k]!,
          f: scores![3 * k + 1]!,
          m: scores![3 * k + 2]!,
          segment: names[segmentOf[k]!]!,
        };
      },
    };
  }
  const digits = minorDigits(currency);
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
    customers,
    segmentOf: (root) => {
      const segment = segmentIndexOf(root);
      return segment === undefined ? null : names[segment]!;
    },
  };
}

/**
 * For each of values[0, n): how many of the values are smaller (below) and how many larger
 * (above), equal ones being neither: what a binary search of the sorted values gives, from one
 * sort and one pass over it (a binary search a customer and dimension missed the cache at nearly
 * every step: a third of rfm's time after the read, at 376,353 customers).
 */
function ranks(values: Float64Array, n: number): { readonly below: Int32Array; readonly above: Int32Array } {
  const order = radixOrder(values, n);
  const below = new Int32Array(n);
  const above = new Int32Array(n);
  for (let from = 0; from < n; ) {
    const value = values[order[from]!]!;
    let to = from + 1;
    while (to < n && values[order[to]!] === value) to++;
    for (let i = from; i < to; i++) {
      below[order[i]!] = from;
      above[order[i]!] = n - to;
    }
    from = to;
  }
  return { below, above };
}

/**
 * Each customer's email and customer id, by identity representative: the email of their latest
 * counted order (up to `end`) that carries one, else the first of their emails in code-unit
 * order (one the customers file or an uncounted order gave); the first of their customer ids in
 * that order. Needs a graph that keeps text (IdentityGraph keepText). Typed arrays by node, no
 * object per customer: the list may hold millions.
 */
export function customerLabels(ledger: OrderLedger, end: number): CustomerLabels {
  const { identity } = ledger;
  const size = identity.size;
  const latestAt = new Float64Array(size).fill(Number.NEGATIVE_INFINITY);
  const email = new Int32Array(size).fill(-1);
  const id = new Int32Array(size).fill(-1);
  for (const columns of ledger.groups.values()) {
    for (let i = 0; i < columns.length; i++) {
      const node = columns.node[i]!;
      const at = columns.at[i]!;
      if (node < 0 || at >= end || !identity.isEmail(node)) continue;
      const root = identity.find(node);
      if (at >= latestAt[root]!) {
        latestAt[root] = at;
        email[root] = node;
      }
    }
  }
  const text = (node: number) => identity.textOf(node)!;
  // (Every node has its text, or none does.)
  for (let node = 0; node < (identity.keepsText ? size : 0); node++) {
    const root = identity.find(node);
    if (identity.isEmail(node)) {
      if (latestAt[root] === Number.NEGATIVE_INFINITY && (email[root]! < 0 || text(node) < text(email[root]!))) email[root] = node;
    } else if (id[root]! < 0 || text(node) < text(id[root]!)) id[root] = node;
  }
  return {
    emailOf: (root) => (email[root]! < 0 ? null : text(email[root]!)),
    customerIdOf: (root) => (id[root]! < 0 ? null : text(id[root]!)),
  };
}

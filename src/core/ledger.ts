/**
 * The one pass's memory. Orders stream in once; the ledger keeps, per currency, a compact
 * columnar record of each counted order (instant, revenue, customer node, guest flag: 21 bytes,
 * no strings) and the identity graph. Both the default as-of (the latest order's date) and
 * transitive identity are only known at the end of the file, which is why counted orders are
 * kept in this compact form rather than folded into per-window totals as they arrive.
 */
import { AppError } from "./errors.js";
import { IdentityGraph } from "./identity.js";
import type { Minor } from "./money.js";
import { COUNTED_STATUSES, type Order, revenueOf, UNKNOWN_STATUS } from "./order.js";
import { TextMemo } from "./text-memo.js";

/** The counted orders of one currency, column by column. */
export class OrderColumns {
  length = 0;
  /** Creation instant, epoch ms. */
  at = new Float64Array(256);
  /** Revenue (total − refunded), minor units. */
  revenue = new Float64Array(256);
  /** Identity node (resolve with IdentityGraph.find), or -1 for an unidentified order. */
  node = new Int32Array(256);
  /** 1 guest, 0 account, -1 unknown. */
  guest = new Int8Array(256);
  /** The order's source (OrderLedger.sources), -1 none; null while no order of the group has one (no memory for files without sources). */
  source: Int32Array | null = null;
  /** 1 when the order's sales channel is no web store (Order.offline); null while no order of the group is one. */
  offline: Int8Array | null = null;
  /** Σ |revenue|: every sum a metric takes is at most this, so it is exact while this is (OrderLedger checks). */
  magnitude = 0;

  push(at: number, revenue: Minor, node: number, guest: boolean | null, source = -1, offline = false): void {
    if (this.length === this.at.length) this.#grow();
    const i = this.length++;
    this.at[i] = at;
    this.revenue[i] = revenue;
    this.node[i] = node;
    this.guest[i] = guest === null ? -1 : guest ? 1 : 0;
    if (source >= 0 && this.source === null) this.source = new Int32Array(this.at.length).fill(-1);
    if (this.source !== null) this.source[i] = source;
    if (offline && this.offline === null) this.offline = new Int8Array(this.at.length);
    if (this.offline !== null) this.offline[i] = offline ? 1 : 0;
  }

  #grow(): void {
    const size = Math.ceil(this.at.length * 1.5);
    const grow = <T extends Float64Array | Int32Array | Int8Array>(old: T, make: (n: number) => T): T => {
      const next = make(size);
      next.set(old);
      return next;
    };
    this.at = grow(this.at, (n) => new Float64Array(n));
    this.revenue = grow(this.revenue, (n) => new Float64Array(n));
    this.node = grow(this.node, (n) => new Int32Array(n));
    this.guest = grow(this.guest, (n) => new Int8Array(n));
    if (this.source !== null) {
      const next = new Int32Array(size).fill(-1);
      next.set(this.source);
      this.source = next;
    }
    if (this.offline !== null) this.offline = grow(this.offline, (n) => new Int8Array(n));
  }
}

export class OrderLedger {
  /** Shared with a customers file's reader when there is one, so both join on email and id. */
  readonly identity: IdentityGraph;
  /** 1 at the identity node of every order read (any status): who has ordered, for customersWithoutOrders. */
  #ordered = new Uint8Array(1024);

  constructor(identity: IdentityGraph = new IdentityGraph()) {
    this.identity = identity;
  }
  /** Counted orders by currency (null: currency unknown); a currency with none has an empty group. */
  readonly groups = new Map<string | null, OrderColumns>();
  /** Orders read, any status. */
  ordersRead = 0;
  /** Counted orders, any currency, any date. */
  counted = 0;
  /** Orders not counted, by normalised status. */
  readonly excluded = new Map<string, number>();
  /** Raw status texts that no mapping knew (counted as completed), with counts. */
  readonly unknownStatuses = new Map<string, number>();
  /** Orders (any status) with neither an email nor a customer id. */
  unidentified = 0;
  /** Each source text read (Order.source), by its number in OrderColumns.source. */
  readonly sources: string[] = [];
  /** Each source text's number, given once (so no limit). */
  readonly #sourceIds = new TextMemo((text) => {
    this.sources.push(text);
    return this.sources.length - 1;
  }, Number.POSITIVE_INFINITY);
  /** Earliest and latest creation instant over all orders read (any status); NaN when none. */
  firstAt = Number.NaN;
  lastAt = Number.NaN;
  /**
   * Per order read, by the number add() returned: its identity node (-1 none), its counted group
   * and its place in it (-1 when not counted), so a later row of the order can still join in.
   */
  #nodeOf = new Int32Array(256);
  /** The group's place in #groupList (a number, not a reference: a million references are a million slots for every mark to visit). */
  #groupOf = new Int32Array(256);
  #indexOf = new Int32Array(256);
  /** The groups in the order they were made. */
  readonly #groupList: OrderColumns[] = [];
  /** The currency of the last order added and its group's place: consecutive orders mostly share one. */
  #lastCurrency: string | null | undefined = undefined;
  #lastGroup = -1;

  /** Adds an order; returns its number, for amend(). Throws AppError INPUT_TOO_LARGE when sums would stop being exact. */
  add(order: Order): number {
    const ordinal = this.ordersRead++;
    if (!(order.at >= this.firstAt)) this.firstAt = order.at;
    if (!(order.at <= this.lastAt)) this.lastAt = order.at;
    // Identity links come from every order, counted or not: a cancelled order still tells us
    // that an email and a customer id are one person.
    const node = this.identity.link(order.email, order.customerId);
    if (node < 0) this.unidentified++;
    else this.#markOrdered(node);
    // Every currency read gets a group, even one whose orders are all excluded.
    if (order.currency !== this.#lastCurrency) {
      let group = this.groups.get(order.currency);
      if (!group) {
        group = new OrderColumns();
        this.groups.set(order.currency, group);
        this.#groupList.push(group);
      }
      this.#lastCurrency = order.currency;
      this.#lastGroup = this.#groupList.indexOf(group);
    }
    const group = this.#groupList[this.#lastGroup]!;
    if (ordinal === this.#nodeOf.length) {
      this.#nodeOf = grown(this.#nodeOf);
      this.#groupOf = grown(this.#groupOf);
      this.#indexOf = grown(this.#indexOf);
    }
    this.#nodeOf[ordinal] = node;
    this.#groupOf[ordinal] = this.#lastGroup;
    this.#indexOf[ordinal] = -1;
    if (order.status === UNKNOWN_STATUS) increment(this.unknownStatuses, order.statusText);
    if (!COUNTED_STATUSES.has(order.status)) {
      increment(this.excluded, order.status);
      return ordinal;
    }
    this.counted++;
    const revenue = revenueOf(order);
    this.#addMagnitude(group, revenue);
    this.#indexOf[ordinal] = group.length;
    group.push(order.at, revenue, node, order.guest, order.source ? this.#sourceIds.get(order.source) : -1, order.offline === true);
    return ordinal;
  }

  /**
   * A later row of order `ordinal` (its rows were apart in the file): adds its revenue (line items
   * summed) and joins the identifiers it carries that the order's earlier rows did not.
   */
  amend(ordinal: number, revenue: Minor, email: string | null, customerId: string | null): void {
    const group = this.#groupList[this.#groupOf[ordinal]!]!;
    const index = this.#indexOf[ordinal]!;
    if (revenue !== 0 && index >= 0) {
      this.#addMagnitude(group, revenue);
      group.revenue[index]! += revenue;
    }
    if (email === null && customerId === null) return;
    const added = this.identity.link(email, customerId);
    const node = this.#nodeOf[ordinal]!;
    if (node >= 0) {
      this.identity.join(node, added);
      return;
    }
    this.#nodeOf[ordinal] = added;
    this.unidentified--;
    this.#markOrdered(added);
    if (index >= 0) group.node[index] = added;
  }

  /** The identity nodes of every order read (any status). */
  orderNodes(): number[] {
    const nodes: number[] = [];
    for (let node = 0; node < this.#ordered.length; node++) if (this.#ordered[node] === 1) nodes.push(node);
    return nodes;
  }

  #markOrdered(node: number): void {
    if (node >= this.#ordered.length) {
      const grown = new Uint8Array(Math.max(node + 1, this.#ordered.length * 2));
      grown.set(this.#ordered);
      this.#ordered = grown;
    }
    this.#ordered[node] = 1;
  }

  #addMagnitude(group: OrderColumns, revenue: Minor): void {
    const magnitude = group.magnitude + Math.abs(revenue);
    if (magnitude > Number.MAX_SAFE_INTEGER) {
      throw new AppError(
        "INPUT_TOO_LARGE",
        "the orders' amounts add up to more than 2^53 minor units (9,007,199,254,740,991), beyond which sums stop being exact; split the file",
      );
    }
    group.magnitude = magnitude;
  }
}

function grown(old: Int32Array): Int32Array<ArrayBuffer> {
  const next = new Int32Array(old.length * 2);
  next.set(old);
  return next;
}

/**
 * Rewrites every counted order's guest flag from a list of registered customers: an order whose
 * customer is on it is an account order, any other (an unidentified one included) a guest's.
 */
export function markGuestsByRegistration(ledger: OrderLedger, registered: readonly number[]): void {
  const roots = new Set(registered.map((node) => ledger.identity.find(node)));
  for (const columns of ledger.groups.values()) {
    for (let i = 0; i < columns.length; i++) {
      const node = columns.node[i]!;
      columns.guest[i] = node >= 0 && roots.has(ledger.identity.find(node)) ? 0 : 1;
    }
  }
}

function increment<K>(map: Map<K, number>, key: K): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

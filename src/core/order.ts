/**
 * The normalised order: what every platform adapter turns its rows into, and the only shape the
 * metric core accepts.
 */
import type { Minor } from "./money.js";

/**
 * One status vocabulary for every platform (WooCommerce's, which is the richest). Each adapter
 * maps its own statuses into it; see docs/rules.md, "Counted orders".
 */
export const ORDER_STATUSES = [
  "completed",
  "processing",
  "on-hold",
  "pending-payment",
  "cancelled",
  "refunded",
  "failed",
  "draft",
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/**
 * A status no mapping knows. Shops rename their statuses freely, and a renamed "Completed" must not
 * silently vanish from the sales: such orders are counted as completed, and every unknown value is
 * reported with its count and the --status-map line that would map it.
 */
export const UNKNOWN_STATUS = "unknown-status";
export type StatusOrUnknown = OrderStatus | typeof UNKNOWN_STATUS;

/**
 * What decided an order's status, when it was not its status text through the platform's table:
 * a cancelled-at date (Shopify's `Cancelled at`), the order key's prefix (UCI's `C` invoices), or
 * --status-map.
 */
export type StatusRule = "cancelled-at" | "key-prefix" | "status-map";

/** Orders in these statuses are sales; all others are excluded and counted by reason. */
export const COUNTED_STATUSES: ReadonlySet<StatusOrUnknown> = new Set<StatusOrUnknown>([
  "completed",
  "processing",
  "on-hold",
  UNKNOWN_STATUS,
]);

export interface Order {
  /** The platform's order key (Shopify `Name`, WooCommerce `order_id`); null when the file has none. */
  readonly key: string | null;
  /** Line of the order's first row in its file. */
  readonly line: number;
  /** Creation instant, epoch ms. */
  readonly at: number;
  /** ISO 4217 code, upper case; null when neither the file nor --currency says. */
  readonly currency: string | null;
  /** The order total, minor units; with --revenue net-sales, its net sales (subtotal − discount) instead. */
  readonly total: Minor;
  /** The amount refunded so far, minor units (0 when none, and with --revenue net-sales). */
  readonly refunded: Minor;
  readonly status: StatusOrUnknown;
  /** The platform's own status text, for reporting unknown ones. */
  readonly statusText: string;
  /** The rule that decided `status`, when one did (inspect says so); absent or undefined when the status text did. */
  readonly statusRule?: StatusRule | undefined;
  /** Trimmed, lower-cased email; null when empty. */
  readonly email: string | null;
  /** Platform customer id; null when empty or 0. */
  readonly customerId: string | null;
  /** true = guest checkout, false = account, null = the input doesn't say. */
  readonly guest: boolean | null;
  /** Where the order came from, as written (an attribution answer, a UTM source, a sales channel, `code SUMMER10`); null when nothing says. */
  readonly source?: string | null;
  /** Its sales channel is no web store (POS, a draft or phone order): left out of the conversion rate by --web-orders-only. */
  readonly offline?: boolean;
}

/** Sales channels (a source column's value, any case) that are no web store's: Shopify's `pos` and `shopify_draft_order`, and the generic words. */
export const OFFLINE_CHANNELS: ReadonlySet<string> = new Set(["pos", "shopify_draft_order", "draft", "admin", "phone"]);

/** Revenue of an order: its total minus what was refunded. */
export function revenueOf(order: Pick<Order, "total" | "refunded">): Minor {
  return order.total - order.refunded;
}

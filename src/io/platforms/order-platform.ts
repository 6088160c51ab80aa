/**
 * A platform's orders export, described as data: which columns hold which field (with the header
 * names in every language the platform writes), how the platform's statuses map to ours, how rows
 * group into orders, and what says "guest". Adding a platform means adding one of these.
 */

import { type OrderStatus, type StatusOrUnknown, UNKNOWN_STATUS } from "../../core/order.js";
import { TextMemo } from "../../core/text-memo.js";
import type { ColumnSpec } from "../columns.js";

/** The canonical order fields. `generic` files use these names as headers. */
export const ORDER_FIELDS = [
  "order_id",
  "created_at",
  "customer_id",
  "email",
  "total",
  "refunded",
  "subtotal",
  "discount",
  "currency",
  "status",
  "guest",
  "cancelled_at",
  "quantity",
  "unit_price",
  "source",
  "discount_code",
] as const;
export type OrderField = (typeof ORDER_FIELDS)[number];

/** One row's (or one order's) cell text by field; null when the file has no such column. Empty cells are "". */
export type OrderCells = Readonly<Record<OrderField, string | null>>;

export type GuestRule =
  /** The export cannot tell; the text says why and what would. */
  | { readonly kind: "unknown"; readonly reason: string }
  /** A customer id of 0 or empty means a guest checkout (WooCommerce, BigCommerce). */
  | { readonly kind: "customer-id-zero" }
  /** A boolean column (true/false, 1/0, yes/no). */
  | { readonly kind: "column" }
  /** The guest column holds one of these values (lower case) for a guest, anything else for an account (Magento's NOT LOGGED IN). */
  | { readonly kind: "column-equals"; readonly values: readonly string[] };

export interface OrderPlatform extends ColumnSpec<OrderField> {
  /** The --platform name. */
  readonly name: string;
  /** For messages and the table header. */
  readonly label: string;
  /** "line-item": one row per item, rows of one order adjacent and grouped by order_id. */
  readonly grain: "order" | "line-item";
  /** Header sets that identify this platform (all headers of one set present). Empty: never detected. */
  readonly signatures: readonly (readonly string[])[];
  readonly guest: GuestRule;
  /** Status text, lower-cased and without a `wc-` prefix → ours. Anything else is unknown-status. */
  readonly statuses: Readonly<Record<string, OrderStatus>>;
  /** Orders whose key starts with one of these (upper case) have that status: UCI's C invoices are cancellations. */
  readonly keyPrefixStatus?: Readonly<Record<string, OrderStatus>>;
  /**
   * The platform's `subtotal` is already after discounts (Shopify's Subtotal: Σ line price ×
   * quantity − Discount Amount), so --revenue net-sales takes it as it is and needs no discount
   * column. Elsewhere the subtotal is before discounts (WooCommerce's order_subtotal, a generic
   * file's subtotal) and net sales are subtotal − discount.
   */
  readonly subtotalAfterDiscounts?: boolean;
  /** The order total is Σ quantity × unit_price over the order's rows (UCI Online Retail has no total). */
  readonly lineTotal?: boolean;
  /** The currency when neither the file nor --currency says (UCI Online Retail is in GBP). */
  readonly defaultCurrency?: string;
  /** The slash-date order the platform is known to write, when the values can't tell (UCI: M/D/YY). */
  readonly dateOrder?: "dmy" | "mdy";
}

/** Our own words, which the generic platform and WooCommerce use, with WooCommerce's aliases. */
export const VOCABULARY: Readonly<Record<string, OrderStatus>> = {
  completed: "completed",
  processing: "processing",
  "on-hold": "on-hold",
  "pending-payment": "pending-payment",
  cancelled: "cancelled",
  refunded: "refunded",
  failed: "failed",
  draft: "draft",
  pending: "pending-payment",
  "checkout-draft": "draft",
};

/** A status text as the platforms' tables and --status-map know it: trimmed, lower-cased, without a `wc-` prefix. */
export function statusKey(text: string): string {
  const key = text.trim().toLowerCase();
  return key.startsWith("wc-") ? key.slice(3) : key;
}

/** The status the order key's prefix gives (UCI's C invoices are cancelled), or null when no prefix rule applies. */
export function keyPrefixStatus(platform: OrderPlatform, key: string | null): OrderStatus | null {
  if (key === null || !platform.keyPrefixStatus) return null;
  for (const [prefix, mapped] of Object.entries(platform.keyPrefixStatus)) if (key.toUpperCase().startsWith(prefix)) return mapped;
  return null;
}

/**
 * The order's status: a cancelled-at date means cancelled; then a key prefix rule; then the
 * platform's table. A file without a status column counts every order (`status` null).
 */
export function mapStatus(platform: OrderPlatform, status: string | null, cancelledAt: string | null, key: string | null): StatusOrUnknown {
  if (cancelledAt !== null) return "cancelled";
  const prefixed = keyPrefixStatus(platform, key);
  if (prefixed !== null) return prefixed;
  if (status === null) return "completed";
  return tableStatus(platform, status);
}

/** Each platform's statuses by status text as written (a file writes a few): see tableStatus. */
const statusesByText = new WeakMap<OrderPlatform, TextMemo<StatusOrUnknown>>();

/**
 * The status the platform's table gives a status text. Only the table's own entries count: a text
 * like `constructor` is an unknown status, not a property every object has. Remembered by the text
 * as written, so each order costs one lookup and no lower-cased copy.
 */
function tableStatus(platform: OrderPlatform, text: string): StatusOrUnknown {
  let known = statusesByText.get(platform);
  if (known === undefined) {
    known = new TextMemo((written) => {
      const key = statusKey(written);
      return Object.hasOwn(platform.statuses, key) ? platform.statuses[key]! : UNKNOWN_STATUS;
    });
    statusesByText.set(platform, known);
  }
  return known.get(text);
}

/**
 * An order export format, described as data: which columns hold which field, how the
 * platform's statuses map to ours, how rows group into orders, and what says "guest".
 * Adding a platform means adding one of these.
 */
import { UNKNOWN_STATUS, type StatusOrUnknown } from "../../core/order.js";
import type { ColumnSpec } from "../columns.js";

/** The canonical order fields. `generic` files use these names as headers. */
export const ORDER_FIELDS = [
  "order_id",
  "created_at",
  "customer_id",
  "email",
  "total",
  "refunded",
  "currency",
  "status",
  "guest",
  "cancelled_at",
] as const;
export type OrderField = (typeof ORDER_FIELDS)[number];

export type GuestRule =
  /** The export cannot tell; the text says why and what would. */
  | { readonly kind: "unknown"; readonly reason: string }
  /** A customer id of 0 or empty means a guest checkout (WooCommerce, BigCommerce). */
  | { readonly kind: "customer-id-zero" }
  /** A boolean column (true/false, 1/0, yes/no). */
  | { readonly kind: "column" };

export interface OrderFormat extends ColumnSpec<OrderField> {
  /** The --platform name. */
  readonly platform: string;
  /** For messages and the table header. */
  readonly label: string;
  /** "line-item": one row per item, rows of one order adjacent and grouped by order_id. */
  readonly grain: "order" | "line-item";
  /** Headers whose presence identifies this platform (all must be present). Empty: never detected. */
  readonly signature: readonly string[];
  readonly guest: GuestRule;
  /**
   * Maps the platform's status to ours. `status` is null when the file has no status column,
   * `cancelledAt` null when it has no cancelled-at column or the cell is empty.
   */
  mapStatus(status: string | null, cancelledAt: string | null): StatusOrUnknown;
}

/** Status words shared by WooCommerce and the generic format: our vocabulary plus its aliases. */
export function mapWooStatus(status: string | null): StatusOrUnknown {
  if (status === null) return "completed"; // no status column: every order counts
  const word = status.trim().toLowerCase().replace(/^wc-/, "");
  switch (word) {
    case "completed":
    case "processing":
    case "on-hold":
    case "cancelled":
    case "refunded":
    case "failed":
    case "draft":
    case "pending-payment":
      return word;
    case "pending":
      return "pending-payment";
    case "checkout-draft":
      return "draft";
    default:
      return UNKNOWN_STATUS;
  }
}

/**
 * Shopify orders export (Admin → Orders → Export), export-formats.md §4.1. One row per line item;
 * order-level fields only on an order's first row, so rows are grouped by `Name` and each field
 * is taken from the first row that has it. There is no customer id column and no guest flag.
 * A `Cancelled at` date means cancelled, whatever the Financial Status.
 */
import type { OrderPlatform } from "./order-platform.js";

export const shopify: OrderPlatform = {
  name: "shopify",
  label: "Shopify orders export",
  grain: "line-item",
  signatures: [["Name", "Created at", "Total"]],
  columns: {
    order_id: ["Name"],
    created_at: ["Created at"],
    email: ["Email"],
    total: ["Total"],
    refunded: ["Refunded Amount"],
    // Read for --revenue net-sales only. Subtotal is after discounts — on every discounted order
    // of four real exports (49 orders), Σ Lineitem price × quantity − Discount Amount = Subtotal —
    // so Discount Amount is not subtracted again (subtotalAfterDiscounts).
    subtotal: ["Subtotal"],
    currency: ["Currency"],
    status: ["Financial Status"],
    cancelled_at: ["Cancelled at"],
    // Referral sources: the sales channel (web, pos, shopify_draft_order, an app id), and a
    // discount code, which names the order's source when it has one (an influencer's code).
    source: ["Source"],
    discount_code: ["Discount Code"],
  },
  required: ["order_id", "created_at", "total"],
  subtotalAfterDiscounts: true,
  guest: {
    kind: "unknown",
    reason:
      "Shopify's orders export does not say which orders were guest checkouts (it has no customer id or guest column); a WooCommerce export, or a generic file with a guest column (--map guest=COLUMN), would answer it",
  },
  statuses: {
    paid: "completed",
    partially_refunded: "completed",
    partially_paid: "processing",
    pending: "processing", // cash-on-delivery shops live in pending
    authorized: "on-hold",
    refunded: "refunded",
    voided: "cancelled",
  },
};

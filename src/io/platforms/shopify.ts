/**
 * Shopify orders export (Admin → Orders → Export), export-formats.md §4.1. One row per line item;
 * order-level fields only on an order's first row, so rows are grouped by `Name` and each field
 * is taken from the first row that has it. There is no customer id column and no guest flag.
 */
import { UNKNOWN_STATUS, type StatusOrUnknown } from "../../core/order.js";
import type { OrderFormat } from "./order-format.js";

export const shopify: OrderFormat = {
  platform: "shopify",
  label: "Shopify orders export",
  grain: "line-item",
  signature: ["Name", "Created at", "Total"],
  columns: {
    order_id: ["Name"],
    created_at: ["Created at"],
    email: ["Email"],
    total: ["Total"],
    refunded: ["Refunded Amount"],
    currency: ["Currency"],
    status: ["Financial Status"],
    cancelled_at: ["Cancelled at"],
  },
  required: ["order_id", "created_at", "total"],
  guest: {
    kind: "unknown",
    reason:
      "Shopify's orders export does not say which orders were guest checkouts (it has no customer id or guest column); a WooCommerce export, or a generic file with a guest column (--map guest=COLUMN), would answer it",
  },
  mapStatus(status, cancelledAt): StatusOrUnknown {
    if (cancelledAt !== null) return "cancelled";
    if (status === null) return "completed"; // a trimmed export without Financial Status: all count
    switch (status.trim().toLowerCase()) {
      case "paid":
      case "partially_refunded":
        return "completed";
      case "partially_paid":
      case "pending": // cash-on-delivery shops live in pending
        return "processing";
      case "authorized":
        return "on-hold";
      case "refunded":
        return "refunded";
      case "voided":
        return "cancelled";
      default:
        return UNKNOWN_STATUS;
    }
  },
};

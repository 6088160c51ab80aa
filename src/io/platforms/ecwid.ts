/**
 * Ecwid (and Lightspeed eCom) My Sales → Orders export, export-formats.md §6: one row per line item
 * with the order's fields repeated, grouped by `order_number`. The payment status decides.
 */
import type { OrderPlatform } from "./order-platform.js";

export const ecwid: OrderPlatform = {
  name: "ecwid",
  label: "Ecwid orders export",
  grain: "line-item",
  signatures: [["order_number", "order_total", "timestamp"]],
  columns: {
    order_id: ["order_number"],
    created_at: ["timestamp"],
    email: ["email"],
    total: ["order_total"],
    status: ["payment_status"],
  },
  required: ["order_id", "created_at", "total"],
  guest: { kind: "unknown", reason: "Ecwid's orders export does not say which orders were guest checkouts" },
  statuses: {
    paid: "completed",
    partially_refunded: "completed",
    "partially refunded": "completed",
    awaiting_payment: "pending-payment",
    "awaiting payment": "pending-payment",
    cancelled: "cancelled",
    refunded: "refunded",
    incomplete: "draft",
  },
};

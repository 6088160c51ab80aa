/**
 * BigCommerce Orders → Export, "Default" template, export-formats.md §10. One row per order;
 * `Customer ID` 0 is a guest; `Order Date` follows the store's date format (often month first,
 * settled per file like any slash date).
 */
import type { OrderPlatform } from "./order-platform.js";

export const bigcommerce: OrderPlatform = {
  name: "bigcommerce",
  label: "BigCommerce orders export",
  grain: "order",
  signatures: [["Order ID", "Customer ID", "Order Date", "Order Total (inc tax)"]],
  columns: {
    order_id: ["Order ID"],
    created_at: ["Order Date"],
    customer_id: ["Customer ID"],
    email: ["Customer Email", "Billing Email"],
    total: ["Order Total (inc tax)"],
    refunded: ["Refund Amount"],
    currency: ["Order Currency Code"],
    status: ["Order Status"],
  },
  required: ["order_id", "created_at", "total"],
  guest: { kind: "customer-id-zero" },
  statuses: {
    completed: "completed",
    shipped: "completed",
    "partially refunded": "completed",
    "awaiting fulfillment": "processing",
    "awaiting shipment": "processing",
    "awaiting pickup": "processing",
    "partially shipped": "processing",
    pending: "pending-payment",
    "awaiting payment": "pending-payment",
    disputed: "on-hold",
    "manual verification required": "on-hold",
    cancelled: "cancelled",
    declined: "failed",
    refunded: "refunded",
    incomplete: "draft",
  },
};

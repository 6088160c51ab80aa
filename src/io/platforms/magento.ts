/**
 * Magento 2 Sales → Orders grid export, export-formats.md §11: only the grid's visible columns, money
 * formatted with its symbol (`$219.40`), dates in the admin locale (`Jun 9, 2023 9:00:00 AM`).
 * `Customer Group` NOT LOGGED IN is a guest.
 */
import type { OrderPlatform } from "./order-platform.js";

export const magento: OrderPlatform = {
  name: "magento",
  label: "Magento orders grid export",
  grain: "order",
  signatures: [["ID", "Purchase Date", "Grand Total (Purchased)"]],
  columns: {
    order_id: ["ID"],
    created_at: ["Purchase Date"],
    email: ["Customer Email"],
    total: ["Grand Total (Purchased)", "Grand Total (Base)"],
    refunded: ["Total Refunded"],
    status: ["Status"],
    guest: ["Customer Group"],
  },
  required: ["order_id", "created_at", "total"],
  guest: { kind: "column-equals", values: ["not logged in"] },
  statuses: {
    complete: "completed",
    processing: "processing",
    pending: "pending-payment",
    "pending payment": "pending-payment",
    "payment review": "on-hold",
    "suspected fraud": "on-hold",
    "on hold": "on-hold",
    canceled: "cancelled",
    cancelled: "cancelled",
    closed: "refunded",
  },
};

/**
 * The generic format: canonical column names, or any names pointed at with --map. Only
 * created_at and total are required; without order_id every row is its own order.
 */
import { ORDER_FIELDS, mapWooStatus, type OrderField, type OrderFormat } from "./order-format.js";

export const generic: OrderFormat = {
  platform: "generic",
  label: "generic orders file",
  grain: "order",
  signature: ["created_at", "total"],
  columns: Object.fromEntries(ORDER_FIELDS.map((field) => [field, [field]])) as Record<OrderField, string[]>,
  required: ["created_at", "total"],
  guest: { kind: "column" },
  mapStatus: (status) => mapWooStatus(status),
};

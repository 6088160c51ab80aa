/**
 * The generic format: canonical column names, or any names pointed at with --map. Only
 * created_at is required; without order_id every row is its own order, without total the money
 * metrics are null.
 */
import { ORDER_FIELDS, type OrderField, type OrderPlatform, VOCABULARY } from "./order-platform.js";

export const generic: OrderPlatform = {
  name: "generic",
  label: "generic orders file",
  grain: "order",
  signatures: [["created_at", "total"]],
  columns: Object.fromEntries(
    ORDER_FIELDS.filter((f) => f !== "quantity" && f !== "unit_price").map((field) => [field, [field]]),
  ) as Partial<Record<OrderField, string[]>>,
  // Without total (Olist's orders file has none) the order-count and customer metrics still work;
  // the money metrics are null with a note.
  required: ["created_at"],
  guest: { kind: "column" },
  statuses: VOCABULARY,
};

/**
 * The generic format: canonical column names, or any names pointed at with --map. Only
 * created_at and total are required; without order_id every row is its own order.
 */
import { ORDER_FIELDS, VOCABULARY, type OrderField, type OrderFormat } from "./order-format.js";

export const generic: OrderFormat = {
  platform: "generic",
  label: "generic orders file",
  grain: "order",
  signatures: [["created_at", "total"]],
  columns: Object.fromEntries(ORDER_FIELDS.filter((f) => f !== "quantity" && f !== "unit_price").map((field) => [field, [field]])) as Partial<
    Record<OrderField, string[]>
  >,
  required: ["created_at", "total"],
  guest: { kind: "column" },
  statuses: VOCABULARY,
};

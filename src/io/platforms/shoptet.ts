/**
 * Shoptet (CZ/SK/HU) orders export, export-formats.md §7: `;`, windows-1250, decimal comma; one row
 * per order item with the order's fields repeated on every row (the order counts once, its total
 * read once). Shipping and payment fees are item rows (`itemCode` SHIPPING…/BILLING…): they are part
 * of `totalPriceWithVat`, the order total used here, and not products. `statusName` is free text in
 * the shop's language.
 */
import { CZECH_SLOVAK_STATUSES } from "./czech-slovak-statuses.js";
import type { OrderPlatform } from "./order-platform.js";

export const shoptet: OrderPlatform = {
  name: "shoptet",
  label: "Shoptet orders export",
  grain: "line-item",
  signatures: [["code", "date", "totalPriceWithVat"]],
  columns: {
    order_id: ["code"],
    created_at: ["date"],
    email: ["email"],
    total: ["totalPriceWithVat"],
    currency: ["currencyCode", "currency"],
    status: ["statusName"],
  },
  required: ["order_id", "created_at", "total"],
  guest: {
    kind: "unknown",
    reason: "Shoptet's orders export does not say which orders were guest checkouts (its customers export lists registered customers only)",
  },
  statuses: CZECH_SLOVAK_STATUSES,
};

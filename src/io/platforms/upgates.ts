/**
 * Upgates (CZ/SK) orders CSV, export-formats.md §8: bracketed headers, windows-1250, dot decimals,
 * one row per order. Only the headers up to [CREATION_TIME] are documented; the email column's
 * name is a best reading ([EMAIL] or [CUSTOMER_EMAIL]) and --map settles it otherwise.
 */
import { CZECH_SLOVAK_STATUSES } from "./czech-slovak-statuses.js";
import type { OrderPlatform } from "./order-platform.js";

export const upgates: OrderPlatform = {
  name: "upgates",
  label: "Upgates orders export",
  grain: "order",
  signatures: [["[ORDER_NUMBER]", "[ORDER_TOTAL]", "[CREATION_TIME]"]],
  columns: {
    order_id: ["[ORDER_NUMBER]"],
    created_at: ["[CREATION_TIME]"],
    email: ["[EMAIL]", "[CUSTOMER_EMAIL]"],
    total: ["[ORDER_TOTAL]"],
    currency: ["[CURRENCY_ID]"],
    status: ["[ORDER_STATUS]"],
  },
  required: ["order_id", "created_at", "total"],
  guest: {
    kind: "unknown",
    reason:
      "Upgates' orders export does not say which orders were guest checkouts (its customers export marks accounts with [CUSTOMER_YN])",
  },
  statuses: CZECH_SLOVAK_STATUSES,
};

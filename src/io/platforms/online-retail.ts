/**
 * The UCI Online Retail I and II line-item files (Chen 2015), export-formats.md §12: one row per
 * invoice line, no order total: an invoice's total is Σ Quantity × UnitPrice over its lines, exact,
 * rounded once to the minor unit. Invoices starting with C are cancellations and with A bad-debt
 * adjustments: neither is a sale (both count as cancelled). A customer id of NA
 * or empty is an unidentified order. Amounts are in GBP unless --currency says otherwise.
 */
import type { OrderPlatform } from "./order-platform.js";

export const onlineRetail: OrderPlatform = {
  name: "online-retail",
  label: "UCI Online Retail file",
  grain: "line-item",
  signatures: [
    ["InvoiceNo", "Quantity", "InvoiceDate", "UnitPrice"],
    ["Invoice", "Quantity", "InvoiceDate", "Price"],
  ],
  columns: {
    order_id: ["InvoiceNo", "Invoice"],
    created_at: ["InvoiceDate"],
    customer_id: ["CustomerID", "Customer ID"],
    quantity: ["Quantity"],
    unit_price: ["UnitPrice", "Price"],
  },
  required: ["order_id", "created_at", "quantity", "unit_price"],
  guest: { kind: "unknown", reason: "the UCI Online Retail data does not say which orders were guest checkouts" },
  statuses: {},
  // C invoices are cancellations; A invoices are bad-debt adjustments (export-formats.md §12),
  // not sales either.
  keyPrefixStatus: { C: "cancelled", A: "cancelled" },
  lineTotal: true,
  // The raw UCI file writes M/D/YY H:MM (12/1/10 8:26 is 1 December 2010): a file of its first
  // days alone has no day over 12 to tell.
  dateOrder: "mdy",
  defaultCurrency: "GBP",
};

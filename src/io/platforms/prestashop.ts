/**
 * PrestaShop 1.7/8 Orders → Export, export-formats.md §9: `;`, headers translated into the
 * back-office language (English, Czech and Slovak here), one row per order. It has no email and no
 * customer id (`Customer` is "J. DOE"), so customer metrics are null with a note; `Total` is the
 * paid total with its currency symbol.
 */
import type { OrderPlatform } from "./order-platform.js";

export const prestashop: OrderPlatform = {
  name: "prestashop",
  label: "PrestaShop orders export",
  grain: "order",
  signatures: [
    ["ID", "Reference", "New client", "Total", "Date"],
    ["ID", "Reference", "Nový zákazník", "Celkem", "Datum"],
    ["ID", "Referencia", "Nový zákazník", "Spolu", "Dátum"],
  ],
  columns: {
    order_id: ["ID"],
    created_at: ["Date", "Datum", "Dátum"],
    total: ["Total", "Celkem", "Spolu", "Celkom"],
    status: ["Status", "Stav"],
  },
  required: ["order_id", "created_at", "total"],
  guest: { kind: "unknown", reason: "PrestaShop's orders export has no customer id or guest flag" },
  statuses: {
    "payment accepted": "completed",
    "remote payment accepted": "completed",
    shipped: "completed",
    delivered: "completed",
    "processing in progress": "processing",
    "on backorder (paid)": "processing",
    "on backorder (not paid)": "pending-payment",
    "awaiting bank wire payment": "pending-payment",
    "awaiting check payment": "pending-payment",
    "awaiting cash on delivery validation": "processing",
    canceled: "cancelled",
    cancelled: "cancelled",
    refunded: "refunded",
    "payment error": "failed",
    "platba přijata": "completed",
    "platba byla přijata": "completed",
    odesláno: "completed",
    doručeno: "completed",
    "probíhá příprava": "processing",
    "příprava probíhá": "processing",
    "čeká se na platbu převodem": "pending-payment",
    "čeká se na platbu šekem": "pending-payment",
    zrušeno: "cancelled",
    "vrácení peněz": "refunded",
    vráceno: "refunded",
    "chyba platby": "failed",
    "platba prijatá": "completed",
    odoslané: "completed",
    doručené: "completed",
    "prebieha príprava": "processing",
    "čaká sa na platbu prevodom": "pending-payment",
    zrušené: "cancelled",
    "vrátenie peňazí": "refunded",
  },
};

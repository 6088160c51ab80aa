/**
 * The order statuses Czech and Slovak shop systems (Shoptet, Upgates) ship with, in Czech, Slovak
 * and English, lower-cased. Shops rename and add statuses freely: --status-map maps the rest, and
 * any status not here is counted as completed with a warning.
 */
import type { OrderStatus } from "../../core/order.js";

export const CZECH_SLOVAK_STATUSES: Readonly<Record<string, OrderStatus>> = {
  // completed
  vyřízena: "completed",
  vyřízená: "completed",
  vybavená: "completed",
  vybavena: "completed",
  odeslána: "completed",
  odeslaná: "completed",
  odoslaná: "completed",
  doručena: "completed",
  doručená: "completed",
  dokončena: "completed",
  dokončená: "completed",
  completed: "completed",
  shipped: "completed",
  delivered: "completed",
  // processing
  "vyřizuje se": "processing",
  "vybavuje sa": "processing",
  nevyřízená: "processing",
  nevyřízena: "processing",
  nevybavená: "processing",
  nová: "processing",
  přijata: "processing",
  přijatá: "processing",
  prijatá: "processing",
  "připravena k odeslání": "processing",
  "pripravená na odoslanie": "processing",
  new: "processing",
  processing: "processing",
  // pending payment
  "čeká na platbu": "pending-payment",
  "čaká na platbu": "pending-payment",
  nezaplacena: "pending-payment",
  nezaplatená: "pending-payment",
  "awaiting payment": "pending-payment",
  // cancelled
  stornována: "cancelled",
  stornovaná: "cancelled",
  stornovana: "cancelled",
  storno: "cancelled",
  zrušena: "cancelled",
  zrušená: "cancelled",
  cancelled: "cancelled",
  canceled: "cancelled",
  // refunded
  vrácena: "refunded",
  vrácená: "refunded",
  "vratený tovar": "refunded",
  "vrácené zboží": "refunded",
  vrátená: "refunded",
  refunded: "refunded",
  returned: "refunded",
};

/** The metric registry, in report order. */
import { aov } from "./aov.js";
import { customers } from "./customers.js";
import { guestCheckoutRate } from "./guest-checkout-rate.js";
import type { MetricDef } from "./metric.js";
import { newCustomers } from "./new-customers.js";
import { orders } from "./orders.js";
import { purchaseFrequency } from "./purchase-frequency.js";
import { repeatPurchaseRate } from "./repeat-purchase-rate.js";
import { revenue } from "./revenue.js";

export const METRICS: readonly MetricDef[] = [
  orders,
  revenue,
  aov,
  customers,
  newCustomers,
  purchaseFrequency,
  repeatPurchaseRate,
  guestCheckoutRate,
];

export type { MetricDef, MetricId, MetricUnit } from "./metric.js";

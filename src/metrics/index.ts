/** The metric registry, in report order. A derived metric comes after the metrics it uses. */
import { aov } from "./aov.js";
import { churnRate } from "./churn-rate.js";
import { clv } from "./clv.js";
import { customers } from "./customers.js";
import { customersAtStart } from "./customers-at-start.js";
import { avgDaysBetweenPurchases, medianDaysBetweenPurchases } from "./days-between-purchases.js";
import { guestCheckoutRate } from "./guest-checkout-rate.js";
import type { MetricDef } from "./metric.js";
import { newCustomers } from "./new-customers.js";
import { orders } from "./orders.js";
import { purchaseFrequency } from "./purchase-frequency.js";
import { reactivatedCustomers } from "./reactivated-customers.js";
import { repeatCustomerRevenueMultiple } from "./repeat-customer-revenue-multiple.js";
import { repeatPurchaseRate } from "./repeat-purchase-rate.js";
import { retainedCustomers } from "./retained-customers.js";
import { retentionRate } from "./retention-rate.js";
import { returningCustomerRate } from "./returning-customer-rate.js";
import { revenue } from "./revenue.js";

export const METRICS: readonly MetricDef[] = [
  orders,
  revenue,
  aov,
  customers,
  newCustomers,
  purchaseFrequency,
  repeatPurchaseRate,
  returningCustomerRate,
  guestCheckoutRate,
  customersAtStart,
  retainedCustomers,
  reactivatedCustomers,
  retentionRate,
  churnRate,
  avgDaysBetweenPurchases,
  medianDaysBetweenPurchases,
  repeatCustomerRevenueMultiple,
  clv,
];

export const METRIC_IDS: readonly string[] = METRICS.map((m) => m.id);

export type { MetricDef, MetricId } from "./metric.js";

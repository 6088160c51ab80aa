import { countCustomers, type MetricDef } from "./metric.js";

export const retainedCustomers: MetricDef = {
  id: "retainedCustomers",
  label: "Retained customers",
  unit: "count",
  better: "higher",
  definition: "Customers with a counted order in both the previous window P and the window.",
  create: countCustomers((customer) => customer.ordersInPrevious > 0 && customer.ordersInWindow > 0),
};

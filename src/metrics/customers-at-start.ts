import { countCustomers, type MetricDef } from "./metric.js";

export const customersAtStart: MetricDef = {
  id: "customersAtStart",
  label: "Customers at start (in previous window)",
  unit: "count",
  better: "higher",
  definition: "S: customers with a counted order in the previous window P (the same length, ending where the window starts).",
  create: countCustomers((customer) => customer.ordersInPrevious > 0),
};

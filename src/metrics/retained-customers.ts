import { countCustomers, defineMetric } from "./metric.js";

export default defineMetric({
  id: "retainedCustomers",
  label: "Retained customers",
  unit: "count",
  better: "higher",
  position: 110,
  definition: "Customers with a counted order in both the previous window P and the window.",
  needs: ["identity"],
  create: countCustomers((customer) => customer.ordersInPrevious > 0 && customer.ordersInWindow > 0),
});

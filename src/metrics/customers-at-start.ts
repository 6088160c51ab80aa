import { countCustomers, defineMetric } from "./metric.js";

export default defineMetric({
  id: "customersAtStart",
  label: "Customers at start (in previous window)",
  unit: "count",
  better: "higher",
  position: 100,
  definition: "S: customers with a counted order in the previous window P (the same length, ending where the window starts).",
  needs: ["identity"],
  create: countCustomers((customer) => customer.ordersInPrevious > 0),
});

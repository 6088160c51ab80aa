import { countCustomers, defineMetric } from "./metric.js";

export default defineMetric({
  id: "reactivatedCustomers",
  label: "Reactivated customers",
  unit: "count",
  better: "higher",
  position: 120,
  definition: "Customers in the window who are neither new nor in the previous window P: they bought before P, skipped P, and came back.",
  needs: ["identity"],
  create: countCustomers((c, { window }) => c.ordersInWindow > 0 && c.ordersInPrevious === 0 && c.firstAt < window.from),
});

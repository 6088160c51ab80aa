import { countCustomers, type MetricDef } from "./metric.js";

export const reactivatedCustomers: MetricDef = {
  id: "reactivatedCustomers",
  label: "Reactivated customers",
  unit: "count",
  better: "higher",
  definition: "Customers in the window who are neither new nor in the previous window P: they bought before P, skipped P, and came back.",
  create: countCustomers((c, { window }) => c.ordersInWindow > 0 && c.ordersInPrevious === 0 && c.firstAt < window.from),
};

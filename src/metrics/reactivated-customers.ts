import type { MetricDef } from "./metric.js";

export const reactivatedCustomers: MetricDef = {
  id: "reactivatedCustomers",
  label: "Reactivated customers",
  unit: "count",
  better: "higher",
  definition: "Customers in the window who are neither new nor in the previous window P: they bought before P, skipped P, and came back.",
  create(context) {
    const { from } = context.window;
    let count = 0;
    return {
      customer(customer) {
        if (customer.ordersInWindow > 0 && customer.ordersInPrevious === 0 && customer.firstAt < from) count++;
      },
      result: () => ({ value: count }),
    };
  },
};

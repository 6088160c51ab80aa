import type { MetricDef } from "./metric.js";

export const retainedCustomers: MetricDef = {
  id: "retainedCustomers",
  label: "Retained customers",
  unit: "count",
  better: "higher",
  definition: "Customers with a counted order in both the previous window P and the window.",
  create() {
    let count = 0;
    return {
      customer(customer) {
        if (customer.ordersInPrevious > 0 && customer.ordersInWindow > 0) count++;
      },
      result: () => ({ value: count }),
    };
  },
};

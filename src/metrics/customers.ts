import { defineMetric } from "./metric.js";

export default defineMetric({
  id: "customers",
  label: "Customers",
  unit: "count",
  better: "higher",
  position: 40,
  definition:
    "Distinct identified customers with at least one counted order in the window. Orders sharing a normalised email or a platform customer id (not empty, not 0) belong to one customer, transitively.",
  needs: ["identity"],
  create() {
    let count = 0;
    let unidentified = 0;
    return {
      order(order) {
        if (order.customer < 0) unidentified++;
      },
      customer(customer) {
        if (customer.ordersInWindow > 0) count++;
      },
      result: () =>
        unidentified === 0
          ? { value: count }
          : {
              value: count,
              note: `${unidentified} counted order${unidentified === 1 ? "" : "s"} in the window had no email or customer id; they count in orders, revenue and AOV but in no customer metric`,
            },
    };
  },
});

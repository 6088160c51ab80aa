import { defineMetric } from "./metric.js";

// The literature's "repeat customers spend N× more" has no traceable source
// (metrics-landscape §1.7); this is the shop's own figure.
export default defineMetric({
  id: "repeatCustomerRevenueMultiple",
  label: "Repeat vs one-time customer revenue",
  unit: "ratio",
  better: "higher",
  position: 170,
  definition:
    "Mean revenue in the window of customers with two or more counted orders in it / mean revenue in the window of customers with exactly one.",
  needs: ["identity", "amounts"],
  create() {
    let repeatRevenue = 0;
    let repeaters = 0;
    let singleRevenue = 0;
    let singles = 0;
    return {
      customer(customer) {
        if (customer.ordersInWindow === 1) {
          singles++;
          singleRevenue += customer.revenueInWindow;
        } else if (customer.ordersInWindow > 1) {
          repeaters++;
          repeatRevenue += customer.revenueInWindow;
        }
      },
      result() {
        if (repeaters === 0) return { value: null, note: "no customer has two or more counted orders in the window" };
        if (singles === 0) return { value: null, note: "no customer has exactly one counted order in the window" };
        if (singleRevenue === 0) return { value: null, note: "one-time customers' revenue in the window is 0" };
        return { value: repeatRevenue / repeaters / (singleRevenue / singles) };
      },
    };
  },
});

import { defineMetric, NO_CUSTOMERS, ratio } from "./metric.js";

// Peel Insights' definition, word for word: orders ÷ unique customers over the window
// (metrics-landscape §1.2). Only identified orders are in the numerator, so that it matches
// its denominator.
export default defineMetric({
  id: "purchaseFrequency",
  label: "Purchase frequency",
  unit: "ratio",
  better: "higher",
  position: 60,
  definition: "Identified counted orders in the window / customers.",
  needs: ["identity"],
  create() {
    let identifiedOrders = 0;
    let customerCount = 0;
    return {
      order(order) {
        if (order.customer >= 0) identifiedOrders++;
      },
      customer(customer) {
        if (customer.ordersInWindow > 0) customerCount++;
      },
      result: () => ratio(identifiedOrders, customerCount, NO_CUSTOMERS),
    };
  },
});

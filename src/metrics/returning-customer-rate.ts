import { defineMetric, NO_CUSTOMERS, ratio } from "./metric.js";

// Shopify's "returning customer rate": it looks back before the window, so it is at least the
// repeat purchase rate (metrics-landscape §3.2).
export default defineMetric({
  id: "returningCustomerRate",
  label: "Returning customer rate (2+ orders ever, Shopify's)",
  unit: "rate",
  better: "higher",
  position: 80,
  definition:
    "Customers in the window whose counted orders from their first up to the end of the window (whole history) number two or more / customers. Shopify's definition; unlike repeatPurchaseRate it counts orders before the window.",
  needs: ["identity"],
  create() {
    let returning = 0;
    let customerCount = 0;
    return {
      customer(customer) {
        if (customer.ordersInWindow === 0) return;
        customerCount++;
        if (customer.ordersToEnd > 1) returning++;
      },
      result: () => ratio(returning, customerCount, NO_CUSTOMERS, "customers"),
    };
  },
});

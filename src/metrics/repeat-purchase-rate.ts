import { defineMetric, NO_CUSTOMERS, ratio } from "./metric.js";

// Both orders must fall inside the window. This is the industry "repeat purchase rate"
// (Datma, VortexIQ), not Shopify's "returning customer rate", which looks back before the
// window (metrics-landscape §3.2).
export default defineMetric({
  id: "repeatPurchaseRate",
  label: "Repeat purchase rate (2+ orders in window)",
  unit: "rate",
  better: "higher",
  position: 70,
  definition: "Customers with two or more counted orders in the window / customers. Orders before the window do not count.",
  needs: ["identity"],
  create() {
    let repeaters = 0;
    let customerCount = 0;
    return {
      customer(customer) {
        if (customer.ordersInWindow > 0) customerCount++;
        if (customer.ordersInWindow > 1) repeaters++;
      },
      result: () => ratio(repeaters, customerCount, NO_CUSTOMERS, "customers"),
    };
  },
});

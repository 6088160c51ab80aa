import { input, type MetricDef, NO_ORDERS } from "./metric.js";

// AOV = revenue / orders, both over counted orders in the window. Revenue is net of refunds
// (WooCommerce's "net sales" basis, not Shopify's "gross − discounts"); see metrics-landscape §2.
export const aov: MetricDef = {
  id: "aov",
  label: "Average order value",
  unit: "money",
  better: "higher",
  definition: "revenue / orders; rounded to the currency's minor unit, half away from zero.",
  derive(results) {
    const orders = input(results, "orders").value ?? 0;
    const revenue = input(results, "revenue").value ?? 0;
    return orders === 0 ? { value: null, note: NO_ORDERS } : { value: revenue / orders };
  },
};

import { deriveMetric, NO_ORDERS } from "./metric.js";

// AOV = revenue / orders, both over counted orders in the window. Revenue is net of refunds
// (WooCommerce's "net sales" basis, not Shopify's "gross − discounts"); see metrics-landscape §2.
export default deriveMetric({
  id: "aov",
  label: "Average order value",
  unit: "money",
  better: "higher",
  position: 30,
  definition: "revenue / orders; rounded to the currency's minor unit, half away from zero.",
  uses: ["orders", "revenue"],
  derive({ orders, revenue }) {
    const count = orders.value ?? 0;
    return count === 0 ? { value: null, note: NO_ORDERS } : { value: (revenue.value ?? 0) / count };
  },
});

import { deriveMetric, NO_ORDERS } from "./metric.js";

// AOV = revenue / orders, both over counted orders in the window. Revenue is total − refunds by
// default, or Shopify's "gross sales − discounts" with --revenue net-sales (core/revenue-basis.ts).
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

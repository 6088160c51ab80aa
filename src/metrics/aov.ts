import { NO_ORDERS, ratio, type MetricDef } from "./metric.js";

// AOV = revenue / orders, both over counted orders in the window. Revenue is net of refunds
// (WooCommerce's "net sales" basis, not Shopify's "gross − discounts"); see metrics-landscape §2.
export const aov: MetricDef = {
  id: "aov",
  label: "Average order value",
  unit: "money",
  definition: "revenue / orders; rounded to the currency's minor unit, half away from zero.",
  create() {
    let sum = 0;
    let count = 0;
    return {
      order(order) {
        sum += order.revenue;
        count++;
      },
      result: () => ratio(sum, count, NO_ORDERS),
    };
  },
};

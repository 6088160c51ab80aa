import type { MetricDef } from "./metric.js";

export const revenue: MetricDef = {
  id: "revenue",
  label: "Revenue",
  unit: "money",
  better: "higher",
  definition: "Sum over counted orders in the window of order total minus refunded amount, summed exactly in minor units.",
  create() {
    let sum = 0;
    return {
      order(order) {
        sum += order.revenue;
      },
      result: () => ({ value: sum }),
    };
  },
};

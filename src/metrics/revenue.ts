import { defineMetric } from "./metric.js";

export default defineMetric({
  id: "revenue",
  label: "Revenue",
  unit: "money",
  better: "higher",
  position: 20,
  definition: "Sum over counted orders in the window of order total minus refunded amount, summed exactly in minor units.",
  needs: ["amounts"],
  create() {
    let sum = 0;
    return {
      order(order) {
        sum += order.revenue;
      },
      result: () => ({ value: sum }),
    };
  },
});

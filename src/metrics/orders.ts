import { defineMetric } from "./metric.js";

export default defineMetric({
  id: "orders",
  label: "Orders",
  unit: "count",
  better: "higher",
  position: 10,
  definition: "Counted orders (status completed, processing or on-hold) created in the window.",
  needs: [],
  create() {
    let count = 0;
    return {
      order() {
        count++;
      },
      result: () => ({ value: count }),
    };
  },
});

import type { MetricDef } from "./metric.js";

export const orders: MetricDef = {
  id: "orders",
  label: "Orders",
  unit: "count",
  better: "higher",
  definition: "Counted orders (status completed, processing or on-hold) created in the window.",
  create() {
    let count = 0;
    return {
      order() {
        count++;
      },
      result: () => ({ value: count }),
    };
  },
};

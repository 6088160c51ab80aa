import { REVENUE_BASIS } from "../core/revenue-basis.js";
import { defineMetric } from "./metric.js";

export default defineMetric({
  id: "revenue",
  label: "Revenue",
  unit: "money",
  better: "higher",
  position: 20,
  // --revenue net-sales changes the amount each order brings; the report says which (report.ts).
  definition: REVENUE_BASIS.total.definition,
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

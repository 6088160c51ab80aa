import { medianInPlace } from "../core/quantile.js";
import { defineMetric, NO_GAPS } from "./metric.js";

export default defineMetric({
  id: "medianDaysBetweenPurchases",
  label: "Days between purchases (median)",
  unit: "days",
  better: "lower",
  position: 160,
  definition: "Median of the same gaps; for an even count, the mean of the middle two.",
  needs: ["identity"],
  create() {
    const gaps: number[] = [];
    return {
      customer(customer) {
        for (const gap of customer.gaps) gaps.push(gap);
      },
      result() {
        // Selected, not sorted: a 1M-order file has hundreds of thousands of gaps.
        const median = medianInPlace(Float64Array.from(gaps));
        return median === null ? { value: null, note: NO_GAPS } : { value: median };
      },
    };
  },
});

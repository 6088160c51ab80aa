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
        if (gaps.length === 0) return { value: null, note: NO_GAPS };
        // A typed array sorts numbers in ascending order natively, with no comparison function to call.
        const sorted = Float64Array.from(gaps).sort();
        const mid = sorted.length >> 1;
        return { value: sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2 };
      },
    };
  },
});

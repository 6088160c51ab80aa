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
        gaps.sort((a, b) => a - b);
        const mid = gaps.length >> 1;
        return { value: gaps.length % 2 === 1 ? gaps[mid]! : (gaps[mid - 1]! + gaps[mid]!) / 2 };
      },
    };
  },
});

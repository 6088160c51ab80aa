/**
 * Time between purchases: the gaps between each customer's consecutive counted orders (whole
 * history, in time order) whose later order falls in the window, in exact days (the instant
 * difference / 86,400 s, so a DST change inside a gap does not add or lose an hour's worth).
 */
import type { MetricDef } from "./metric.js";

const NO_GAPS = "no customer placed a repeat order in the window (no gap between two orders ends in it)";

export const avgDaysBetweenPurchases: MetricDef = {
  id: "avgDaysBetweenPurchases",
  label: "Days between purchases (mean)",
  unit: "days",
  better: "lower",
  definition:
    "Mean of the gaps, in days (instant difference / 86,400 s), between consecutive counted orders of a customer (whole history) whose later order is in the window.",
  create() {
    let sum = 0;
    let count = 0;
    return {
      customer(customer) {
        for (const gap of customer.gaps) {
          sum += gap;
          count++;
        }
      },
      result: () => (count === 0 ? { value: null, note: NO_GAPS } : { value: sum / count }),
    };
  },
};

export const medianDaysBetweenPurchases: MetricDef = {
  id: "medianDaysBetweenPurchases",
  label: "Days between purchases (median)",
  unit: "days",
  better: "lower",
  definition: "Median of the same gaps; for an even count, the mean of the middle two.",
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
};

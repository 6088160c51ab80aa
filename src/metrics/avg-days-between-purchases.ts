import { defineMetric, NO_GAPS } from "./metric.js";

// Time between purchases: the gaps between each customer's consecutive counted orders (whole
// history, in time order) whose later order falls in the window, in exact days (the instant
// difference / 86,400 s, so a DST change inside a gap does not add or lose an hour's worth).
export default defineMetric({
  id: "avgDaysBetweenPurchases",
  label: "Days between purchases (mean)",
  unit: "days",
  better: "lower",
  position: 150,
  definition:
    "Mean of the gaps, in days (instant difference / 86,400 s), between consecutive counted orders of a customer (whole history) whose later order is in the window.",
  needs: ["identity"],
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
});

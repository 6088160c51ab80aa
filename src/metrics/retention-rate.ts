import { deriveMetric, NO_START_CUSTOMERS, notes, smallBase } from "./metric.js";

/** Why a retention rate above 100 % is no bug. */
const ABOVE_ONE =
  "above 100 %: reactivated customers (who bought before the previous window, not in it, and again in this one) count in E − N but not in S";

// The textbook customer retention rate, ((E − N) / S): customers at the end (E), less new
// customers (N), over customers at the start (S). E − N includes reactivated customers, so
// retentionRate and churnRate need not add up to 1 (metrics-landscape §2).
export default deriveMetric({
  id: "retentionRate",
  label: "Retention rate ((E − N) / S)",
  unit: "rate",
  better: "higher",
  position: 130,
  definition:
    "(customers − newCustomers) / customersAtStart: the textbook (E − N) / S. It counts reactivated customers, which churnRate does not, so the two need not add up to 1.",
  uses: ["customers", "newCustomers", "customersAtStart"],
  derive({ customers, newCustomers, customersAtStart }) {
    const start = customersAtStart.value ?? 0;
    if (start === 0) return { value: null, note: NO_START_CUSTOMERS };
    const value = ((customers.value ?? 0) - (newCustomers.value ?? 0)) / start;
    const note = notes(value > 1 ? ABOVE_ONE : undefined, smallBase(start, "customers at start"));
    return note === undefined ? { value } : { value, note };
  },
});

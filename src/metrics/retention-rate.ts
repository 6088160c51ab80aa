import { deriveMetric, NO_START_CUSTOMERS } from "./metric.js";

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
    return { value: ((customers.value ?? 0) - (newCustomers.value ?? 0)) / start };
  },
});

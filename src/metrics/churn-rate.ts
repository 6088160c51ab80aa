import { deriveMetric, NO_START_CUSTOMERS, ratio } from "./metric.js";

export default deriveMetric({
  id: "churnRate",
  label: "Churn rate",
  unit: "rate",
  better: "lower",
  position: 140,
  definition:
    "(customersAtStart − retainedCustomers) / customersAtStart: the share of the previous window's customers who did not buy in the window.",
  uses: ["customersAtStart", "retainedCustomers"],
  derive({ customersAtStart, retainedCustomers }) {
    const start = customersAtStart.value ?? 0;
    if (start === 0) return { value: null, note: NO_START_CUSTOMERS };
    return ratio(start - (retainedCustomers.value ?? 0), start, NO_START_CUSTOMERS, "customers at start");
  },
});

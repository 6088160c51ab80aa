import { input, type MetricDef, NO_START_CUSTOMERS } from "./metric.js";

export const churnRate: MetricDef = {
  id: "churnRate",
  label: "Churn rate",
  unit: "rate",
  better: "lower",
  definition:
    "(customersAtStart − retainedCustomers) / customersAtStart: the share of the previous window's customers who did not buy in the window.",
  derive(results) {
    const start = input(results, "customersAtStart").value ?? 0;
    if (start === 0) return { value: null, note: NO_START_CUSTOMERS };
    return { value: (start - (input(results, "retainedCustomers").value ?? 0)) / start };
  },
};

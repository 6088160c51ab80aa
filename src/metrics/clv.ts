import { input, type MetricDef } from "./metric.js";

// Historic-average CLV: value per customer per window × the expected number of windows a
// customer stays (1 / churn, the mean of a geometric lifetime). No discounting.
export const clv: MetricDef = {
  id: "clv",
  label: "Customer lifetime value",
  unit: "money",
  better: "higher",
  definition:
    "aov × purchaseFrequency × margin / churnRate: revenue per customer per window times the expected number of windows a customer stays (1 / churnRate). --margin (default 1) turns revenue into profit.",
  derive(results, context) {
    const churn = input(results, "churnRate");
    if (churn.value === null) return { value: null, note: `churnRate is null: ${churn.note ?? "not computable"}` };
    if (churn.value === 0)
      return {
        value: null,
        note: "churnRate is 0 (every customer of the previous window bought again): the expected lifetime is unbounded",
      };
    const aov = input(results, "aov");
    const frequency = input(results, "purchaseFrequency");
    if (aov.value === null || frequency.value === null)
      return { value: null, note: aov.note ?? frequency.note ?? "aov or purchaseFrequency is null" };
    return { value: (aov.value * frequency.value * context.margin) / churn.value };
  },
};

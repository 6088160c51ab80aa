import { deriveMetric } from "./metric.js";

// Historic-average CLV: value per customer per window × the expected number of windows a
// customer stays (1 / churn, the mean of a geometric lifetime). No discounting.
export default deriveMetric({
  id: "clv",
  label: "Customer lifetime value",
  unit: "money",
  better: "higher",
  position: 180,
  definition:
    "aov × purchaseFrequency × margin / churnRate: revenue per customer per window times the expected number of windows a customer stays (1 / churnRate). --margin (default 1) turns revenue into profit.",
  uses: ["aov", "purchaseFrequency", "churnRate"],
  derive({ aov, purchaseFrequency, churnRate }, context) {
    if (churnRate.value === null) return { value: null, note: `churnRate is null: ${churnRate.note ?? "not computable"}` };
    if (churnRate.value === 0) {
      return {
        value: null,
        note: "churnRate is 0 (every customer of the previous window bought again): the expected lifetime is unbounded",
      };
    }
    if (aov.value === null || purchaseFrequency.value === null) {
      return { value: null, note: aov.note ?? purchaseFrequency.note ?? "aov or purchaseFrequency is null" };
    }
    return { value: (aov.value * purchaseFrequency.value * context.margin) / churnRate.value };
  },
});

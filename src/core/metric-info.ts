/**
 * What a metric's figure is, as the metrics that compute it and the renderers that print it
 * both need to know: its unit, which way is good news, its label and its definition.
 */

/** How a value is shown: count, money (major units), rate (a fraction), ratio, days, hours, score (NPS points, −100 … 100). */
export type MetricUnit = "count" | "money" | "rate" | "ratio" | "days" | "hours" | "score";

/** Which way is good news, for the arrows of --compare. */
export type Better = "higher" | "lower" | "neither";

export interface MetricInfo<Id extends string = string> {
  /** The JSON key. */
  readonly id: Id;
  /** The table's label. */
  readonly label: string;
  readonly unit: MetricUnit;
  readonly better: Better;
  /** The exact definition, as printed in the JSON `definitions` and docs/metrics.md. */
  readonly definition: string;
}

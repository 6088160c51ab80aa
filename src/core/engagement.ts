/**
 * The engagement inputs beyond orders — survey answers (survey.ts) and reviews (review.ts) — as
 * the report carries them: each kind's figures over a window, and the figures by name for the
 * table, the CSV and --fail-if.
 */
import type { MetricInfo } from "./metric-info.js";
import type { ReviewFigures } from "./review.js";
import type { SurveyFigures } from "./survey.js";

/** Each kind's figures over one window: the survey questions', and the reviews'. */
export interface EngagementFigureMap extends SurveyFigures {
  readonly reviews: ReviewFigures;
}

export type EngagementKind = keyof EngagementFigureMap;

/** In the report's order. */
export const ENGAGEMENT_KINDS: readonly EngagementKind[] = ["nps", "csat", "ces", "reviews"];

/**
 * An engagement figure as the table, the CSV and --fail-if see it: one number of one kind's
 * figures (`csatRate` is csat.rate), with what a metric has (unit, label, which way is good news).
 */
export interface EngagementMetricInfo<Id extends string = string> extends MetricInfo<Id> {
  readonly kind: EngagementKind;
  readonly field: string;
}

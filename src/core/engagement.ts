/**
 * The engagement inputs beyond orders — survey answers (survey.ts), reviews (review.ts), helpdesk
 * tickets (ticket.ts) and web traffic (traffic.ts) — as the report carries them: each kind's
 * figures over a window, and the figures by name for the table, the CSV and --fail-if.
 */
import type { MetricInfo } from "./metric-info.js";
import type { ReviewFigures } from "./review.js";
import type { SurveyFigures } from "./survey.js";
import type { SupportFigures } from "./ticket.js";
import type { TrafficFigures } from "./traffic.js";

/** Each kind's figures over one window: the survey questions', the reviews', the tickets' (support) and the traffic's. */
export interface EngagementFigureMap extends SurveyFigures {
  readonly reviews: ReviewFigures;
  readonly support: SupportFigures;
  readonly traffic: TrafficFigures;
}

export type EngagementKind = keyof EngagementFigureMap;

/** In the report's order. */
export const ENGAGEMENT_KINDS: readonly EngagementKind[] = ["nps", "csat", "ces", "reviews", "support", "traffic"];

/**
 * An engagement figure as the table, the CSV and --fail-if see it: one number of one kind's
 * figures (`csatRate` is csat.rate), with what a metric has (unit, label, which way is good news).
 */
export interface EngagementMetricInfo<Id extends string = string> extends MetricInfo<Id> {
  readonly kind: EngagementKind;
  /** Its place in the kind's figures: a key, or a path of keys (`firstResponse.medianHours`). */
  readonly field: string;
}

/** The number at `field` (a key or a dotted path) of one kind's figures; null when absent or not a number. */
export function engagementValue(figures: object | undefined, field: string): number | null {
  let at: unknown = figures;
  for (const key of field.split(".")) at = at !== null && typeof at === "object" ? (at as Record<string, unknown>)[key] : undefined;
  return typeof at === "number" ? at : null;
}

/**
 * The report's `engagement` block: the survey metrics (NPS, CSAT, CES), the reviews', the
 * helpdesk tickets' (support) and the traffic's (conversion) over the report's window (and, with
 * --compare, the previous window and the change), and over each point of an --every series.
 * Every file's answers, reviews or tickets are pooled by kind (metrics/engagement).
 */
import { ENGAGEMENT_KINDS, type EngagementKind, engagementValue } from "../core/engagement.js";
import type { ReviewRatings } from "../core/review.js";
import type { SurveyFigures, SurveyQuestion } from "../core/survey.js";
import type { TicketLog, TimeBasis } from "../core/ticket.js";
import type { OrderDays, TrafficInput } from "../core/traffic.js";
import type { ReportWindow } from "../core/window.js";
import {
  computeSurveys,
  ENGAGEMENT_DEFINITIONS,
  ENGAGEMENT_METRICS,
  type KindResult,
  npsChangeSignificant,
  reviewFigures,
  type SurveyOptions,
} from "../metrics/engagement/index.js";
import { computeSupport } from "../metrics/engagement/support.js";
import { computeTraffic } from "../metrics/engagement/traffic.js";
import type { Change, Engagement, EngagementFigures, WindowInfo } from "../report/model.js";

/** What the engagement figures are computed from: every survey file's questions, every review file's ratings, every ticket file's tickets, the traffic. */
export interface EngagementInputs {
  readonly questions: readonly SurveyQuestion[];
  readonly reviews: readonly ReviewRatings[];
  readonly tickets: readonly TicketLog[];
  /** --frt-target, and calendar or --business-hours. */
  readonly support: { readonly targetHours: number; readonly basis: TimeBasis; readonly note?: string };
  readonly traffic: TrafficInput | null;
  /** The orders' counts per day, for the conversion rate; null without an orders file. */
  readonly orderDays: OrderDays | null;
  /** --web-orders-only. */
  readonly webOrdersOnly: boolean;
}

/** Each kind's figures over `window` (`previousOf` gives the window positive-review growth compares with), as a series point carries them. */
export function engagementFigures(
  inputs: EngagementInputs,
  window: ReportWindow,
  previousOf: (window: ReportWindow) => ReportWindow,
  options: SurveyOptions,
): EngagementFigures {
  const results: Partial<Record<EngagementKind, KindResult<EngagementKind>>> = computeSurveys(inputs.questions, window, options);
  if (inputs.reviews.length > 0) results.reviews = reviewFigures(inputs.reviews, window, previousOf(window));
  if (inputs.tickets.length > 0) {
    const figures = computeSupport(inputs.tickets, window, inputs.support.targetHours, inputs.support.basis);
    results.support = inputs.support.note === undefined ? { figures } : { figures, note: inputs.support.note };
  }
  if (inputs.traffic !== null) {
    const traffic = computeTraffic(inputs.traffic, inputs.orderDays, window, inputs.webOrdersOnly);
    if ("figures" in traffic) {
      const { coveredDays, windowDays } = traffic.figures;
      results.traffic =
        coveredDays < windowDays
          ? {
              figures: traffic.figures,
              note: `the traffic and the orders cover ${coveredDays} of the window's ${windowDays} days: the figures are over those days`,
            }
          : { figures: traffic.figures };
    }
  }
  const out: Record<string, unknown> = {};
  for (const kind of ENGAGEMENT_KINDS) {
    const result = results[kind];
    if (result) out[kind] = result.note === undefined ? result.figures : { ...result.figures, note: result.note };
  }
  return out as EngagementFigures;
}

/** The `engagement` block over the window, with the previous window's figures and the change when `previous` is given (--compare). */
export function engagementBlock(
  inputs: EngagementInputs,
  window: { readonly range: ReportWindow; readonly info: WindowInfo },
  previous: { readonly range: ReportWindow; readonly info: WindowInfo } | null,
  previousOf: (window: ReportWindow) => ReportWindow,
  options: SurveyOptions,
): Engagement | undefined {
  if (inputs.questions.length === 0 && inputs.reviews.length === 0 && inputs.tickets.length === 0 && inputs.traffic === null)
    return undefined;
  const now = engagementFigures(inputs, window.range, previousOf, options);
  const then = previous ? engagementFigures(inputs, previous.range, previousOf, options) : undefined;
  const out: Record<string, unknown> = {};
  for (const kind of ENGAGEMENT_KINDS) {
    const current = now[kind];
    if (!current) continue;
    const before = then?.[kind];
    out[kind] = {
      window: window.info,
      ...current,
      definition: ENGAGEMENT_DEFINITIONS[kind],
      ...(before && previous
        ? {
            previous: { window: previous.info, ...before },
            change: figureChanges(kind, current, before),
            ...(kind === "nps"
              ? { significant: npsChangeSignificant(current as SurveyFigures["nps"], before as SurveyFigures["nps"]) }
              : {}),
          }
        : {}),
    };
  }
  return out as Engagement;
}

/** The change of each figure the table and --fail-if name (score, rate, mean …): current − previous, and relative to |previous|. */
function figureChanges(kind: EngagementKind, now: object, then: object): Record<string, Change> {
  const out: Record<string, Change> = {};
  for (const metric of ENGAGEMENT_METRICS) {
    if (metric.kind !== kind) continue;
    const a = engagementValue(now, metric.field);
    const b = engagementValue(then, metric.field);
    out[metric.field] =
      a === null || b === null ? { absolute: null, relative: null } : { absolute: a - b, relative: b === 0 ? null : (a - b) / Math.abs(b) };
  }
  return out;
}

/** The first and last instant of any survey answer, review or ticket, for a report without orders (its default --as-of is the last's day). */
export function engagementInstants(
  inputs: Pick<EngagementInputs, "questions" | "reviews" | "tickets">,
): { readonly first: number; readonly last: number } | null {
  return instantSpan([
    ...inputs.questions.map((q) => q.answers.at),
    ...inputs.reviews.flatMap((r) => [r.at, r.unratedAt]),
    ...inputs.tickets.map((t) => t.created),
  ]);
}

/** The first and last of some lists of instants; null when they hold none. */
export function instantSpan(lists: readonly (readonly number[])[]): { readonly first: number; readonly last: number } | null {
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const instants of lists) {
    for (const at of instants) {
      if (at < first) first = at;
      if (at > last) last = at;
    }
  }
  return first === Number.POSITIVE_INFINITY ? null : { first, last };
}

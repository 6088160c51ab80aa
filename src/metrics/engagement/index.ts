/**
 * The engagement metrics over a window: the survey ones (NPS, CSAT, CES) from every survey file's
 * answers, and the reviews' from every review file; and the figures as the table, the CSV and
 * --fail-if name them (ENGAGEMENT_METRICS).
 */
import type { EngagementFigureMap, EngagementMetricInfo } from "../../core/engagement.js";
import type { ReviewRatings } from "../../core/review.js";
import {
  type CesDirection,
  SURVEY_KINDS,
  type SurveyDedupe,
  type SurveyFigures,
  type SurveyKind,
  type SurveyQuestion,
} from "../../core/survey.js";
import type { ReportWindow } from "../../core/window.js";
import { answersIn } from "./answers.js";
import { CES_DEFINITION, computeCes } from "./ces.js";
import { CSAT_DEFINITION, computeCsat } from "./csat.js";
import { computeNps, NPS_DEFINITION } from "./nps.js";
import { computeReviews, REVIEWS_DEFINITION } from "./reviews.js";
import { SUPPORT_DEFINITION } from "./support.js";
import { TRAFFIC_DEFINITION } from "./traffic.js";

export { npsChangeSignificant } from "./nps.js";

export const ENGAGEMENT_DEFINITIONS: Readonly<Record<keyof EngagementFigureMap, string>> = {
  nps: NPS_DEFINITION,
  csat: CSAT_DEFINITION,
  ces: CES_DEFINITION,
  reviews: REVIEWS_DEFINITION,
  support: SUPPORT_DEFINITION,
  traffic: TRAFFIC_DEFINITION,
};

/** The reviews' figures over `window`, growth against `previous`; a note when growth can't be had. */
export function reviewFigures(
  files: readonly ReviewRatings[],
  window: Pick<ReportWindow, "from" | "to">,
  previous: Pick<ReportWindow, "from" | "to">,
): KindResult<"reviews"> {
  const figures = computeReviews(files, window, previous);
  return figures.positiveGrowth === null && figures.positiveReviews > 0
    ? { figures, note: "the previous window has no positive review: positiveGrowth is null" }
    : { figures };
}

/** Below this many responses a figure is given with a note that its margin is wide. */
const FEW_RESPONSES = 30;

export interface SurveyOptions {
  readonly dedupe: SurveyDedupe;
  /** --min-responses: below it a kind's figures (but its counts) are null. */
  readonly minResponses: number | null;
}

/** A kind's figures over one window, and the note on them (few responses), when there is one. */
export interface KindResult<K extends keyof EngagementFigureMap = SurveyKind> {
  readonly figures: EngagementFigureMap[K];
  readonly note?: string;
}

/** The figures of each kind the files ask, over `window`. */
export function computeSurveys(
  questions: readonly SurveyQuestion[],
  window: Pick<ReportWindow, "from" | "to">,
  options: SurveyOptions,
): Partial<{ [K in SurveyKind]: KindResult<K> }> {
  const out: Partial<{ [K in SurveyKind]: KindResult<K> }> = {};
  for (const kind of SURVEY_KINDS) {
    if (!questions.some((q) => q.kind === kind)) continue;
    const answers = answersIn(questions, kind, window, options.dedupe);
    const directions = questions.filter((q) => q.kind === "ces").map((q) => q.direction?.value ?? ("agree" as CesDirection));
    const figures = kind === "nps" ? computeNps(answers.scores) : kind === "csat" ? computeCsat(answers) : computeCes(answers, directions);
    const n = answers.scores.length;
    const mixed = kind !== "nps" && answers.scale === null && answers.scales.length > 1;
    const scales = mixed
      ? `the files ask it on different scales (${answers.scales.map((s) => `1–${s}`).join(", ")}), so meanScore is null; `
      : "";
    if (options.minResponses !== null && n < options.minResponses) {
      (out as Record<SurveyKind, KindResult>)[kind] = {
        figures: withoutValues(figures),
        note: `${scales}${n} responses, fewer than --min-responses ${options.minResponses}: the figures are null`,
      };
      continue;
    }
    const few =
      n > 0 && n < FEW_RESPONSES ? `only ${n} response${n === 1 ? "" : "s"} (fewer than ${FEW_RESPONSES}): the margin is wide` : "";
    const note = `${scales}${few}`.replace(/; $/, "");
    (out as Record<SurveyKind, KindResult>)[kind] = note === "" ? { figures } : { figures, note };
  }
  return out;
}

/** The counts kept, every figure computed from them null. */
function withoutValues<F extends SurveyFigures[SurveyKind]>(figures: F): F {
  const out: Record<string, unknown> = { ...figures };
  for (const key of ["score", "standardError", "marginOfError95", "rate", "meanScore", "easyRate"]) if (key in out) out[key] = null;
  return out as F;
}

/** The survey figures by name, for the table, the CSV and --fail-if; in the table's order. */
export const ENGAGEMENT_METRICS: readonly EngagementMetricInfo[] = [
  {
    id: "nps",
    kind: "nps",
    field: "score",
    label: "Net Promoter Score",
    unit: "score",
    better: "higher",
    definition: NPS_DEFINITION,
  },
  {
    id: "npsMarginOfError",
    kind: "nps",
    field: "marginOfError95",
    label: "NPS margin of error (95%, ±)",
    unit: "score",
    better: "lower",
    definition: "1.96 × the NPS's standard error (Wald): the score's 95% confidence interval is score ± this.",
  },
  {
    id: "npsResponses",
    kind: "nps",
    field: "responses",
    label: "NPS responses",
    unit: "count",
    better: "neither",
    definition: "Responses to the NPS question submitted in the window.",
  },
  {
    id: "csatRate",
    kind: "csat",
    field: "rate",
    label: "CSAT (satisfied)",
    unit: "rate",
    better: "higher",
    definition: CSAT_DEFINITION,
  },
  {
    id: "csatMeanScore",
    kind: "csat",
    field: "meanScore",
    label: "CSAT mean score",
    unit: "ratio",
    better: "higher",
    definition: "The mean answer to the satisfaction question, on its scale (1–3, 1–5 or 1–7).",
  },
  {
    id: "csatResponses",
    kind: "csat",
    field: "responses",
    label: "CSAT responses",
    unit: "count",
    better: "neither",
    definition: "Responses to the satisfaction question submitted in the window.",
  },
  {
    id: "cesEasyRate",
    kind: "ces",
    field: "easyRate",
    label: "CES (found it easy)",
    unit: "rate",
    better: "higher",
    definition: CES_DEFINITION,
  },
  {
    id: "cesMeanScore",
    kind: "ces",
    field: "meanScore",
    label: "CES mean score (high = easy)",
    unit: "ratio",
    better: "higher",
    definition: "The mean answer to the effort question on the agreement direction (high = easy), on its scale (1–5 or 1–7).",
  },
  {
    id: "cesResponses",
    kind: "ces",
    field: "responses",
    label: "CES responses",
    unit: "count",
    better: "neither",
    definition: "Responses to the effort question submitted in the window.",
  },
  {
    id: "positiveReviewGrowth",
    kind: "reviews",
    field: "positiveGrowth",
    label: "Positive review growth",
    unit: "rate",
    better: "higher",
    definition: "Positive reviews (4 stars or more) created in the window / in the previous window − 1.",
  },
  {
    id: "positiveReviews",
    kind: "reviews",
    field: "positiveReviews",
    label: "Positive reviews (4+ stars)",
    unit: "count",
    better: "higher",
    definition: "Reviews rated 4 or more of 5 created in the window.",
  },
  {
    id: "positiveReviewRate",
    kind: "reviews",
    field: "positiveRate",
    label: "Positive review share",
    unit: "rate",
    better: "higher",
    definition: "Positive reviews / rated reviews created in the window.",
  },
  {
    id: "meanRating",
    kind: "reviews",
    field: "meanRating",
    label: "Mean rating (of 5)",
    unit: "ratio",
    better: "higher",
    definition: "The mean rating of the reviews created in the window.",
  },
  {
    id: "reviews",
    kind: "reviews",
    field: "reviews",
    label: "Reviews (rated)",
    unit: "count",
    better: "neither",
    definition: "Rated reviews created in the window.",
  },
  {
    id: "unratedReviews",
    kind: "reviews",
    field: "unrated",
    label: "Reviews without a rating",
    unit: "count",
    better: "neither",
    definition: "Reviews without a rating (Heureka's pros-and-cons-only reviews) created in the window.",
  },
  {
    id: "medianFirstResponseHours",
    kind: "support",
    field: "firstResponse.medianHours",
    label: "First response time (median)",
    unit: "hours",
    better: "lower",
    definition:
      "The median of the answered tickets' first reply − creation, in hours, on the report's basis (calendar, or --business-hours).",
  },
  {
    id: "meanFirstResponseHours",
    kind: "support",
    field: "firstResponse.meanHours",
    label: "First response time (mean)",
    unit: "hours",
    better: "lower",
    definition: "The mean of the answered tickets' first reply − creation, in hours.",
  },
  {
    id: "p90FirstResponseHours",
    kind: "support",
    field: "firstResponse.p90Hours",
    label: "First response time (90th percentile)",
    unit: "hours",
    better: "lower",
    definition: "The 90th percentile (linear interpolation) of the answered tickets' first reply − creation, in hours.",
  },
  {
    id: "firstResponseWithinTarget",
    kind: "support",
    field: "withinTarget",
    label: "Answered within target",
    unit: "rate",
    better: "higher",
    definition: "Answered tickets whose first response came within --frt-target hours (default 24) / answered tickets with a time.",
  },
  {
    id: "tickets",
    kind: "support",
    field: "tickets",
    label: "Tickets",
    unit: "count",
    better: "neither",
    definition: "Helpdesk tickets created in the window, deleted and spam tickets excluded.",
  },
  {
    id: "unansweredTickets",
    kind: "support",
    field: "unanswered",
    label: "Tickets unanswered",
    unit: "count",
    better: "lower",
    definition: "Tickets created in the window without a first agent reply (left out of the response times).",
  },
  {
    id: "resolvedTickets",
    kind: "support",
    field: "resolution.resolved",
    label: "Tickets resolved",
    unit: "count",
    better: "neither",
    definition: "Tickets created in the window that are resolved (solved, resolved or closed).",
  },
  {
    id: "medianResolutionHours",
    kind: "support",
    field: "resolution.medianHours",
    label: "Resolution time (median)",
    unit: "hours",
    better: "lower",
    definition: "The median of the resolved tickets' resolution − creation, in hours, on the report's basis.",
  },
  {
    id: "p90ResolutionHours",
    kind: "support",
    field: "resolution.p90Hours",
    label: "Resolution time (90th percentile)",
    unit: "hours",
    better: "lower",
    definition: "The 90th percentile (linear interpolation) of the resolved tickets' resolution − creation, in hours.",
  },
  {
    id: "conversionRate",
    kind: "traffic",
    field: "conversionRate",
    label: "Conversion rate (orders / sessions)",
    unit: "rate",
    better: "higher",
    definition: TRAFFIC_DEFINITION,
  },
  {
    id: "reportedConversionRate",
    kind: "traffic",
    field: "reportedConversionRate.rate",
    label: "Conversion rate (as the analytics tool counts it)",
    unit: "rate",
    better: "higher",
    definition:
      "The analytics tool's own rate over the covered days, as it defines it (Shopify: sessions that completed checkout / sessions; GA4: session key event rate; Matomo: converted visits / visits).",
  },
  {
    id: "sessions",
    kind: "traffic",
    field: "sessions",
    label: "Sessions",
    unit: "count",
    better: "higher",
    definition: "Sessions (visits) on the covered days of the window, from the analytics export or --sessions.",
  },
  {
    id: "visitors",
    kind: "traffic",
    field: "visitors",
    label: "Visitors (daily, summed)",
    unit: "count",
    better: "higher",
    definition: "Each covered day's unique visitors, summed: a visitor who came on two days counts twice.",
  },
  {
    id: "ordersPerThousandSessions",
    kind: "traffic",
    field: "ordersPerThousandSessions",
    label: "Orders per 1,000 sessions",
    unit: "ratio",
    better: "higher",
    definition: "1000 × counted orders on the covered days / sessions.",
  },
  {
    id: "trafficOrders",
    kind: "traffic",
    field: "orders",
    label: "Orders on the covered days",
    unit: "count",
    better: "neither",
    definition: "Counted orders (every currency) created on the days the traffic covers: the conversion rate's numerator.",
  },
];

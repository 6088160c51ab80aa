/**
 * The report's `engagement` block: the survey metrics over the report's window (and, with
 * --compare, the previous window and the change), and over each point of an --every series.
 * Every survey file's answers are pooled by kind (metrics/engagement).
 */
import { SURVEY_KINDS, type SurveyFigures, type SurveyKind, type SurveyQuestion } from "../core/survey.js";
import type { ReportWindow } from "../core/window.js";
import {
  computeSurveys,
  ENGAGEMENT_METRICS,
  npsChangeSignificant,
  SURVEY_DEFINITIONS,
  type SurveyOptions,
} from "../metrics/engagement/index.js";
import type { Change, Engagement, EngagementFigures, WindowInfo } from "../report/model.js";

/** Each kind's figures over `window`, as a series point carries them. */
export function engagementFigures(questions: readonly SurveyQuestion[], window: ReportWindow, options: SurveyOptions): EngagementFigures {
  const computed = computeSurveys(questions, window, options);
  const out: Record<string, unknown> = {};
  for (const kind of SURVEY_KINDS) {
    const result = computed[kind];
    if (result) out[kind] = result.note === undefined ? result.figures : { ...result.figures, note: result.note };
  }
  return out as EngagementFigures;
}

/** The `engagement` block over the window, with the previous window's figures and the change when `previous` is given. */
export function engagementBlock(
  questions: readonly SurveyQuestion[],
  window: { readonly range: ReportWindow; readonly info: WindowInfo },
  previous: { readonly range: ReportWindow; readonly info: WindowInfo } | null,
  options: SurveyOptions,
): Engagement | undefined {
  if (questions.length === 0) return undefined;
  const now = engagementFigures(questions, window.range, options);
  const then = previous ? engagementFigures(questions, previous.range, options) : undefined;
  const out: Record<string, unknown> = {};
  for (const kind of SURVEY_KINDS) {
    const current = now[kind];
    if (!current) continue;
    const before = then?.[kind];
    out[kind] = {
      window: window.info,
      ...current,
      definition: SURVEY_DEFINITIONS[kind],
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
function figureChanges(kind: SurveyKind, now: object, then: object): Record<string, Change> {
  const out: Record<string, Change> = {};
  for (const metric of ENGAGEMENT_METRICS) {
    if (metric.kind !== kind) continue;
    const a = (now as Record<string, number | null>)[metric.field] ?? null;
    const b = (then as Record<string, number | null>)[metric.field] ?? null;
    out[metric.field] =
      a === null || b === null ? { absolute: null, relative: null } : { absolute: a - b, relative: b === 0 ? null : (a - b) / Math.abs(b) };
  }
  return out;
}

/** The first and last local day of any survey answer, for a report without orders (its default --as-of is the last). */
export function answerInstants(questions: readonly SurveyQuestion[]): { readonly first: number; readonly last: number } | null {
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const q of questions) {
    for (const at of q.answers.at) {
      if (at < first) first = at;
      if (at > last) last = at;
    }
  }
  return first === Number.POSITIVE_INFINITY ? null : { first, last };
}

/**
 * The survey metrics (NPS, CSAT, CES) over a window, from every survey file's answers; and the
 * figures as the table, the CSV and --fail-if name them (ENGAGEMENT_METRICS).
 */
import {
  type CesDirection,
  type EngagementMetricInfo,
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

export { npsChangeSignificant } from "./nps.js";

export const SURVEY_DEFINITIONS: Readonly<Record<SurveyKind, string>> = { nps: NPS_DEFINITION, csat: CSAT_DEFINITION, ces: CES_DEFINITION };

/** Below this many responses a figure is given with a note that its margin is wide. */
const FEW_RESPONSES = 30;

export interface SurveyOptions {
  readonly dedupe: SurveyDedupe;
  /** --min-responses: below it a kind's figures (but its counts) are null. */
  readonly minResponses: number | null;
}

/** A kind's figures over one window, and the note on them (few responses), when there is one. */
export interface KindResult<K extends SurveyKind = SurveyKind> {
  readonly figures: SurveyFigures[K];
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
    const few = n > 0 && n < FEW_RESPONSES ? `only ${n} responses (fewer than ${FEW_RESPONSES}): the margin is wide` : "";
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
];

/**
 * Survey answers as the metrics take them: per question kind (NPS, CSAT, CES), each answer's
 * instant, its score on the question's scale, and who gave it. No text: a respondent is a number
 * (the reader hashes emails and respondent ids to one), and the question is named once.
 */
import type { Decided } from "./decided.js";

export const SURVEY_KINDS = ["nps", "csat", "ces"] as const;
export type SurveyKind = (typeof SURVEY_KINDS)[number];

/** CES questions: agreement ("… made it easy", high = easy; CES 2.0) or the legacy effort question (low = easy). */
export const CES_DIRECTIONS = ["agree", "effort"] as const;
export type CesDirection = (typeof CES_DIRECTIONS)[number];

/** The scales a question kind may be on (NPS only 0–10; CSAT and CES from 1 to the scale). */
export const SCALES: Readonly<Record<SurveyKind, readonly number[]>> = { nps: [10], csat: [3, 5, 7], ces: [5, 7] };

/** --survey-dedupe: every response counts once (a response id read twice is one), or only each respondent's latest in a window. */
export type SurveyDedupe = "none" | "latest";

/** The answers to one question kind in one file, in file order. */
export interface SurveyAnswers {
  /** Epoch ms of each answer's submission. */
  readonly at: number[];
  /** The score as written (before a legacy effort scale is turned round). */
  readonly score: number[];
  /** Who answered: a number per respondent (email or respondent id), -1 when the file can't tell. */
  readonly respondent: number[];
}

/** One question kind as a file asks it: where it was found, its scale, and its answers. */
export interface SurveyQuestion {
  readonly kind: SurveyKind;
  /** The column (or, in a long file, the question's text) and why it was taken. */
  readonly column: Decided<string>;
  /** The top of the scale (10 for NPS), detected from the values or given. */
  readonly scale: Decided<number>;
  /** CES only: which way the scale runs. */
  readonly direction?: Decided<CesDirection>;
  readonly answers: SurveyAnswers;
}

/**
 * An answer as the metrics score it: a legacy effort CES answer turned round (scale + 1 − x), so
 * that high is easy on every CES question.
 */
export function agreementScore(question: SurveyQuestion, score: number): number {
  return question.direction?.value === "effort" ? question.scale.value + 1 - score : score;
}

export interface NpsFigures {
  readonly responses: number;
  /** Answers of 9 or 10. */
  readonly promoters: number;
  /** Answers of 7 or 8. */
  readonly passives: number;
  /** Answers of 0 to 6. */
  readonly detractors: number;
  /** 100 · (promoters − detractors) / responses, −100 … 100; null with no responses. */
  readonly score: number | null;
  /** Wald (trinomial): 100 · √((p + d − (p − d)²) / N), p and d the promoters' and detractors' shares. */
  readonly standardError: number | null;
  /** 1.96 · standardError. */
  readonly marginOfError95: number | null;
}

export interface CsatFigures {
  readonly responses: number;
  /** Answers in the top box(es): 4–5 on 1–5, 3 on 1–3, 6–7 on 1–7. */
  readonly satisfied: number;
  /** satisfied / responses, a fraction; null with no responses. */
  readonly rate: number | null;
  /** The mean answer; null with none, or when the files ask it on different scales. */
  readonly meanScore: number | null;
  /** The scale's top (3, 5, 7); null when the files differ. */
  readonly scale: number | null;
}

export interface CesFigures {
  readonly responses: number;
  /** The mean answer, high = easy (legacy effort answers turned round); null with none, or when the files ask it on different scales. */
  readonly meanScore: number | null;
  /** Share of easy answers: 5–7 on 1–7, 4–5 on 1–5; null with no responses. */
  readonly easyRate: number | null;
  /** The scale's top (5, 7); null when the files differ. */
  readonly scale: number | null;
  /** How the files ask it: agree (high = easy), effort (legacy, low = easy, turned round), or mixed. */
  readonly direction: CesDirection | "mixed" | null;
}

/** Each kind's figures over one window. */
export interface SurveyFigures {
  readonly nps: NpsFigures;
  readonly csat: CsatFigures;
  readonly ces: CesFigures;
}

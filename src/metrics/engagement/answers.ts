/**
 * The answers a survey metric counts in a window: every file's answers to the question kind,
 * submitted in [from, to), each scored on the agreement direction (core/survey.ts); with
 * --survey-dedupe latest, only each respondent's latest answer in the window (an answer whose
 * respondent is unknown always counts).
 */
import { agreementScore, type SurveyDedupe, type SurveyKind, type SurveyQuestion } from "../../core/survey.js";
import type { ReportWindow } from "../../core/window.js";

export interface WindowAnswers {
  /** Scores, high = good (a legacy effort CES answer turned round). */
  readonly scores: readonly number[];
  /** Each answer's scale (its question's top). */
  readonly scaleOf: readonly number[];
  /** The scale, when every file asks the question on the same one; null when they differ. */
  readonly scale: number | null;
  /** Every scale the files ask it on. */
  readonly scales: readonly number[];
}

export function answersIn(
  questions: readonly SurveyQuestion[],
  kind: SurveyKind,
  window: Pick<ReportWindow, "from" | "to">,
  dedupe: SurveyDedupe,
): WindowAnswers {
  const asked = questions.filter((q) => q.kind === kind);
  const scores: number[] = [];
  const scaleOf: number[] = [];
  // Respondents are numbered per file: the latest answer is per file and respondent.
  for (const question of asked) {
    const { at, score, respondent } = question.answers;
    const latest = new Map<number, number>();
    for (let i = 0; i < at.length; i++) {
      if (at[i]! < window.from || at[i]! >= window.to) continue;
      const who = respondent[i]!;
      if (dedupe === "latest" && who >= 0) {
        const before = latest.get(who);
        // The later answer wins; of two at the same instant, the one further down the file.
        if (before === undefined || at[before]! <= at[i]!) latest.set(who, i);
        continue;
      }
      scores.push(agreementScore(question, score[i]!));
      scaleOf.push(question.scale.value);
    }
    for (const i of latest.values()) {
      scores.push(agreementScore(question, score[i]!));
      scaleOf.push(question.scale.value);
    }
  }
  const scales = [...new Set(asked.map((q) => q.scale.value))].sort((a, b) => a - b);
  return { scores, scaleOf, scale: scales.length === 1 ? scales[0]! : null, scales };
}

/** The mean of the scores; null for none. */
export function mean(scores: readonly number[]): number | null {
  if (scores.length === 0) return null;
  let sum = 0;
  for (const s of scores) sum += s;
  return sum / scores.length;
}

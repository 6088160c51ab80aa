/** Customer effort (CES) over a window's answers to the effort question, on the agreement direction. */
import type { CesDirection, CesFigures } from "../../core/survey.js";
import { mean, type WindowAnswers } from "./answers.js";

export const CES_DEFINITION =
  "Customer effort over the responses submitted in the window, on the agreement direction (high = easy; a legacy 1–5 effort answer x, where low is good, counts as 6 − x): meanScore the mean answer, easyRate the share of 5–7 on a 1–7 scale, of 4–5 on 1–5.";

/** The lowest answer that counts as easy, by the scale's top. */
const EASY_FROM: Readonly<Record<number, number>> = { 5: 4, 7: 5 };

export function computeCes(answers: WindowAnswers, directions: readonly CesDirection[]): CesFigures {
  const { scores, scaleOf, scale } = answers;
  let easy = 0;
  for (let i = 0; i < scores.length; i++) if (scores[i]! >= EASY_FROM[scaleOf[i]!]!) easy++;
  const n = scores.length;
  const distinct = [...new Set(directions)];
  return {
    responses: n,
    meanScore: scale === null ? null : mean(scores),
    easyRate: n === 0 ? null : easy / n,
    scale,
    direction: distinct.length === 0 ? null : distinct.length === 1 ? distinct[0]! : "mixed",
  };
}

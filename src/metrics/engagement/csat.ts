/** Customer satisfaction (CSAT) over a window's answers to the satisfaction question. */
import type { CsatFigures } from "../../core/survey.js";
import { mean, type WindowAnswers } from "./answers.js";

export const CSAT_DEFINITION =
  "Customer satisfaction over the responses submitted in the window: rate = satisfied / responses, satisfied being the top two boxes on a 1–5 scale (4–5), the top box on 1–3 (3), the top two on 1–7 (6–7); meanScore the mean answer on its scale.";

/** The lowest answer that counts as satisfied, by the scale's top. */
const SATISFIED_FROM: Readonly<Record<number, number>> = { 3: 3, 5: 4, 7: 6 };

export function computeCsat(answers: WindowAnswers): CsatFigures {
  const { scores, scaleOf, scale } = answers;
  let satisfied = 0;
  for (let i = 0; i < scores.length; i++) if (scores[i]! >= SATISFIED_FROM[scaleOf[i]!]!) satisfied++;
  const n = scores.length;
  return {
    responses: n,
    satisfied,
    rate: n === 0 ? null : satisfied / n,
    meanScore: scale === null ? null : mean(scores),
    scale,
  };
}

/** Net Promoter Score over a window's answers to the 0–10 "how likely are you to recommend" question. */
import type { NpsFigures } from "../../core/survey.js";

export const NPS_DEFINITION =
  "Net Promoter Score over the responses submitted in the window to the 0–10 recommend question: 100 × (promoters (9–10) − detractors (0–6)) / responses, passives (7–8) counted in the responses; −100 to 100. Standard error (Wald) 100 × √((p + d − (p − d)²) / N), p and d the shares of promoters and detractors; marginOfError95 = 1.96 × standardError.";

export function computeNps(scores: readonly number[]): NpsFigures {
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  for (const s of scores) {
    if (s >= 9) promoters++;
    else if (s >= 7) passives++;
    else detractors++;
  }
  const n = scores.length;
  if (n === 0) return { responses: 0, promoters, passives, detractors, score: null, standardError: null, marginOfError95: null };
  const p = promoters / n;
  const d = detractors / n;
  // p + d − (p − d)² ≥ 0 always; Math.max guards the last bit of rounding.
  const standardError = 100 * Math.sqrt(Math.max(0, p + d - (p - d) ** 2) / n);
  return {
    responses: n,
    promoters,
    passives,
    detractors,
    score: (100 * (promoters - detractors)) / n,
    standardError,
    marginOfError95: 1.96 * standardError,
  };
}

/**
 * Whether two windows' scores differ at 95 %: |Δ| > 1.96 · √(SE₁² + SE₀²). Null when either
 * window has no score; with a standard error of 0 on both sides, any difference is significant.
 */
export function npsChangeSignificant(now: NpsFigures, then: NpsFigures): boolean | null {
  if (now.score === null || then.score === null || now.standardError === null || then.standardError === null) return null;
  const delta = Math.abs(now.score - then.score);
  return delta > 1.96 * Math.sqrt(now.standardError ** 2 + then.standardError ** 2);
}

/**
 * The survey metrics' arithmetic, on values worked by hand: the reference's NPS example
 * (engagement-inputs.md §7: P = 50, D = 10, N = 100 → NPS 40, variance 0.44, SE 6.6, margin ±13),
 * the top-box rules of CSAT and CES, and the significance of an NPS change.
 */
import { describe, expect, it } from "vitest";
import type { SurveyQuestion } from "../../../src/core/survey.js";
import { answersIn } from "../../../src/metrics/engagement/answers.js";
import { computeCes } from "../../../src/metrics/engagement/ces.js";
import { computeCsat } from "../../../src/metrics/engagement/csat.js";
import { computeSurveys } from "../../../src/metrics/engagement/index.js";
import { computeNps, npsChangeSignificant } from "../../../src/metrics/engagement/nps.js";

const repeat = (score: number, n: number) => Array<number>(n).fill(score);

describe("computeNps", () => {
  it("gives the reference's example: 50 promoters, 40 passives, 10 detractors", () => {
    const nps = computeNps([...repeat(10, 30), ...repeat(9, 20), ...repeat(8, 25), ...repeat(7, 15), ...repeat(6, 4), ...repeat(0, 6)]);
    expect(nps).toMatchObject({ responses: 100, promoters: 50, passives: 40, detractors: 10, score: 40 });
    // p = 0.5, d = 0.1: p + d − (p − d)² = 0.6 − 0.16 = 0.44; SE = 100 √(0.44 / 100) = 6.633…
    expect(nps.standardError).toBeCloseTo(100 * Math.sqrt(0.0044), 12);
    expect(nps.standardError).toBeCloseTo(6.6332, 4);
    expect(nps.marginOfError95).toBeCloseTo(13.0012, 4);
  });

  it("puts 6 with the detractors, 7 and 8 with the passives, 9 with the promoters", () => {
    expect(computeNps([6, 7, 8, 9])).toMatchObject({ promoters: 1, passives: 2, detractors: 1, score: 0 });
  });

  it("is null with no responses, and ±0 when everyone agrees", () => {
    expect(computeNps([])).toEqual({
      responses: 0,
      promoters: 0,
      passives: 0,
      detractors: 0,
      score: null,
      standardError: null,
      marginOfError95: null,
    });
    expect(computeNps([10, 10, 9])).toMatchObject({ score: 100, standardError: 0, marginOfError95: 0 });
  });

  it("calls a change significant when it passes 1.96 √(SE₁² + SE₀²)", () => {
    // 40 ± SE 6.633 (N = 100) against 20: SE of (p 0.4, d 0.2, N 100) = 100 √((0.6 − 0.04) / 100) = 7.483;
    // SE of the difference √(6.633² + 7.483²) = 10.0; 1.96 × 10.0 = 19.6 < 20: significant.
    const now = computeNps([...repeat(10, 50), ...repeat(8, 40), ...repeat(0, 10)]);
    const then = computeNps([...repeat(10, 40), ...repeat(8, 40), ...repeat(0, 20)]);
    expect(then.score).toBe(20);
    expect(then.standardError).toBeCloseTo(100 * Math.sqrt(0.0056), 12);
    expect(npsChangeSignificant(now, then)).toBe(true);
    // 40 against 25 (p 0.45, d 0.2): 15 < 1.96 √(6.633² + 7.76²) ≈ 20.0: not significant.
    const closer = computeNps([...repeat(10, 45), ...repeat(8, 35), ...repeat(0, 20)]);
    expect(npsChangeSignificant(now, closer)).toBe(false);
    expect(npsChangeSignificant(now, computeNps([]))).toBeNull();
  });
});

const question = (kind: SurveyQuestion["kind"], scale: number, scores: number[], direction?: "agree" | "effort"): SurveyQuestion => ({
  kind,
  column: { value: "q", reason: "test", source: "option" },
  scale: { value: scale, reason: "test", source: "option" },
  ...(direction ? { direction: { value: direction, reason: "test", source: "option" as const } } : {}),
  answers: { at: scores.map((_, i) => i), score: scores, respondent: scores.map(() => -1) },
});
const ALL = { from: 0, to: 1000 };

describe("computeCsat and computeCes", () => {
  it("counts the top two boxes on 1–5, the top box on 1–3, the top two on 1–7", () => {
    expect(computeCsat(answersIn([question("csat", 5, [5, 4, 3, 2, 1])], "csat", ALL, "none"))).toEqual({
      responses: 5,
      satisfied: 2,
      rate: 0.4,
      meanScore: 3,
      scale: 5,
    });
    expect(computeCsat(answersIn([question("csat", 3, [3, 2, 2, 1])], "csat", ALL, "none"))).toMatchObject({ satisfied: 1, rate: 0.25 });
    expect(computeCsat(answersIn([question("csat", 7, [7, 6, 5])], "csat", ALL, "none"))).toMatchObject({ satisfied: 2 });
  });

  it("pools files on different scales by each one's top boxes, with no mean", () => {
    const pooled = answersIn([question("csat", 5, [4, 3]), question("csat", 7, [6, 5])], "csat", ALL, "none");
    expect(computeCsat(pooled)).toEqual({ responses: 4, satisfied: 2, rate: 0.5, meanScore: null, scale: null });
  });

  it("turns a legacy effort answer round (6 − x on 1–5) before the mean and the easy share", () => {
    // Effort 1, 2, 5 → agreement 5, 4, 1: mean 10/3, easy (4–5) 2 of 3.
    const ces = computeCes(answersIn([question("ces", 5, [1, 2, 5], "effort")], "ces", ALL, "none"), ["effort"]);
    expect(ces.meanScore).toBeCloseTo(10 / 3, 12);
    expect(ces).toMatchObject({ responses: 3, easyRate: 2 / 3, scale: 5, direction: "effort" });
    // On 1–7 agreement, 5–7 is easy.
    expect(computeCes(answersIn([question("ces", 7, [7, 5, 4, 1])], "ces", ALL, "none"), ["agree"])).toMatchObject({ easyRate: 0.5 });
  });
});

describe("answersIn", () => {
  it("keeps each respondent's latest answer in the window with --survey-dedupe latest", () => {
    const q: SurveyQuestion = {
      ...question("nps", 10, [0, 10, 5, 9]),
      answers: { at: [10, 20, 30, 2000], score: [0, 10, 5, 9], respondent: [1, 1, -1, 1] },
    };
    // Respondent 1 answered 0 then 10 inside the window (9 after it); the unknown respondent's 5 always counts.
    expect([...answersIn([q], "nps", ALL, "latest").scores].sort()).toEqual([10, 5]);
    expect(answersIn([q], "nps", ALL, "none").scores).toEqual([0, 10, 5]);
  });

  it("gives a note under 30 responses and nulls under --min-responses", () => {
    const q = question("nps", 10, [10, 9, 0]);
    expect(computeSurveys([q], ALL, { dedupe: "none", minResponses: null }).nps).toEqual({
      figures: expect.objectContaining({ score: 100 / 3 }),
      note: "only 3 responses (fewer than 30): the margin is wide",
    });
    const nulled = computeSurveys([q], ALL, { dedupe: "none", minResponses: 5 }).nps!;
    expect(nulled.figures).toMatchObject({ responses: 3, promoters: 2, score: null, standardError: null });
    expect(nulled.note).toBe("3 responses, fewer than --min-responses 5: the figures are null");
  });
});

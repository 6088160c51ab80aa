/**
 * Every definition of cohorts, rfm and clv has a name on their HTML pages (the definitions
 * section shows it, and the figures' links land on it), and no name is left for a definition
 * that is gone.
 */
import { describe, expect, it } from "vitest";
import { DEFINITION_LABELS } from "../../src/report/html/analyses.js";
import { CLV_DEFINITIONS } from "../../src/report/render-clv.js";
import { COHORT_DEFINITIONS } from "../../src/report/render-cohorts.js";
import { RFM_DEFINITIONS } from "../../src/report/render-rfm.js";

describe("the analyses' definitions on a page", () => {
  it.each([
    ["cohorts", COHORT_DEFINITIONS],
    ["rfm", RFM_DEFINITIONS],
    ["clv", CLV_DEFINITIONS],
  ] as const)("%s: each has a label", (command, definitions) => {
    const labels = DEFINITION_LABELS[command];
    expect([...labels.keys()].sort()).toEqual(Object.keys(definitions).sort());
    for (const [key, label] of labels) expect(label, key).not.toBe(key);
  });
});

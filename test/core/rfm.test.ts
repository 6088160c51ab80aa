/**
 * RFM scores and segment grids. The scores are checked by hand on a worked example (docs/metrics.md,
 * "RFM scores"); the built-in grids against the published tables (the R package rfm v0.3's
 * rfm_segment example, pymc-marketing's rfm_segments defaults) and for covering every score
 * combination; a config grid's mistakes against the messages a user gets.
 */
import { describe, expect, it } from "vitest";
import { builtInGrid, comboIndex, parseGrid, type RfmScale, rfmScore, type SegmentGrid, segmentTable } from "../../src/core/rfm.js";

const grid = (name: "default" | "rfm-package", scale: RfmScale) => builtInGrid(name, scale) as SegmentGrid;
const segmentOf = (g: SegmentGrid, r: number, f: number, m: number) => {
  const table = segmentTable(g);
  return table.names[table.of[comboIndex(r, f, m, g.scale)]!];
};

describe("rfmScore: 1 + floor(scale × W / n)", () => {
  it("works the docs' example: frequencies 1, 1, 1, 2, 5 of five customers", () => {
    // W (strictly fewer orders): 0, 0, 0, 3, 4 → 1 + floor(5·0/5) = 1, 1 + floor(15/5) = 4, 1 + floor(20/5) = 5.
    expect([0, 0, 0, 3, 4].map((w) => rfmScore(w, 5, 5))).toEqual([1, 1, 1, 4, 5]);
    // On 1–3: 1 + floor(3·3/5) = 2, 1 + floor(12/5) = 3.
    expect([0, 3, 4].map((w) => rfmScore(w, 5, 3))).toEqual([1, 2, 3]);
  });

  it("never exceeds the scale, and is exact where a float division would round (3 × 1/3 of 3 customers)", () => {
    for (const n of [1, 2, 3, 7, 10, 999_983]) {
      for (const scale of [3, 4, 5] as const) {
        expect(rfmScore(n - 1, n, scale)).toBeLessThanOrEqual(scale);
        expect(rfmScore(0, n, scale)).toBe(1);
      }
    }
    expect(rfmScore(1, 3, 3)).toBe(2);
    expect(rfmScore(2, 3, 3)).toBe(3);
  });

  it("gives one customer alone every score 1 (nobody is worse)", () => {
    expect(rfmScore(0, 1, 5)).toBe(1);
  });
});

describe("built-in grids", () => {
  it.each([
    ["default", 5],
    ["default", 4],
    ["default", 3],
    ["rfm-package", 5],
  ] as const)("%s on 1–%i gives every combination a segment", (name, scale) => {
    expect(segmentTable(grid(name, scale)).of.includes(-1)).toBe(false);
  });

  it("default on 1–5: R rows by FM columns, as docs/metrics.md draws them", () => {
    const g = grid("default", 5);
    expect(segmentOf(g, 5, 5, 3)).toBe("Champions"); // FM 4
    expect(segmentOf(g, 5, 3, 3)).toBe("Active"); // FM 3
    expect(segmentOf(g, 5, 1, 3)).toBe("New"); // FM 2
    expect(segmentOf(g, 3, 4, 4)).toBe("Loyal");
    expect(segmentOf(g, 3, 3, 2)).toBe("Needs attention"); // FM 2.5
    expect(segmentOf(g, 4, 2, 2)).toBe("Promising");
    expect(segmentOf(g, 2, 5, 4)).toBe("Previously loyal"); // FM 4.5
    expect(segmentOf(g, 1, 4, 4)).toBe("At risk"); // FM 4
    expect(segmentOf(g, 2, 2, 3)).toBe("Almost lost"); // FM 2.5
    expect(segmentOf(g, 1, 1, 2)).toBe("Dormant"); // FM 1.5
  });

  it("rfm-package: the first matching segment in the package's order wins (445 is Potential Loyalist, not Loyal Customers)", () => {
    const g = grid("rfm-package", 5);
    expect(segmentOf(g, 5, 5, 5)).toBe("Champions");
    expect(segmentOf(g, 4, 4, 5)).toBe("Potential Loyalist");
    expect(segmentOf(g, 2, 2, 2)).toBe("Loyal Customers");
    expect(segmentOf(g, 1, 3, 5)).toBe("Can't Lose Them");
    expect(segmentOf(g, 1, 5, 5)).toBe("At Risk");
    expect(segmentOf(g, 1, 1, 1)).toBe("Lost");
    // 2 1 5: no range holds it (About To Sleep stops at M 4, Lost at R 1): the package's "Others".
    expect(segmentOf(g, 2, 1, 5)).toBe("Others");
  });

  it("default on 1–4 is pymc-marketing's lists: 444 Premium, 244 Repeat, 424 Top Spender, 422 At Risk, 111 Inactive, 121 Other", () => {
    const g = grid("default", 4);
    expect([segmentOf(g, 4, 4, 4), segmentOf(g, 2, 4, 4), segmentOf(g, 4, 2, 4), segmentOf(g, 4, 2, 2), segmentOf(g, 1, 1, 1)]).toEqual([
      "Premium Customer",
      "Repeat Customer",
      "Top Spender",
      "At Risk Customer",
      "Inactive Customer",
    ]);
    expect(segmentOf(g, 1, 2, 1)).toBe("Other");
  });

  it("refuses rfm-package on another scale", () => {
    expect(builtInGrid("rfm-package", 3)).toMatch(/needs --scale 5, not 3/);
  });
});

describe("parseGrid (the config's rfmSegments)", () => {
  const rules = [
    { name: "Best", r: [4, 5], fm: [4, 5] },
    { name: "Lapsed", r: [1, 2] },
  ];

  it("reads rules in order, first match wins, the fallback for the rest", () => {
    const g = parseGrid({ rules, fallback: "Everyone else" }, 5) as SegmentGrid;
    expect(segmentOf(g, 5, 5, 5)).toBe("Best");
    expect(segmentOf(g, 1, 5, 5)).toBe("Lapsed");
    expect(segmentOf(g, 3, 5, 5)).toBe("Everyone else");
    expect(segmentTable(g).names).toEqual(["Best", "Lapsed", "Everyone else"]);
  });

  it("takes one score for a range, and needs no fallback when the rules cover everything", () => {
    const g = parseGrid({ rules: [{ name: "Top", r: 5 }, { name: "Rest" }] }, 5) as SegmentGrid;
    expect(g.fallback).toBeNull();
    expect(segmentOf(g, 5, 1, 1)).toBe("Top");
  });

  it("names the first combination no rule matches, when there is no fallback", () => {
    expect(parseGrid({ rules }, 5)).toBe(
      'assigns no segment to R=3 F=1 M=1 (FM 1): add a rule that matches it, or a "fallback" name for every combination no rule matches',
    );
  });

  it("names an unknown key, a range off the scale, a missing name", () => {
    expect(parseGrid({ rules: [{ name: "X", recency: [1, 2] }], fallback: "Y" }, 5)).toBe(
      'rule 1 has an unknown key "recency"; a rule\'s keys are name, r, f, m, fm',
    );
    expect(parseGrid({ rules, fallback: "Y", default: "Z" }, 5)).toBe('has an unknown key "default"; keys are rules and fallback');
    expect(parseGrid({ rules: [{ name: "X", r: [4, 5] }], fallback: "Y" }, 3)).toBe(
      'rule 1 ("X"): "r" [4, 5] is outside the scores 1 … 3 (--scale 3)',
    );
    expect(parseGrid({ rules: [{ r: [4, 5] }], fallback: "Y" }, 5)).toBe('rule 1 needs a "name"');
    expect(parseGrid({ rules: [{ name: "X", f: [5, 4] }], fallback: "Y" }, 5)).toBe(
      'rule 1 ("X"): "f" [5, 4]: the lowest score comes first',
    );
  });
});

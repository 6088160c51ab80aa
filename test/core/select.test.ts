/**
 * Selection (core/quantile.ts) against a sort: the k-th smallest lands at k with the smaller
 * values before it and the larger after, and the median is the sorted middle (or the mean of the
 * middle two, as the sort-based median computed it), on seeded arrays of every size around the
 * 600 where the sampling starts, with many ties, sorted, reversed and all-equal.
 */
import { describe, expect, it } from "vitest";
import { medianInPlace, select } from "../../src/core/quantile.js";
import { mulberry32 } from "../random.js";

function sortedMedian(values: Float64Array): number | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function arrays(random: () => number): Float64Array[] {
  const out: Float64Array[] = [];
  for (const n of [0, 1, 2, 3, 4, 5, 10, 599, 600, 601, 602, 1000, 4097, 20_000]) {
    // Gaps in days: fractions, and a few distinct values repeated many times.
    out.push(Float64Array.from({ length: n }, () => random() * 400));
    out.push(Float64Array.from({ length: n }, () => Math.floor(random() * 5)));
    out.push(Float64Array.from({ length: n }, (_, i) => i / 3));
    out.push(Float64Array.from({ length: n }, (_, i) => n - i));
    out.push(new Float64Array(n).fill(7));
    out.push(Float64Array.from({ length: n }, () => (random() < 0.5 ? -random() * 1e9 : random() * 1e-9)));
  }
  return out;
}

describe("select and medianInPlace", () => {
  it("put the k-th smallest at k, smaller before and larger after, as a sort orders them", () => {
    const random = mulberry32(489);
    let checked = 0;
    for (const values of arrays(random)) {
      if (values.length === 0) continue;
      const sorted = Float64Array.from(values).sort();
      for (const k of [0, values.length >> 1, values.length - 1, Math.floor(random() * values.length)]) {
        const a = Float64Array.from(values);
        select(a, k);
        expect(a[k]).toBe(sorted[k]);
        let misplaced = 0;
        for (let i = 0; i < a.length; i++) if (i < k ? a[i]! > a[k]! : a[i]! < a[k]!) misplaced++;
        expect(misplaced, `n ${a.length}, k ${k}`).toBe(0);
        // The same values, moved.
        expect(Float64Array.from(a).sort()).toEqual(sorted);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(300);
  });

  it("give the median a sort gives, bit for bit", () => {
    const random = mulberry32(1975);
    for (const values of arrays(random)) expect(medianInPlace(Float64Array.from(values))).toBe(sortedMedian(values));
    expect(medianInPlace(new Float64Array(0))).toBeNull();
    // By hand: 1 3 | 5 9 → (3 + 5) / 2; 2 4 7 → 4.
    expect(medianInPlace(Float64Array.of(9, 1, 5, 3))).toBe(4);
    expect(medianInPlace(Float64Array.of(7, 2, 4))).toBe(4);
  });
});

import { describe, expect, it } from "vitest";
import { radixOrder } from "../../src/core/timeline.js";
import { mulberry32 } from "../random.js";

/** The order the comparison sort gave: by value, equal values by index. */
const byComparison = (at: Float64Array) => Array.from(at.keys()).sort((a, b) => at[a]! - at[b]! || a - b);

describe("radixOrder", () => {
  it("orders indices as a comparison sort by value then index does: timestamps, ties, negatives, -0, fractions and extremes", () => {
    const random = mulberry32(10);
    const shapes: ((i: number) => number)[] = [
      // Order instants of three years, to the second, many equal.
      () => 1_693_526_400_000 + Math.floor(random() * 94_000_000) * 1000,
      // Few distinct values: long runs of ties.
      () => Math.floor(random() * 5),
      // Both signs, zeros of both signs, fractions, extremes.
      (i) =>
        [-0, 0, -1.5, 1.5, -1e300, 1e300, Number.MIN_VALUE, -Number.MIN_VALUE, -(2 ** 53), 2 ** 53][i % 10]! * (random() < 0.5 ? 1 : 3),
      () => (random() - 0.5) * 2 ** (Math.floor(random() * 80) - 40),
    ];
    for (const shape of shapes) {
      for (const n of [2, 3, 17, 1000, 70_000]) {
        const at = Float64Array.from({ length: n }, (_, i) => shape(i));
        expect([...radixOrder(at, n)]).toEqual(byComparison(at));
      }
    }
  });

  it("orders the first n values only", () => {
    const at = Float64Array.from([5, 3, 4, 1, 2]);
    expect([...radixOrder(at, 3)]).toEqual([1, 2, 0]);
  });
});

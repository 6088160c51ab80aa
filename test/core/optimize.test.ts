/**
 * The optimiser on problems with known answers: Rosenbrock's valley (the classic test of a
 * minimiser's patience), a quadratic whose Hessian and inverse are known exactly, and a matrix
 * that is not positive definite.
 */
import { describe, expect, it } from "vitest";
import { bfgs, invertSymmetric, nelderMead, numericalHessian, type ObjectiveWithGradient } from "../../src/core/optimize.js";

const rosenbrock = (x: Float64Array) => 100 * (x[1]! - x[0]! * x[0]!) ** 2 + (1 - x[0]!) ** 2;
const rosenbrockWithGradient: ObjectiveWithGradient = (x, g) => {
  const a = x[0]!;
  const b = x[1]!;
  g[0] = -400 * a * (b - a * a) - 2 * (1 - a);
  g[1] = 200 * (b - a * a);
  return rosenbrock(x);
};

/** f(x) = ½ xᵀAx − bᵀx, minimum at A⁻¹b. */
const A = [
  [4, 1, 0.5],
  [1, 3, 0.2],
  [0.5, 0.2, 2],
];
const quadratic = (x: Float64Array) => {
  let v = 0;
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) v += 0.5 * x[i]! * A[i]![j]! * x[j]!;
    v -= (i + 1) * x[i]!;
  }
  return v;
};

describe("nelderMead", () => {
  it("finds Rosenbrock's minimum (1, 1) from (−1.2, 1) and says it converged", () => {
    const result = nelderMead(rosenbrock, [-1.2, 1], { maxEvaluations: 5000 });
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 6);
    expect(result.x[1]).toBeCloseTo(1, 6);
    expect(result.evaluations).toBeLessThanOrEqual(5000);
  });

  it("says it did not converge when the evaluations run out", () => {
    const result = nelderMead(rosenbrock, [-1.2, 1], { maxEvaluations: 30 });
    expect(result.converged).toBe(false);
    expect(result.evaluations).toBeLessThanOrEqual(31);
  });

  it("treats a non-finite value as +∞ and turns back", () => {
    const walled = (x: Float64Array) => (x[0]! < 0.5 ? Number.NaN : (x[0]! - 1) ** 2 + (x[1]! - 2) ** 2);
    const result = nelderMead(walled, [3, 3]);
    expect(result.x[0]).toBeCloseTo(1, 6);
    expect(result.x[1]).toBeCloseTo(2, 6);
  });
});

describe("bfgs", () => {
  it("finds Rosenbrock's minimum with the exact gradient and with central differences", () => {
    const exact = bfgs(rosenbrock, [-1.2, 1], { gradient: rosenbrockWithGradient, gradientTolerance: 1e-10 });
    expect(exact.converged).toBe(true);
    expect(exact.x[0]).toBeCloseTo(1, 8);
    expect(exact.x[1]).toBeCloseTo(1, 8);
    const differences = bfgs(rosenbrock, [-1.2, 1], { gradientTolerance: 1e-6 });
    expect(differences.converged).toBe(true);
    expect(differences.x[0]).toBeCloseTo(1, 5);
    expect(differences.evaluations).toBeGreaterThan(exact.evaluations);
  });

  it("solves the quadratic: the minimum is A⁻¹b", () => {
    const inverse = invertSymmetric(A)!;
    const result = bfgs(quadratic, [0, 0, 0]);
    expect(result.converged).toBe(true);
    for (let i = 0; i < 3; i++) {
      const expected = inverse[i]![0]! * 1 + inverse[i]![1]! * 2 + inverse[i]![2]! * 3;
      expect(result.x[i]).toBeCloseTo(expected, 6);
    }
  });

  it("does not converge in too few iterations, and says so", () => {
    const result = bfgs(rosenbrock, [-1.2, 1], { gradient: rosenbrockWithGradient, maxIterations: 3 });
    expect(result.converged).toBe(false);
    expect(result.iterations).toBe(3);
  });
});

describe("numericalHessian and invertSymmetric", () => {
  it("recovers A from the quadratic, by second differences and from a gradient", () => {
    const x = [0.3, -2, 5];
    const byValues = numericalHessian(quadratic, x);
    const gradient: ObjectiveWithGradient = (p, g) => {
      for (let i = 0; i < 3; i++) {
        g[i] = -(i + 1);
        for (let j = 0; j < 3; j++) g[i]! += A[i]![j]! * p[j]!;
      }
      return quadratic(p);
    };
    const byGradient = numericalHessian(quadratic, x, gradient);
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) {
        expect(byValues[i]![j]).toBeCloseTo(A[i]![j]!, 5);
        expect(byGradient[i]![j]).toBeCloseTo(A[i]![j]!, 10);
      }
  });

  it("inverts a positive definite matrix and returns null for one that is not", () => {
    const inverse = invertSymmetric(A)!;
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) {
        let product = 0;
        for (let k = 0; k < 3; k++) product += A[i]![k]! * inverse[k]![j]!;
        expect(product).toBeCloseTo(i === j ? 1 : 0, 12);
      }
    expect(
      invertSymmetric([
        [1, 2],
        [2, 1],
      ]),
    ).toBeNull();
    expect(
      invertSymmetric([
        [1, 0],
        [0, 0],
      ]),
    ).toBeNull();
    expect(invertSymmetric([[Number.NaN]])).toBeNull();
  });
});

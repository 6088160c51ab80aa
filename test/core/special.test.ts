/**
 * ln Γ, ln B, ψ and ₂F₁ against closed forms and against values computed with mpmath at 40
 * digits (mpmath.loggamma, digamma, hyp2f1; the parameters are the ones the BTYD formulas
 * produce on CDNOW, and the hard corners: z near 1, z < 0, large parameters).
 */
import { describe, expect, it } from "vitest";
import { digamma, hyp2f1, logBeta, logGamma, logHyp2f1 } from "../../src/core/special.js";

const close = (actual: number, expected: number, relative: number) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(relative * Math.abs(expected));

describe("logGamma, logBeta, digamma", () => {
  it("gives ln Γ at known points to ~1e-15", () => {
    close(logGamma(0.5), 0.5 * Math.log(Math.PI), 1e-15);
    let factorial = 1;
    for (let n = 1; n <= 30; n++) {
      factorial *= n;
      close(logGamma(n + 1), Math.log(factorial), 2e-15);
    }
    expect(Math.abs(logGamma(1))).toBeLessThan(1e-15);
    expect(Math.abs(logGamma(2))).toBeLessThan(1e-15);
    // mpmath.loggamma
    close(logGamma(0.001), 6.907178885383853, 1e-15);
    close(logGamma(123.456), 469.6055471299295, 1e-15);
    // Either side of the switch from Lanczos to Stirling at 10.
    close(logGamma(9.999999), Math.log(362880) - 1e-6 * digamma(10), 1e-12);
    close(logGamma(10), Math.log(362880), 1e-15);
  });

  it("gives ln B and ψ", () => {
    close(logBeta(0.793, 2.426), -0.5115692885937033, 1e-14);
    close(logBeta(2, 3), Math.log(1 / 12), 1e-14);
    const eulerGamma = 0.5772156649015329;
    close(digamma(1), -eulerGamma, 1e-15);
    close(digamma(0.5), -eulerGamma - 2 * Math.log(2), 1e-15);
    close(digamma(0.25), -4.2274535333762655, 1e-15);
    close(digamma(1234.5), 7.118016231827998, 1e-15);
  });
});

describe("hyp2f1", () => {
  it("matches closed forms on the series, on Pfaff's side (z < 0) and near 1", () => {
    for (const z of [0.01, 0.3, 0.89, 0.95, 0.999, 1 - 1e-9]) {
      close(hyp2f1(1, 1, 2, z), -Math.log1p(-z) / z, 1e-13);
      close(hyp2f1(0.7, 2.5, 2.5, z), (1 - z) ** -0.7, 1e-13);
      // asin √z as atan(√z/√(1 − z)): asin itself loses digits next to 1.
      const s = Math.sqrt(z);
      close(hyp2f1(0.5, 0.5, 1.5, z), Math.atan(s / Math.sqrt(1 - z)) / s, 1e-13);
    }
    for (const z of [-0.2, -1, -30, -1e4]) close(hyp2f1(1, 1, 2, z), Math.log1p(-z) / -z, 1e-13);
    // A terminating series: (1 − 2z + z²/… ) — ₂F₁(−2, 3; 1; z) = 1 − 6z + 6z².
    close(hyp2f1(-2, 3, 1, 0.95), 1 - 6 * 0.95 + 6 * 0.95 * 0.95, 1e-13);
    // Gauss at z → 1: Γ(c)Γ(c − a − b)/(Γ(c − a)Γ(c − b)), c − a − b = 2.5.
    const gauss = Math.exp(logGamma(5) + logGamma(2.5) - logGamma(4) - logGamma(3.5));
    close(hyp2f1(1, 1.5, 5, 1 - 1e-13), gauss, 1e-11);
    expect(hyp2f1(1, 1, 2, 1)).toBeNaN();
    expect(hyp2f1(1, 1, 2, 0)).toBe(1);
  });

  it("matches mpmath where the BTYD formulas take it, to 1e-13", () => {
    // [a, b, c, z, mpmath.hyp2f1(a, b, c, z)]
    const cases: [number, number, number, number, number][] = [
      // BG/NBD E[X(t)] at the CDNOW parameters, t = 39 and t = 78 (over the series limit)
      [0.2426, 2.426, 2.2188, 0.9, 1.9457708905365896],
      [0.2426, 2.426, 2.2188, 0.9467, 2.391015705761776],
      // BG/NBD conditional expectation, x = 2 and x = 26.3 (Euler)
      [2.2426, 4.426, 4.2188, 0.5006, 5.175427205227036],
      [26.55, 27.21, 29.43, 0.57, 943568868.8323795],
      // Pareto/NBD, α ≥ β and α < β forms; z near 1
      [27.159, 1.606, 28.159, 0.0318, 1.0513036504588973],
      [1.159, 0.553, 2.159, 0.99, 2.0820186218640564],
      // Pfaff
      [0.5, 1.5, 2.5, -3.0, 0.6198270018495269],
      // continuation with c − a − b < 0 but c − a < −1 (no Euler), and large parameters
      [1.7, 0.3, 0.9, 0.99999, 118275.18213964869],
      [120.5, 3.2, 130.0, 0.95, 1110.8506006107814],
    ];
    for (const [a, b, c, z, expected] of cases) close(hyp2f1(a, b, c, z), expected, 1e-13);
  });

  it("gives the logarithm past the range of a double (lifetimes' overflow case, x = 400)", () => {
    // mpmath: ln ₂F₁(413.5166, 410.465; 414.5166; 0.9987) = 2721.0648650927665
    close(logHyp2f1(413.5166, 410.465, 414.5166, 0.9987), 2721.0648650927665, 1e-13);
    expect(hyp2f1(413.5166, 410.465, 414.5166, 0.9987)).toBe(Number.POSITIVE_INFINITY);
    expect(logHyp2f1(-2, 3, 1, 0.5)).toBeNaN(); // 1 − 3 + 1.5 < 0
  });
});

/**
 * The BTYD models against the published CDNOW results (../shared/reference/metrics-landscape.md
 * §6; lifetimes' tests and Quickstart; CLVTools' correctness tests; R BTYD's examples), the fast
 * likelihoods against the term-by-term ones, and a BG/NBD fit of simulated customers against the
 * parameters they were drawn with. Where a reference number was computed here, it was with
 * mpmath at 30–40 digits (hyp2f1, quad) or with lifetimes' own objective transcribed to scipy.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import {
  bgNbdConditionalExpected,
  bgNbdExpected,
  bgNbdLikelihoodWithGradient,
  bgNbdLogLikelihood,
  bgNbdProbability,
  bgNbdProbabilityAlive,
  fitBgNbd,
} from "../../src/core/bg-nbd.js";
import { COARSE_ROWS, discountedClv, type Frequencies, type Spends } from "../../src/core/btyd.js";
import {
  fitGammaGamma,
  gammaGammaConditionalExpected,
  gammaGammaLikelihoodWithGradient,
  gammaGammaLogLikelihood,
  gammaGammaMean,
} from "../../src/core/gamma-gamma.js";
import {
  fitParetoNbd,
  paretoNbdConditionalExpected,
  paretoNbdExpected,
  paretoNbdLikelihoodWithGradient,
  paretoNbdLogLikelihood,
  paretoNbdProbabilityAlive,
} from "../../src/core/pareto-nbd.js";
import { hasSharedData, SHARED_DATA, sharedNote } from "../helpers.js";
import { mulberry32 } from "../random.js";

/** The published BG/NBD parameters (Fader, Hardie & Lee 2005) and R BTYD's three-digit ones. */
const BG = { r: 0.2426, alpha: 4.414, a: 0.793, b: 2.426 };
const BG_BTYD = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const PARETO = { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 };

const near = (actual: number, expected: number, tolerance: number) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance);
const relative = (actual: number, expected: number, tolerance: number) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.abs(expected));

function frequencies(rows: readonly (readonly number[])[]): Frequencies {
  return {
    x: Float64Array.from(rows, (r) => r[0]!),
    tx: Float64Array.from(rows, (r) => r[1]!),
    T: Float64Array.from(rows, (r) => r[2]!),
    weight: Float64Array.from(rows, (r) => r[3] ?? 1),
    length: rows.length,
  };
}

const record = (params: object) => params as unknown as Record<string, number>;

/** Identical (x, tₓ, T) rows as one row with their count as its weight. */
function collapse(data: Frequencies): Frequencies {
  const groups = new Map<string, number[]>();
  for (let i = 0; i < data.length; i++) {
    const key = `${data.x[i]},${data.tx[i]},${data.T[i]}`;
    const group = groups.get(key);
    if (group) group[3]! += data.weight[i]!;
    else groups.set(key, [data.x[i]!, data.tx[i]!, data.T[i]!, data.weight[i]!]);
  }
  return frequencies([...groups.values()]);
}

describe("BG/NBD with the published CDNOW parameters", () => {
  it("gives Hardie's conditional expectation 1.226 for x = 2, tₓ = 30.43, T = 38.86, t = 39", () => {
    const value = bgNbdConditionalExpected(BG, 39, 2, 30.43, 38.86);
    near(value, 1.226, 0.001);
    relative(value, 1.22586263161923, 1e-12); // mpmath
  });

  it("gives E[X(t)]: Hardie's table to its 4 decimals (t = 78: 2·10⁻⁴), and mpmath's to 1e-12", () => {
    const times = [0.1429, 1, 3, 31.8571, 32, 78];
    const hardie = [0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576];
    const exact = [0.007815473678240795, 0.05318075968019558, 0.1506210495340941, 1.04041842425104, 1.043661072432418, 1.857814718522255];
    times.forEach((t, i) => {
      const value = bgNbdExpected(BG, t);
      relative(value, exact[i]!, 1e-12);
      near(value, hardie[i]!, i === 5 ? 3e-4 : 1.5e-4);
    });
    expect(bgNbdExpected(BG, 0)).toBe(0);
  });

  it("gives R BTYD's P(X(39) = 0) = 0.5737864, P(X(2) = 10) = 1.07869e-07 and its PMF at t = 30", () => {
    relative(bgNbdProbability(BG_BTYD, 39, 0), 0.5737864, 1e-7);
    relative(bgNbdProbability(BG_BTYD, 2, 10), 1.07869e-7, 1e-5);
    relative(bgNbdProbability(BG_BTYD, 2, 10), 1.0786896403645766e-7, 1e-11); // mpmath
    const pmf = [
      0.0019995214, 0.0015170236, 0.001163315, 0.0009003148, 0.0007023638, 0.0005517902, 0.0004361913, 0.0003467171, 0.0002769613,
      0.000222226,
    ];
    pmf.forEach((p, i) => {
      near(bgNbdProbability(BG_BTYD, 30, 11 + i), p, 5e-11);
    });
    let total = 0;
    for (let x = 0; x < 400; x++) total += bgNbdProbability(BG, 39, x);
    near(total, 1, 1e-12);
  });

  it("gives P(alive) = 1 without repeat purchases, and a probability that falls as the customer goes quiet", () => {
    expect(bgNbdProbabilityAlive(BG, 0, 0, 38.86)).toBe(1);
    const recent = bgNbdProbabilityAlive(BG, 5, 38, 38.86);
    const quiet = bgNbdProbabilityAlive(BG, 5, 5, 38.86);
    expect(quiet).toBeLessThan(recent);
    expect(quiet).toBeGreaterThan(0);
    expect(recent).toBeLessThan(1);
    // Large x: no overflow, a customer this active and recent is alive.
    expect(bgNbdProbabilityAlive(BG, 500, 38.8, 38.86)).toBeGreaterThan(0.9);
    const heavy = bgNbdConditionalExpected(BG, 52, 300, 38, 38.86);
    expect(Number.isFinite(heavy) && heavy > 100).toBe(true);
  });
});

describe("Pareto/NBD with the published CDNOW parameters", () => {
  it("gives R BTYD's conditional expectation 25.46 for x = 26, tₓ = 30.86, T = 31, t = 52", () => {
    const value = paretoNbdConditionalExpected(PARETO, 52, 26, 30.86, 31);
    near(value, 25.46, 0.01);
    relative(value, 25.45847295142877, 1e-12); // mpmath quad of the likelihood's integral
    relative(paretoNbdProbabilityAlive(PARETO, 26, 30.86, 31), 0.9979187310551584, 1e-12);
  });

  it("gives R BTYD's E[X(t)] table for t = 0 … 9 (its example's parameters 0.55, 10.56, 0.61, 11.64)", () => {
    const expected = [0, 0.05077821, 0.09916088, 0.14542507, 0.1897993, 0.23247466, 0.27361274, 0.31335159, 0.35181024, 0.38909211];
    const params = { r: 0.55, alpha: 10.56, s: 0.61, beta: 11.64 };
    expected.forEach((value, t) => {
      near(paretoNbdExpected(params, t), value, 5e-9);
    });
    // s = 1 is its limit, not 0/0.
    const below = paretoNbdExpected({ ...params, s: 1 - 1e-7 }, 9);
    const at = paretoNbdExpected({ ...params, s: 1 }, 9);
    relative(at, below, 1e-6);
  });

  it("does not underflow for large x (lifetimes' test: x = 132 and 133 at T = 200 give 6.2061 and 6.2529)", () => {
    const params = { r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 };
    relative(paretoNbdConditionalExpected(params, 10, 132, 200, 200), 6.206051788963242, 1e-10);
    relative(paretoNbdConditionalExpected(params, 10, 133, 200, 200), 6.252872247574811, 1e-10);
  });

  it("gives a finite likelihood where lifetimes' _log_A_0 overflowed (x = 400, 500; α ≪ β)", () => {
    const params = { r: 10.465, alpha: 7.98565181e-3, s: 3.0516, beta: 2.82 };
    const data = frequencies([
      [400, 5, 6],
      [500, 1, 37],
      [500, 4, 37],
    ]);
    const ll = paretoNbdLogLikelihood(params, data);
    expect(Number.isFinite(ll)).toBe(true);
    const fast = paretoNbdLikelihoodWithGradient(data)(Float64Array.of(10.465, 7.98565181e-3, 3.0516, 2.82), new Float64Array(4));
    relative(fast, ll, 1e-10);
  });
});

describe("the fits' likelihoods agree with the term-by-term ones", () => {
  const random = mulberry32(11);
  const rows: number[][] = [];
  for (let i = 0; i < 400; i++) {
    const T = Math.round(1 + random() * 900) / 7;
    const x = random() < 0.4 ? 0 : Math.floor(random() ** 2 * 60) + 1;
    const tx = x === 0 ? 0 : Math.round(random() * T * 7) / 7;
    rows.push([x, tx, T, 1 + Math.floor(random() * 5)]);
  }
  rows.push([3, 10, 10, 2]); // tₓ = T
  const data = frequencies(rows);

  it("BG/NBD: value to 1e-12, gradient to difference quotients (1e-6)", () => {
    const fast = bgNbdLikelihoodWithGradient(data);
    const gradient = new Float64Array(4);
    const scratch = new Float64Array(4);
    for (const p of [BG, { r: 3, alpha: 0.5, a: 0.2, b: 40 }, { r: 0.05, alpha: 200, a: 5, b: 0.7 }]) {
      const theta = Float64Array.of(p.r, p.alpha, p.a, p.b);
      relative(fast(theta, gradient), bgNbdLogLikelihood(p, data), 1e-12);
      for (let i = 0; i < 4; i++) {
        const h = 1e-6 * theta[i]!;
        const up = Float64Array.from(theta);
        const down = Float64Array.from(theta);
        up[i]! += h;
        down[i]! -= h;
        const quotient = (fast(up, scratch) - fast(down, scratch)) / (2 * h);
        near(gradient[i]!, quotient, 1e-6 * (1 + Math.abs(quotient)));
      }
    }
  });

  it("Pareto/NBD: value to 1e-10 on both sides of α = β and with z near 1, gradient to difference quotients", () => {
    const fast = paretoNbdLikelihoodWithGradient(data);
    const gradient = new Float64Array(4);
    const scratch = new Float64Array(4);
    for (const p of [
      PARETO,
      { r: 0.5, alpha: 20, s: 0.6, beta: 3 },
      { r: 2, alpha: 1, s: 0.3, beta: 300 },
      { r: 0.3, alpha: 0.01, s: 1.5, beta: 200 }, // z > 0.999 for tₓ = 0: the difference-quotient path
      { r: 1, alpha: 5, s: 1, beta: 5 },
    ]) {
      const theta = Float64Array.of(p.r, p.alpha, p.s, p.beta);
      relative(fast(theta, gradient), paretoNbdLogLikelihood(p, data), 1e-10);
      for (let i = 0; i < 4; i++) {
        const h = 1e-6 * theta[i]!;
        const up = Float64Array.from(theta);
        const down = Float64Array.from(theta);
        up[i]! += h;
        down[i]! -= h;
        const quotient = (fast(up, scratch) - fast(down, scratch)) / (2 * h);
        near(gradient[i]!, quotient, 1e-5 * (1 + Math.abs(quotient)));
      }
    }
  });

  it("Gamma-Gamma: value to 1e-12", () => {
    const spends: Spends = {
      x: Float64Array.of(1, 2, 5, 40, 130),
      zbar: Float64Array.of(10, 22.35, 80.5, 13.2, 41),
      weight: Float64Array.of(1, 3, 1, 2, 1),
      length: 5,
    };
    const params = { p: 6.25, q: 3.74, v: 15.44 };
    relative(
      gammaGammaLikelihoodWithGradient(spends)(Float64Array.of(6.25, 3.74, 15.44), new Float64Array(3)),
      gammaGammaLogLikelihood(params, spends),
      1e-12,
    );
  });
});

describe("Gamma-Gamma and the discounted CLV", () => {
  it("shrinks a customer's mean towards p·v/(q − 1), the more the fewer purchases", () => {
    const params = { p: 6.25, q: 3.74, v: 15.44 };
    const mean = gammaGammaMean(params);
    relative(mean, (6.25 * 15.44) / 2.74, 1e-15);
    expect(gammaGammaConditionalExpected(params, 0, 0)).toBe(mean);
    const one = gammaGammaConditionalExpected(params, 1, 100);
    const many = gammaGammaConditionalExpected(params, 50, 100);
    expect(mean < one && one < many && many < 100).toBe(true);
    expect(gammaGammaMean({ p: 1, q: 0.5, v: 1 })).toBe(Number.POSITIVE_INFINITY);
  });

  it("sums month i's purchases × value × margin / (1 + d)^i", () => {
    // One purchase per unit of time: each month holds 4.345 of them.
    const clv = discountedClv((from, to) => to - from, 20, { margin: 0.5, discount: 0.01, months: 12, unitsPerMonth: 4.345 });
    let expected = 0;
    for (let i = 1; i <= 12; i++) expected += (4.345 * 20 * 0.5) / 1.01 ** i;
    relative(clv, expected, 1e-14);
    expect(discountedClv(() => 1, 10, { margin: 1, discount: 0, months: 0, unitsPerMonth: 30 })).toBe(0);
  });
});

describe("data that cannot support a fit", () => {
  it("says so through atBound (and converged) instead of throwing: nobody repeats, nobody drops out", () => {
    const nobodyRepeats = frequencies([
      [0, 0, 10, 50],
      [0, 0, 20, 30],
    ]);
    for (const fit of [fitBgNbd(nobodyRepeats), fitParetoNbd(nobodyRepeats)]) {
      expect(fit.atBound).toBe(true);
      expect(fit.stdErrors).toBeNull();
    }
    const nobodyDrops = frequencies(Array.from({ length: 200 }, (_, i) => [5 + (i % 7), 30 - (i % 3) * 0.1, 30]));
    const fit = fitBgNbd(nobodyDrops);
    expect(fit.atBound).toBe(true);
    expect(fit.converged).toBe(false);
    expect(Number.isFinite(fit.logLikelihood)).toBe(true);
  });
});

describe("input checks", () => {
  it("refuses rows no model can take", () => {
    expect(() => fitBgNbd(frequencies([[1, 5, 3]]))).toThrow(RangeError); // tₓ > T
    expect(() => fitParetoNbd(frequencies([[0, 2, 3]]))).toThrow(RangeError); // x = 0 with tₓ > 0
    expect(() => fitBgNbd(frequencies([[1, 1, 2, 0]]))).toThrow(RangeError); // no weight
    const spends = (zbar: number): Spends => ({
      x: Float64Array.of(2),
      zbar: Float64Array.of(zbar),
      weight: Float64Array.of(1),
      length: 1,
    });
    expect(() => fitGammaGamma(spends(0))).toThrow(RangeError);
    expect(() => fitGammaGamma(spends(-3))).toThrow(RangeError);
  });
});

// --------------------------------------------------------------------------- simulation

/** Marsaglia & Tsang's Gamma(shape, 1) on a seeded uniform (with the shape < 1 boost). */
function gammaSampler(uniform: () => number): (shape: number) => number {
  const normal = () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  const sample = (shape: number): number => {
    if (shape < 1) return sample(shape + 1) * uniform() ** (1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = uniform();
      if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
    }
  };
  return sample;
}

/** Customers drawn from BG/NBD: λ ~ Gamma(r, α), p ~ Beta(a, b), Poisson purchases until a coin with p ends them; T uniform in [13, 78] weeks. */
function simulateBgNbd(p: { r: number; alpha: number; a: number; b: number }, customers: number, seed: number): Frequencies {
  const uniform = mulberry32(seed);
  const gamma = gammaSampler(uniform);
  const rows: number[][] = [];
  for (let i = 0; i < customers; i++) {
    const lambda = gamma(p.r) / p.alpha;
    const g = gamma(p.a);
    const drop = g / (g + gamma(p.b));
    const T = 13 + 65 * uniform();
    let t = 0;
    let x = 0;
    let tx = 0;
    for (;;) {
      t += -Math.log(1 - uniform()) / lambda;
      if (t > T) break;
      x++;
      tx = t;
      if (uniform() < drop) break;
    }
    rows.push([x, tx, T]);
  }
  return frequencies(rows);
}

describe("BG/NBD on simulated customers", () => {
  const truth = { r: 0.25, alpha: 4, a: 0.8, b: 2.5 };

  it("fits 10,000 customers back within 3 standard errors of the parameters they were drawn with", () => {
    // The tolerance: the fit's own standard errors (the observed information) × 3, so each
    // parameter fails by chance with probability ~0.3 %; the seed is fixed, so it never flakes.
    const fit = fitBgNbd(simulateBgNbd(truth, 10_000, 20_260_930));
    expect(fit.converged).toBe(true);
    expect(fit.atBound).toBe(false);
    for (const name of ["r", "alpha", "a", "b"] as const) {
      const se = fit.stdErrors![name];
      expect(se).toBeGreaterThan(0);
      expect(Math.abs(fit.params[name] - truth[name])).toBeLessThanOrEqual(3 * se);
    }
  });

  it("gives the same fit on a sample too large for one pass (starts on every k-th row, the finish on all)", () => {
    const data = simulateBgNbd(truth, 2 * COARSE_ROWS + 1000, 7);
    const fit = fitBgNbd(data);
    expect(fit.converged).toBe(true);
    for (const name of ["r", "alpha", "a", "b"] as const)
      expect(Math.abs(fit.params[name] - truth[name])).toBeLessThanOrEqual(3 * fit.stdErrors![name]);
    // The maximum: no parameter moved by ±0.1 % does better.
    const ll = bgNbdLogLikelihood(fit.params, data);
    relative(ll, fit.logLikelihood, 1e-14);
    for (const name of ["r", "alpha", "a", "b"] as const)
      for (const f of [0.999, 1.001]) expect(bgNbdLogLikelihood({ ...fit.params, [name]: fit.params[name] * f }, data)).toBeLessThan(ll);
  });
});

// --------------------------------------------------------------------------- CDNOW

const LIFETIMES = resolve(SHARED_DATA, "lifetimes");

/** cdnow_customers_summary_with_transactions.csv: ID, x, t_x, T, zbar — the 2,357 customers of the 1/10 sample. */
function cdnow(): { data: Frequencies; zbar: Float64Array } {
  const rows = readFileSync(resolve(LIFETIMES, "cdnow_customers_summary_with_transactions.csv"), "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((line) => line.split(",").map(Number));
  return { data: frequencies(rows.map((r) => [r[1]!, r[2]!, r[3]!])), zbar: Float64Array.from(rows, (r) => r[4]!) };
}

describe.skipIf(!hasSharedData)(`fits on CDNOW (../shared/data/lifetimes)${sharedNote}`, () => {
  it("reads the same customers from both summaries", () => {
    const summary = readFileSync(resolve(LIFETIMES, "cdnow_customers_summary.csv"), "utf8").trim().split("\n").slice(1);
    const { data } = cdnow();
    expect(summary.length).toBe(2357);
    summary.forEach((line, i) => {
      const [, frequency, recency, T] = line.split(",").map(Number);
      expect([frequency, recency, T]).toEqual([data.x[i], data.tx[i], data.T[i]]);
    });
  });

  it("BG/NBD: r 0.2426, α 4.414, a 0.793, b 2.426, LL −9582.43; lifetimes' Quickstart digits and standard errors", () => {
    const fit = fitBgNbd(cdnow().data);
    expect(fit.converged).toBe(true);
    expect(fit.atBound).toBe(false);
    near(fit.params.r, 0.2426, 5e-5);
    near(fit.params.alpha, 4.414, 5e-4);
    near(fit.params.a, 0.793, 5e-4);
    near(fit.params.b, 2.426, 5e-4);
    near(fit.logLikelihood, -9582.43, 0.005);
    // lifetimes' Quickstart: r 0.242593, α 4.413532, a 0.792886, b 2.425752; se 0.012557, 0.378221, 0.185719, 0.705345.
    const quickstart = { r: 0.242593, alpha: 4.413532, a: 0.792886, b: 2.425752 };
    const se = { r: 0.012557, alpha: 0.378221, a: 0.185719, b: 0.705345 };
    for (const name of ["r", "alpha", "a", "b"] as const) {
      relative(fit.params[name], quickstart[name], 5e-6);
      relative(fit.stdErrors![name], se[name], 1e-4);
    }
    // CLVTools' test: r 0.2425945, α 4.4136019, a 0.7929199, b 2.4258881 (fitted on unrounded T), LL −9582.429.
    relative(fit.params.a, 0.7929199, 1e-4);
    relative(fit.params.b, 2.4258881, 1e-4);
  });

  it("BG/NBD: the fit's conditional expectation and E[X(t)] are Hardie's", () => {
    const { params } = fitBgNbd(cdnow().data);
    near(bgNbdConditionalExpected(params, 39, 2, 30.43, 38.86), 1.226, 0.001);
    const times = [0.1429, 1, 3, 31.8571, 32, 78];
    [0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576].forEach((v, i) => {
      near(bgNbdExpected(params, times[i]!), v, 5e-4);
    });
  });

  it("Pareto/NBD: r 0.553, α 10.578, s 0.606, β 11.669, LL −9594.98, CLVTools' standard errors", () => {
    const fit = fitParetoNbd(cdnow().data);
    expect(fit.converged).toBe(true);
    expect(fit.atBound).toBe(false);
    near(fit.params.r, 0.553, 5e-4);
    near(fit.params.alpha, 10.578, 5e-4);
    near(fit.params.s, 0.606, 5e-4);
    near(fit.params.beta, 11.669, 1.5e-3);
    near(fit.logLikelihood, -9594.98, 0.01);
    const se = { r: 0.0476, alpha: 0.8427, s: 0.1873, beta: 6.2105 };
    for (const name of ["r", "alpha", "s", "beta"] as const) relative(fit.stdErrors![name], se[name], 1e-3);
    near(paretoNbdConditionalExpected(fit.params, 52, 26, 30.86, 31), 25.46, 0.01);
  });

  it("Gamma-Gamma on the 946 repeaters: p 6.25, q 3.74, v 15.44; customer 1 24.658619, customer 2 18.911489", () => {
    const { data, zbar } = cdnow();
    const repeaters = Array.from({ length: data.length }, (_, i) => i).filter((i) => data.x[i]! > 0);
    expect(repeaters.length).toBe(946);
    const spends: Spends = {
      x: Float64Array.from(repeaters, (i) => data.x[i]!),
      zbar: Float64Array.from(repeaters, (i) => zbar[i]!),
      weight: new Float64Array(repeaters.length).fill(1),
      length: repeaters.length,
    };
    const fit = fitGammaGamma(spends);
    expect(fit.converged).toBe(true);
    near(fit.params.p, 6.25, 0.005);
    near(fit.params.q, 3.74, 0.005);
    near(fit.params.v, 15.44, 0.01); // lifetimes' test: decimal 2; its Quickstart prints 15.45
    near(fit.logLikelihood, -4055.9232435, 1e-6); // lifetimes' objective minimised by scipy
    // lifetimes' Quickstart, the first 10 customers (x = 0 get the population mean).
    const quickstart = [24.658619, 18.911489, 35.170981, 35.170981, 35.170981, 71.462843, 18.911489, 35.170981, 27.282408, 35.170981];
    quickstart.forEach((v, i) => {
      near(gammaGammaConditionalExpected(fit.params, data.x[i]!, zbar[i]!), v, 3e-5);
    });
    let total = 0;
    for (let i = 0; i < data.length; i++) total += gammaGammaConditionalExpected(fit.params, data.x[i]!, zbar[i]!);
    near(total / data.length, 35.2529588256, 1e-5);
  });

  it("reproduces lifetimes' Quickstart CLV (12 months, 1 % a month, its default freq 'D': 30 units a month)", () => {
    const { data, zbar } = cdnow();
    const bg = fitBgNbd(data).params;
    const repeaters = Array.from({ length: data.length }, (_, i) => i).filter((i) => data.x[i]! > 0);
    const gg = fitGammaGamma({
      x: Float64Array.from(repeaters, (i) => data.x[i]!),
      zbar: Float64Array.from(repeaters, (i) => zbar[i]!),
      weight: new Float64Array(repeaters.length).fill(1),
      length: repeaters.length,
    }).params;
    const quickstart = [140.096211, 18.943467, 38.180574, 38.180574, 38.180574, 1003.868107, 28.109683, 38.180574, 167.418216, 38.180574];
    quickstart.forEach((expected, i) => {
      const [x, tx, T] = [data.x[i]!, data.tx[i]!, data.T[i]!];
      const between = (from: number, to: number) =>
        bgNbdConditionalExpected(bg, to, x, tx, T) - bgNbdConditionalExpected(bg, from, x, tx, T);
      const value = gammaGammaConditionalExpected(gg, x, zbar[i]!);
      relative(discountedClv(between, value, { margin: 1, discount: 0.01, months: 12, unitsPerMonth: 30 }), expected, 1e-6);
    });
  });

  it("fits the same on identical customers collapsed into weights", () => {
    const { data } = cdnow();
    const collapsed = collapse(data);
    expect(collapsed.length).toBeLessThan(data.length);
    const pairs = [
      [fitBgNbd(data), fitBgNbd(collapsed)],
      [fitParetoNbd(data, { penalizer: 0.1 }), fitParetoNbd(collapsed, { penalizer: 0.1 })],
    ] as const;
    for (const [whole, grouped] of pairs) {
      relative(grouped.logLikelihood, whole.logLikelihood, 1e-12);
      for (const [name, value] of Object.entries(whole.params)) relative(record(grouped.params)[name]!, value, 1e-5);
    }
  });

  it("penalizes as lifetimes does (its objectives transcribed to scipy, minimised to 1e-11)", () => {
    const { data, zbar } = cdnow();
    const expectations: [Record<string, number>, Record<string, number>][] = [
      [record(fitBgNbd(data, { penalizer: 0.1 }).params), { r: 0.23094707, alpha: 4.21928854, a: 0.12865468, b: 0.26712676 }],
      [record(fitBgNbd(data, { penalizer: 1 }).params), { r: 0.16787107, alpha: 2.7526824, a: 0.04437736, b: 0.08910762 }],
      [record(fitParetoNbd(data, { penalizer: 0.1 }).params), { r: 0.55355954, alpha: 10.57793719, s: 0.60081433, beta: 11.49575059 }],
      [record(fitParetoNbd(data, { penalizer: 1 }).params), { r: 0.5549761, alpha: 10.57109681, s: 0.56484649, beta: 10.37187784 }],
    ];
    const repeaters = Array.from({ length: data.length }, (_, i) => i).filter((i) => data.x[i]! > 0);
    const spends: Spends = {
      x: Float64Array.from(repeaters, (i) => data.x[i]!),
      zbar: Float64Array.from(repeaters, (i) => zbar[i]!),
      weight: new Float64Array(repeaters.length).fill(1),
      length: repeaters.length,
    };
    expectations.push([record(fitGammaGamma(spends, { penalizer: 0.01 }).params), { p: 4.10925039, q: 0.96838546, v: 3.78080164 }]);
    for (const [actual, expected] of expectations)
      for (const [name, value] of Object.entries(expected)) relative(actual[name]!, value, 2e-6);
  });
});

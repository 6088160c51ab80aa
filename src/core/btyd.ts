/**
 * What the "buy till you die" models share (src/core/bg-nbd.ts, pareto-nbd.ts, gamma-gamma.ts):
 * the columnar, weighted inputs, the result of a fit, the fitting procedure, and the discounted
 * CLV. Columns are typed arrays and a row carries a weight, so a caller collapses identical
 * customers into one row (lifetimes #419: with 450,000 customers, the distinct (x, tₓ, T) are
 * far fewer) and every sum below is Σ weight × a row's term.
 *
 * Fitting (fitModel): maximum likelihood over u = ln(θ / scale), scale the data's longest T for
 * the time parameters (α, β) and the mean spend for v, 1 for the shapes — so the search is the
 * same whatever the time unit or currency. The objective is the negative log-likelihood per
 * customer plus lifetimes' penalty (each model's file says which), with its exact gradient: BFGS
 * from each start, the best kept; a best that did not meet the tolerance gets Nelder–Mead and a
 * second BFGS from where that ends. Above COARSE_ROWS rows the starts run on every k-th row
 * (about COARSE_ROWS of them) and only the best one's end is finished on all rows — an
 * evaluation on 200,000 rows costs 10–30 ms, and four starts of ~25 iterations would take
 * seconds; if that finish does not converge, the starts run again on all rows. The standard errors are the square roots of the diagonal of
 * the inverse of the observed information: the Hessian of the unpenalized negative
 * log-likelihood in the natural parameters, by central differences of its exact gradient — no
 * delta method (at a maximum of the unpenalized likelihood, the log-space Hessian through the
 * delta method gives the same numbers; lifetimes takes that route, on its penalized objective).
 */

import { bfgs, invertSymmetric, type Minimum, nelderMead, numericalHessian, type ObjectiveWithGradient } from "./optimize.js";
import { hypergeometricSteps } from "./special.js";

/** Per customer (or per group of identical customers): repeat purchases x, first → last purchase tₓ, first purchase → end of calibration T. */
export interface Frequencies {
  readonly x: Float64Array;
  readonly tx: Float64Array;
  readonly T: Float64Array;
  readonly weight: Float64Array;
  readonly length: number;
}

/** Per customer with x > 0 and zbar > 0: repeat purchases x, their mean value zbar. */
export interface Spends {
  readonly x: Float64Array;
  readonly zbar: Float64Array;
  readonly weight: Float64Array;
  readonly length: number;
}

export interface Fit<P> {
  readonly params: P;
  /** Square roots of the diagonal of the inverse observed information; null when the Hessian is not positive definite. */
  readonly stdErrors: P | null;
  /** Σ weight × the customer's log-likelihood at params, unpenalized. */
  readonly logLikelihood: number;
  readonly converged: boolean;
  /** a parameter ended within 1e-6 relative of 0 or above 1e6 (or the Hessian is not PD) */
  readonly atBound: boolean;
  /** The iterations of the runs that led to params: the best start's, the finish on all rows, Nelder–Mead's when it was needed. */
  readonly iterations: number;
}

export interface FitOptions {
  /** lifetimes' penalizer_coef: an L2 penalty on the parameters (0 = plain maximum likelihood); see the model's file for its exact form. */
  readonly penalizer?: number;
}

/** A model as fitModel sees it: parameters as a vector θ, in the order of `names`. */
export interface ModelSpec<P> {
  readonly names: readonly (keyof P & string)[];
  /** θᵢ = scaleᵢ·e^uᵢ; also what "relative" means for atBound. */
  readonly scale: Float64Array;
  /** Starting points as θ. */
  readonly starts: readonly (readonly number[])[];
  /** Σ weight × log-likelihood at θ, its gradient in θ into `gradient`. */
  readonly logLikelihood: (theta: Float64Array, gradient: Float64Array) => number;
  /** Σ weight, the per-customer divisor. */
  readonly customers: number;
  /** The penalty on the per-customer objective: coefficient × Σ (θᵢ/penaltyScaleᵢ)². */
  readonly penalty: number;
  readonly penaltyScale: Float64Array;
  /** The exact log-likelihood for the result (the fast one above may group terms differently). */
  readonly reference: (params: P) => number;
  /** The same log-likelihood on every k-th row, for the starts when the data are large (see fitModel); null when they are not. */
  readonly coarse: { readonly logLikelihood: (theta: Float64Array, gradient: Float64Array) => number; readonly customers: number } | null;
}

/** Above this many rows the starts run on a systematic sample of about this many (fitModel). */
export const COARSE_ROWS = 20_000;

/** Every k-th row, k = ⌈length / COARSE_ROWS⌉, and their Σ weight; null when the data have at most COARSE_ROWS rows. */
export function everyKthRow<D extends { readonly weight: Float64Array; readonly length: number }>(
  data: D,
  columns: readonly (keyof D)[],
): { data: D; customers: number } | null {
  if (data.length <= COARSE_ROWS) return null;
  const k = Math.ceil(data.length / COARSE_ROWS);
  const n = Math.ceil(data.length / k);
  const out: Record<string, unknown> = { length: n };
  for (const column of [...columns, "weight" as keyof D]) {
    const from = data[column] as Float64Array;
    const to = new Float64Array(n);
    for (let i = 0; i < n; i++) to[i] = from[i * k]!;
    out[column as string] = to;
  }
  let customers = 0;
  for (let i = 0; i < n; i++) customers += data.weight[i * k]!;
  return { data: out as unknown as D, customers };
}

/**
 * The Taylor steps of the hypergeometric function a fit may take (core/special.ts): a search that
 * wanders along a ridge where every likelihood costs thousands of steps a row (Pareto/NBD with s
 * and β running off together) is stopped there, deterministically, and reported as not converged.
 * A fit on well-behaved data takes a few thousand.
 */
const STEP_BUDGET = 10_000_000;

class OverBudget extends Error {}

/** Fits a model as the file's comment says; a search over STEP_BUDGET ends not converged, at its best point. */
export function fitModel<P>(spec: ModelSpec<P>): Fit<P> {
  const start = hypergeometricSteps();
  let best: { u: Float64Array; value: number } | null = null;
  const guard =
    (logLikelihood: ModelSpec<P>["logLikelihood"]): ModelSpec<P>["logLikelihood"] =>
    (theta, gradient) => {
      if (hypergeometricSteps() - start > STEP_BUDGET) throw new OverBudget();
      return logLikelihood(theta, gradient);
    };
  const guarded: ModelSpec<P> = {
    ...spec,
    logLikelihood: guard(spec.logLikelihood),
    coarse: spec.coarse && { ...spec.coarse, logLikelihood: guard(spec.coarse.logLikelihood) },
  };
  try {
    return fitWithin(guarded, (u, value) => {
      if (Number.isFinite(value) && (best === null || value < best.value)) best = { u: Float64Array.from(u), value };
    });
  } catch (error) {
    if (!(error instanceof OverBudget)) throw error;
    const found = best as { u: Float64Array; value: number } | null;
    const theta = Float64Array.from(spec.scale, (scale, i) => scale * Math.exp(found?.u[i] ?? 0));
    const params = vectorToParams<P>(spec.names, theta);
    const atBound = true;
    const gradient = new Float64Array(spec.names.length);
    return {
      params,
      stdErrors: null,
      logLikelihood: found ? spec.logLikelihood(theta, gradient) : Number.NaN,
      converged: false,
      atBound,
      iterations: 0,
    };
  }
}

function fitWithin<P>(spec: ModelSpec<P>, seen: (u: Float64Array, value: number) => void): Fit<P> {
  const k = spec.names.length;
  const theta = new Float64Array(k);
  const gradientTheta = new Float64Array(k);
  const toTheta = (u: Float64Array): void => {
    for (let i = 0; i < k; i++) theta[i] = spec.scale[i]! * Math.exp(u[i]!);
  };
  const objectiveOf =
    (logLikelihood: ModelSpec<P>["logLikelihood"], customers: number): ObjectiveWithGradient =>
    (u, gradient) => {
      // Beyond e^±14 (10^±6 of its scale, where atBound begins) a parameter has run off along a
      // flat ridge (no dropout in the data, say): NaN turns the search back, and atBound reports
      // it. Further out the likelihood's hypergeometric terms cost thousands of steps a row, for
      // a fit that is refused anyway.
      for (let i = 0; i < k; i++) if (!(Math.abs(u[i]!) <= 14)) return Number.NaN;
      toTheta(u);
      const ll = logLikelihood(theta, gradientTheta);
      if (!Number.isFinite(ll)) return Number.NaN;
      let value = -ll / customers;
      for (let i = 0; i < k; i++) {
        const scaled = theta[i]! / spec.penaltyScale[i]!;
        value += spec.penalty * scaled * scaled;
        gradient[i] = (-theta[i]! * gradientTheta[i]!) / customers + 2 * spec.penalty * scaled * scaled;
      }
      seen(u, value);
      return value;
    };
  const scratchGradient = new Float64Array(k);
  const objective = objectiveOf(spec.logLikelihood, spec.customers);
  const valueOnly = (u: Float64Array): number => objective(u, scratchGradient);
  const fromStarts = (f: ObjectiveWithGradient): Minimum => {
    let best: Minimum | null = null;
    for (const start of spec.starts) {
      const u = Float64Array.from(start, (t, i) => Math.log(t / spec.scale[i]!));
      const run = bfgs((x) => f(x, scratchGradient), u, { gradient: f, maxIterations: 300, gradientTolerance: 1e-9 });
      if (best === null || better(run, best)) best = run;
    }
    return best!;
  };
  let result: Minimum;
  let iterations = 0;
  // Large data: the starts on a systematic sample find the basin, one BFGS on all rows finishes
  // from the sample's maximum (within sampling error of the whole one's) and with its inverse
  // Hessian (both objectives are per customer, so their curvatures are alike).
  const sampled = spec.coarse ? fromStarts(objectiveOf(spec.coarse.logLikelihood, spec.coarse.customers)) : null;
  if (sampled && Number.isFinite(sampled.value)) {
    const { inverseHessian } = sampled;
    result = bfgs(valueOnly, sampled.x, { gradient: objective, maxIterations: 300, gradientTolerance: 1e-9, inverseHessian });
    iterations = sampled.iterations + result.iterations;
    // A sample whose maximum lies at the edge of the search (a ridge: no dropout heterogeneity, say)
    // has the whole data's there too: the fit is at a bound whatever more starts on all rows find.
    if (!result.converged && !atEdge(sampled.x)) {
      const all = fromStarts(objective);
      iterations += all.iterations;
      if (better(all, result)) result = all;
    }
  } else {
    result = fromStarts(objective);
    iterations = result.iterations;
  }
  if (!result.converged && Number.isFinite(result.value) && !atEdge(result.x)) {
    const simplex = nelderMead(valueOnly, result.x, { step: 0.2, maxEvaluations: 2000, xTolerance: 1e-7, fTolerance: 1e-13 });
    const polished = bfgs(valueOnly, simplex.x, { gradient: objective, maxIterations: 300, gradientTolerance: 1e-9 });
    iterations += simplex.iterations + polished.iterations;
    if (polished.value <= result.value) result = polished;
  }
  toTheta(result.x);
  const fitted = Float64Array.from(theta);
  const params = vectorToParams<P>(spec.names, fitted);
  // Observed information: the Hessian of −Σ w·LL in θ, from central differences of its exact gradient.
  const negativeGradient: ObjectiveWithGradient = (t, gradient) => {
    const ll = spec.logLikelihood(t, gradient);
    for (let i = 0; i < k; i++) gradient[i] = -gradient[i]!;
    return -ll;
  };
  const hessian = numericalHessian((t) => negativeGradient(t, scratchGradient), fitted, negativeGradient);
  const inverse = invertSymmetric(hessian);
  let stdErrors: P | null = null;
  if (inverse) {
    const se = Float64Array.from({ length: k }, (_, i) => Math.sqrt(inverse[i]![i]!));
    if (se.every((v) => Number.isFinite(v))) stdErrors = vectorToParams<P>(spec.names, se);
  }
  let atBound = stdErrors === null;
  for (let i = 0; i < k; i++) {
    const relative = fitted[i]! / spec.scale[i]!;
    if (relative < 1e-6 || relative > 1e6) atBound = true;
  }
  // The reference fails (NaN) only far out on a ridge, where the fast sum still has a value.
  const reference = spec.reference(params);
  return {
    params,
    stdErrors,
    logLikelihood: Number.isFinite(reference) ? reference : spec.logLikelihood(fitted, scratchGradient),
    converged: result.converged,
    atBound,
    iterations,
  };
}

/** Log-parameters within 1 of the search's edge (|u| ≤ 14): a run that has wandered off along a ridge. */
function atEdge(u: Float64Array): boolean {
  return u.some((value) => Math.abs(value) >= 13);
}

/** Lower, where two values within rounding (10⁻¹² relative) count as one and a converged run beats one that is not. */
function better(run: Minimum, than: Minimum): boolean {
  const tie = Math.abs(run.value - than.value) <= 1e-12 * (1 + Math.abs(than.value));
  if (tie && run.converged !== than.converged) return run.converged;
  return run.value < than.value;
}

function vectorToParams<P>(names: readonly string[], values: Float64Array): P {
  const out: Record<string, number> = {};
  names.forEach((name, i) => {
    out[name] = values[i]!;
  });
  return out as P;
}

/** The distinct values of a column and each row's index into them, so a term that depends on the value alone is computed once per value. */
export function distinct(...columns: Float64Array[]): { values: Float64Array; index: Uint32Array[] } {
  const slot = new Map<number, number>();
  const index = columns.map((column) => {
    const out = new Uint32Array(column.length);
    for (let i = 0; i < column.length; i++) {
      const v = column[i]!;
      let at = slot.get(v);
      if (at === undefined) {
        at = slot.size;
        slot.set(v, at);
      }
      out[i] = at;
    }
    return out;
  });
  return { values: Float64Array.from(slot.keys()), index };
}

/** The pairs (a[i], b[i]) as indexes into one list of distinct pairs; a and b are small integer indexes (< 2²⁶). */
export function distinctPairs(a: Uint32Array, b: Uint32Array): { first: Uint32Array; second: Uint32Array; index: Uint32Array } {
  const slot = new Map<number, number>();
  const index = new Uint32Array(a.length);
  const first: number[] = [];
  const second: number[] = [];
  for (let i = 0; i < a.length; i++) {
    const key = a[i]! * 67_108_864 + b[i]!;
    let at = slot.get(key);
    if (at === undefined) {
      at = first.length;
      slot.set(key, at);
      first.push(a[i]!);
      second.push(b[i]!);
    }
    index[i] = at;
  }
  return { first: Uint32Array.from(first), second: Uint32Array.from(second), index };
}

/** Σ weight, and the largest T: what the fits scale by. Throws a RangeError on a row no model can take. */
export function checkFrequencies(data: Frequencies): { customers: number; maxT: number } {
  let customers = 0;
  let maxT = 0;
  for (let i = 0; i < data.length; i++) {
    const x = data.x[i]!;
    const tx = data.tx[i]!;
    const T = data.T[i]!;
    const w = data.weight[i]!;
    if (!(x >= 0 && tx >= 0 && T >= tx && w >= 0 && Number.isFinite(T + w)))
      throw new RangeError(`row ${i}: need x ≥ 0, 0 ≤ tx ≤ T and weight ≥ 0, got x=${x}, tx=${tx}, T=${T}, weight=${w}`);
    if (x === 0 && tx !== 0) throw new RangeError(`row ${i}: x = 0 needs tx = 0, got tx=${tx}`);
    customers += w;
    if (w > 0) maxT = Math.max(maxT, T);
  }
  if (!(customers > 0) || !(maxT > 0)) throw new RangeError("no customer with weight > 0 and T > 0 to fit");
  return { customers, maxT };
}

/** Log of e^p + e^q without overflow. */
export function logAddExp(p: number, q: number): number {
  if (p === Number.NEGATIVE_INFINITY) return q;
  if (q === Number.NEGATIVE_INFINITY) return p;
  return p > q ? p + Math.log1p(Math.exp(q - p)) : q + Math.log1p(Math.exp(p - q));
}

export interface ClvOptions {
  /** The share of the order value that is profit (1 = revenue). */
  readonly margin: number;
  /** Per month, e.g. 0.01. */
  readonly discount: number;
  readonly months: number;
  /** Time units per month: 4.345 for weeks, 30 for days, as lifetimes' freq factor. */
  readonly unitsPerMonth: number;
}

/**
 * Σ over months i = 1 … months of expectedBetween((i − 1)·u, i·u) × value × margin / (1 + discount)^i,
 * u = unitsPerMonth: lifetimes' customer_lifetime_value (utils._customer_lifetime_value), which
 * takes month i's purchases as the cumulative expectation at i·u less that at (i − 1)·u and
 * discounts them by a full month i.
 */
export function discountedClv(expectedBetween: (from: number, to: number) => number, value: number, options: ClvOptions): number {
  const u = options.unitsPerMonth;
  let clv = 0;
  for (let i = 1; i <= options.months; i++) {
    clv += (expectedBetween((i - 1) * u, i * u) * value * options.margin) / (1 + options.discount) ** i;
  }
  return clv;
}

/**
 * Unconstrained minimisation for the model fits: Nelder–Mead (robust, no derivatives, slow to
 * finish) and BFGS (fast near a minimum; the caller's gradient, or central differences), the
 * numerical Hessian at a minimum and the inverse that turns it into standard errors. Small
 * dense problems only (a handful of parameters): vectors are Float64Array, matrices arrays of
 * rows. A non-finite value counts as +∞, so an objective may answer NaN where its parameters
 * make no sense and the search turns back.
 */

/** Where a search ended. */
export interface Minimum {
  readonly x: Float64Array;
  readonly value: number;
  /** The search met its tolerance (not: ran out of iterations or could not go on). */
  readonly converged: boolean;
  readonly iterations: number;
  /** Objective evaluations, a gradient counting as one. */
  readonly evaluations: number;
  /** BFGS only: its final inverse-Hessian approximation, to start a related search with (QuasiNewtonOptions.inverseHessian). */
  readonly inverseHessian?: readonly Float64Array[];
}

export type Objective = (x: Float64Array) => number;
/** The value at x, with its gradient written into `gradient`. */
export type ObjectiveWithGradient = (x: Float64Array, gradient: Float64Array) => number;

export interface NelderMeadOptions {
  /** The initial simplex's edge along each axis (default 0.1 × max(1, |xᵢ|)). */
  readonly step?: number;
  readonly maxEvaluations?: number;
  /** Converged when every vertex is within this of the best, coordinate by coordinate (default 1e-8)… */
  readonly xTolerance?: number;
  /** …and every value within this of the best value (default 1e-12) — scipy's xatol and fatol. */
  readonly fTolerance?: number;
}

const finite = (v: number): number => (Number.isFinite(v) ? v : Number.POSITIVE_INFINITY);

/** Nelder–Mead from one start, with the standard coefficients (reflect 1, expand 2, contract ½, shrink ½). */
export function nelderMead(f: Objective, start: ArrayLike<number>, options: NelderMeadOptions = {}): Minimum {
  const n = start.length;
  const maxEvaluations = options.maxEvaluations ?? 400 * n;
  const xTolerance = options.xTolerance ?? 1e-8;
  const fTolerance = options.fTolerance ?? 1e-12;
  let evaluations = 0;
  const value = (x: Float64Array): number => {
    evaluations++;
    return finite(f(x));
  };
  const simplex: Float64Array[] = [];
  const values: number[] = [];
  for (let i = 0; i <= n; i++) {
    const x = Float64Array.from(start);
    if (i > 0) x[i - 1]! += options.step ?? 0.1 * Math.max(1, Math.abs(x[i - 1]!));
    simplex.push(x);
    values.push(value(x));
  }
  const order = Array.from({ length: n + 1 }, (_, i) => i);
  const centroid = new Float64Array(n);
  const trial = new Float64Array(n);
  const other = new Float64Array(n);
  const toward = (out: Float64Array, from: Float64Array, coefficient: number): void => {
    for (let j = 0; j < n; j++) out[j] = centroid[j]! + coefficient * (from[j]! - centroid[j]!);
  };
  let iterations = 0;
  let converged = false;
  while (evaluations < maxEvaluations) {
    order.sort((i, j) => values[i]! - values[j]!);
    const best = order[0]!;
    const worst = order[n]!;
    let spread = 0;
    let valueSpread = 0;
    for (let i = 1; i <= n; i++) {
      const v = simplex[order[i]!]!;
      for (let j = 0; j < n; j++) spread = Math.max(spread, Math.abs(v[j]! - simplex[best]![j]!));
      valueSpread = Math.max(valueSpread, Math.abs(values[order[i]!]! - values[best]!));
    }
    if (spread <= xTolerance && valueSpread <= fTolerance) {
      converged = true;
      break;
    }
    iterations++;
    const accept = (x: Float64Array, v: number): void => {
      simplex[worst]!.set(x);
      values[worst] = v;
    };
    centroid.fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j]! += simplex[order[i]!]![j]! / n;
    toward(trial, simplex[worst]!, -1);
    const reflected = value(trial);
    if (reflected < values[best]!) {
      toward(other, simplex[worst]!, -2);
      const expanded = value(other);
      if (expanded < reflected) accept(other, expanded);
      else accept(trial, reflected);
    } else if (reflected < values[order[n - 1]!]!) {
      accept(trial, reflected);
    } else {
      const outside = reflected < values[worst]!;
      toward(other, outside ? trial : simplex[worst]!, 0.5);
      const contracted = value(other);
      if (contracted < (outside ? reflected : values[worst]!)) accept(other, contracted);
      else {
        for (let i = 1; i <= n; i++) {
          const v = simplex[order[i]!]!;
          for (let j = 0; j < n; j++) v[j] = simplex[best]![j]! + 0.5 * (v[j]! - simplex[best]![j]!);
          values[order[i]!] = value(v);
        }
      }
    }
  }
  let best = 0;
  for (let i = 1; i <= n; i++) if (values[i]! < values[best]!) best = i;
  return { x: simplex[best]!, value: values[best]!, converged, iterations, evaluations };
}

export interface QuasiNewtonOptions {
  /** The objective's gradient (with its value); without it, central differences of f. */
  readonly gradient?: ObjectiveWithGradient;
  readonly maxIterations?: number;
  /** Converged when the gradient's largest component is at most this (default 1e-8). */
  readonly gradientTolerance?: number;
  /** The longest first step, in the parameters' units (default 1), so a far start does not overflow. */
  readonly maxStep?: number;
  /** A starting inverse Hessian (another search's, on a similar objective) instead of the scaled identity. */
  readonly inverseHessian?: readonly Float64Array[];
}

/**
 * Central differences, step ε^⅓·max(1, |xᵢ|) (≈ 6·10⁻⁶: truncation and rounding errors balance);
 * 2n evaluations. Writes into `gradient`, returns f(x).
 */
function centralGradient(f: Objective, x: Float64Array, gradient: Float64Array, fx: number): number {
  const h0 = Math.cbrt(Number.EPSILON);
  for (let i = 0; i < x.length; i++) {
    const xi = x[i]!;
    const h = h0 * Math.max(1, Math.abs(xi));
    x[i] = xi + h;
    const up = f(x);
    x[i] = xi - h;
    const down = f(x);
    x[i] = xi;
    gradient[i] = (up - down) / (2 * h);
  }
  return fx;
}

/**
 * BFGS on the inverse Hessian (Nocedal & Wright, Numerical Optimization, §6.1: H₀ scaled by
 * sᵀy/yᵀy after the first step) with a backtracking Armijo line search (c₁ = 10⁻⁴, quadratic
 * interpolation kept within [0.1, 0.5] of the step; with an exact gradient, also the approximate
 * Wolfe conditions of Hager & Zhang 2005, so the search gets to a gradient tolerance below what
 * f's own rounding can show). An update with sᵀy ≤ 0 is skipped; a
 * direction that does not descend, or a line search that finds no lower point, resets H to the
 * identity (the search stops when that fails too).
 */
export function bfgs(f: Objective, start: ArrayLike<number>, options: QuasiNewtonOptions = {}): Minimum {
  const n = start.length;
  const maxIterations = options.maxIterations ?? 200;
  const tolerance = options.gradientTolerance ?? 1e-8;
  const maxStep = options.maxStep ?? 1;
  let evaluations = 0;
  const analytic = options.gradient;
  /** The value at x (+∞ if not finite), its gradient into g. */
  const evaluate = (x: Float64Array, g: Float64Array): number => {
    evaluations++;
    if (analytic) return finite(analytic(x, g));
    const fx = finite(f(x));
    if (fx === Number.POSITIVE_INFINITY) return fx;
    evaluations += 2 * n;
    return finite(centralGradient(f, x, g, fx));
  };
  const valueOnly = (x: Float64Array, g: Float64Array): number => {
    if (analytic) return evaluate(x, g);
    evaluations++;
    return finite(f(x));
  };
  const x = Float64Array.from(start);
  const g = new Float64Array(n);
  let fx = evaluate(x, g);
  const H = identity(n);
  let first = true;
  if (options.inverseHessian) {
    options.inverseHessian.forEach((row, i) => {
      H[i]!.set(row);
    });
    first = false;
  }
  const direction = new Float64Array(n);
  const trial = new Float64Array(n);
  const gTrial = new Float64Array(n);
  const s = new Float64Array(n);
  const y = new Float64Array(n);
  const Hy = new Float64Array(n);
  let iterations = 0;
  let converged = false;
  if (fx === Number.POSITIVE_INFINITY) return { x, value: fx, converged, iterations, evaluations };
  while (iterations < maxIterations) {
    if (maxAbs(g) <= tolerance) {
      converged = true;
      break;
    }
    iterations++;
    multiply(H, g, direction, -1);
    let slope = dot(direction, g);
    if (!(slope < 0)) {
      resetIdentity(H);
      multiply(H, g, direction, -1);
      slope = dot(direction, g);
      first = true;
    }
    let step = 1;
    if (first) step = Math.min(1, maxStep / Math.max(maxAbs(direction), 1e-300));
    let fTrial = Number.POSITIVE_INFINITY;
    let accepted = false;
    for (let tries = 0; tries < 60; tries++) {
      for (let j = 0; j < n; j++) trial[j] = x[j]! + step * direction[j]!;
      fTrial = analytic ? evaluate(trial, gTrial) : valueOnly(trial, gTrial);
      if (fTrial <= fx + 1e-4 * step * slope) {
        accepted = true;
        break;
      }
      // Hager & Zhang's approximate Wolfe conditions, for when the decrease left is below the
      // rounding of f (a sum over 10⁵ rows): f no higher than that rounding, and the slope along
      // the direction risen to between 0.9 and −0.8 of where it was — judged by the exact gradient.
      if (analytic && fTrial <= fx + 1e-12 * Math.abs(fx)) {
        const slopeTrial = dot(direction, gTrial);
        if (slopeTrial >= 0.9 * slope && slopeTrial <= -0.8 * slope) {
          accepted = true;
          break;
        }
      }
      const next = fTrial === Number.POSITIVE_INFINITY ? 0.1 * step : (-slope * step * step) / (2 * (fTrial - fx - slope * step));
      step = Math.min(0.5 * step, Math.max(0.1 * step, next));
    }
    if (!accepted) {
      // At the noise floor of f, or H gone bad: once more from steepest descent, then give up.
      if (first) break;
      resetIdentity(H);
      first = true;
      continue;
    }
    if (!analytic) evaluate(trial, gTrial);
    for (let j = 0; j < n; j++) {
      s[j] = trial[j]! - x[j]!;
      y[j] = gTrial[j]! - g[j]!;
    }
    const previous = fx;
    x.set(trial);
    g.set(gTrial);
    fx = fTrial;
    const sy = dot(s, y);
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      if (first) {
        resetIdentity(H, sy / dot(y, y));
        first = false;
      }
      // H ← (I − ρsyᵀ)H(I − ρysᵀ) + ρssᵀ, ρ = 1/sᵀy
      multiply(H, y, Hy, 1);
      const yHy = dot(y, Hy);
      const rho = 1 / sy;
      for (let i = 0; i < n; i++) {
        const row = H[i]!;
        for (let j = 0; j < n; j++) row[j] = row[j]! - rho * (Hy[i]! * s[j]! + s[i]! * Hy[j]!) + (rho * rho * yHy + rho) * s[i]! * s[j]!;
      }
    }
    // No progress a double can show: stop (converged only if the gradient says so).
    if (previous - fx <= 1e-16 * Math.abs(fx) && maxAbs(s) <= 1e-14 * Math.max(1, maxAbs(x))) break;
  }
  if (!converged && maxAbs(g) <= tolerance) converged = true;
  return { x, value: fx, converged, iterations, evaluations, inverseHessian: H };
}

/**
 * The Hessian at x by central differences, step 10⁻⁴·|xᵢ| (10⁻⁴ where xᵢ = 0): of the gradient
 * when one is given (first differences of exact derivatives, error ~10⁻⁸ relative), else second
 * differences of f (step ε^¼·|xᵢ|). Symmetrised.
 */
export function numericalHessian(f: Objective, x: ArrayLike<number>, gradient?: ObjectiveWithGradient): number[][] {
  const n = x.length;
  const point = Float64Array.from(x);
  const H = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  if (gradient) {
    const up = new Float64Array(n);
    const down = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const xi = point[i]!;
      const h = 1e-4 * (xi === 0 ? 1 : Math.abs(xi));
      point[i] = xi + h;
      gradient(point, up);
      point[i] = xi - h;
      gradient(point, down);
      point[i] = xi;
      for (let j = 0; j < n; j++) H[i]![j] = (up[j]! - down[j]!) / (2 * h);
    }
  } else {
    const steps = Array.from(point, (xi) => Math.sqrt(Math.sqrt(Number.EPSILON)) * (xi === 0 ? 1 : Math.abs(xi)));
    const at = (i: number, di: number, j: number, dj: number): number => {
      const xi = point[i]!;
      const xj = point[j]!;
      point[i] = xi + di;
      point[j] = point[j]! + dj;
      const v = f(point);
      point[i] = xi;
      point[j] = xj;
      return v;
    };
    const f0 = f(point);
    for (let i = 0; i < n; i++) {
      const hi = steps[i]!;
      H[i]![i] = (at(i, hi, i, 0) - 2 * f0 + at(i, -hi, i, 0)) / (hi * hi);
      for (let j = 0; j < i; j++) {
        const hj = steps[j]!;
        H[i]![j] = (at(i, hi, j, hj) - at(i, hi, j, -hj) - at(i, -hi, j, hj) + at(i, -hi, j, -hj)) / (4 * hi * hj);
        H[j]![i] = H[i]![j]!;
      }
    }
  }
  for (let i = 0; i < n; i++)
    for (let j = 0; j < i; j++) {
      const mean = 0.5 * (H[i]![j]! + H[j]![i]!);
      H[i]![j] = mean;
      H[j]![i] = mean;
    }
  return H;
}

/** The inverse of a symmetric matrix by Cholesky (A = LLᵀ, A⁻¹ = L⁻ᵀL⁻¹); null when it is not positive definite (a pivot ≤ 0 or not finite). */
export function invertSymmetric(matrix: readonly (readonly number[])[]): number[][] | null {
  const n = matrix.length;
  const L = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = matrix[i]![j]!;
      for (let k = 0; k < j; k++) sum -= L[i]![k]! * L[j]![k]!;
      if (i === j) {
        if (!(sum > 0) || !Number.isFinite(sum)) return null;
        L[i]![i] = Math.sqrt(sum);
      } else L[i]![j] = sum / L[j]![j]!;
    }
  }
  // L⁻¹, lower triangular, by forward substitution.
  const inverseL = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    inverseL[i]![i] = 1 / L[i]![i]!;
    for (let j = 0; j < i; j++) {
      let sum = 0;
      for (let k = j; k < i; k++) sum -= L[i]![k]! * inverseL[k]![j]!;
      inverseL[i]![j] = sum / L[i]![i]!;
    }
  }
  const inverse = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) {
      let sum = 0;
      for (let k = i; k < n; k++) sum += inverseL[k]![i]! * inverseL[k]![j]!;
      inverse[i]![j] = sum;
      inverse[j]![i] = sum;
    }
  return inverse;
}

function identity(n: number): Float64Array[] {
  const m = Array.from({ length: n }, () => new Float64Array(n));
  resetIdentity(m);
  return m;
}

function resetIdentity(m: Float64Array[], diagonal = 1): void {
  for (let i = 0; i < m.length; i++) {
    m[i]!.fill(0);
    m[i]![i] = diagonal;
  }
}

function multiply(m: Float64Array[], v: Float64Array, out: Float64Array, sign: number): void {
  for (let i = 0; i < m.length; i++) {
    let sum = 0;
    const row = m[i]!;
    for (let j = 0; j < v.length; j++) sum += row[j]! * v[j]!;
    out[i] = sign * sum;
  }
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

function maxAbs(v: Float64Array): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]!));
  return m;
}

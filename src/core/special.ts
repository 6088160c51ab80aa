/**
 * Special functions for the "buy till you die" models: ln Γ, ln B, ψ (digamma) and the Gauss
 * hypergeometric function ₂F₁(a, b; c; z) for real z < 1. Plain doubles, no allocation, so the
 * likelihood loops can call them per distinct value without cost.
 *
 * ₂F₁ (DLMF 15.2.1 series; 15.8.1 transformations; 15.10.1 the equation):
 * - z < 0: Pfaff's transformation ₂F₁(a, b; c; z) = (1 − z)^−a ₂F₁(a, c − b; c; z/(z − 1)) maps
 *   it to 0 < z/(z − 1) < 1, where the series has positive ratios of the argument.
 * - 0 ≤ z < 1 with c − a − b < 0: Euler's transformation ₂F₁(a, b; c; z) =
 *   (1 − z)^(c−a−b) ₂F₁(c − a, c − b; c; z). The function then grows like (1 − z)^(c−a−b), and the
 *   transformed one stays bounded up to z = 1; it also shrinks large parameters (the BG/NBD
 *   conditional expectation's r + x, b + x become a + b − 1 − r and a − 1, so the series for a
 *   customer with x = 200 is as short as for x = 0), and the power is kept as a logarithm, so
 *   neither overflows.
 * - the series itself up to z = 0.9 (at most a few hundred terms);
 * - above 0.9 neither transformation shortens the series (both keep the argument z, and the
 *   terms fall like zⁿ: 3,700 terms at 0.99, 37,000 at 0.999), and the (1 − z) connection
 *   formula has poles whenever c − a − b is an integer, which fitted parameters may cross. So
 *   from z₀ = 0.9 (series and derivative) the function is carried along the real axis by Taylor
 *   steps of the hypergeometric differential equation (see continuation()): z = 1 − 10⁻¹² costs
 *   some 30–400 steps of ~15 terms, depending on the parameters' size.
 */

const LANCZOS_G = 7;
/** Lanczos coefficients for g = 7, n = 9 (relative error of Γ below 2·10⁻¹⁵ for x > 0). */
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/**
 * ln Γ(x) for x > 0 (ln |Γ(x)| below 0 by reflection). Stirling's series (to x⁻¹³) from x ≥ 10, where
 * it is both faster and more exact than Lanczos (error below 10⁻¹⁶ relative); Lanczos below.
 */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  if (x >= 10) {
    const inv = 1 / x;
    const inv2 = inv * inv;
    // 1/(12x) − 1/(360x³) + 1/(1260x⁵) − 1/(1680x⁷) + 1/(1188x⁹) − 691/(360360x¹¹) + 1/(156x¹³)
    const series =
      inv * (1 / 12 - inv2 * (1 / 360 - inv2 * (1 / 1260 - inv2 * (1 / 1680 - inv2 * (1 / 1188 - inv2 * (691 / 360360 - inv2 / 156))))));
    return (x - 0.5) * Math.log(x) - x + HALF_LOG_TWO_PI + series;
  }
  const y = x - 1;
  let sum = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i]! / (y + i);
  const t = y + LANCZOS_G + 0.5;
  return HALF_LOG_TWO_PI + (y + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), for a, b > 0. */
export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

/** ψ(x) = d ln Γ(x)/dx for x > 0: the recurrence ψ(x) = ψ(x + 1) − 1/x up to x ≥ 10, then the asymptotic series to x⁻¹⁴ (error below 10⁻¹⁶ there). */
export function digamma(x: number): number {
  let shift = 0;
  while (x < 10) {
    shift -= 1 / x;
    x += 1;
  }
  const inv2 = 1 / (x * x);
  // ln x − 1/(2x) − 1/(12x²) + 1/(120x⁴) − 1/(252x⁶) + 1/(240x⁸) − 1/(132x¹⁰) + 691/(32760x¹²) − 1/(12x¹⁴)
  const series =
    inv2 * (1 / 12 - inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 * (1 / 132 - inv2 * (691 / 32760 - inv2 / 12))))));
  return shift + Math.log(x) - 0.5 / x - series;
}

/** A value as mantissa × e^scale, so a power like (1 − z)^(c−a−b) with a large exponent never overflows. */
interface Scaled {
  mantissa: number;
  scale: number;
}

const RESCALE = 1e280;
const LOG_RESCALE = Math.log(RESCALE);
/** The last z summed by the series; above it, Taylor steps of the equation. */
const SERIES_LIMIT = 0.9;
const MAX_SERIES_TERMS = 100_000;
const MAX_STEPS = 5_000;

/** Σ (a)ₙ(b)ₙ/((c)ₙ n!) zⁿ for 0 ≤ z ≤ 0.9 into `out`; NaN where c is a pole (0, −1, −2, …) the series reaches. */
function series(a: number, b: number, c: number, z: number, out: Scaled): void {
  let term = 1;
  let sum = 1;
  let scale = 0;
  // Past nMin the ratio of successive terms stays below 1: n beyond −a, −b, −c, and beyond where
  // (n + a)(n + b) > (n + c)(n + 1) can still hold (c − a − b ≥ 0 on this path, so that ends).
  const slack = c + 1 - a - b;
  const nMin = Math.max(-a, -b, -c, slack > 0 ? (a * b - c) / slack : 0);
  for (let n = 0; n < MAX_SERIES_TERMS; n++) {
    const denominator = (c + n) * (n + 1);
    if (denominator === 0) {
      out.mantissa = Number.NaN;
      out.scale = 0;
      return;
    }
    const ratio = ((a + n) * (b + n) * z) / denominator;
    term *= ratio;
    sum += term;
    if (term === 0) break;
    if (Math.abs(term) <= 1e-17 * Math.abs(sum) && n >= nMin) break;
    if (Math.abs(sum) > RESCALE) {
      sum /= RESCALE;
      term /= RESCALE;
      scale += LOG_RESCALE;
    }
  }
  out.mantissa = sum;
  out.scale = scale;
}

/**
 * ₂F₁ for 0.9 < z < 1 by Taylor steps of z(1 − z)w″ + [c − (a + b + 1)z]w′ − ab·w = 0 from
 * z₀ = 0.9, where w and w′ = (ab/c)·₂F₁(a + 1, b + 1; c + 1; 0.9) come from the series. The
 * coefficients eₙ = dₙhⁿ of w(z₀ + h) = Σ dₙhⁿ follow the three-term recurrence below. A step
 * is at most half the distance d = 1 − z₀ to the singular point (the terms then fall like 2⁻ⁿ)
 * and at most 1/√(P² + 4|Q|), P and Q the equation's w′ and w coefficients over z(1 − z): the
 * scale on which its two solutions part, so that the other solution (z^(1−c) or
 * (1 − z)^(c−a−b)), which a rounding error excites, grows by at most e over a step. The distance
 * d is carried instead of z₀ (1 − z is exact for z ≥ ½; 1 − z₀ recomputed would not be), and
 * c − (a + b + 1)z₀ is written (c − a − b − 1) + (a + b + 1)d for the same reason. Checked
 * against mpmath for a, b, c up to 400 and 1 − z down to 10⁻¹²: 2·10⁻¹³ relative.
 */
/** Taylor steps taken by continuation() so far: a fit reads it to stop a search that has wandered where each likelihood costs millions of steps. */
let stepsTaken = 0;
export const hypergeometricSteps = (): number => stepsTaken;

function continuation(a: number, b: number, c: number, zc: number, out: Scaled): void {
  series(a, b, c, SERIES_LIMIT, out);
  let w = out.mantissa;
  const scale = out.scale;
  series(a + 1, b + 1, c + 1, SERIES_LIMIT, out);
  let dw = ((a * b) / c) * out.mantissa * Math.exp(out.scale - scale);
  let d = 1 - SERIES_LIMIT;
  const target = zc;
  const ab = a * b;
  const q1 = -(a + b + 1);
  const excessLess1 = c - a - b - 1;
  let logScale = scale;
  // Parameters of 10⁶ and more would need millions of steps (the solutions part on a scale
  // 1/√(ab)): NaN instead, which a fit reads as "not here". The steps are at most 1/rate long and
  // the rate only grows towards z = 1, so the rate at the start bounds the steps from below: a
  // run that can't finish within MAX_STEPS is given up before it starts (a fit that wanders off
  // along a ridge calls this millions of times).
  {
    const p0 = (1 - d) * d;
    const q0 = excessLess1 + (a + b + 1) * d;
    const rate = Math.sqrt((q0 / p0) * (q0 / p0) + (4 * Math.abs(ab)) / p0);
    if ((d - target) * rate > MAX_STEPS) {
      out.mantissa = Number.NaN;
      out.scale = 0;
      return;
    }
  }
  for (let steps = 0; d > target; steps++) {
    if (steps === MAX_STEPS) {
      out.mantissa = Number.NaN;
      out.scale = 0;
      return;
    }
    const z0 = 1 - d;
    const p0 = z0 * d;
    const p1 = 2 * d - 1;
    const q0 = excessLess1 + (a + b + 1) * d;
    const rate = Math.sqrt((q0 / p0) * (q0 / p0) + (4 * Math.abs(ab)) / p0);
    const last = d - target;
    let h = Math.min(last, 0.5 * d, 1 / rate);
    if (h >= last) h = last;
    // e₍ₙ₊₂₎ = −[(p1·n + q0)(n + 1)·e₍ₙ₊₁₎·h + (−n(n − 1) + q1·n − ab)·eₙ·h²] / (p0(n + 2)(n + 1))
    let e0 = w;
    let e1 = dw * h;
    let value = e0 + e1;
    let slope = e1; // Σ n·eₙ = h·w′(z₀ + h)
    for (let n = 0; n < 2000; n++) {
      const e2 = -((p1 * n + q0) * (n + 1) * e1 * h + (-n * (n - 1) + q1 * n - ab) * e0 * h * h) / (p0 * (n + 2) * (n + 1));
      value += e2;
      slope += (n + 2) * e2;
      e0 = e1;
      e1 = e2;
      const size = Math.abs(value);
      if (n > 2 && Math.abs(e0) <= 1e-17 * size && Math.abs(e1) <= 1e-17 * size) break;
    }
    w = value;
    dw = slope / h;
    d = h === last ? target : d - h;
    stepsTaken++;
    const size = Math.abs(w);
    if (size > RESCALE || (size < 1 / RESCALE && size > 0)) {
      w /= size;
      dw /= size;
      logScale += Math.log(size);
    }
  }
  out.mantissa = w;
  out.scale = logScale;
}

/** ₂F₁(a, b; c; z) as mantissa × e^scale, by the routes in the file's comment; zc = 1 − z, exact (Pfaff's 1/(1 − z) would lose digits as 1 − z/(z − 1)). */
function hyp2f1Scaled(a: number, b: number, c: number, z: number, zc: number, out: Scaled): void {
  if (!(z < 1) || Number.isNaN(a + b + c + z)) {
    out.mantissa = Number.NaN;
    out.scale = 0;
    return;
  }
  if (z === 0) {
    out.mantissa = 1;
    out.scale = 0;
    return;
  }
  if (z < 0) {
    // Pfaff: (1 − z)^−a · ₂F₁(a, c − b; c; z/(z − 1)), or the same with a and b swapped: the one
    // whose new parameter (c − b, or c − a) is the larger, so the series keeps one sign.
    const w = z / (z - 1);
    const wc = 1 / zc;
    if (c - a > c - b) {
      hyp2f1Scaled(c - a, b, c, w, wc, out);
      out.scale += -b * Math.log(zc);
    } else {
      hyp2f1Scaled(a, c - b, c, w, wc, out);
      out.scale += -a * Math.log(zc);
    }
    return;
  }
  const excess = c - a - b;
  const terminates = isNonPositiveInteger(a) || isNonPositiveInteger(b);
  // Euler only where the new parameters c − a, c − b stay above −1: the terms then change sign at
  // most once, and never cancel.
  if (excess < 0 && !terminates && c - a > -1 && c - b > -1) {
    // Euler: (1 − z)^(c−a−b) · ₂F₁(c − a, c − b; c; z).
    if (z <= SERIES_LIMIT || isNonPositiveInteger(c - a) || isNonPositiveInteger(c - b)) series(c - a, c - b, c, z, out);
    else continuation(c - a, c - b, c, zc, out);
    out.scale += excess * (z < 0.5 ? Math.log1p(-z) : Math.log(zc));
    return;
  }
  if (z <= SERIES_LIMIT || terminates) series(a, b, c, z, out);
  else continuation(a, b, c, zc, out);
}

function isNonPositiveInteger(v: number): boolean {
  return v <= 0 && Number.isInteger(v);
}

const scratch: Scaled = { mantissa: 0, scale: 0 };

/** The Gauss hypergeometric function ₂F₁(a, b; c; z) for real z < 1 (NaN for z ≥ 1 or c at a pole); about 15 significant digits. */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  hyp2f1Scaled(a, b, c, z, 1 - z, scratch);
  return scratch.mantissa * Math.exp(scratch.scale);
}

/** ln ₂F₁(a, b; c; z) where the function is positive (NaN where it is not): for values past the range of a double, as the BTYD formulas with large x need. */
export function logHyp2f1(a: number, b: number, c: number, z: number): number {
  hyp2f1Scaled(a, b, c, z, 1 - z, scratch);
  return scratch.mantissa > 0 ? Math.log(scratch.mantissa) + scratch.scale : Number.NaN;
}

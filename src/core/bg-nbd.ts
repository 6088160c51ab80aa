/**
 * BG/NBD (Fader, Hardie & Lee 2005, "Counting Your Customers the Easy Way: An Alternative to the
 * Pareto/NBD Model", Marketing Science 24(2)): while active a customer buys at a Poisson rate
 * λ ~ Gamma(r, α), and after each purchase drops out with probability p ~ Beta(a, b). Time in
 * the data's unit (weeks for the published CDNOW values); α in that unit.
 *
 * Penalizer, as lifetimes' BetaGeoFitter._negative_log_likelihood: the objective is
 * −Σ w·LL / Σ w + penalizer × (r² + α̃² + a² + b²), α̃ = α / max T (lifetimes fits on times
 * divided by the largest T, so its α is on that scale; the penalty is on the natural parameters,
 * not their logs, and the mean over customers is penalized, not the sum).
 */
import { checkFrequencies, distinct, everyKthRow, type Fit, type FitOptions, type Frequencies, fitModel, logAddExp } from "./btyd.js";
import { digamma, logBeta, logGamma, logHyp2f1 } from "./special.js";

export interface BgNbdParams {
  readonly r: number;
  readonly alpha: number;
  readonly a: number;
  readonly b: number;
}

/** ln L of one customer, eq. (6) as printed: ln[B(a, b + x)/B(a, b) · Γ(r + x)αʳ/(Γ(r)(α + T)^(r+x)) + δₓ₎₀ B(a + 1, b + x − 1)/B(a, b) · Γ(r + x)αʳ/(Γ(r)(α + tₓ)^(r+x))]. */
function customerLogLikelihood(p: BgNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = p;
  const common = logGamma(r + x) - logGamma(r) + r * Math.log(alpha) - logBeta(a, b);
  const stays = logBeta(a, b + x) - (r + x) * Math.log(alpha + T);
  if (x === 0) return common + stays;
  const dropped = logBeta(a + 1, b + x - 1) - (r + x) * Math.log(alpha + tx);
  return common + logAddExp(stays, dropped);
}

/** Σ weight × the customer's log-likelihood (eq. 6), term by term — the reference the fit's faster sum is checked against. */
export function bgNbdLogLikelihood(p: BgNbdParams, data: Frequencies): number {
  let sum = 0;
  for (let i = 0; i < data.length; i++) {
    const w = data.weight[i]!;
    if (w !== 0) sum += w * customerLogLikelihood(p, data.x[i]!, data.tx[i]!, data.T[i]!);
  }
  return sum;
}

/**
 * The fit's log-likelihood and its gradient in (r, α, a, b). Everything that depends on x alone
 * (the Γ and B terms, their ψ derivatives) is computed once per distinct x, ln(α + t) once per
 * distinct time; a row then costs one exp and one log (x > 0) or neither (x = 0):
 * ln L = A(x) + r ln α − (r + x) ln(α + T) + ln(1 + δ·e^D), D = ln(a/(b + x − 1)) + (r + x)(ln(α + T) − ln(α + tₓ)).
 */
export function bgNbdLikelihoodWithGradient(data: Frequencies): (theta: Float64Array, gradient: Float64Array) => number {
  const n = data.length;
  const weight = data.weight;
  const {
    values: xs,
    index: [xIndex],
  } = distinct(data.x);
  const {
    values: times,
    index: [txIndex, TIndex],
  } = distinct(data.tx, data.T);
  const nx = xs.length;
  const weightOfX = new Float64Array(nx);
  let customers = 0;
  for (let i = 0; i < n; i++) {
    weightOfX[xIndex![i]!]! += weight[i]!;
    customers += weight[i]!;
  }
  const A = new Float64Array(nx);
  const Ar = new Float64Array(nx);
  const Aa = new Float64Array(nx);
  const Ab = new Float64Array(nx);
  const logOdds = new Float64Array(nx);
  const inverse = new Float64Array(nx);
  const logTime = new Float64Array(times.length);
  const inverseTime = new Float64Array(times.length);
  return (theta, gradient) => {
    const r = theta[0]!;
    const alpha = theta[1]!;
    const a = theta[2]!;
    const b = theta[3]!;
    const lgR = logGamma(r);
    const lgAB = logGamma(a + b);
    const lgB = logGamma(b);
    const psiR = digamma(r);
    const psiAB = digamma(a + b);
    const psiB = digamma(b);
    const logA = Math.log(a);
    let xTerms = 0;
    let xR = 0;
    let xA = 0;
    let xB = 0;
    for (let k = 0; k < nx; k++) {
      const x = xs[k]!;
      if (x === 0) {
        A[k] = 0;
        Ar[k] = 0;
        Aa[k] = 0;
        Ab[k] = 0;
      } else {
        A[k] = logGamma(r + x) - lgR + lgAB + logGamma(b + x) - lgB - logGamma(a + b + x);
        Ar[k] = digamma(r + x) - psiR;
        const psiABX = digamma(a + b + x);
        Aa[k] = psiAB - psiABX;
        Ab[k] = psiAB + digamma(b + x) - psiB - psiABX;
        logOdds[k] = logA - Math.log(b + x - 1);
        inverse[k] = 1 / (b + x - 1);
      }
      const w = weightOfX[k]!;
      xTerms += w * A[k]!;
      xR += w * Ar[k]!;
      xA += w * Aa[k]!;
      xB += w * Ab[k]!;
    }
    for (let t = 0; t < times.length; t++) {
      logTime[t] = Math.log(alpha + times[t]!);
      inverseTime[t] = 1 / (alpha + times[t]!);
    }
    let sum = 0;
    let sumR = 0;
    let sumAlpha = 0;
    let sumDropped = 0;
    let sumDroppedInverse = 0;
    for (let i = 0; i < n; i++) {
      const w = weight[i]!;
      const k = xIndex![i]!;
      const x = xs[k]!;
      const iT = TIndex![i]!;
      const lT = logTime[iT]!;
      const rx = r + x;
      let ll = -rx * lT;
      let dr = -lT;
      let dAlpha = -rx * inverseTime[iT]!;
      if (x !== 0) {
        const itx = txIndex![i]!;
        const gap = lT - logTime[itx]!;
        const D = logOdds[k]! + rx * gap;
        // ln(1 + e^D) and its derivative e^D/(1 + e^D), without overflow.
        let share: number;
        if (D > 0) {
          const e = Math.exp(-D);
          ll += D + Math.log1p(e);
          share = 1 / (1 + e);
        } else {
          const e = Math.exp(D);
          ll += Math.log1p(e);
          share = e / (1 + e);
        }
        dr += share * gap;
        dAlpha += share * rx * (inverseTime[iT]! - inverseTime[itx]!);
        sumDropped += w * share;
        sumDroppedInverse += w * share * inverse[k]!;
      }
      sum += w * ll;
      sumR += w * dr;
      sumAlpha += w * dAlpha;
    }
    const logAlpha = Math.log(alpha);
    gradient[0] = xR + customers * logAlpha + sumR;
    gradient[1] = (customers * r) / alpha + sumAlpha;
    gradient[2] = xA + sumDropped / a;
    gradient[3] = xB - sumDroppedInverse;
    return xTerms + customers * r * logAlpha + sum;
  };
}

/** Maximum likelihood (fitModel in btyd.ts) from four starts: the paper's (1, 1, 1, 1), lifetimes' e^0.1 on its scaled time, and two spread ones. */
export function fitBgNbd(data: Frequencies, options: FitOptions = {}): Fit<BgNbdParams> {
  const { customers, maxT } = checkFrequencies(data);
  const coarse = everyKthRow(data, ["x", "tx", "T"]);
  const e = Math.exp(0.1);
  return fitModel<BgNbdParams>({
    names: ["r", "alpha", "a", "b"],
    scale: Float64Array.of(1, maxT, 1, 1),
    starts: [
      [1, 1, 1, 1],
      [e, e * maxT, e, e],
      [0.3, 0.1 * maxT, 0.5, 3],
      [3, 3 * maxT, 3, 0.5],
    ],
    logLikelihood: bgNbdLikelihoodWithGradient(data),
    customers,
    penalty: options.penalizer ?? 0,
    penaltyScale: Float64Array.of(1, maxT, 1, 1),
    reference: (p) => bgNbdLogLikelihood(p, data),
    coarse: coarse && { logLikelihood: bgNbdLikelihoodWithGradient(coarse.data), customers: coarse.customers },
  });
}

/** E[X(t)], the expected repeat purchases of a new customer in (0, t] (eq. 7): (a + b − 1)/(a − 1) · [1 − (α/(α + t))ʳ ₂F₁(r, b; a + b − 1; t/(α + t))]. */
export function bgNbdExpected(p: BgNbdParams, t: number): number {
  const { r, alpha, a, b } = p;
  if (t <= 0) return 0;
  const log = r * Math.log(alpha / (alpha + t)) + logHyp2f1(r, b, a + b - 1, t / (alpha + t));
  return ((a + b - 1) / (a - 1)) * -Math.expm1(log);
}

/**
 * P(X(t) = x) (eq. 8): B(a, b + x)/B(a, b) · NB(x) + δₓ₎₀ B(a + 1, b + x − 1)/B(a, b) · P(NB ≥ x), NB
 * the negative binomial Γ(r + j)/(Γ(r) j!) (α/(α + t))ʳ (t/(α + t))ʲ. The tail P(NB ≥ x) is summed
 * upwards from j = x rather than taken as 1 − Σⱼ₍ₓ, which loses every digit once it is small
 * (P(X(2) = 10) ≈ 10⁻⁷).
 */
export function bgNbdProbability(p: BgNbdParams, t: number, x: number): number {
  const { r, alpha, a, b } = p;
  if (t <= 0) return x === 0 ? 1 : 0;
  const logStay = r * Math.log(alpha / (alpha + t));
  const logGo = Math.log(t / (alpha + t));
  const q = t / (alpha + t);
  const logPmf = (j: number) => logGamma(r + j) - logGamma(r) - logGamma(j + 1) + logStay + j * logGo;
  const lbAB = logBeta(a, b);
  const first = Math.exp(logBeta(a, b + x) - lbAB + logPmf(x));
  if (x === 0) return first;
  let term = Math.exp(logPmf(x));
  let tail = term;
  for (let j = x; j < x + 1_000_000; j++) {
    const ratio = ((r + j) / (j + 1)) * q;
    term *= ratio;
    tail += term;
    if (ratio < 1 && term <= 1e-17 * tail) break;
  }
  return first + Math.exp(logBeta(a + 1, b + x - 1) - lbAB) * tail;
}

/**
 * E[Y(t) | x, tₓ, T], the expected repeat purchases in (T, T + t] of a customer with that
 * history (eq. 10): (a + b + x − 1)/(a − 1) · [1 − ((α + T)/(α + T + t))^(r+x) ₂F₁(r + x, b + x; a + b + x − 1; t/(α + T + t))]
 * / (1 + δₓ₎₀ a/(b + x − 1) · ((α + T)/(α + tₓ))^(r+x)). The power and ₂F₁ are multiplied as
 * logarithms (for a large x the one overflows as the other underflows).
 */
export function bgNbdConditionalExpected(p: BgNbdParams, t: number, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = p;
  if (t <= 0) return 0;
  const log = (r + x) * Math.log((alpha + T) / (alpha + T + t)) + logHyp2f1(r + x, b + x, a + b + x - 1, t / (alpha + T + t));
  const numerator = ((a + b + x - 1) / (a - 1)) * -Math.expm1(log);
  return numerator * bgNbdProbabilityAlive(p, x, tx, T);
}

/** P(alive | x, tₓ, T) = 1 / (1 + δₓ₎₀ a/(b + x − 1) · ((α + T)/(α + tₓ))^(r+x)) (Fader, Hardie & Lee's note 021); 1 for x = 0. */
export function bgNbdProbabilityAlive(p: BgNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = p;
  if (x === 0) return 1;
  const log = Math.log(a / (b + x - 1)) + (r + x) * Math.log((alpha + T) / (alpha + tx));
  return log > 0 ? Math.exp(-log) / (1 + Math.exp(-log)) : 1 / (1 + Math.exp(log));
}

/**
 * Pareto/NBD (Schmittlein, Morrison & Colombo 1987; the expressions of Fader & Hardie, "A Note on
 * Deriving the Pareto/NBD Model and Related Expressions", 2005, brucehardie.com/notes/009): while
 * alive a customer buys at a Poisson rate λ ~ Gamma(r, α) and dies after an exponential lifetime
 * of rate μ ~ Gamma(s, β). Time in the data's unit; α and β in that unit.
 *
 * Likelihood (note 009, eq. 18–20): L = Γ(r + x)αʳβˢ/Γ(r) · [1/((α + T)^(r+x)(β + T)ˢ) + s/(r + s + x)·A₀],
 * A₀ = F(tₓ) − F(T), F(y) = ₂F₁(r + s + x, s + 1; r + s + x + 1; (α − β)/(α + y)) / (α + y)^(r+s+x)
 * for α ≥ β and ₂F₁(r + s + x, r + x; r + s + x + 1; (β − α)/(β + y)) / (β + y)^(r+s+x) for α < β:
 * both put the larger of α, β in the denominator, so the argument is in [0, 1).
 *
 * Penalizer, as lifetimes' ParetoNBDFitter._negative_log_likelihood: −Σ w·LL / mean(w) +
 * penalizer × (r² + α̃² + s² + β̃²), α̃ = α / max T and β̃ = β / max T (lifetimes' scaled time),
 * on the natural parameters. lifetimes divides by the mean weight, not the sum as its BG/NBD
 * does: 1 on one row per customer, its usual input, so the penalty is against the whole sum.
 * That is what is followed, with the mean weight taken as 1 whatever the grouping (lifetimes'
 * mean(w) would make the result depend on how identical customers were collapsed).
 */
import {
  checkFrequencies,
  distinct,
  distinctPairs,
  everyKthRow,
  type Fit,
  type FitOptions,
  type Frequencies,
  fitModel,
  logAddExp,
} from "./btyd.js";
import { digamma, logGamma, logHyp2f1 } from "./special.js";

export interface ParetoNbdParams {
  readonly r: number;
  readonly alpha: number;
  readonly s: number;
  readonly beta: number;
}

/** ln F(y) of the file's comment, as printed: with ₂F₁ through special.ts. */
function logF(p: ParetoNbdParams, x: number, y: number): number {
  const { r, alpha, s, beta } = p;
  const big = Math.max(alpha, beta);
  const small = Math.min(alpha, beta);
  const rsx = r + s + x;
  const second = alpha >= beta ? s + 1 : r + x;
  return logHyp2f1(rsx, second, rsx + 1, (big - small) / (big + y)) - rsx * Math.log(big + y);
}

/** ln[s/(r + s + x) · A₀], −∞ when tₓ = T. */
function logDeathTerm(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  if (tx >= T) return Number.NEGATIVE_INFINITY;
  const atTx = logF(p, x, tx);
  const atT = logF(p, x, T);
  return Math.log(p.s) - Math.log(p.r + p.s + x) + atTx + Math.log(-Math.expm1(atT - atTx));
}

/** −(r + x) ln(α + T) − s ln(β + T): ln of the first term in the brackets. */
function logAliveTerm(p: ParetoNbdParams, x: number, T: number): number {
  return -(p.r + x) * Math.log(p.alpha + T) - p.s * Math.log(p.beta + T);
}

function customerLogLikelihood(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = p;
  const head = logGamma(r + x) - logGamma(r) + r * Math.log(alpha) + s * Math.log(beta);
  return head + logAddExp(logAliveTerm(p, x, T), logDeathTerm(p, x, tx, T));
}

/** Σ weight × the customer's log-likelihood (note 009, eq. 18–20) through ₂F₁, term by term: the reference for the fit's faster sum. */
export function paretoNbdLogLikelihood(p: ParetoNbdParams, data: Frequencies): number {
  let sum = 0;
  for (let i = 0; i < data.length; i++) {
    const w = data.weight[i]!;
    if (w !== 0) sum += w * customerLogLikelihood(p, data.x[i]!, data.tx[i]!, data.T[i]!);
  }
  return sum;
}

/** Past this argument the series below needs over ~37,000 terms; such a pair goes through ₂F₁'s continuation instead, with difference quotients. */
const SERIES_Z = 0.999;

/**
 * J(y) = ∫_y^∞ (α + τ)^−p (β + τ)^−q dτ, p = r + x, q = s + 1 (so that s·J(y) is F(y)·s/(r + s + x)),
 * and its derivatives in (r, α, s, β) into out[1…4] (ln J into out[0]). With m, n the larger and
 * smaller of α, β and e, f the exponents that go with them (e + f = a + 1, a = r + s + x), Euler's
 * transformation of F gives
 *   ln J = −a ln(m + y) − ln a + (1 − f)(ln(n + y) − ln(m + y)) + ln S,  S = Σ (e)ₖ/(a + 1)ₖ zᵏ,
 * z = (m − n)/(m + y): positive terms falling at least like zᵏ, which the derivatives of (e)ₖ,
 * (a + 1)ₖ and zᵏ ride along (harmonic sums Hₑ, H_c and Σ k·uₖ/z).
 */
function logJ(r: number, s: number, x: number, alpha: number, beta: number, y: number, out: Float64Array): void {
  const p = r + x;
  const q = s + 1;
  const a = r + s + x;
  const alphaBig = alpha >= beta;
  const m = alphaBig ? alpha : beta;
  const n = alphaBig ? beta : alpha;
  const e = alphaBig ? p : q;
  const f = alphaBig ? q : p;
  const c = a + 1;
  const my = m + y;
  const ny = n + y;
  const z = (m - n) / my;
  const lm = Math.log(my);
  const ln = Math.log(ny);
  if (z > SERIES_Z) {
    logJByDifferences(r, s, x, alpha, beta, y, out);
    return;
  }
  let S = 1;
  let Se = 0;
  let Sc = 0;
  let Sz = 0;
  let He = 0;
  let Hc = 0;
  let v = 1;
  const tail = 1 - z;
  for (let k = 1; k < 200_000; k++) {
    const overC = 1 / (c + k - 1);
    He += 1 / (e + k - 1);
    Hc += overC;
    v = k === 1 ? e * overC : v * (e + k - 1) * z * overC;
    const u = v * z;
    S += u;
    Se += u * He;
    Sc += u * Hc;
    Sz += k * v;
    if (u <= 1e-17 * tail * S && k * v * (1 + He + Hc) <= 1e-14 * tail * (Sz + Se + Sc)) break;
  }
  out[0] = -a * lm - Math.log(a) + (1 - f) * (ln - lm) + Math.log(S);
  const dA = -lm - 1 / a - Sc / S;
  const dE = Se / S;
  const dF = lm - ln;
  const dz = Sz / S;
  const dM = -e / my + (dz * ny) / (my * my);
  const dN = (1 - f) / ny - dz / my;
  out[1] = dA + (alphaBig ? dE : dF);
  out[3] = dA + (alphaBig ? dF : dE);
  out[2] = alphaBig ? dM : dN;
  out[4] = alphaBig ? dN : dM;
}

/** ln J through logHyp2f1, its derivatives by central differences (steps 10⁻⁶ relative): for the rare z near 1. */
function logJByDifferences(r: number, s: number, x: number, alpha: number, beta: number, y: number, out: Float64Array): void {
  const value = (rr: number, aa: number, ss: number, bb: number) =>
    logF({ r: rr, alpha: aa, s: ss, beta: bb }, x, y) - Math.log(rr + ss + x);
  out[0] = value(r, alpha, s, beta);
  const theta = [r, alpha, s, beta];
  for (let i = 0; i < 4; i++) {
    const h = 1e-6 * theta[i]!;
    const up = theta.slice();
    const down = theta.slice();
    up[i]! += h;
    down[i]! -= h;
    out[i + 1] = (value(up[0]!, up[1]!, up[2]!, up[3]!) - value(down[0]!, down[1]!, down[2]!, down[3]!)) / (2 * h);
  }
}

/**
 * The fit's log-likelihood and its gradient in (r, α, s, β). The bracket of the likelihood is
 * U + V with U = 1/((α + T)^(r+x)(β + T)ˢ) − s·J(T), which depends on (x, T) only, and
 * V = s·J(tₓ), on (x, tₓ) only — so each is computed once per distinct pair, and a row costs one
 * exp and one log. (U ≥ 0: s·J(T) ≤ (α + T)^−(r+x)·s∫(β + τ)^−(s+1) = the first term.)
 */
export function paretoNbdLikelihoodWithGradient(data: Frequencies): (theta: Float64Array, gradient: Float64Array) => number {
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
  const alivePairs = distinctPairs(xIndex!, TIndex!);
  const deathPairs = distinctPairs(xIndex!, txIndex!);
  const nx = xs.length;
  const weightOfX = new Float64Array(nx);
  let customers = 0;
  for (let i = 0; i < n; i++) {
    weightOfX[xIndex![i]!]! += weight[i]!;
    customers += weight[i]!;
  }
  const nu = alivePairs.first.length;
  const nv = deathPairs.first.length;
  // Per pair: ln U (ln V) and ∂/∂(r, α, s, β) of it, 5 numbers a pair.
  const U = new Float64Array(5 * nu);
  const V = new Float64Array(5 * nv);
  const j = new Float64Array(5);
  return (theta, gradient) => {
    const r = theta[0]!;
    const alpha = theta[1]!;
    const s = theta[2]!;
    const beta = theta[3]!;
    const logS = Math.log(s);
    for (let k = 0; k < nu; k++) {
      const x = xs[alivePairs.first[k]!]!;
      const T = times[alivePairs.second[k]!]!;
      logJ(r, s, x, alpha, beta, T, j);
      const la = Math.log(alpha + T);
      const lb = Math.log(beta + T);
      const E1 = -(r + x) * la - s * lb;
      const rho = Math.exp(logS + j[0]! - E1);
      const o = 5 * k;
      if (!(rho < 1)) {
        U[o] = Number.NEGATIVE_INFINITY;
        U[o + 1] = U[o + 2] = U[o + 3] = U[o + 4] = 0;
        continue;
      }
      const keep = 1 / (1 - rho);
      U[o] = E1 + Math.log1p(-rho);
      U[o + 1] = (-la - rho * j[1]!) * keep;
      U[o + 2] = (-(r + x) / (alpha + T) - rho * j[2]!) * keep;
      U[o + 3] = (-lb - rho * (1 / s + j[3]!)) * keep;
      U[o + 4] = (-s / (beta + T) - rho * j[4]!) * keep;
    }
    for (let k = 0; k < nv; k++) {
      const x = xs[deathPairs.first[k]!]!;
      const tx = times[deathPairs.second[k]!]!;
      logJ(r, s, x, alpha, beta, tx, j);
      const o = 5 * k;
      V[o] = logS + j[0]!;
      V[o + 1] = j[1]!;
      V[o + 2] = j[2]!;
      V[o + 3] = 1 / s + j[3]!;
      V[o + 4] = j[4]!;
    }
    let xTerms = 0;
    let xR = 0;
    const lgR = logGamma(r);
    const psiR = digamma(r);
    for (let k = 0; k < nx; k++) {
      const x = xs[k]!;
      if (x === 0) continue;
      const w = weightOfX[k]!;
      xTerms += w * (logGamma(r + x) - lgR);
      xR += w * (digamma(r + x) - psiR);
    }
    let sum = 0;
    let g1 = 0;
    let g2 = 0;
    let g3 = 0;
    let g4 = 0;
    const ui = alivePairs.index;
    const vi = deathPairs.index;
    for (let i = 0; i < n; i++) {
      const w = weight[i]!;
      const ou = 5 * ui[i]!;
      const ov = 5 * vi[i]!;
      const lu = U[ou]!;
      const lv = V[ov]!;
      // ln(e^lu + e^lv) and the share of V, without overflow.
      let ll: number;
      let share: number;
      if (lv > lu) {
        const e = Math.exp(lu - lv);
        ll = lv + Math.log1p(e);
        share = 1 / (1 + e);
      } else {
        const e = Math.exp(lv - lu);
        ll = lu + Math.log1p(e);
        share = e / (1 + e);
      }
      const rest = 1 - share;
      sum += w * ll;
      g1 += w * (rest * U[ou + 1]! + share * V[ov + 1]!);
      g2 += w * (rest * U[ou + 2]! + share * V[ov + 2]!);
      g3 += w * (rest * U[ou + 3]! + share * V[ov + 3]!);
      g4 += w * (rest * U[ou + 4]! + share * V[ov + 4]!);
    }
    const logAlpha = Math.log(alpha);
    const logBetaValue = Math.log(beta);
    gradient[0] = xR + customers * logAlpha + g1;
    gradient[1] = (customers * r) / alpha + g2;
    gradient[2] = customers * logBetaValue + g3;
    gradient[3] = (customers * s) / beta + g4;
    return xTerms + customers * (r * logAlpha + s * logBetaValue) + sum;
  };
}

/** Maximum likelihood (fitModel in btyd.ts) from four starts: lifetimes' neighbourhood of 1 on its scaled time, (1, 1, 1, 1) in the data's unit, and two spread ones. */
export function fitParetoNbd(data: Frequencies, options: FitOptions = {}): Fit<ParetoNbdParams> {
  const { customers, maxT } = checkFrequencies(data);
  const coarse = everyKthRow(data, ["x", "tx", "T"]);
  return fitModel<ParetoNbdParams>({
    names: ["r", "alpha", "s", "beta"],
    scale: Float64Array.of(1, maxT, 1, maxT),
    starts: [
      [1, maxT, 1, maxT],
      [1, 1, 1, 1],
      [0.5, 0.3 * maxT, 0.5, 0.3 * maxT],
      [2, 3 * maxT, 0.3, 0.1 * maxT],
    ],
    logLikelihood: paretoNbdLikelihoodWithGradient(data),
    customers,
    // −Σ w·LL + penalizer·Σθ̃², over Σ w like the rest of the objective.
    penalty: (options.penalizer ?? 0) / customers,
    penaltyScale: Float64Array.of(1, maxT, 1, maxT),
    reference: (p) => paretoNbdLogLikelihood(p, data),
    coarse: coarse && { logLikelihood: paretoNbdLikelihoodWithGradient(coarse.data), customers: coarse.customers },
  });
}

/** (1 − (1 + u)^−k)/k, and its limit ln(1 + u) as k → 0, without cancellation. */
function powerIntegral(k: number, u: number): number {
  const l = Math.log1p(u);
  return Math.abs(k) < 1e-10 ? l : -Math.expm1(-k * l) / k;
}

/** E[X(t)] for a new customer (note 009, eq. 27): rβ/(α(s − 1)) · [1 − (β/(β + t))^(s−1)] (s = 1 by its limit). */
export function paretoNbdExpected(p: ParetoNbdParams, t: number): number {
  if (t <= 0) return 0;
  return ((p.r * p.beta) / p.alpha) * powerIntegral(p.s - 1, t / p.beta);
}

/** P(alive | x, tₓ, T) (note 009, eq. 36–37): the first term of the likelihood's brackets over both. */
export function paretoNbdProbabilityAlive(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  const alive = logAliveTerm(p, x, T);
  const death = logDeathTerm(p, x, tx, T);
  return 1 / (1 + Math.exp(death - alive));
}

/** E[Y(t) | x, tₓ, T] (note 009, eq. 41): P(alive) · (r + x)(β + T)/((α + T)(s − 1)) · [1 − ((β + T)/(β + T + t))^(s−1)]. */
export function paretoNbdConditionalExpected(p: ParetoNbdParams, t: number, x: number, tx: number, T: number): number {
  if (t <= 0) return 0;
  const rate = ((p.r + x) * (p.beta + T)) / (p.alpha + T);
  return paretoNbdProbabilityAlive(p, x, tx, T) * rate * powerIntegral(p.s - 1, t / (p.beta + T));
}

/**
 * Gamma-Gamma spend model (Fader & Hardie 2013, "The Gamma-Gamma Model of Monetary Value",
 * brucehardie.com/notes/025; Fader, Hardie & Lee 2005, "RFM and CLV"): a customer's transactions
 * are Gamma(p, ν) with ν ~ Gamma(q, v) across customers, so the mean zbar of x repeat
 * transactions has the density of note 025 eq. (1a). It assumes spend independent of the
 * purchase process; the caller passes customers with x > 0 and zbar > 0 only.
 *
 * Penalizer, as lifetimes' GammaGammaFitter._negative_log_likelihood: −Σ w·LL / Σ w +
 * penalizer × (p² + q² + v²), on the natural parameters with v in the money's own units (lifetimes
 * does not rescale spend, so the same coefficient weighs on v more in a currency of small units).
 */
import { distinct, everyKthRow, type Fit, type FitOptions, fitModel, type Spends } from "./btyd.js";
import { digamma, logGamma } from "./special.js";

export interface GammaGammaParams {
  readonly p: number;
  readonly q: number;
  readonly v: number;
}

/** ln f(zbar | x) of note 025 eq. (1a), as lifetimes writes it. */
function customerLogLikelihood(params: GammaGammaParams, x: number, zbar: number): number {
  const { p, q, v } = params;
  const px = p * x;
  return (
    logGamma(px + q) -
    logGamma(px) -
    logGamma(q) +
    q * Math.log(v) +
    (px - 1) * Math.log(zbar) +
    px * Math.log(x) -
    (px + q) * Math.log(x * zbar + v)
  );
}

/** Σ weight × ln f(zbar | x), term by term. */
export function gammaGammaLogLikelihood(params: GammaGammaParams, spends: Spends): number {
  let sum = 0;
  for (let i = 0; i < spends.length; i++) {
    const w = spends.weight[i]!;
    if (w !== 0) sum += w * customerLogLikelihood(params, spends.x[i]!, spends.zbar[i]!);
  }
  return sum;
}

/**
 * The fit's log-likelihood and gradient in (p, q, v). A row's term is rewritten
 * p·x·(ln(x·zbar) − ln(x·zbar + v)) − q·ln(x·zbar + v) − ln zbar, whose parts are of the size of
 * the result: summed as printed, p·x·ln zbar + p·x·ln x − (p·x + q)·ln(x·zbar + v) cancel from
 * thousands per customer (x = 100, p = 13) and the rounding left would stall the search. The Γ
 * terms are computed once per distinct x; a row costs one log.
 */
export function gammaGammaLikelihoodWithGradient(spends: Spends): (theta: Float64Array, gradient: Float64Array) => number {
  const n = spends.length;
  const { weight, zbar } = spends;
  const {
    values: xs,
    index: [xIndex],
  } = distinct(spends.x);
  const weightOfX = new Float64Array(xs.length);
  const rowX = new Float64Array(n);
  const amount = new Float64Array(n);
  const logAmount = new Float64Array(n);
  let customers = 0;
  let logZ = 0;
  for (let i = 0; i < n; i++) {
    const w = weight[i]!;
    const x = spends.x[i]!;
    weightOfX[xIndex![i]!]! += w;
    customers += w;
    logZ += w * Math.log(zbar[i]!);
    rowX[i] = x;
    amount[i] = x * zbar[i]!;
    logAmount[i] = Math.log(amount[i]!);
  }
  return (theta, gradient) => {
    const p = theta[0]!;
    const q = theta[1]!;
    const v = theta[2]!;
    const lgQ = logGamma(q);
    const psiQ = digamma(q);
    let xTerms = 0;
    let dp = 0;
    let dq = 0;
    for (let k = 0; k < xs.length; k++) {
      const x = xs[k]!;
      const w = weightOfX[k]!;
      const psiPXQ = digamma(p * x + q);
      xTerms += w * (logGamma(p * x + q) - logGamma(p * x) - lgQ);
      dp += w * x * (psiPXQ - digamma(p * x));
      dq += w * (psiPXQ - psiQ);
    }
    let sumShare = 0; // Σ w·x·(ln(x·zbar) − ln(x·zbar + v))
    let sumLog = 0; // Σ w·ln(x·zbar + v)
    let sumInverse = 0; // Σ w/(x·zbar + v)
    let sumXInverse = 0; // Σ w·x/(x·zbar + v)
    for (let i = 0; i < n; i++) {
      const w = weight[i]!;
      const x = rowX[i]!;
      const total = amount[i]! + v;
      const l = Math.log(total);
      const wInverse = w / total;
      sumShare += w * x * (logAmount[i]! - l);
      sumLog += w * l;
      sumInverse += wInverse;
      sumXInverse += wInverse * x;
    }
    const logV = Math.log(v);
    gradient[0] = dp + sumShare;
    gradient[1] = dq + customers * logV - sumLog;
    gradient[2] = (customers * q) / v - p * sumXInverse - q * sumInverse;
    return xTerms + customers * q * logV + p * sumShare - q * sumLog - logZ;
  };
}

/** Maximum likelihood (fitModel in btyd.ts); v is searched relative to the mean zbar. Throws a RangeError on a row with x ≤ 0 or zbar ≤ 0 (the caller filters them out). */
export function fitGammaGamma(spends: Spends, options: FitOptions = {}): Fit<GammaGammaParams> {
  let customers = 0;
  let spend = 0;
  for (let i = 0; i < spends.length; i++) {
    const x = spends.x[i]!;
    const z = spends.zbar[i]!;
    const w = spends.weight[i]!;
    if (!(x > 0 && z > 0 && w >= 0 && Number.isFinite(x + z + w)))
      throw new RangeError(`row ${i}: Gamma-Gamma needs x > 0, zbar > 0 and weight ≥ 0, got x=${x}, zbar=${z}, weight=${w}`);
    customers += w;
    spend += w * z;
  }
  if (!(customers > 0)) throw new RangeError("no customer with weight > 0 to fit");
  const mean = spend / customers;
  const coarse = everyKthRow(spends, ["x", "zbar"]);
  return fitModel<GammaGammaParams>({
    names: ["p", "q", "v"],
    scale: Float64Array.of(1, 1, mean),
    starts: [
      [1, 1, 1],
      [Math.exp(0.1), Math.exp(0.1), Math.exp(0.1)],
      [1, 2, mean],
      [5, 4, 0.5 * mean],
    ],
    logLikelihood: gammaGammaLikelihoodWithGradient(spends),
    customers,
    penalty: options.penalizer ?? 0,
    penaltyScale: Float64Array.of(1, 1, 1),
    reference: (params) => gammaGammaLogLikelihood(params, spends),
    coarse: coarse && { logLikelihood: gammaGammaLikelihoodWithGradient(coarse.data), customers: coarse.customers },
  });
}

/** The population mean spend per transaction, E[Z] = p·v/(q − 1) (infinite for q ≤ 1). */
export function gammaGammaMean(params: GammaGammaParams): number {
  return params.q > 1 ? (params.p * params.v) / (params.q - 1) : Number.POSITIVE_INFINITY;
}

/**
 * E[Z | x, zbar], lifetimes' conditional_expected_average_profit (note 025 eq. 5):
 * (1 − w)·p·v/(q − 1) + w·zbar with w = p·x/(p·x + q − 1) — the population mean for x = 0.
 */
export function gammaGammaConditionalExpected(params: GammaGammaParams, x: number, zbar: number): number {
  const { p, q, v } = params;
  const weight = (p * x) / (p * x + q - 1);
  return (1 - weight) * ((v * p) / (q - 1)) + weight * zbar;
}

/**
 * Predicted CLV for one currency group: fit the transaction model (BG/NBD or Pareto/NBD) on the
 * customer summary, and Gamma-Gamma on the repeat customers' spend, then predict per customer over
 * the horizon — P(alive), expected purchases, expected order value, discounted CLV — and check the
 * fit on the holdout. A fit that can't be trusted (too few repeat customers, no convergence, a
 * parameter at a bound, spend correlated with frequency) is refused with its reason, never used.
 * Customers alike in (x, t_x, T) share every prediction but the order value, so the models are
 * evaluated once per distinct row.
 */
import { bgNbdConditionalExpected, bgNbdProbabilityAlive, fitBgNbd } from "../../core/bg-nbd.js";
import type { Fit } from "../../core/btyd.js";
import type { ClvCustomerRow, ClvGroup, ClvModelName, HoldoutCheck, SpendFit, TransactionFit } from "../../core/clv.js";
import { fitGammaGamma, gammaGammaConditionalExpected } from "../../core/gamma-gamma.js";
import { minorDigits } from "../../core/money.js";
import { fitParetoNbd, paretoNbdConditionalExpected, paretoNbdProbabilityAlive } from "../../core/pareto-nbd.js";
import type { CustomerSummary } from "./clv-summary.js";
import { distinctRows } from "./clv-summary.js";
import type { CustomerLabels } from "./rfm.js";

/** Fewer repeat customers than this in a currency, and its fit is refused: too little to fit four parameters on. */
const MIN_REPEAT_CUSTOMERS = 50;
/** |Pearson r| of frequency and mean spend from this up refuses Gamma-Gamma, which assumes them independent. */
const MAX_SPEND_CORRELATION = 0.3;
const HISTOGRAM_BINS = 10;
const TOP = 10;

export interface ClvOptions {
  readonly model: ClvModelName;
  readonly penalizer: number;
  /** The horizon in the time unit, and in months of unitsPerMonth units (the last one may be partial). */
  readonly horizonUnits: number;
  readonly unitsPerMonth: number;
  /** Monthly discount rate and profit margin, for the CLV. */
  readonly discount: number;
  readonly margin: number;
  /** The holdout: its length in the time unit and its first and last day, when there is one. */
  readonly holdout: { readonly units: number; readonly from: string; readonly to: string } | null;
}

interface Model {
  fit(data: ReturnType<typeof distinctRows>, penalizer: number): FitOf;
  expected(params: Params, t: number, x: number, tx: number, T: number): number;
  alive(params: Params, x: number, tx: number, T: number): number;
}
type Params = Readonly<Record<string, number>>;
interface FitOf {
  readonly params: Params;
  readonly stdErrors: Params | null;
  readonly logLikelihood: number;
  readonly converged: boolean;
  readonly atBound: boolean;
}

/** A model's fit with its parameters as a plain record, as the JSON carries them. */
function plain<P extends object>(fit: Fit<P>): FitOf {
  return {
    params: { ...fit.params } as Params,
    stdErrors: fit.stdErrors === null ? null : ({ ...fit.stdErrors } as Params),
    logLikelihood: fit.logLikelihood,
    converged: fit.converged,
    atBound: fit.atBound,
  };
}

const MODELS: Readonly<Record<ClvModelName, Model>> = {
  "bg-nbd": {
    fit: (data, penalizer) => plain(fitBgNbd(data, { penalizer })),
    expected: (p, t, x, tx, T) => bgNbdConditionalExpected(p as never, t, x, tx, T),
    alive: (p, x, tx, T) => bgNbdProbabilityAlive(p as never, x, tx, T),
  },
  "pareto-nbd": {
    fit: (data, penalizer) => plain(fitParetoNbd(data, { penalizer })),
    expected: (p, t, x, tx, T) => paretoNbdConditionalExpected(p as never, t, x, tx, T),
    alive: (p, x, tx, T) => paretoNbdProbabilityAlive(p as never, x, tx, T),
  },
};

export interface ClvResult {
  readonly group: ClvGroup;
  /** Every customer's predictions, highest CLV first (expected purchases without a spend fit), then by name. */
  readonly customers: { readonly length: number; row(i: number): ClvCustomerRow };
}

export function computeClv(
  summary: CustomerSummary,
  currency: string | null,
  options: ClvOptions,
  labels: CustomerLabels,
  segmentOf: (root: number) => string,
): ClvResult {
  const n = summary.length;
  let repeat = 0;
  for (let i = 0; i < n; i++) if (summary.x[i]! > 0) repeat++;
  const notes: string[] = [];
  const model = MODELS[options.model];
  // Per distinct (x, t_x, T), fitted on with their weights, and predicted for once.
  const distinct = distinctRows(summary);
  const { rowOf } = distinct;
  let transaction: TransactionFit | null = null;
  if (repeat < MIN_REPEAT_CUSTOMERS) {
    notes.push(
      `${repeat} repeat customers, fewer than ${MIN_REPEAT_CUSTOMERS}: too few to fit ${options.model === "bg-nbd" ? "BG/NBD" : "Pareto/NBD"}; no predictions`,
    );
  } else {
    const fit = model.fit(distinct, options.penalizer);
    // A parameter run off to 0 or infinity is the likelier story of a fit that also stopped short.
    const refused = fit.atBound
      ? `a parameter ended at a bound of its range (${describe(fit.params)}): the data can't pin the model down`
      : !fit.converged
        ? "the optimiser did not converge"
        : null;
    if (refused) notes.push(`${options.model}: ${refused}; no predictions`);
    const { atBound: _atBound, ...figures } = fit;
    transaction = { name: options.model, ...figures, refused };
  }
  const usable = transaction !== null && transaction.refused === null;
  const spend = usable ? fitSpend(summary, options.penalizer, notes) : null;
  const spendOk = spend !== null && spend.refused === null;

  // Per distinct row: P(alive), the expected purchases over the horizon, the discounted purchases
  // of the CLV sum, and the holdout's prediction.
  const rows = distinct.length;
  const alive = new Float64Array(rows);
  const purchases = new Float64Array(rows);
  const discounted = new Float64Array(rows);
  const holdoutPredicted = new Float64Array(rows);
  if (usable) {
    const p = transaction!.params;
    const months = Math.ceil(options.horizonUnits / options.unitsPerMonth - 1e-9);
    for (let row = 0; row < rows; row++) {
      const i = distinct.first[row]!;
      const x = summary.x[i]!;
      const tx = summary.tx[i]!;
      const T = summary.T[i]!;
      alive[row] = model.alive(p, x, tx, T);
      let before = 0;
      let sum = 0;
      for (let month = 1; month <= months; month++) {
        const upTo = model.expected(p, Math.min(month * options.unitsPerMonth, options.horizonUnits), x, tx, T);
        sum += (upTo - before) / (1 + options.discount) ** month;
        before = upTo;
      }
      purchases[row] = before;
      discounted[row] = sum;
      if (options.holdout) holdoutPredicted[row] = model.expected(p, options.holdout.units, x, tx, T);
    }
  }

  const digits = minorDigits(currency);
  const money = (value: number) => Math.round(value * 10 ** digits) / 10 ** digits;
  // Each customer's order value and CLV, once: the totals, the order and the lines read them.
  const aov = new Float64Array(n).fill(Number.NaN);
  const clv = new Float64Array(n).fill(Number.NaN);
  const histogram = new Array<number>(HISTOGRAM_BINS).fill(0);
  let totalPurchases = 0;
  let totalRevenue = 0;
  let totalClv = 0;
  const value = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = rowOf[i]!;
    if (usable) histogram[Math.min(HISTOGRAM_BINS - 1, Math.floor(alive[row]! * HISTOGRAM_BINS))]!++;
    totalPurchases += purchases[row]!;
    if (spendOk) {
      aov[i] = gammaGammaConditionalExpected(spend!.params as never, summary.x[i]!, summary.zbar[i]!);
      clv[i] = aov[i]! * options.margin * discounted[row]!;
      totalRevenue += purchases[row]! * aov[i]!;
      totalClv += clv[i]!;
      value[i] = clv[i]!;
    } else value[i] = purchases[row]!;
  }

  // Highest value first; ties by the customer's name in code-unit order (never the file's order).
  const names = Array.from(summary.root, (root) => labels.emailOf(root) ?? labels.customerIdOf(root) ?? "");
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => value[b]! - value[a]! || (names[a]! < names[b]! ? -1 : names[a]! > names[b]! ? 1 : 0));
  const rowFor = (i: number): ClvCustomerRow => {
    const root = summary.root[i]!;
    return {
      customer: names[i]!,
      email: labels.emailOf(root),
      customerId: labels.customerIdOf(root),
      currency,
      x: summary.x[i]!,
      tx: summary.tx[i]!,
      T: summary.T[i]!,
      // Predictions and means at full precision (the list's users sort and cut them); only the totals are money.
      zbar: summary.zbar[i]!,
      pAlive: usable ? alive[rowOf[i]!]! : Number.NaN,
      expectedPurchases: usable ? purchases[rowOf[i]!]! : Number.NaN,
      expectedAov: spendOk ? aov[i]! : null,
      clv: spendOk ? clv[i]! : null,
      segment: segmentOf(root),
    };
  };

  let holdout: HoldoutCheck | undefined;
  if (options.holdout && usable) {
    const buckets = Array.from({ length: 8 }, (_, k) => ({ x: k === 7 ? "7+" : String(k), customers: 0, predicted: 0, actual: 0 }));
    let predicted = 0;
    let actual = 0;
    let error = 0;
    for (let i = 0; i < n; i++) {
      const guess = holdoutPredicted[rowOf[i]!]!;
      const seen = summary.holdout[i]!;
      const bucket = buckets[Math.min(7, summary.x[i]!)]!;
      bucket.customers++;
      bucket.predicted += guess;
      bucket.actual += seen;
      predicted += guess;
      actual += seen;
      error += Math.abs(guess - seen);
    }
    holdout = {
      from: options.holdout.from,
      to: options.holdout.to,
      customers: n,
      predicted,
      actual,
      mae: n === 0 ? 0 : error / n,
      byFrequency: buckets,
    };
  }

  return {
    group: {
      currency,
      customers: n,
      repeatCustomers: repeat,
      model: transaction,
      spend,
      ...(holdout ? { holdout } : {}),
      totals: {
        expectedPurchases: usable ? totalPurchases : null,
        expectedRevenue: usable && spendOk ? money(totalRevenue) : null,
        clv: usable && spendOk ? money(totalClv) : null,
      },
      pAliveHistogram: histogram,
      top: usable ? order.slice(0, TOP).map(rowFor) : [],
      notes,
    },
    customers: { length: n, row: (i) => rowFor(order[i]!) },
  };
}

/** Gamma-Gamma on the repeat customers with a positive mean spend, unless their spend moves with their frequency. */
function fitSpend(summary: CustomerSummary, penalizer: number, notes: string[]): SpendFit {
  const x: number[] = [];
  const zbar: number[] = [];
  let excluded = 0;
  for (let i = 0; i < summary.length; i++) {
    if (summary.x[i]! === 0) continue;
    if (summary.zbar[i]! > 0) {
      x.push(summary.x[i]!);
      zbar.push(summary.zbar[i]!);
    } else excluded++;
  }
  const correlation = pearson(x, zbar);
  const base = { name: "gamma-gamma" as const, customers: x.length, excluded, correlation };
  if (correlation !== null && Math.abs(correlation) >= MAX_SPEND_CORRELATION) {
    const refused = `frequency and mean spend are correlated (r = ${correlation.toFixed(2)}), and Gamma-Gamma assumes they are independent: no order values, no CLV`;
    notes.push(`gamma-gamma: ${refused}`);
    return { ...base, params: null, stdErrors: null, logLikelihood: null, converged: false, refused };
  }
  const fit = plain(
    fitGammaGamma(
      { x: Float64Array.from(x), zbar: Float64Array.from(zbar), weight: new Float64Array(x.length).fill(1), length: x.length },
      { penalizer },
    ),
  );
  const refused = fit.atBound
    ? `a parameter ended at a bound of its range (${describe(fit.params)})`
    : !fit.converged
      ? "the optimiser did not converge"
      : null;
  if (refused) notes.push(`gamma-gamma: ${refused}; no order values, no CLV`);
  return { ...base, params: fit.params, stdErrors: fit.stdErrors, logLikelihood: fit.logLikelihood, converged: fit.converged, refused };
}

function pearson(x: readonly number[], y: readonly number[]): number | null {
  const n = x.length;
  if (n < 2) return null;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i]!;
    my += y[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  }
  return sxx === 0 || syy === 0 ? null : sxy / Math.sqrt(sxx * syy);
}

const describe = (params: Params) =>
  Object.entries(params)
    .map(([k, v]) => `${k} ${v.toPrecision(4)}`)
    .join(", ");

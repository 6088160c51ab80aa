/**
 * The customer summary the "buy till you die" models are fitted on, as the literature defines it
 * (Fader, Hardie & Lee 2005; docs/metrics.md, "Predicted CLV"): a customer's counted orders up to
 * the calibration end collapse to distinct local purchase days; x = purchase days − 1 (repeat
 * purchases), t_x = first → last purchase day, T = first purchase day → the calibration end, in
 * the time unit (a week of 7 days, or a day); zbar = the mean revenue of a repeat purchase day
 * (same-day orders summed, the first day left out). RFM's recency (days since the last order) is
 * another thing. With a holdout, each customer's purchase days after the calibration end up to
 * the as-of day are counted too: the actual repeat purchases the fit's predictions are checked on.
 */
import type { DayNumber } from "../../core/calendar.js";
import { minorDigits } from "../../core/money.js";
import { lowerBound, type Timeline } from "../../core/timeline.js";
import type { Zone } from "../../core/zone.js";

export interface SummaryScope {
  readonly zone: Zone;
  /** The last local day of the calibration period. */
  readonly calibrationEnd: DayNumber;
  /** The last local day whose orders count as the holdout's (the as-of day); equal to calibrationEnd without one. */
  readonly asOf: DayNumber;
  /** Days in the time unit: 7 (weeks) or 1. */
  readonly unitDays: number;
}

/** One row per customer with a purchase day by the calibration end, column by column. */
export interface CustomerSummary {
  readonly length: number;
  /** The customer's identity representative (Timeline.customerId). */
  readonly root: Int32Array;
  readonly x: Float64Array;
  readonly tx: Float64Array;
  readonly T: Float64Array;
  /** Mean revenue of a repeat purchase day, major units; 0 without repeats. */
  readonly zbar: Float64Array;
  /** Distinct purchase days after the calibration end, up to the as-of day (the holdout's actual repeats). */
  readonly holdout: Float64Array;
  /** Local days of the first and last purchase by the calibration end. */
  readonly firstDay: Int32Array;
  readonly lastDay: Int32Array;
}

export function customerSummary(timeline: Timeline, currency: string | null, scope: SummaryScope): CustomerSummary {
  const { zone, calibrationEnd, asOf, unitDays } = scope;
  const calibration = zone.startOfDay(calibrationEnd + 1);
  const end = zone.startOfDay(asOf + 1);
  const scale = 10 ** minorDigits(currency);
  const { customerStart, customerAt, customerRevenue, customerId } = timeline;
  const most = customerStart.length - 1;
  const root = new Int32Array(most);
  const x = new Float64Array(most);
  const tx = new Float64Array(most);
  const T = new Float64Array(most);
  const zbar = new Float64Array(most);
  const holdout = new Float64Array(most);
  const firstDay = new Int32Array(most);
  const lastDay = new Int32Array(most);
  let n = 0;
  for (let c = 0; c < most; c++) {
    const from = customerStart[c]!;
    const cut = lowerBound(customerAt, calibration, from, customerStart[c + 1]!);
    if (cut === from) continue; // no purchase by the calibration end: not in the calibration
    const first = zone.dayOf(customerAt[from]!);
    let day = first;
    let days = 1;
    let repeatRevenue = 0;
    for (let i = from + 1; i < cut; i++) {
      const d = zone.dayOf(customerAt[i]!);
      if (d !== day) {
        days++;
        day = d;
      }
      if (d !== first) repeatRevenue += customerRevenue[i]!;
    }
    let after = 0;
    let afterDay = Number.NaN;
    const stop = lowerBound(customerAt, end, cut, customerStart[c + 1]!);
    for (let i = cut; i < stop; i++) {
      const d = zone.dayOf(customerAt[i]!);
      if (d !== afterDay) {
        after++;
        afterDay = d;
      }
    }
    root[n] = customerId[c]!;
    x[n] = days - 1;
    tx[n] = (day - first) / unitDays;
    T[n] = (calibrationEnd - first) / unitDays;
    zbar[n] = days > 1 ? repeatRevenue / scale / (days - 1) : 0;
    holdout[n] = after;
    firstDay[n] = first;
    lastDay[n] = day;
    n++;
  }
  return {
    length: n,
    root: root.subarray(0, n),
    x: x.subarray(0, n),
    tx: tx.subarray(0, n),
    T: T.subarray(0, n),
    zbar: zbar.subarray(0, n),
    holdout: holdout.subarray(0, n),
    firstDay: firstDay.subarray(0, n),
    lastDay: lastDay.subarray(0, n),
  };
}

/**
 * The summary collapsed to distinct (x, t_x, T) rows with their counts as weights: the likelihood
 * is a sum over customers, and every prediction but the order value depends on these three only,
 * so customers alike in all three count once. `rowOf[i]`: customer i's row; `first[row]`: a
 * customer of the row.
 */
export function distinctRows(summary: CustomerSummary): {
  readonly x: Float64Array;
  readonly tx: Float64Array;
  readonly T: Float64Array;
  readonly weight: Float64Array;
  readonly length: number;
  readonly rowOf: Int32Array;
  readonly first: readonly number[];
} {
  const index = new Map<string, number>();
  const rowOf = new Int32Array(summary.length);
  const first: number[] = [];
  const weight: number[] = [];
  for (let i = 0; i < summary.length; i++) {
    const key = `${summary.x[i]} ${summary.tx[i]} ${summary.T[i]}`;
    let row = index.get(key);
    if (row === undefined) {
      row = first.length;
      index.set(key, row);
      first.push(i);
      weight.push(0);
    }
    weight[row]!++;
    rowOf[i] = row;
  }
  const column = (values: Float64Array) => Float64Array.from(first, (i) => values[i]!);
  return {
    x: column(summary.x),
    tx: column(summary.tx),
    T: column(summary.T),
    weight: Float64Array.from(weight),
    length: first.length,
    rowOf,
    first,
  };
}

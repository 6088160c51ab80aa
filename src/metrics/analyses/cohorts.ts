/**
 * Acquisition cohorts from a currency group's timeline: each identified customer joins the cohort
 * of the period of their first counted order up to the as-of day, and is followed in each period
 * after it up to the as-of day's. One pass over the customers' orders (each customer's are in time
 * order), so the cost is O(orders) plus the cells.
 */
import { type DayNumber, formatDay } from "../../core/calendar.js";
import type { Cohort, CohortGroup, CohortOptions } from "../../core/cohort.js";
import { minorDigits, roundMinor, toMajor } from "../../core/money.js";
import { periodEnd, periodLabel, periodOf, periodStart } from "../../core/period.js";
import { lowerBound, type Timeline } from "../../core/timeline.js";
import type { Zone } from "../../core/zone.js";

export interface CohortScope extends CohortOptions {
  readonly zone: Zone;
  readonly asOf: DayNumber;
  /** --window: only customers whose first counted order's day is in it; null for the whole history. */
  readonly acquired: { readonly firstDay: DayNumber; readonly lastDay: DayNumber } | null;
}

interface Tally {
  customers: number;
  /** Per offset: customers with an order in the period, their revenue (minor units) and orders. */
  readonly active: Float64Array;
  readonly revenue: Float64Array;
  readonly orders: Float64Array;
}

export function computeCohorts(timeline: Timeline, currency: string | null, scope: CohortScope): CohortGroup {
  const { zone, asOf, period, acquired } = scope;
  const end = zone.startOfDay(asOf + 1);
  const last = periodOf(period, asOf);
  const first = scope.periods === null ? Number.NEGATIVE_INFINITY : last - scope.periods + 1;
  const tallies = new Map<number, Tally>();
  const { customerStart, customerAt, customerRevenue } = timeline;
  for (let c = 0; c + 1 < customerStart.length; c++) {
    const from = customerStart[c]!;
    const to = lowerBound(customerAt, end, from, customerStart[c + 1]!);
    if (to === from) continue;
    const firstDay = zone.dayOf(customerAt[from]!);
    if (acquired !== null && (firstDay < acquired.firstDay || firstDay > acquired.lastDay)) continue;
    const cohort = periodOf(period, firstDay);
    if (cohort < first) continue;
    let tally = tallies.get(cohort);
    if (tally === undefined) {
      const offsets = last - cohort + 1;
      tally = { customers: 0, active: new Float64Array(offsets), revenue: new Float64Array(offsets), orders: new Float64Array(offsets) };
      tallies.set(cohort, tally);
    }
    tally.customers++;
    let seen = -1;
    for (let i = from; i < to; i++) {
      const offset = periodOf(period, zone.dayOf(customerAt[i]!)) - cohort;
      if (offset !== seen) {
        tally.active[offset]!++;
        seen = offset;
      }
      tally.revenue[offset]! += customerRevenue[i]!;
      tally.orders[offset]!++;
    }
  }
  const digits = minorDigits(currency);
  const cohorts = [...tallies.entries()]
    .sort(([a], [b]) => a - b)
    .map(([index, tally]): Cohort => {
      const n = tally.customers;
      let revenue = 0;
      let orders = 0;
      const cells = Array.from(tally.active, (active, offset) => {
        revenue += tally.revenue[offset]!;
        orders += tally.orders[offset]!;
        return {
          offset,
          activeCustomers: active,
          retention: active / n,
          revenue: toMajor(tally.revenue[offset]!, digits),
          cumulativeRevenuePerCustomer: toMajor(roundMinor(revenue / n), digits),
          cumulativeOrdersPerCustomer: orders / n,
          mature: periodEnd(period, index + offset) <= asOf,
        };
      });
      return {
        cohort: periodLabel(period, index),
        start: formatDay(periodStart(period, index)),
        end: formatDay(periodEnd(period, index)),
        customers: n,
        cells,
      };
    });
  return { currency, cohorts };
}

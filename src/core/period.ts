/**
 * Calendar periods as numbered, consecutive indices of local days: ISO weeks (Monday to Sunday),
 * calendar months and quarters. A cohort is the period of a customer's first order and an offset
 * is a difference of two indices, so "period cohort + k" is plain arithmetic; the labels are
 * ISO 8601's (`2025-W01`, whose Monday may be in December 2024), `2025-03` and `2025-Q2`.
 */
import { civilFromDays, type DayNumber, daysFromCivil } from "./calendar.js";

export const COHORT_PERIODS = ["month", "week", "quarter"] as const;
export type CohortPeriod = (typeof COHORT_PERIODS)[number];

/** The index of the period holding `day`. */
export function periodOf(period: CohortPeriod, day: DayNumber): number {
  // 1970-01-01 was a Thursday: week 0 runs from Monday 1969-12-29.
  if (period === "week") return Math.floor((day + 3) / 7);
  const { year, month } = civilFromDays(day);
  return period === "month" ? year * 12 + (month - 1) : year * 4 + Math.floor((month - 1) / 3);
}

/** The first day of period `index`. */
export function periodStart(period: CohortPeriod, index: number): DayNumber {
  if (period === "week") return index * 7 - 3;
  const months = period === "month" ? index : index * 3;
  const year = Math.floor(months / 12);
  return daysFromCivil(year, months - year * 12 + 1, 1);
}

/** The last day of period `index`. */
export function periodEnd(period: CohortPeriod, index: number): DayNumber {
  return periodStart(period, index + 1) - 1;
}

/** `2025-03`, `2025-Q2`, or the ISO week `2025-W01` (the year of the week's Thursday). */
export function periodLabel(period: CohortPeriod, index: number): string {
  const start = periodStart(period, index);
  if (period === "week") {
    const thursday = start + 3;
    const { year } = civilFromDays(thursday);
    const week = Math.floor((thursday - daysFromCivil(year, 1, 1)) / 7) + 1;
    return `${year}-W${String(week).padStart(2, "0")}`;
  }
  const { year, month } = civilFromDays(start);
  return period === "month" ? `${year}-${String(month).padStart(2, "0")}` : `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
}

/**
 * Calendar periods for cohorts: indices, bounds and labels checked against dates worked out from
 * a calendar (ISO 8601 weeks: the week of 4 January is week 1, weeks run Monday to Sunday).
 */
import { describe, expect, it } from "vitest";
import { formatDay, parseDay } from "../../src/core/calendar.js";
import { type CohortPeriod, periodEnd, periodLabel, periodOf, periodStart } from "../../src/core/period.js";

const day = (text: string) => parseDay(text)!;
const bounds = (period: CohortPeriod, text: string) => {
  const index = periodOf(period, day(text));
  return [periodLabel(period, index), formatDay(periodStart(period, index)), formatDay(periodEnd(period, index))];
};

describe("ISO weeks", () => {
  it.each([
    // Monday 2024-12-30 … Sunday 2025-01-05 is 2025's week 1 (its Thursday is 2 January 2025).
    ["2024-12-30", "2025-W01", "2024-12-30", "2025-01-05"],
    ["2025-01-05", "2025-W01", "2024-12-30", "2025-01-05"],
    ["2024-12-29", "2024-W52", "2024-12-23", "2024-12-29"],
    // 2020 has 53 weeks: Sunday 2021-01-03 is still in 2020-W53.
    ["2021-01-03", "2020-W53", "2020-12-28", "2021-01-03"],
    ["2021-01-04", "2021-W01", "2021-01-04", "2021-01-10"],
    // 1970-01-01 was a Thursday: its week began on Monday 1969-12-29.
    ["1970-01-01", "1970-W01", "1969-12-29", "1970-01-04"],
    ["2026-06-15", "2026-W25", "2026-06-15", "2026-06-21"],
  ])("%s is in %s (%s … %s)", (date, label, start, end) => {
    expect(bounds("week", date)).toEqual([label, start, end]);
  });

  it("numbers consecutive weeks consecutively, across a year end", () => {
    expect(periodOf("week", day("2025-01-06")) - periodOf("week", day("2024-12-23"))).toBe(2);
  });
});

describe("months and quarters", () => {
  it.each([
    ["month", "2025-03-30", "2025-03", "2025-03-01", "2025-03-31"],
    ["month", "2024-02-29", "2024-02", "2024-02-01", "2024-02-29"],
    ["month", "2025-12-31", "2025-12", "2025-12-01", "2025-12-31"],
    ["quarter", "2025-05-14", "2025-Q2", "2025-04-01", "2025-06-30"],
    ["quarter", "2025-12-31", "2025-Q4", "2025-10-01", "2025-12-31"],
    ["quarter", "2026-01-01", "2026-Q1", "2026-01-01", "2026-03-31"],
  ] as const)("%s of %s is %s (%s … %s)", (period, date, label, start, end) => {
    expect(bounds(period, date)).toEqual([label, start, end]);
  });

  it("counts offsets across a year: December 2025 is 1 month and 1 quarter after November and Q3", () => {
    expect(periodOf("month", day("2026-01-15")) - periodOf("month", day("2025-12-01"))).toBe(1);
    expect(periodOf("quarter", day("2026-01-15")) - periodOf("quarter", day("2025-09-30"))).toBe(2);
  });
});

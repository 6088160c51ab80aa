import { describe, expect, it } from "vitest";
import { addMonths, civilFromDays, daysFromCivil, daysInMonth, formatDay, parseDay } from "../../src/core/calendar.js";

describe("calendar", () => {
  it("daysFromCivil counts days since 1970-01-01", () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(daysFromCivil(1970, 1, 2)).toBe(1);
    expect(daysFromCivil(1969, 12, 31)).toBe(-1);
    // Date.UTC is an independent route to the same number.
    expect(daysFromCivil(2025, 12, 31)).toBe(Date.UTC(2025, 11, 31) / 86_400_000);
    expect(daysFromCivil(2024, 2, 29)).toBe(Date.UTC(2024, 1, 29) / 86_400_000);
  });

  it("civilFromDays inverts daysFromCivil over four centuries", () => {
    for (let d = daysFromCivil(1900, 1, 1); d < daysFromCivil(2300, 1, 1); d += 97) {
      const { year, month, day } = civilFromDays(d);
      expect(daysFromCivil(year, month, day)).toBe(d);
    }
  });

  it("daysInMonth knows leap years", () => {
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2025, 2)).toBe(28);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2025, 4)).toBe(30);
    expect(daysInMonth(2025, 12)).toBe(31);
  });

  it.each([
    ["2025-03-31", -1, "2025-02-28"],
    ["2024-03-31", -1, "2024-02-29"],
    ["2025-12-31", -1, "2025-11-30"],
    ["2026-01-01", -12, "2025-01-01"],
    ["2025-01-31", 1, "2025-02-28"],
    ["2025-05-15", -3, "2025-02-15"],
  ])("addMonths(%s, %i) = %s, clamped to the month's last day", (from, months, expected) => {
    expect(formatDay(addMonths(parseDay(from)!, months))).toBe(expected);
  });

  it("parseDay accepts only real YYYY-MM-DD dates", () => {
    expect(parseDay("2025-02-28")).toBe(daysFromCivil(2025, 2, 28));
    expect(parseDay("2025-02-29")).toBeNull();
    expect(parseDay("2025-13-01")).toBeNull();
    expect(parseDay("31.12.2025")).toBeNull();
    expect(parseDay("2025-1-1")).toBeNull();
  });
});

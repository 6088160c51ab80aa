import { describe, expect, it } from "vitest";
import { daysFromCivil, parseDay } from "../../src/core/calendar.js";
import { parseWindowSpec, previousWindow, resolveWindow } from "../../src/core/window.js";
import { Zone } from "../../src/core/zone.js";

const prague = new Zone("Europe/Prague");
const windows = (spec: string, asOf: string) => {
  const s = parseWindowSpec(spec)!;
  const w = resolveWindow(s, { kind: "day", day: parseDay(asOf)! }, prague, null, 0);
  return { w, p: previousWindow(s, w, prague) };
};

describe("previousWindow reaching back before 1900 (no date before 1900 is read)", () => {
  it("starts on 1900-01-01 when it would start earlier", () => {
    // W = [1926-01-01, 2026-01-01); P would be [1826-01-01 …): cut to [1900-01-01, 1926-01-01).
    const { p } = windows("100y", "2025-12-31");
    expect(p.firstDay).toBe(daysFromCivil(1900, 1, 1));
    expect(p.asOf).toBe(daysFromCivil(1925, 12, 31));
    expect(p.days).toBe(26 * 365 + 6); // 1904 … 1924 are leap years, 1900 is not
    expect(p.from).toBe(Date.parse("1900-01-01T00:00:00+01:00"));
  });

  it("is empty when W starts on 1900-01-01", () => {
    const { p } = windows("1900-01-01..1900-12-31", "1900-12-31");
    expect(p.days).toBe(0);
    expect(p.from).toBe(p.to);
    expect(p.from).toBe(Date.parse("1900-01-01T00:00:00+01:00"));
  });

  it("is left alone when W itself starts before 1900 (the report refuses it)", () => {
    const { w, p } = windows("100y", "1950-12-31");
    expect(w.firstDay).toBe(daysFromCivil(1851, 1, 1));
    expect(p.firstDay).toBe(daysFromCivil(1751, 1, 1));
  });

  it("is unchanged for windows inside the years", () => {
    const { p } = windows("1m", "2025-05-30");
    expect([p.firstDay, p.asOf]).toEqual([daysFromCivil(2025, 3, 30), daysFromCivil(2025, 4, 29)]);
  });
});

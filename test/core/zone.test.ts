import { describe, expect, it } from "vitest";
import { daysFromCivil, MS_PER_DAY } from "../../src/core/calendar.js";
import { isValidTimeZone, Zone } from "../../src/core/zone.js";

const prague = new Zone("Europe/Prague");
const wall = (y: number, m: number, d: number, h = 0, min = 0) => daysFromCivil(y, m, d) * MS_PER_DAY + (h * 60 + min) * 60_000;

describe("Zone", () => {
  it("validates IANA names", () => {
    expect(isValidTimeZone("Europe/Prague")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
    expect(isValidTimeZone("")).toBe(false);
  });

  it("knows Prague's offset in winter (+01:00) and summer (+02:00)", () => {
    expect(prague.offsetAt(Date.parse("2025-01-15T12:00:00Z"))).toBe(3_600_000);
    expect(prague.offsetAt(Date.parse("2025-07-15T12:00:00Z"))).toBe(7_200_000);
  });

  it("reads wall-clock times as instants", () => {
    expect(prague.instantOf(wall(2025, 1, 1))).toBe(Date.parse("2024-12-31T23:00:00Z"));
    expect(prague.instantOf(wall(2025, 7, 1, 12))).toBe(Date.parse("2025-07-01T10:00:00Z"));
  });

  it("puts a time in the spring-forward gap after the gap (02:30 → 03:30+02:00)", () => {
    // 2025-03-30: Prague clocks jump from 02:00 to 03:00.
    expect(prague.instantOf(wall(2025, 3, 30, 2, 30))).toBe(Date.parse("2025-03-30T01:30:00Z"));
  });

  it("reads an ambiguous fall-back time as the earlier instant", () => {
    // 2025-10-26: 02:30 happens twice, first at +02:00.
    expect(prague.instantOf(wall(2025, 10, 26, 2, 30))).toBe(Date.parse("2025-10-26T00:30:00Z"));
  });

  it("finds the local day of an instant", () => {
    // 23:30 UTC on 31 Dec is already 1 Jan in Prague.
    expect(prague.dayOf(Date.parse("2025-12-31T23:30:00Z"))).toBe(daysFromCivil(2026, 1, 1));
    expect(prague.dayOf(Date.parse("2025-12-31T22:59:59Z"))).toBe(daysFromCivil(2025, 12, 31));
  });

  it("formats instants with the local offset", () => {
    expect(prague.formatInstant(Date.parse("2024-12-31T23:00:00Z"))).toBe("2025-01-01T00:00:00+01:00");
    expect(prague.formatInstant(Date.parse("2025-03-30T22:00:00Z"))).toBe("2025-03-31T00:00:00+02:00");
    expect(new Zone("America/New_York").formatInstant(Date.parse("2025-05-11T13:55:16Z"))).toBe("2025-05-11T09:55:16-04:00");
  });

  it("canonicalises the case of the zone name but keeps the user's current name over ICU's alias", () => {
    expect(new Zone("europe/prague").name).toBe("Europe/Prague");
    expect(new Zone("Europe/Kyiv").name).toBe("Europe/Kyiv");
    expect(new Zone("Asia/Kolkata").name).toBe("Asia/Kolkata");
  });
});

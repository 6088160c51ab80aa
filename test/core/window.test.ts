import { describe, expect, it } from "vitest";
import { daysFromCivil, formatDay, parseDay } from "../../src/core/calendar.js";
import { parseAsOf, parseWindowSpec, periodEnds, resolveWindow, type WindowSpec } from "../../src/core/window.js";
import { Zone } from "../../src/core/zone.js";

const prague = new Zone("Europe/Prague");
const day = (text: string) => parseDay(text)!;
const resolve = (spec: string, asOf: string, zone = prague) =>
  resolveWindow(parseWindowSpec(spec)!, { kind: "day", day: day(asOf) }, zone, null, 0);

describe("parseWindowSpec", () => {
  it.each<[string, WindowSpec]>([
    ["365d", { kind: "days", count: 365 }],
    ["3m", { kind: "months", count: 3 }],
    ["2y", { kind: "months", count: 24 }],
    ["ALL", { kind: "all" }],
    ["2025-01-01..2025-03-31", { kind: "range", first: daysFromCivil(2025, 1, 1), last: daysFromCivil(2025, 3, 31) }],
  ])("reads %s", (text, spec) => {
    expect(parseWindowSpec(text)).toEqual(spec);
  });

  it.each([
    "",
    "0d",
    "365",
    "d",
    "1w",
    "-3d",
    "2025-03-31..2025-01-01",
    "2025-01-01..",
    "2025-02-30..2025-03-01",
    "0001-01-01..0001-01-02",
    "100000y",
    "36526d",
    "1201m",
  ])("rejects %j", (text) => {
    expect(parseWindowSpec(text)).toBeNull();
  });
});

it("accepts windows of up to a century", () => {
  expect(parseWindowSpec("100y")).toEqual({ kind: "months", count: 1200 });
  expect(parseWindowSpec("36525d")).toEqual({ kind: "days", count: 36_525 });
});

describe("resolveWindow", () => {
  it("365d as of 2025-12-31 in Prague is [2025-01-01T00:00+01:00, 2026-01-01T00:00+01:00) — the issue's example", () => {
    const w = resolve("365d", "2025-12-31");
    expect(prague.formatInstant(w.from)).toBe("2025-01-01T00:00:00+01:00");
    expect(prague.formatInstant(w.to)).toBe("2026-01-01T00:00:00+01:00");
    expect(w.days).toBe(365);
    expect(w.from).toBe(Date.parse("2024-12-31T23:00:00Z"));
  });

  it("bounds are local midnights on both sides of a DST change", () => {
    // 7 days ending 2025-04-02: starts 2025-03-27 (+01:00), ends 2025-04-03 (+02:00).
    const w = resolve("7d", "2025-04-02");
    expect(prague.formatInstant(w.from)).toBe("2025-03-27T00:00:00+01:00");
    expect(prague.formatInstant(w.to)).toBe("2025-04-03T00:00:00+02:00");
    // 7 calendar days, one of which has 23 hours.
    expect(w.to - w.from).toBe((7 * 24 - 1) * 3_600_000);
  });

  it("the DST day itself is a 23-hour window", () => {
    const w = resolve("1d", "2025-03-30");
    expect(w.to - w.from).toBe(23 * 3_600_000);
    expect(prague.formatInstant(w.from)).toBe("2025-03-30T00:00:00+01:00");
    expect(prague.formatInstant(w.to)).toBe("2025-03-31T00:00:00+02:00");
  });

  it("Nm counts calendar months back from the day after as-of, clamped to the month end", () => {
    const w = resolve("1m", "2025-03-30"); // day after = 03-31 → minus a month = 02-31 → 02-28
    expect(prague.formatInstant(w.from)).toBe("2025-02-28T00:00:00+01:00");
    expect(prague.formatInstant(w.to)).toBe("2025-03-31T00:00:00+02:00");
    expect(w.days).toBe(31);
    const q = resolve("3m", "2025-12-31");
    expect(prague.formatInstant(q.from)).toBe("2025-10-01T00:00:00+02:00");
    expect(q.days).toBe(92);
  });

  it("1y is twelve calendar months: 366 days across a leap day", () => {
    const w = resolve("1y", "2024-12-31");
    expect(prague.formatInstant(w.from)).toBe("2024-01-01T00:00:00+01:00");
    expect(w.days).toBe(366);
  });

  it("a date range includes both dates", () => {
    const w = resolveWindow(parseWindowSpec("2025-01-01..2025-01-31")!, { kind: "latest" }, prague, null, 0);
    expect(prague.formatInstant(w.from)).toBe("2025-01-01T00:00:00+01:00");
    expect(prague.formatInstant(w.to)).toBe("2025-02-01T00:00:00+01:00");
    expect(w.days).toBe(31);
    expect(w.asOf).toBe(day("2025-01-31"));
  });

  it("defaults as-of to the data's last local day, and 'all' starts at the data's first", () => {
    const data = { first: day("2024-06-10"), last: day("2025-02-03") };
    const w = resolveWindow({ kind: "all" }, { kind: "latest" }, prague, data, 0);
    expect(w.asOf).toBe(data.last);
    expect(w.firstDay).toBe(data.first);
    expect(w.days).toBe(data.last - data.first + 1);
  });

  it("ends today for a file without orders and no --as-of", () => {
    const w = resolveWindow({ kind: "days", count: 7 }, { kind: "latest" }, prague, null, Date.parse("2025-06-15T12:00:00Z"));
    expect(w.asOf).toBe(day("2025-06-15"));
  });

  it("uses the zone: the same as-of is a different instant in New York", () => {
    const ny = resolve("1d", "2025-12-31", new Zone("America/New_York"));
    expect(ny.from).toBe(Date.parse("2025-12-31T05:00:00Z"));
  });
});

describe("parseAsOf", () => {
  it("reads a date, 'today' in the zone, or nothing as latest", () => {
    expect(parseAsOf("2025-12-31", prague, 0)).toEqual({ kind: "day", day: day("2025-12-31") });
    // 23:30 UTC on 31 Dec is 1 Jan in Prague.
    expect(parseAsOf("today", prague, Date.parse("2025-12-31T23:30:00Z"))).toEqual({ kind: "day", day: day("2026-01-01") });
    expect(parseAsOf(undefined, prague, 0)).toEqual({ kind: "latest" });
    expect(parseAsOf("31/12/2025", prague, 0)).toBeNull();
  });
});

describe("periodEnds", () => {
  const days = (period: Parameters<typeof periodEnds>[0], asOf: string, n: number) => periodEnds(period, day(asOf), n).map(formatDay);

  it("day: the last N days up to as-of", () => {
    expect(days("day", "2025-03-02", 3)).toEqual(["2025-02-28", "2025-03-01", "2025-03-02"]);
  });

  it("week: Sundays (ISO weeks end on Sunday)", () => {
    // 2025-03-12 is a Wednesday; 2025-03-09 and 2025-03-16 are Sundays.
    expect(days("week", "2025-03-12", 2)).toEqual(["2025-03-02", "2025-03-09"]);
    expect(days("week", "2025-03-16", 1)).toEqual(["2025-03-16"]);
  });

  it("month: month ends on or before as-of", () => {
    expect(days("month", "2025-03-31", 3)).toEqual(["2025-01-31", "2025-02-28", "2025-03-31"]);
    expect(days("month", "2025-03-30", 2)).toEqual(["2025-01-31", "2025-02-28"]);
    expect(days("month", "2024-03-15", 1)).toEqual(["2024-02-29"]);
  });

  it("quarter and year", () => {
    expect(days("quarter", "2025-08-15", 3)).toEqual(["2024-12-31", "2025-03-31", "2025-06-30"]);
    expect(days("year", "2025-12-31", 2)).toEqual(["2024-12-31", "2025-12-31"]);
    expect(days("year", "2025-12-30", 1)).toEqual(["2024-12-31"]);
  });
});

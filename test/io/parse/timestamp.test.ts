import { describe, expect, it } from "vitest";
import { Zone } from "../../../src/core/zone.js";
import { parseTimestamp } from "../../../src/io/parse/timestamp.js";

const prague = new Zone("Europe/Prague");

describe("parseTimestamp", () => {
  it.each([
    ["2025-05-11 09:55:16 -0400", "2025-05-11T13:55:16Z"], // Shopify
    ["2025-05-11T09:55:16+02:00", "2025-05-11T07:55:16Z"],
    ["2025-05-11T09:55:16Z", "2025-05-11T09:55:16Z"],
    ["2025-05-11 09:55:16 UTC", "2025-05-11T09:55:16Z"],
    ["2025-05-11T09:55:16.250+0530", "2025-05-11T04:25:16.250Z"],
    ["2025-05-11 09:55+01", "2025-05-11T08:55:00Z"],
  ])("reads %s with its offset as an exact instant", (text, iso) => {
    expect(parseTimestamp(text, prague)).toBe(Date.parse(iso));
  });

  it.each([
    ["2025-01-15 10:00:00", "2025-01-15T09:00:00Z"], // winter, +01:00
    ["2025-07-15 10:00:00", "2025-07-15T08:00:00Z"], // summer, +02:00
    ["2025-07-15 10:00", "2025-07-15T08:00:00Z"],
    ["2025-07-15", "2025-07-14T22:00:00Z"], // a date alone is local midnight
    ["  2025-07-15  ", "2025-07-14T22:00:00Z"],
  ])("reads %s without an offset as wall-clock time in the zone", (text, iso) => {
    expect(parseTimestamp(text, prague)).toBe(Date.parse(iso));
  });

  it.each([
    "",
    "12/31/24",
    "31.12.2025",
    "2025-02-30",
    "2025-01-01 24:00",
    "2025-01-01 10:61",
    "yesterday",
    "2025-01-01 10:00 +1500",
    "0025-05-11 10:00", // a typo, not antiquity
    "2025-05-11-04", // an offset needs a time before it
    "2025-05-11 10:00 +02:",
  ])("returns null for %j", (text) => {
    expect(parseTimestamp(text, prague)).toBeNull();
  });
});

describe("parseTimestamp's short path for the common shapes", () => {
  // A leading space keeps a text off the short path (it reads exact shapes only); the general path
  // trims it. So each text read both ways must give the same instant, or null both ways.
  const zone = new Zone("Europe/Prague");
  let seed = 99;
  const next = (n: number) => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) % n;
  };
  const two = (n: number) => String(n).padStart(2, "0");
  it("agrees with the general path on 20,000 seeded texts, valid and not", () => {
    let read = 0;
    for (let k = 0; k < 20_000; k++) {
      const year = next(10) === 0 ? 1 + next(9999) : 1990 + next(50);
      const date = `${String(year).padStart(4, "0")}-${two(next(14))}-${two(next(33))}`;
      const time = `${two(next(26))}:${two(next(61))}:${two(next(61))}`;
      const offset = ["", "", " +0200", "+02:00", " -04:00", "-0400", " +1500", "+05:45", " +02", "Z", " +02:6"][next(11)]!;
      const text = `${date}${next(2) === 0 ? " " : "T"}${time}${offset}`;
      const fast = parseTimestamp(text, zone);
      expect(fast, text).toBe(parseTimestamp(` ${text}`, zone));
      if (fast !== null) read++;
    }
    expect(read).toBeGreaterThan(5_000);
  });
});

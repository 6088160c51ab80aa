import { describe, expect, it } from "vitest";
import { daysFromCivil, MS_PER_DAY } from "../../src/core/calendar.js";
import { isValidTimeZone, Zone } from "../../src/core/zone.js";
import { intlOffset } from "../intl-offset.js";
import { mulberry32 } from "../random.js";

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

describe("Zone offsets cached per day", () => {
  // The reference: Intl's own offset at the instant, from its longOffset name, with no cache (intlOffset).

  // Zones whose changes are on odd hours or by odd amounts: Lord Howe moves by 30 minutes,
  // Kathmandu sits at +05:45, Casablanca leaves and rejoins +01:00 around Ramadan, Santiago
  // changes at midnight local time, Chatham at +12:45/+13:45.
  // And changes off the quarter hour: Newfoundland and Labrador moved their clocks at 00:01 local
  // time until 2011, Casey at 16:01 UTC in 2020-2022, Monrovia kept -00:44:30 until 1972.
  for (const [name, years] of [
    ["Europe/Prague", [2024, 2026]],
    ["America/New_York", [2024, 2026]],
    ["Australia/Lord_Howe", [2024, 2026]],
    ["Asia/Kathmandu", [2024, 2026]],
    ["Africa/Casablanca", [2024, 2026]],
    ["America/Santiago", [2024, 2026]],
    ["Pacific/Chatham", [2024, 2026]],
    ["America/St_Johns", [2008, 2011]],
    ["America/Goose_Bay", [1987, 1988]],
    ["Antarctica/Casey", [2020, 2022]],
    ["Africa/Monrovia", [1971, 1972]],
  ] as const) {
    it(`agrees with Intl every 193 minutes of ${years[0]}-${years[1]} in ${name}, and on each side of every change`, () => {
      const zone = new Zone(name);
      const from = Date.parse(`${years[0]}-01-01T00:00:00Z`);
      const to = Date.parse(`${years[1] + 1}-01-01T00:00:00Z`);
      let changes = 0;
      let before = intlOffset(name, from);
      for (let t = from; t < to; t += 193 * 60_000) {
        const expected = intlOffset(name, t);
        expect(zone.offsetAt(t)).toBe(expected);
        if (expected !== before) {
          changes++;
          // Find the change to the second and check the second before and after it.
          let lo = t - 193 * 60_000;
          let hi = t;
          while (hi - lo > 1000) {
            const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
            if (intlOffset(name, mid) === before) lo = mid;
            else hi = mid;
          }
          expect(zone.offsetAt(lo)).toBe(before);
          expect(zone.offsetAt(hi)).toBe(expected);
        }
        before = expected;
      }
      if (name !== "Asia/Kathmandu") expect(changes).toBeGreaterThan(0);
    });
  }
});

describe("Zone offsets read out of order", () => {
  // Days are kept by their low bits in front of the Map: reads over 23 years in random order put
  // days eleven years apart in one slot, each of which must still get its own day's offset.
  for (const name of ["Europe/Prague", "America/Sao_Paulo", "Asia/Tehran"]) {
    it(`agrees with Intl on reads scattered over 23 years in ${name}`, () => {
      const random = mulberry32(4096);
      const zone = new Zone(name);
      const from = Date.parse("2008-01-01T00:00:00Z");
      const span = Date.parse("2031-01-01T00:00:00Z") - from;
      const wrong: string[] = [];
      for (let i = 0; i < 6000; i++) {
        const t = from + Math.floor(random() * span);
        if (zone.offsetAt(t) !== intlOffset(name, t)) wrong.push(new Date(t).toISOString());
      }
      expect(wrong).toEqual([]);
    });
  }

  // The cache keeps a run of steady days around the last read: reads that hop back and forth by a
  // few days (a row's created, paid and fulfilled times), jump far, and land on the days of a
  // change must each get Intl's offset (intlOffset, no cache).
  for (const name of ["Europe/Prague", "Australia/Lord_Howe", "Africa/Casablanca", "America/Santiago"]) {
    it(`agrees with Intl on hops of up to ten days and jumps of years in ${name}`, () => {
      const random = mulberry32(20261207);
      const zone = new Zone(name);
      const from = Date.parse("2023-01-01T00:00:00Z");
      const span = 3 * 365 * MS_PER_DAY;
      let t = from;
      for (let i = 0; i < 4000; i++) {
        const r = random();
        if (r < 0.05) t = from + Math.floor(random() * span);
        else t += Math.floor((random() - 0.4) * 10 * MS_PER_DAY);
        // And one up to three days on (about forty of the 8,000 reads land on a change's day).
        expect(zone.offsetAt(t), new Date(t).toISOString()).toBe(intlOffset(name, t));
        const later = t + Math.floor(random() * 3 * MS_PER_DAY);
        expect(zone.offsetAt(later), new Date(later).toISOString()).toBe(intlOffset(name, later));
      }
    });
  }
});

/**
 * The UTC offsets tally (core/offsets.ts) and Zone.offsetAt (core/zone.ts) keep the last offset's
 * entry, the last UTC month and the last day's offset, and each day seen by its low bits, to spare
 * a lookup per timestamp. Checked against an independent route: offsets from Intl's own
 * `longOffset` names, months from Date's UTC fields, and a plain tally written here; on seeded
 * timestamps that mostly run forward, jump back, cross month ends and DST changes, with two or
 * three offsets, and on the same shuffled and scattered over 23 years (days that share a slot).
 */
import { describe, expect, it } from "vitest";
import { OffsetTally } from "../../src/core/offsets.js";
import { Zone } from "../../src/core/zone.js";
import { intlOffset } from "../intl-offset.js";
import { mulberry32 } from "../random.js";

/** Minutes east of UTC in `zone` at `instant`, as Intl names it (GMT+02:00). */
const intlMinutes = (zone: string, instant: number): number => intlOffset(zone, instant) / 60_000;

const HOUR = 3_600_000;

/** Instants from 2024-02-20 on: mostly a few minutes to hours apart, now and then back a few days. */
function instants(random: () => number, n: number): number[] {
  const out: number[] = [];
  let t = Date.UTC(2024, 1, 20);
  for (let i = 0; i < n; i++) {
    t += random() < 0.05 ? -Math.floor(random() * 5 * 24 * HOUR) : Math.floor(random() * 9 * HOUR);
    out.push(t);
  }
  return out;
}

describe("Zone.offsetAt, with its day kept", () => {
  for (const zone of ["Europe/Prague", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu"]) {
    it(`gives Intl's offset in ${zone}, through DST changes, in order and out of it`, () => {
      const z = new Zone(zone);
      const random = mulberry32(zone.length);
      const all = instants(random, 3000);
      // Every hour around the 2024 changes too, where a day holds two offsets.
      for (const change of [
        Date.UTC(2024, 2, 10),
        Date.UTC(2024, 2, 31),
        Date.UTC(2024, 3, 7),
        Date.UTC(2024, 9, 6),
        Date.UTC(2024, 9, 27),
      ]) {
        for (let h = -30; h <= 30; h++) all.push(change + h * HOUR + 17 * 60_000);
      }
      const wrong = all.filter((t) => z.offsetAt(t) !== intlOffset(zone, t));
      expect(wrong.map((t) => new Date(t).toISOString())).toEqual([]);
    });
  }
});

/** `items` in a seeded random order (Fisher–Yates). */
function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Instants anywhere in 2008–2031: more days than the tally and the zone keep by their low bits, so days share a slot. */
function scattered(random: () => number, n: number): number[] {
  const from = Date.UTC(2008, 0, 1);
  const span = Date.UTC(2031, 0, 1) - from;
  return Array.from({ length: n }, () => from + Math.floor(random() * span));
}

/**
 * Notes `all` in a tally, each mostly with Prague's offset, sometimes New York's, now and then a
 * wrong one, and expects what a plain tally written here gives: per offset a count, the first and
 * last instants and the first instant of each UTC month (its samples), the contradictions, and
 * the zones whose offset fits every sample (worked out from the plain tally's samples and Intl).
 */
function expectPlainTally(all: readonly number[], random: () => number): void {
  const zone = new Zone("Europe/Prague");
  const tally = new OffsetTally(zone);
  const plain = new Map<number, { count: number; first: number; last: number; months: Map<string, number> }>();
  let contradicted = 0;
  for (const instant of all) {
    const r = random();
    const minutes = r < 0.8 ? intlMinutes("Europe/Prague", instant) : r < 0.95 ? intlMinutes("America/New_York", instant) : 330;
    tally.note(minutes, instant);
    let seen = plain.get(minutes);
    if (!seen) {
      seen = { count: 0, first: instant, last: instant, months: new Map() };
      plain.set(minutes, seen);
    }
    seen.count++;
    seen.first = Math.min(seen.first, instant);
    seen.last = Math.max(seen.last, instant);
    const d = new Date(instant);
    const month = `${d.getUTCFullYear()}-${d.getUTCMonth()}`;
    if (!seen.months.has(month)) seen.months.set(month, instant);
    if (intlMinutes("Europe/Prague", instant) !== minutes) contradicted++;
  }
  expect(tally.offsets).toEqual(
    [...plain].map(([minutes, s]) => ({ minutes, count: s.count })).sort((a, b) => b.count - a.count || a.minutes - b.minutes),
  );
  expect(tally.total).toBe(all.length);
  expect(tally.contradicted).toBe(contradicted);
  expect(contradicted).toBeGreaterThan(all.length / 20);
  const candidates = ["Europe/Prague", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "UTC", "Etc/GMT-1"];
  const samples = [...plain].flatMap(([minutes, s]) =>
    [...new Set([s.first, s.last, ...s.months.values()])].map((t) => [t, minutes] as const),
  );
  const byInstant = (a: readonly number[], b: readonly number[]) => a[0]! - b[0]! || a[1]! - b[1]!;
  expect(tally.samples.map(([t, offset]) => [t, offset / 60_000]).sort(byInstant)).toEqual(samples.map(([t, m]) => [t, m]).sort(byInstant));
  const fitting = candidates.filter((name) => samples.every(([t, minutes]) => intlMinutes(name, t) === minutes));
  expect(tally.zonesFitting(candidates)).toEqual(fitting);
}

describe("OffsetTally", () => {
  // In order, each timestamp mostly in the month of the one before; shuffled (an export sorted by
  // product, or scrambled), each in another month and day than the last, which the tally keeps
  // by the day's low bits; scattered over 23 years, so that days far apart share those bits.
  const orders: [string, (random: () => number) => number[]][] = [
    ["mostly in order", (random) => instants(random, 20_000)],
    ["in random order", (random) => shuffled(instants(random, 20_000), random)],
    ["scattered over 23 years in random order", (random) => scattered(random, 20_000)],
  ];
  for (const [order, make] of orders) {
    it(`tallies as a plain tally does, ${order}: counts, contradictions, and the zones its samples fit`, () => {
      expectPlainTally(make(mulberry32(0x0ff5e7)), mulberry32(0x0ff5e8));
    });
  }

  it("tells a fixed +01:00 from Prague by the monthly samples, when the first and last timestamps are in winter", () => {
    // A file that writes +01:00 all year: Prague's offset at its first and last timestamps (both
    // in winter), so only the monthly samples (the summer's) tell that Prague does not fit and a
    // fixed UTC+1 does; in order and shuffled.
    const times = Array.from({ length: 1200 }, (_, i) => Date.UTC(2024, 0, 10) + i * 7 * HOUR + ((i * 37) % 50) * 60_000);
    expect([times[0]!, times.at(-1)!].map((t) => intlMinutes("Europe/Prague", t))).toEqual([60, 60]);
    for (const order of [times, shuffled(times, mulberry32(12))]) {
      const winter = new OffsetTally(new Zone("Europe/Prague"));
      for (const instant of order) winter.note(60, instant);
      expect(winter.zonesFitting(["Europe/Prague", "Etc/GMT-1", "Europe/London"])).toEqual(["Etc/GMT-1"]);
      expect(winter.contradicted).toBe(times.filter((t) => intlMinutes("Europe/Prague", t) !== 60).length);
    }
  });
});

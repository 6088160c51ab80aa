/**
 * The UTC offsets tally (core/offsets.ts) and Zone.offsetAt (core/zone.ts) keep the last offset's
 * entry, the last UTC month and the last day's offset, to spare a lookup per timestamp. Checked
 * against an independent route: offsets from Intl's own `longOffset` names, months from Date's
 * UTC fields, and a plain tally written here; on seeded timestamps that mostly run forward, jump
 * back, cross month ends and DST changes, with two or three offsets.
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

describe("OffsetTally", () => {
  it("tallies as a plain tally does: counts, contradictions, and the zones its samples fit", () => {
    const random = mulberry32(0x0ff5e7);
    const zone = new Zone("Europe/Prague");
    const tally = new OffsetTally(zone);
    // The plain tally: per offset a count, the first and last instants, the first instant of each UTC month.
    const plain = new Map<number, { count: number; first: number; last: number; months: Map<string, number> }>();
    let contradicted = 0;
    for (const instant of instants(random, 20_000)) {
      // Mostly the zone's own offset, sometimes another shop's, now and then a wrong one.
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
    expect(tally.total).toBe(20_000);
    expect(tally.contradicted).toBe(contradicted);
    expect(contradicted).toBeGreaterThan(1000);
    // The zones whose offset fits every sample, worked out from the plain tally's samples and Intl.
    const candidates = ["Europe/Prague", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "UTC"];
    const samples = [...plain].flatMap(([minutes, s]) => [s.first, s.last, ...s.months.values()].map((t) => [t, minutes] as const));
    const fitting = candidates.filter((name) => samples.every(([t, minutes]) => intlMinutes(name, t) === minutes));
    expect(tally.zonesFitting(candidates)).toEqual(fitting);
    // A file that writes +01:00 all year: Prague's offset at its first and last timestamps (both
    // in winter), so only the monthly samples (the summer's) tell that Prague does not fit and a
    // fixed UTC+1 does.
    const winter = new OffsetTally(zone);
    // 10 January to 25 December 2024, seven hours apart (and a few minutes).
    const times = Array.from({ length: 1200 }, (_, i) => Date.UTC(2024, 0, 10) + i * 7 * HOUR + ((i * 37) % 50) * 60_000);
    for (const instant of times) winter.note(60, instant);
    expect([times[0]!, times.at(-1)!].map((t) => intlMinutes("Europe/Prague", t))).toEqual([60, 60]);
    expect(winter.zonesFitting(["Europe/Prague", "Etc/GMT-1", "Europe/London"])).toEqual(["Etc/GMT-1"]);
    expect(winter.contradicted).toBe(times.filter((t) => intlMinutes("Europe/Prague", t) !== 60).length);
  });
});

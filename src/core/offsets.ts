/**
 * The UTC offsets a file's timestamps carry (`2016-11-30 23:30:00 +1100`), tallied as they are
 * read, and what they say about the zone: whether the report's zone agrees with them, and which
 * IANA zones would. A Shopify export is written in the shop's zone with its offset on every
 * timestamp; read on a server whose zone is UTC, every day would be drawn in the wrong place.
 *
 * Only numeric offsets are evidence: `Z`, `UTC` and `GMT` say the writer used UTC, not where the
 * shop is. Memory is bounded: per offset, a count and one sample instant per UTC month seen.
 */
import { civilFromDays, DAY_SLOTS, daySlot, daysFromCivil, MS_PER_DAY, NO_DAY } from "./calendar.js";
import { Zone } from "./zone.js";

export interface OffsetSeen {
  /** Minutes east of UTC (+11:00 → 660). */
  readonly minutes: number;
  /** Timestamps read with this offset. */
  readonly count: number;
}

interface Seen {
  /** Its place among the offsets seen, in the order first seen (its bit in a day's #slotSampled). */
  readonly index: number;
  count: number;
  first: number;
  last: number;
  /** UTC month (year · 12 + month) → the first instant noted in it. */
  readonly samples: Map<number, number>;
}

export class OffsetTally {
  readonly zone: Zone;
  readonly #seen = new Map<number, Seen>();
  // A file's timestamps come mostly in order, with one or two offsets: the last offset's entry,
  // the last UTC month's range, and the entry whose sample for that month is known taken, so that
  // a timestamp like the one before costs no Map lookup and no calendar arithmetic.
  #lastMinutes = Number.NaN;
  #last: Seen | null = null;
  #monthFrom = Number.POSITIVE_INFINITY;
  #monthTo = Number.NEGATIVE_INFINITY;
  #month = 0;
  #sampled: Seen | null = null;
  /** The offset before the last one and its entry: a shuffled file's timestamps alternate between two. */
  #beforeMinutes = Number.NaN;
  #before: Seen | null = null;
  /**
   * A file out of date order (a shuffled export) lands each timestamp in another month than the
   * last: each UTC day seen, by its low bits, keeps its month and the month's range, and which
   * offsets (by index, the first 31) have their sample for that month, so that such a timestamp
   * costs no calendar arithmetic and no Map lookup either. Made at the first timestamp outside
   * the last month; #slot is the slot of the day the month's range was last taken from.
   */
  #slotDay: Int32Array | null = null;
  #slotMonth: Int32Array | null = null;
  #slotFrom: Float64Array | null = null;
  #slotTo: Float64Array | null = null;
  #slotSampled: Int32Array | null = null;
  #slot = -1;
  #contradicted = 0;
  /** zonesFitting() of every zone, as of `total` timestamps. */
  #fits: { readonly total: number; readonly zones: readonly string[] } | null = null;

  /** `zone`: the report's zone, checked against every offset read. */
  constructor(zone: Zone) {
    this.zone = zone;
  }

  /** A timestamp read as `instant`, written with `minutes` east of UTC. */
  note(minutes: number, instant: number): void {
    let seen = this.#last;
    if (minutes !== this.#lastMinutes || seen === null) {
      if (minutes === this.#beforeMinutes && this.#before !== null) seen = this.#before;
      else {
        seen = this.#seen.get(minutes) ?? null;
        if (seen === null) {
          seen = { index: this.#seen.size, count: 0, first: instant, last: instant, samples: new Map() };
          this.#seen.set(minutes, seen);
        }
      }
      this.#before = this.#last;
      this.#beforeMinutes = this.#lastMinutes;
      this.#last = seen;
      this.#lastMinutes = minutes;
    }
    seen.count++;
    if (instant < seen.first) seen.first = instant;
    if (instant > seen.last) seen.last = instant;
    if (!(instant >= this.#monthFrom && instant < this.#monthTo)) {
      this.#takeMonth(instant);
      this.#sampled = null;
    }
    if (this.#sampled !== seen) {
      const bit = seen.index < 31 ? 1 << seen.index : 0;
      const slot = this.#slot;
      if (bit === 0 || slot < 0 || (this.#slotSampled![slot]! & bit) === 0) {
        if (!seen.samples.has(this.#month)) seen.samples.set(this.#month, instant);
        if (slot >= 0) this.#slotSampled![slot]! |= bit;
      }
      this.#sampled = seen;
    }
    if (this.zone.offsetAt(instant) !== minutes * 60_000) this.#contradicted++;
  }

  /** Makes `instant`'s UTC month the current one (#month, #monthFrom, #monthTo), from its day's slot where it has one. */
  #takeMonth(instant: number): void {
    const day = Math.floor(instant / MS_PER_DAY);
    if (this.#slotDay === null && this.#month !== 0) {
      // The first timestamp outside the month of the first: the slots from now on.
      this.#slotDay = new Int32Array(DAY_SLOTS).fill(NO_DAY);
      this.#slotMonth = new Int32Array(DAY_SLOTS);
      this.#slotFrom = new Float64Array(DAY_SLOTS);
      this.#slotTo = new Float64Array(DAY_SLOTS);
      this.#slotSampled = new Int32Array(DAY_SLOTS);
    }
    const slots = this.#slotDay;
    const slot = slots === null ? -1 : daySlot(day);
    if (slot >= 0 && slots![slot] === day) {
      this.#month = this.#slotMonth![slot]!;
      this.#monthFrom = this.#slotFrom![slot]!;
      this.#monthTo = this.#slotTo![slot]!;
      this.#slot = slot;
      return;
    }
    const { year, month } = civilFromDays(day);
    this.#month = year * 12 + month;
    this.#monthFrom = daysFromCivil(year, month, 1) * MS_PER_DAY;
    this.#monthTo = (month === 12 ? daysFromCivil(year + 1, 1, 1) : daysFromCivil(year, month + 1, 1)) * MS_PER_DAY;
    this.#slot = slot;
    if (slot >= 0) {
      slots![slot] = day;
      this.#slotMonth![slot] = this.#month;
      this.#slotFrom![slot] = this.#monthFrom;
      this.#slotTo![slot] = this.#monthTo;
      this.#slotSampled![slot] = 0;
    }
  }

  /** Offsets seen, the most frequent first. */
  get offsets(): OffsetSeen[] {
    return [...this.#seen].map(([minutes, s]) => ({ minutes, count: s.count })).sort((a, b) => b.count - a.count || a.minutes - b.minutes);
  }

  /** Timestamps read with an offset. */
  get total(): number {
    let total = 0;
    for (const seen of this.#seen.values()) total += seen.count;
    return total;
  }

  /** Timestamps whose offset is not the report zone's offset at their instant. */
  get contradicted(): number {
    return this.#contradicted;
  }

  /**
   * What zonesFitting checks a zone against: each offset's first and last instants and the first
   * instant noted in each UTC month, once each, with the offset in milliseconds.
   */
  get samples(): [instant: number, offset: number][] {
    const samples: [instant: number, offset: number][] = [];
    for (const [minutes, seen] of this.#seen) {
      for (const instant of new Set([seen.first, seen.last, ...seen.samples.values()])) samples.push([instant, minutes * 60_000]);
    }
    return samples;
  }

  /**
   * The IANA zones whose offset matches every sample (an offset's first and last instants and one
   * per month), in `candidates`' order: the zones the file could have been written in.
   */
  zonesFitting(candidates?: readonly string[]): string[] {
    // Checking all ~420 zones takes a tenth of a second; inspect and its warning both ask.
    if (candidates === undefined) {
      if (this.#fits?.total !== this.total) this.#fits = { total: this.total, zones: this.zonesFitting(ianaZones()) };
      return [...this.#fits.zones];
    }
    const { samples } = this;
    if (samples.length === 0) return [];
    return candidates.filter((name) => {
      const zone = new Zone(name);
      return samples.every(([instant, offset]) => zone.offsetAt(instant) === offset);
    });
  }
}

/** `+11:00`, `-04:00`, `+05:45`, `+00:00`. */
export function formatOffset(minutes: number): string {
  const abs = Math.abs(minutes);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${minutes < 0 ? "-" : "+"}${p(Math.floor(abs / 60))}:${p(abs % 60)}`;
}

/** Every zone this runtime's ICU knows, canonical names (Intl.supportedValuesOf). */
function ianaZones(): string[] {
  return [...Intl.supportedValuesOf("timeZone"), "UTC"].filter((name, i, all) => all.indexOf(name) === i);
}

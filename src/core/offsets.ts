/**
 * The UTC offsets a file's timestamps carry (`2016-11-30 23:30:00 +1100`), tallied as they are
 * read, and what they say about the zone: whether the report's zone agrees with them, and which
 * IANA zones would. A Shopify export is written in the shop's zone with its offset on every
 * timestamp; read on a server whose zone is UTC, every day would be drawn in the wrong place.
 *
 * Only numeric offsets are evidence: `Z`, `UTC` and `GMT` say the writer used UTC, not where the
 * shop is. Memory is bounded: per offset, a count and one sample instant per UTC month seen.
 */
import { civilFromDays, daysFromCivil, MS_PER_DAY } from "./calendar.js";
import { Zone } from "./zone.js";

export interface OffsetSeen {
  /** Minutes east of UTC (+11:00 → 660). */
  readonly minutes: number;
  /** Timestamps read with this offset. */
  readonly count: number;
}

interface Seen {
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
      seen = this.#seen.get(minutes) ?? null;
      if (seen === null) {
        seen = { count: 0, first: instant, last: instant, samples: new Map() };
        this.#seen.set(minutes, seen);
      }
      this.#last = seen;
      this.#lastMinutes = minutes;
    }
    seen.count++;
    if (instant < seen.first) seen.first = instant;
    if (instant > seen.last) seen.last = instant;
    if (!(instant >= this.#monthFrom && instant < this.#monthTo)) {
      const { year, month } = civilFromDays(Math.floor(instant / MS_PER_DAY));
      this.#month = year * 12 + month;
      this.#monthFrom = daysFromCivil(year, month, 1) * MS_PER_DAY;
      this.#monthTo = (month === 12 ? daysFromCivil(year + 1, 1, 1) : daysFromCivil(year, month + 1, 1)) * MS_PER_DAY;
      this.#sampled = null;
    }
    if (this.#sampled !== seen) {
      if (!seen.samples.has(this.#month)) seen.samples.set(this.#month, instant);
      this.#sampled = seen;
    }
    if (this.zone.offsetAt(instant) !== minutes * 60_000) this.#contradicted++;
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
   * The IANA zones whose offset matches every sample (an offset's first and last instants and one
   * per month), in `candidates`' order: the zones the file could have been written in.
   */
  zonesFitting(candidates?: readonly string[]): string[] {
    // Checking all ~420 zones takes a tenth of a second; inspect and its warning both ask.
    if (candidates === undefined) {
      if (this.#fits?.total !== this.total) this.#fits = { total: this.total, zones: this.zonesFitting(ianaZones()) };
      return [...this.#fits.zones];
    }
    const samples: [instant: number, offset: number][] = [];
    for (const [minutes, seen] of this.#seen) {
      for (const instant of new Set([seen.first, seen.last, ...seen.samples.values()])) samples.push([instant, minutes * 60_000]);
    }
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

/**
 * An IANA time zone, for turning wall-clock times into instants and instants into local days.
 * Built on Intl (Node ships full ICU), with offsets cached per UTC day. One Intl call costs tens
 * of microseconds and a file's dates span thousands of days, so a day whose offset is the same at
 * its start and at the next day's start is one entry, for one call a day; on the few days that
 * hold a change, the change's instant is found to the second by bisection, once. That takes a
 * zone to change offset at most once a UTC day, which holds for every zone in ICU's data from 1900
 * to 2040 (no two changes are 24 hours apart or closer); changes need not fall on a quarter hour
 * (Newfoundland's were at 00:01 local time until 2011, Casey's at 16:01 UTC).
 */
import { civilFromDays, DAY_SLOTS, type DayNumber, daySlot, daysFromCivil, MS_PER_DAY, NO_DAY } from "./calendar.js";

const SECONDS_PER_DAY = MS_PER_DAY / 1000;
/** A day's entry in the day cache when the offset changes that day: look up the change's instant. */
const CHANGES = Number.NaN;
/**
 * The day slots (calendar.ts's DAY_SLOTS, in front of the day Map) are made once the Map holds
 * this many days: a zone asked about a few instants, as zonesFitting's ~420 are, needs none.
 */
const SLOTS_FROM = 64;

/** Where a report's zone came from: --tz, the config file, an IANA `TZ`, or the system (`timezoneSource`). */
export type ZoneSource = "flag" | "config" | "env" | "system";

export function isValidTimeZone(name: string): boolean {
  if (name.trim() === "") return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export class Zone {
  readonly name: string;
  readonly #format: Intl.DateTimeFormat;
  /** UTC day → the offset all day, or CHANGES. */
  readonly #days = new Map<number, number>();
  /** The last day offsetAt read that holds no change, and its offset. */
  #lastDay = Number.NaN;
  #lastOffset = 0;
  /**
   * #days' entries by the day's low bits, for a file out of date order: a shuffled export's
   * timestamps each land on another day than the last, and a Map lookup a timestamp was most of
   * what the offsets tally cost there. A slot holds its day (NO_DAY: none yet) and that day's
   * entry; made once the Map holds SLOTS_FROM days.
   */
  #slotDay: Int32Array | null = null;
  #slotOffset: Float64Array | null = null;
  /** UTC day → the offset at its start (#days is worked out from these). */
  readonly #starts = new Map<number, number>();
  /** UTC day → the instant its offset changes, on the days that hold a change. */
  readonly #changes = new Map<number, number>();

  /** `name` must be valid (see isValidTimeZone); Intl throws RangeError otherwise. */
  constructor(name: string) {
    this.#format = new Intl.DateTimeFormat("en-US", {
      timeZone: name,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      era: "short",
    });
    // The user's spelling, in canonical case ("europe/prague" → "Europe/Prague"), but never ICU's
    // older alias for it ("Europe/Kyiv" stays Europe/Kyiv, not Europe/Kiev).
    const resolved = this.#format.resolvedOptions().timeZone;
    this.name = resolved.toLowerCase() === name.trim().toLowerCase() ? resolved : name.trim();
  }

  /** The zone's offset from UTC at `instant`, in milliseconds (Prague in winter: 3,600,000). */
  offsetAt(instant: number): number {
    const day = Math.floor(instant / MS_PER_DAY);
    // Timestamps come mostly in order: the last day's offset, with no Map lookup.
    if (day === this.#lastDay) return this.#lastOffset;
    const slot = daySlot(day);
    let offset: number;
    if (slot >= 0 && this.#slotDay !== null && this.#slotDay[slot] === day) offset = this.#slotOffset![slot]!;
    else {
      let known = this.#days.get(day);
      if (known === undefined) {
        // At most one change a day: a day starts and ends (the next one starts) with the same
        // offset only when it holds none. One Intl call a day, the next day's start kept for it.
        known = this.#startOffset(day);
        if (this.#startOffset(day + 1) !== known) known = CHANGES;
        this.#days.set(day, known);
        if (this.#slotDay === null && this.#days.size >= SLOTS_FROM) {
          this.#slotDay = new Int32Array(DAY_SLOTS).fill(NO_DAY);
          this.#slotOffset = new Float64Array(DAY_SLOTS);
        }
      }
      offset = known;
      if (slot >= 0 && this.#slotDay !== null) {
        this.#slotDay[slot] = day;
        this.#slotOffset![slot] = offset;
      }
    }
    if (!Number.isNaN(offset)) {
      this.#lastDay = day;
      this.#lastOffset = offset;
      return offset;
    }
    return instant < this.#changeOn(day) ? this.#startOffset(day) : this.#startOffset(day + 1);
  }

  /**
   * The instant the offset changes on UTC day `day` (one that holds a change): the first whole
   * second with the next day's offset, found by bisection (zones change on whole seconds).
   */
  #changeOn(day: number): number {
    let change = this.#changes.get(day);
    if (change === undefined) {
      const after = this.#startOffset(day + 1);
      // The day's start has the offset before, the next day's start the one after.
      let before = day * SECONDS_PER_DAY;
      let at = before + SECONDS_PER_DAY;
      while (at - before > 1) {
        const mid = Math.floor((before + at) / 2);
        if (this.#computeOffset(mid * 1000) === after) at = mid;
        else before = mid;
      }
      change = at * 1000;
      this.#changes.set(day, change);
    }
    return change;
  }

  /** The offset at the start of UTC day `day`. */
  #startOffset(day: number): number {
    let offset = this.#starts.get(day);
    if (offset === undefined) {
      offset = this.#computeOffset(day * MS_PER_DAY);
      this.#starts.set(day, offset);
    }
    return offset;
  }

  /**
   * The instant at which clocks in this zone show `wall` (a wall-clock time encoded as if it were
   * UTC milliseconds). Like Temporal's "compatible" disambiguation: in a fall-back overlap the
   * earlier instant; in a spring-forward gap, the time is read with the offset before the gap
   * (02:30 on a +01:00 → +02:00 night becomes 03:30+02:00).
   */
  instantOf(wall: number): number {
    const before = this.offsetAt(wall - MS_PER_DAY);
    const after = this.offsetAt(wall + MS_PER_DAY);
    const early = wall - before;
    if (before === after) {
      const offset = this.offsetAt(early);
      return offset === before ? early : wall - offset;
    }
    const late = wall - after;
    const earlyFits = early + this.offsetAt(early) === wall;
    const lateFits = late + this.offsetAt(late) === wall;
    if (earlyFits && lateFits) return Math.min(early, late);
    if (earlyFits) return early;
    if (lateFits) return late;
    return early; // in the gap
  }

  /** The local calendar day that contains `instant`. */
  dayOf(instant: number): DayNumber {
    return Math.floor((instant + this.offsetAt(instant)) / MS_PER_DAY);
  }

  /** The instant of local midnight that starts `day` (or the first instant of it, if midnight is skipped). */
  startOfDay(day: DayNumber): number {
    return this.instantOf(day * MS_PER_DAY);
  }

  /** ISO 8601 with this zone's offset, seconds precision: `2025-01-01T00:00:00+01:00`. */
  formatInstant(instant: number): string {
    const offset = this.offsetAt(instant);
    const wall = instant + offset;
    const day = Math.floor(wall / MS_PER_DAY);
    const { year, month, day: dom } = civilFromDays(day);
    const ms = wall - day * MS_PER_DAY;
    const hh = Math.floor(ms / 3_600_000);
    const mm = Math.floor((ms % 3_600_000) / 60_000);
    const ss = Math.floor((ms % 60_000) / 1000);
    const sign = offset < 0 ? "-" : "+";
    const abs = Math.round(Math.abs(offset) / 1000); // whole seconds
    const p = (n: number, w = 2) => String(n).padStart(w, "0");
    // Offsets are whole minutes since zones left local mean time; print seconds if one isn't.
    const seconds = abs % 60 === 0 ? "" : `:${p(abs % 60)}`;
    return `${p(year, 4)}-${p(month)}-${p(dom)}T${p(hh)}:${p(mm)}:${p(ss)}${sign}${p(Math.floor(abs / 3600))}:${p(Math.floor(abs / 60) % 60)}${seconds}`;
  }

  #computeOffset(instant: number): number {
    const parts: Record<string, string> = {};
    for (const { type, value } of this.#format.formatToParts(new Date(instant))) parts[type] = value;
    let year = Number(parts.year);
    if (parts.era === "BC" || parts.era === "B") year = 1 - year;
    const wall =
      daysFromCivil(year, Number(parts.month), Number(parts.day)) * MS_PER_DAY +
      ((Number(parts.hour) * 60 + Number(parts.minute)) * 60 + Number(parts.second)) * 1000;
    const secondsFloor = Math.floor(instant / 1000) * 1000;
    return wall - secondsFloor;
  }
}

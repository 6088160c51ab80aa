/**
 * Reading order timestamps. A timestamp with an offset (`2025-05-11 09:55:16 -0400`,
 * `2025-05-11T09:55:16+02:00`, `…Z`) is an exact instant. Without one it is wall-clock time in
 * the report's zone, and a date alone is local midnight there.
 */
import { daysFromCivil, isPlausibleYear, isValidCivil, MS_PER_DAY } from "../../core/calendar.js";
import type { OffsetTally } from "../../core/offsets.js";
import type { Zone } from "../../core/zone.js";

// An offset is only read after a time: `2025-05-11-04` is not a date at −04:00.
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?:\s*(?:(Z|UTC|GMT)|([+-])(\d{2})(?::?(\d{2}))?))?)?$/i;

/**
 * Milliseconds since the epoch, or null when `text` is not a timestamp we can read. A numeric
 * offset read is noted in `offsets` (what the file says about the shop's zone).
 */
export function parseTimestamp(text: string, zone: Zone, offsets?: OffsetTally): number | null {
  const common = commonTimestamp(text, zone, offsets);
  if (common !== undefined) return common;
  const m = ISO.exec(text.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (!isPlausibleYear(year) || !isValidCivil(year, month, day)) return null;
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (hour > 23 || minute > 59 || second > 59) return null;
  const millis = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
  const wall = daysFromCivil(year, month, day) * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000 + millis;
  if (m[8] !== undefined) return wall; // Z, UTC, GMT
  if (m[9] !== undefined) {
    const hours = Number(m[10]);
    const minutes = m[11] === undefined ? 0 : Number(m[11]);
    if (hours > 14 || minutes > 59) return null;
    const east = (m[9] === "-" ? -1 : 1) * (hours * 60 + minutes);
    const instant = wall - east * 60_000;
    offsets?.note(east, instant);
    return instant;
  }
  return zone.instantOf(wall);
}

/** The digit at `i` of `text` as a number, or NaN (which fails every comparison after). */
function digit(text: string, i: number): number {
  const d = text.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : Number.NaN;
}

/**
 * parseTimestamp of the shapes nearly every export writes, read with no regular expression:
 * `2025-05-11 09:55:16` or with a `T` (19 characters), and the same followed by ` -0400`,
 * `+02:00`, ` +02:00` or `-0400`. The same result as the general path; undefined for any other
 * text, which takes it.
 */
function commonTimestamp(text: string, zone: Zone, offsets?: OffsetTally): number | null | undefined {
  const n = text.length;
  if (n < 19 || n > 26) return undefined;
  const sep = text.charCodeAt(10);
  if (
    text.charCodeAt(4) !== 45 ||
    text.charCodeAt(7) !== 45 ||
    (sep !== 32 && sep !== 84) ||
    text.charCodeAt(13) !== 58 ||
    text.charCodeAt(16) !== 58
  )
    return undefined;
  const year = digit(text, 0) * 1000 + digit(text, 1) * 100 + digit(text, 2) * 10 + digit(text, 3);
  const month = digit(text, 5) * 10 + digit(text, 6);
  const day = digit(text, 8) * 10 + digit(text, 9);
  const hour = digit(text, 11) * 10 + digit(text, 12);
  const minute = digit(text, 14) * 10 + digit(text, 15);
  const second = digit(text, 17) * 10 + digit(text, 18);
  if (!(year >= 0 && month >= 0 && day >= 0 && hour >= 0 && minute >= 0 && second >= 0)) return undefined; // a NaN: not digits
  let east: number | null = null;
  if (n > 19) {
    let i = 19;
    if (text.charCodeAt(i) === 32) i++;
    const sign = text.charCodeAt(i);
    if (sign !== 43 && sign !== 45) return undefined;
    const rest = n - i - 1; // HHMM or HH:MM
    if (rest === 5 && text.charCodeAt(i + 3) !== 58) return undefined;
    if (rest !== 4 && rest !== 5) return undefined;
    const hours = digit(text, i + 1) * 10 + digit(text, i + 2);
    const minutes = digit(text, n - 2) * 10 + digit(text, n - 1);
    if (!(hours >= 0 && minutes >= 0)) return undefined;
    if (hours > 14 || minutes > 59) return null;
    east = (sign === 45 ? -1 : 1) * (hours * 60 + minutes);
  }
  if (!isPlausibleYear(year) || !isValidCivil(year, month, day)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const wall = daysFromCivil(year, month, day) * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000;
  if (east === null) return zone.instantOf(wall);
  const instant = wall - east * 60_000;
  offsets?.note(east, instant);
  return instant;
}

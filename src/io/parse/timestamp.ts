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

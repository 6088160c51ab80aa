/**
 * Dates as exports and Excel write them. Unambiguous shapes are read as they are; a slash date
 * (`01/02/2025`) is day-first or month-first for the whole file, decided from values with a
 * component over 12, never row by row.
 *   ISO 8601 (with or without an offset; see timestamp.ts)   2025-05-11 09:55:16 -0400
 *   YYYY-MM-DD H:MM [AM|PM]                                     2026-04-20 9:41 AM
 *   D.M.YYYY [H:MM[:SS]] and D. M. YYYY (day first)           4.3.2025 10:00, 10. 7. 2026
 *   YYYY/MM/DD [H:MM[:SS]]                                      2025/03/04
 *   YYYYMMDD                                                    19970101
 *   A/B/YYYY or A/B/YY [H:MM[:SS]] [AM|PM] (order per file)     12/1/10 8:26, 13/01/2025
 *   Mon D, YYYY [H:MM[:SS]] [AM|PM]                             Jun 9, 2023 9:00:00 AM
 * Times without an offset are wall-clock time in the report's zone.
 */
import { daysFromCivil, isPlausibleYear, isValidCivil, MS_PER_DAY } from "../../core/calendar.js";
import type { OffsetTally } from "../../core/offsets.js";
import { trim } from "../../core/trim.js";
import type { Zone } from "../../core/zone.js";
import { parseTimestamp } from "./timestamp.js";

export type DateOrder = "dmy" | "mdy";

/** What one value says about the file's slash-date order. */
export type DateEvidence = DateOrder | "ambiguous" | "none";

const TIME = String.raw`(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*([AaPp][Mm])?)?`;
const DASHED_MERIDIEM = new RegExp(String.raw`^(\d{4})-(\d{2})-(\d{2})${TIME}$`); // Ecwid: 2026-04-20 9:41 AM
const DOTTED = new RegExp(String.raw`^(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4}|\d{2})${TIME}$`);
const YMD_SLASH = new RegExp(String.raw`^(\d{4})/(\d{1,2})/(\d{1,2})${TIME}$`);
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const SLASHED = new RegExp(String.raw`^(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})${TIME}$`);
const NAMED = new RegExp(String.raw`^([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})${TIME}$`);
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** dmy/mdy when a slash date shows its order (a component over 12), "ambiguous" when it can't, "none" for other shapes. */
export function dateEvidence(text: string): DateEvidence {
  if (text.indexOf("/") < 0) return "none"; // an ISO or dotted date, with no regular expression run
  const m = SLASHED.exec(text.trim());
  if (!m) return "none";
  const [a, b] = [Number(m[1]), Number(m[2])];
  if (a > 12 && b <= 12) return "dmy";
  if (b > 12 && a <= 12) return "mdy";
  if (a > 12 && b > 12) return "none"; // no date either way: parsing will say so
  return a === b ? "none" : "ambiguous"; // 05/05 reads the same either way
}

/**
 * Epoch ms of `text`, or null when it is no date we read. `order` settles slash dates; a slash
 * date read with `order` null (undecided) is null too unless both readings agree. A UTC offset
 * written in `text` is noted in `offsets`.
 */
export function parseDateTime(text: string, zone: Zone, order: DateOrder | null, offsets?: OffsetTally): number | null {
  const t = trim(text);
  const iso = parseTimestamp(t, zone, offsets);
  if (iso !== null) return iso;
  const dashed = DASHED_MERIDIEM.exec(t);
  if (dashed) return civil(Number(dashed[1]), Number(dashed[2]), Number(dashed[3]), dashed.slice(4), zone);
  const dotted = DOTTED.exec(t);
  if (dotted) return civil(year(dotted[3]!), Number(dotted[2]), Number(dotted[1]), dotted.slice(4), zone);
  const ymd = YMD_SLASH.exec(t);
  if (ymd) return civil(Number(ymd[1]), Number(ymd[2]), Number(ymd[3]), ymd.slice(4), zone);
  const compact = COMPACT.exec(t);
  if (compact) return civil(Number(compact[1]), Number(compact[2]), Number(compact[3]), [], zone);
  const named = NAMED.exec(t);
  if (named) {
    const month = MONTHS.indexOf(named[1]!.slice(0, 3).toLowerCase()) + 1;
    return month === 0 ? null : civil(Number(named[3]), month, Number(named[2]), named.slice(4), zone);
  }
  const slashed = SLASHED.exec(t);
  if (slashed) {
    const [a, b] = [Number(slashed[1]), Number(slashed[2])];
    const effective = order ?? (a === b ? "dmy" : null);
    if (effective === null) return null;
    const [month, day] = effective === "dmy" ? [b, a] : [a, b];
    return civil(year(slashed[3]!), month, day, slashed.slice(4), zone);
  }
  return null;
}

/** Two-digit years: 00–69 are 2000–2069, 70–99 are 1970–1999. */
function year(text: string): number {
  if (text.length === 4) return Number(text);
  const yy = Number(text);
  return yy < 70 ? 2000 + yy : 1900 + yy;
}

function civil(y: number, month: number, day: number, time: (string | undefined)[], zone: Zone): number | null {
  if (!isPlausibleYear(y) || !isValidCivil(y, month, day)) return null;
  let hour = time[0] === undefined ? 0 : Number(time[0]);
  const minute = time[1] === undefined ? 0 : Number(time[1]);
  const second = time[2] === undefined ? 0 : Number(time[2]);
  const meridiem = time[3]?.toLowerCase();
  if (meridiem !== undefined) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (meridiem === "pm" ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || second > 59) return null;
  return zone.instantOf(daysFromCivil(y, month, day) * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000);
}

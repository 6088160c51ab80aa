/**
 * Civil (proleptic Gregorian) calendar arithmetic on day numbers: days since 1970-01-01.
 * Windows are counted in these days, never in milliseconds, so a DST change can't move a bound.
 * Algorithms from Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms"
 * (http://howardhinnant.github.io/date_algorithms.html).
 */

/** Days since 1970-01-01 of a civil date. `month` is 1–12. */
export type DayNumber = number;

export interface CivilDate {
  readonly year: number;
  /** 1–12 */
  readonly month: number;
  /** 1–31 */
  readonly day: number;
}

export const MS_PER_DAY = 86_400_000;

export function daysFromCivil(year: number, month: number, day: number): DayNumber {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

export function civilFromDays(days: DayNumber): CivilDate {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function daysInMonth(year: number, month: number): number {
  return daysFromCivil(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - daysFromCivil(year, month, 1);
}

/** True when year-month-day names a real date (rejects 2025-02-30). */
export function isValidCivil(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * The day `months` calendar months before/after `days`, clamped to the last day of the target
 * month (2025-03-31 − 1 month = 2025-02-28).
 */
export function addMonths(days: DayNumber, months: number): DayNumber {
  const { year, month, day } = civilFromDays(days);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return daysFromCivil(y, m, Math.min(day, daysInMonth(y, m)));
}

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

/** `YYYY-MM-DD` */
export function formatDay(days: DayNumber): string {
  const { year, month, day } = civilFromDays(days);
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/**
 * Years we accept in data and flags. A shop export dated 0025 is a typo, not antiquity, and
 * Intl's zone data before 1900 is local mean time with odd offsets.
 */
export const MIN_YEAR = 1900;
const MAX_YEAR = 2199;
export const isPlausibleYear = (year: number): boolean => year >= MIN_YEAR && year <= MAX_YEAR;

/** Parses a strict `YYYY-MM-DD` between MIN_YEAR and MAX_YEAR; null when it is not such a date. */
export function parseDay(text: string): DayNumber | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isPlausibleYear(year) && isValidCivil(year, month, day) ? daysFromCivil(year, month, day) : null;
}

/**
 * Days kept in a table by their low bits, for values read out of date order (the zone's offsets,
 * the offsets tally): a power of two, so that days in one slot are eleven years apart.
 */
export const DAY_SLOTS = 4096;
/** A slot with no day in it: no date JavaScript can hold is this day. */
export const NO_DAY = -0x80000000;

/** `day`'s slot in a table of DAY_SLOTS, or −1 for a day that can't be kept so (past 32 bits, from no real date, or NO_DAY). */
export function daySlot(day: DayNumber): number {
  return (day | 0) === day && day !== NO_DAY ? day & (DAY_SLOTS - 1) : -1;
}

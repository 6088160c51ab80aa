/**
 * Report windows. A window is a half-open interval of whole local days in the report's zone:
 * [start of day (as-of + 1 − N), start of day (as-of + 1)). It is counted in calendar days (or
 * calendar months, clamped to the month's last day), so a DST change never shifts a bound.
 */
import { addMonths, civilFromDays, type DayNumber, daysFromCivil, formatDay, MIN_YEAR, parseDay } from "./calendar.js";
import type { Zone } from "./zone.js";

export type WindowSpec =
  | { readonly kind: "days"; readonly count: number }
  | { readonly kind: "months"; readonly count: number }
  | { readonly kind: "all" }
  | { readonly kind: "range"; readonly first: DayNumber; readonly last: DayNumber };

/** What `--as-of` asked for: a day, or "the local date of the latest order in the file". */
export type AsOfSpec = { readonly kind: "day"; readonly day: DayNumber } | { readonly kind: "latest" };

export interface ReportWindow {
  /** The spec as the user wrote it, normalised (`365d`, `3m`, `all`, `2025-01-01..2025-03-31`). */
  readonly spec: string;
  /** The last local day inside the window. */
  readonly asOf: DayNumber;
  /** The first local day inside the window. */
  readonly firstDay: DayNumber;
  /** Calendar days in the window. */
  readonly days: number;
  /** Inclusive start, epoch ms (local midnight of firstDay). */
  readonly from: number;
  /** Exclusive end, epoch ms (local midnight of asOf + 1). */
  readonly to: number;
}

/** Parses `--window`; null when the text is not a window. */
export function parseWindowSpec(text: string): WindowSpec | null {
  const t = text.trim().toLowerCase();
  if (t === "all") return { kind: "all" };
  const count = /^(\d+)([dmy])$/.exec(t);
  if (count) {
    const n = Number(count[1]);
    // Up to a century: longer windows only reach into dates no export holds.
    const months = count[2] === "m" ? n : n * 12;
    if (n < 1 || (count[2] === "d" ? n > 36_525 : months > 1200)) return null;
    return count[2] === "d" ? { kind: "days", count: n } : { kind: "months", count: months };
  }
  const range = /^(\S+)\.\.(\S+)$/.exec(t);
  if (range) {
    const first = parseDay(range[1] ?? "");
    const last = parseDay(range[2] ?? "");
    if (first === null || last === null || last < first) return null;
    return { kind: "range", first, last };
  }
  return null;
}

function formatWindowSpec(spec: WindowSpec): string {
  switch (spec.kind) {
    case "all":
      return "all";
    case "days":
      return `${spec.count}d`;
    case "months":
      return spec.count % 12 === 0 ? `${spec.count / 12}y` : `${spec.count}m`;
    case "range":
      return `${formatDay(spec.first)}..${formatDay(spec.last)}`;
  }
}

/** Parses `--as-of`: `YYYY-MM-DD`, `today` (in `zone`, at `now`), or absent → latest. */
export function parseAsOf(text: string | undefined, zone: Zone, now: number): AsOfSpec | null {
  if (text === undefined) return { kind: "latest" };
  if (text.trim().toLowerCase() === "today") return { kind: "day", day: zone.dayOf(now) };
  const day = parseDay(text);
  return day === null ? null : { kind: "day", day };
}

/** The first and last local day holding an order; null for a file without orders. */
export type DataDays = { readonly first: DayNumber; readonly last: DayNumber } | null;

/**
 * Fixes the window once the data's extent is known: the as-of day is --as-of, or the range's
 * last day, or the data's last day (today for a file without orders).
 */
export function resolveWindow(
  spec: WindowSpec,
  asOf: AsOfSpec,
  zone: Zone,
  dataDays: DataDays,
  /** The clock (epoch ms), for a file without orders and no --as-of: the window then ends today. */
  now: number,
): ReportWindow {
  // A range names its own last day; the CLI refuses --as-of with a range.
  const last = spec.kind === "range" ? spec.last : asOf.kind === "day" ? asOf.day : (dataDays?.last ?? zone.dayOf(now));
  return windowEndingOn(spec, last, zone, dataDays);
}

/** The window of `spec` whose last day is `last`. */
export function windowEndingOn(spec: WindowSpec, last: DayNumber, zone: Zone, dataDays: DataDays): ReportWindow {
  const end = last + 1;
  let first: DayNumber;
  switch (spec.kind) {
    case "days":
      first = end - spec.count;
      break;
    case "months":
      first = addMonths(end, -spec.count);
      break;
    case "range":
      first = last - (spec.last - spec.first);
      break;
    case "all":
      first = Math.min(dataDays?.first ?? last, last);
      break;
  }
  return makeWindow(spec, first, last, zone);
}

/**
 * The previous window P: the same length, ending where `window` starts. The same number of days
 * for `Nd`, `all` and date ranges; the same number of calendar months for `Nm` and `Ny` — which
 * is exactly the report with --as-of one day before the window starts.
 */
export function previousWindow(spec: WindowSpec, window: ReportWindow, zone: Zone): ReportWindow {
  const last = window.firstDay - 1;
  const first = spec.kind === "months" ? windowEndingOn(spec, last, zone, null).firstDay : window.firstDay - window.days;
  // No order is dated before 1900 (isPlausibleYear), so a P reaching back further holds what it
  // holds from 1900-01-01, and a P wholly before 1900 is empty (zero days). A window W itself
  // before 1900 keeps its P: the report refuses such windows.
  if (first < FIRST_DAY && window.firstDay >= FIRST_DAY) return makeWindow(spec, FIRST_DAY, last, zone);
  return makeWindow(spec, first, last, zone);
}

/** 1900-01-01, the first day a date may name. */
const FIRST_DAY = daysFromCivil(MIN_YEAR, 1, 1);

function makeWindow(spec: WindowSpec, first: DayNumber, last: DayNumber, zone: Zone): ReportWindow {
  return {
    // A range shifted back (the previous window) names its own dates.
    spec: spec.kind === "range" ? `${formatDay(first)}..${formatDay(last)}` : formatWindowSpec(spec),
    asOf: last,
    firstDay: first,
    days: last + 1 - first,
    from: zone.startOfDay(first),
    to: zone.startOfDay(last + 1),
  };
}

export const PERIODS = ["day", "week", "month", "quarter", "year"] as const;
export type Period = (typeof PERIODS)[number];

/**
 * The last `count` period ends on or before `asOf`, oldest first: every day; Sundays (weeks run
 * Monday to Sunday, as ISO 8601); month ends; the ends of March, June, September and December;
 * 31 December.
 */
export function periodEnds(period: Period, asOf: DayNumber, count: number): DayNumber[] {
  const ends: DayNumber[] = [];
  switch (period) {
    case "day":
      for (let i = count - 1; i >= 0; i--) ends.push(asOf - i);
      return ends;
    case "week": {
      const weekday = (((asOf + 3) % 7) + 7) % 7; // Monday 0 … Sunday 6; 1970-01-01 was a Thursday
      const sunday = asOf - ((weekday + 1) % 7);
      for (let i = count - 1; i >= 0; i--) ends.push(sunday - 7 * i);
      return ends;
    }
    default: {
      const step = period === "month" ? 1 : period === "quarter" ? 3 : 12;
      const { year, month } = civilFromDays(asOf);
      // The last month (of the step) whose end is on or before asOf.
      let index = year * 12 + (month - 1);
      if (monthEnd(index) > asOf) index--;
      while ((index % 12) % step !== step - 1) index--;
      for (let i = count - 1; i >= 0; i--) ends.push(monthEnd(index - step * i));
      return ends;
    }
  }
}

/** Last day of the month with index year × 12 + (month − 1). */
function monthEnd(index: number): DayNumber {
  const next = index + 1;
  return daysFromCivil(Math.floor(next / 12), (next % 12) + 1, 1) - 1;
}

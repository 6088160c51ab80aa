/**
 * A shop's business hours (the config's `businessHours`): the open intervals of each weekday in
 * the schedule's zone, and the holidays when it is closed; and the business time between two
 * instants — what a helpdesk counts as first response time "within business hours" (Zendesk,
 * LiveAgent SLAs). Wall times are turned into instants in the schedule's zone, so a day whose
 * hours span a DST change is as long as the clocks make it (00:00–24:00 on the October night: 25 h).
 */
import { formatDay, MS_PER_DAY, parseDay } from "./calendar.js";
import type { Zone } from "./zone.js";

const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
type Weekday = (typeof WEEKDAYS)[number];

export interface BusinessHours {
  readonly zone: Zone;
  /** Per weekday (Monday first), its open intervals as [from, to) minutes after local midnight, sorted, not overlapping. */
  readonly week: readonly (readonly (readonly [number, number])[])[];
  /** Local days (day numbers) it is closed. */
  readonly holidays: ReadonlySet<number>;
}

const INTERVAL = /^\s*(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})\s*$/;

/**
 * The schedule from its config value, in `zone` (the config's timezone, or the report's); a
 * message saying what is wrong otherwise (the caller names the file).
 */
export function parseBusinessHours(value: unknown, zoneOf: (name: string | undefined) => Zone | string): BusinessHours | string {
  if (value === null || typeof value !== "object" || Array.isArray(value))
    return 'must be an object: { "timezone": "Europe/Prague", "week": { "mon": ["08:00-16:30"], … }, "holidays": ["2025-12-24"] }';
  const spec = value as Record<string, unknown>;
  for (const key of Object.keys(spec))
    if (!["timezone", "week", "holidays"].includes(key)) return `has an unknown key "${key}"; keys are timezone, week, holidays`;
  if (spec.timezone !== undefined && typeof spec.timezone !== "string") return '"timezone" must be a string, e.g. "Europe/Prague"';
  const zone = zoneOf(spec.timezone as string | undefined);
  if (typeof zone === "string") return zone;
  const week = spec.week;
  if (week === null || typeof week !== "object" || Array.isArray(week))
    return '"week" must be an object of weekdays, e.g. { "mon": ["08:00-16:30"] }';
  const days: [number, number][][] = WEEKDAYS.map(() => []);
  for (const [name, intervals] of Object.entries(week as Record<string, unknown>)) {
    const index = WEEKDAYS.indexOf(name.toLowerCase() as Weekday);
    if (index < 0) return `"week" has "${name}", no weekday: use ${WEEKDAYS.join(", ")}`;
    if (!Array.isArray(intervals) || !intervals.every((i) => typeof i === "string"))
      return `"week"."${name}" must be a list of intervals, e.g. ["08:00-12:00", "13:00-16:30"]`;
    for (const text of intervals as string[]) {
      const m = INTERVAL.exec(text);
      const from = m ? Number(m[1]) * 60 + Number(m[2]) : Number.NaN;
      const to = m ? Number(m[3]) * 60 + Number(m[4]) : Number.NaN;
      if (!m || Number(m[2]) > 59 || Number(m[4]) > 59 || from >= to || to > 24 * 60)
        return `"week"."${name}" has ${JSON.stringify(text)}: an interval is "HH:MM-HH:MM", from before to, ending at 24:00 at the latest`;
      days[index]!.push([from, to]);
    }
    days[index]!.sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < days[index]!.length; i++)
      if (days[index]![i]![0] < days[index]![i - 1]![1]) return `"week"."${name}" has overlapping intervals`;
  }
  const holidays = new Set<number>();
  if (spec.holidays !== undefined) {
    if (!Array.isArray(spec.holidays)) return '"holidays" must be a list of days, e.g. ["2025-12-24"]';
    for (const text of spec.holidays) {
      const day = typeof text === "string" ? parseDay(text) : null;
      if (day === null) return `"holidays" has ${JSON.stringify(text)}: a day is YYYY-MM-DD`;
      holidays.add(day);
    }
  }
  return { zone, week: days, holidays };
}

/** Monday = 0 … Sunday = 6 of a day number (day 0, 1970-01-01, was a Thursday). */
function weekdayOf(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/**
 * The business time, in ms, between instants `from` ≤ `to`: the part of [from, to] inside the
 * schedule's open hours, walked day by day (a ticket answered a year later: 366 days).
 */
export function businessMs(hours: BusinessHours, from: number, to: number): number {
  if (to <= from) return 0;
  const { zone } = hours;
  const first = zone.dayOf(from);
  const last = zone.dayOf(to);
  let total = 0;
  for (let day = first; day <= last; day++) {
    if (hours.holidays.has(day)) continue;
    for (const [a, b] of hours.week[weekdayOf(day)]!) {
      const start = zone.instantOf(day * MS_PER_DAY + a * 60_000);
      const end = zone.instantOf(day * MS_PER_DAY + b * 60_000);
      const lo = Math.max(start, from);
      const hi = Math.min(end, to);
      if (hi > lo) total += hi - lo;
    }
  }
  return total;
}

/** The schedule as --verbose and the docs say it: `mon 08:00-16:30; …; holidays 2025-12-24`. */
export function describeBusinessHours(hours: BusinessHours): string {
  const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
  const days = WEEKDAYS.flatMap((name, i) =>
    hours.week[i]!.length === 0 ? [] : [`${name} ${hours.week[i]!.map(([a, b]) => `${hhmm(a)}-${hhmm(b)}`).join(", ")}`],
  );
  const holidays = [...hours.holidays].sort((a, b) => a - b).map(formatDay);
  return `${days.join("; ")} (${hours.zone.name})${holidays.length > 0 ? `; closed ${holidays.join(", ")}` : ""}`;
}

/**
 * Report windows. A window is a half-open interval of whole local days in the report's zone:
 * [start of day (as-of + 1 − N), start of day (as-of + 1)). It is counted in calendar days (or
 * calendar months, clamped to the month's last day), so a DST change never shifts a bound.
 */
import { addMonths, formatDay, parseDay, type DayNumber } from "./calendar.js";
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

export function formatWindowSpec(spec: WindowSpec): string {
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

/**
 * Fixes the window once the data's extent is known. `dataDays` is the first and last local
 * day holding an order (null for a file without orders).
 */
export function resolveWindow(
  spec: WindowSpec,
  asOf: AsOfSpec,
  zone: Zone,
  dataDays: { readonly first: DayNumber; readonly last: DayNumber } | null,
  /** The clock, for a file without orders and no --as-of: the window then ends today. */
  now: number = Date.now(),
): ReportWindow {
  let last: DayNumber;
  let first: DayNumber;
  if (spec.kind === "range") {
    // A range names its own last day; the CLI refuses --as-of with a range.
    last = spec.last;
    first = spec.first;
  } else {
    last = asOf.kind === "day" ? asOf.day : (dataDays?.last ?? zone.dayOf(now));
    const end = last + 1;
    switch (spec.kind) {
      case "days":
        first = end - spec.count;
        break;
      case "months":
        first = addMonths(end, -spec.count);
        break;
      case "all":
        first = Math.min(dataDays?.first ?? last, last);
        break;
    }
  }
  return {
    spec: formatWindowSpec(spec),
    asOf: last,
    firstDay: first,
    days: last + 1 - first,
    from: zone.startOfDay(first),
    to: zone.startOfDay(last + 1),
  };
}

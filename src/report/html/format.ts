/**
 * Numbers and days on an HTML page, in the reader's locale (--locale, default from LANG): cs-CZ
 * writes `1 234,50 Kč`, en-US `CZK 1,234.50`. The terminal table keeps its fixed en-US grouping
 * (format-value.ts) so that scripts diffing it see no change; a page is for people.
 */
import type { MetricUnit } from "../../core/metric-info.js";
import { minorDigits } from "../../core/money.js";
import { NOT_AVAILABLE } from "../format-value.js";

export interface PageFormat {
  /** The BCP 47 tag the page is written in (its `lang` for numbers and dates). */
  readonly locale: string;
  /** A metric value in its unit; `n/a` for null. */
  value(value: number | null, unit: MetricUnit, currency: string | null): string;
  money(value: number | null, currency: string | null): string;
  count(value: number): string;
  /** A fraction as a percentage, one decimal. */
  percent(value: number | null): string;
  /** A number with at most `digits` decimals. */
  number(value: number | null, digits?: number): string;
  /** A number with exactly `digits` decimals (a change in percentage points: `8.0`). */
  fixed(value: number, digits: number): string;
  /** A chart axis's tick labels: numbers, fractions as percentages, and days (month and year, or day and month on a short span). */
  readonly ticks: {
    number(value: number): string;
    percent(value: number): string;
    day(at: Date, spanDays: number): string;
  };
  /** `YYYY-MM-DD` as the locale writes a day. */
  day(iso: string): string;
}

/** The locale to use: `cs_CZ.UTF-8` → `cs-CZ`; C, POSIX or anything Intl does not know → en-US. */
export function localeFrom(text: string | undefined): string {
  const tag = (text ?? "").split(/[.@]/)[0]!.replace(/_/g, "-");
  if (tag === "" || tag === "C" || tag === "POSIX") return "en-US";
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? "en-US";
  } catch {
    return "en-US";
  }
}

export function pageFormat(locale: string): PageFormat {
  const cache = new Map<string, Intl.NumberFormat>();
  const numberFormat = (key: string, options: Intl.NumberFormatOptions) => {
    let format = cache.get(key);
    if (!format) {
      format = new Intl.NumberFormat(locale, options);
      cache.set(key, format);
    }
    return format;
  };
  const fixedFormat = (digits: number) => numberFormat(`f${digits}`, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const money = (value: number | null, currency: string | null): string => {
    if (value === null) return NOT_AVAILABLE;
    const digits = minorDigits(currency);
    // An ISO code gets the locale's symbol and placement; any other text is written after the number.
    if (currency !== null && /^[A-Z]{3}$/.test(currency))
      return numberFormat(`c${currency}`, {
        style: "currency",
        currency,
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      }).format(value);
    return currency === null ? fixedFormat(digits).format(value) : `${fixedFormat(digits).format(value)} ${currency}`;
  };
  const percent = (value: number | null) =>
    value === null
      ? NOT_AVAILABLE
      : numberFormat("pct", { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
  const count = (value: number) => numberFormat("count", { maximumFractionDigits: 0 }).format(value);
  const number = (value: number | null, digits = 2) =>
    value === null ? NOT_AVAILABLE : numberFormat(`n${digits}`, { maximumFractionDigits: digits }).format(value);
  const days = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });
  // "Oct 2025", not "Oct 25", which reads as a day.
  const months = new Intl.DateTimeFormat(locale, { month: "short", year: "numeric", timeZone: "UTC" });
  const dayMonth = new Intl.DateTimeFormat(locale, { month: "short", day: "numeric", timeZone: "UTC" });
  return {
    locale,
    money,
    count,
    percent,
    number,
    fixed: (value, digits) => fixedFormat(digits).format(value),
    ticks: {
      number: (value) => numberFormat("tick", { maximumFractionDigits: 2 }).format(value),
      percent: (value) => numberFormat("tickPct", { style: "percent", maximumFractionDigits: 1 }).format(value),
      day: (at, spanDays) => (spanDays < 90 ? dayMonth : months).format(at),
    },
    value(value, unit, currency) {
      if (value === null) return NOT_AVAILABLE;
      switch (unit) {
        case "count":
          return count(value);
        case "money":
          return money(value, currency);
        case "rate":
          return percent(value);
        case "ratio":
          return fixedFormat(2).format(value);
        case "days":
          return `${fixedFormat(1).format(value)} d`;
        case "hours":
          return `${fixedFormat(1).format(value)} h`;
        case "score":
          return fixedFormat(1).format(value);
      }
    },
    day(iso) {
      const [y, m, d] = iso.split("-").map(Number);
      return days.format(Date.UTC(y!, m! - 1, d!));
    },
  };
}

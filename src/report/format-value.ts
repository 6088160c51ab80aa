/** Human formatting of metric values for the table. Fixed en-US grouping, so output is stable. */

import type { MetricUnit } from "../core/metric-info.js";
import { minorDigits } from "../core/money.js";
import { printable } from "../core/printable.js";
import { count } from "../core/words.js";

const days = new Intl.NumberFormat("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const ratios = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const percents = new Intl.NumberFormat("en-US", { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 });
const moneyFormats = new Map<number, Intl.NumberFormat>();

export const NOT_AVAILABLE = "n/a";

/** `1,234.50 EUR`, `31.2%`, `1.45`, `1,024`, `42.5 days`, `3.2 h`, `40.0` (NPS); n/a for null. */
export function formatValue(value: number | null, unit: MetricUnit, currency: string | null): string {
  if (value === null) return NOT_AVAILABLE;
  switch (unit) {
    case "count":
      return count(value);
    case "ratio":
      return ratios.format(value);
    case "days":
      return `${days.format(value)} days`;
    case "hours":
      return `${days.format(value)} h`;
    case "score":
      return days.format(value);
    case "rate":
      return percents.format(value);
    case "money": {
      const digits = minorDigits(currency);
      let format = moneyFormats.get(digits);
      if (!format) {
        format = new Intl.NumberFormat("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
        moneyFormats.set(digits, format);
      }
      // The currency code is a file's text: printable() (render-table.ts).
      return currency === null ? format.format(value) : `${format.format(value)} ${printable(currency)}`;
    }
  }
}

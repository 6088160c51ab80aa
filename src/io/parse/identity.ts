/** Identity cells — emails and platform customer ids — as the identity graph takes them. */
import { trim } from "../../core/trim.js";

/**
 * How tools write "no value": R and pandas (`NA`, `NaN`, `None`, `NULL`), Excel (`#N/A`). An id or
 * email spelled like this is missing, not a customer called "NA".
 */
const MISSING = new Set(["", "na", "n/a", "#n/a", "nan", "null", "none", "-"]);
/** The longest of them: a longer text is no marker, with no lookup. */
const LONGEST_MISSING = Math.max(...[...MISSING].map((marker) => marker.length));

/** Trimmed and lower-cased; null when empty or a missing-value marker. */
export function normaliseEmail(text: string | null): string | null {
  if (text === null || text === "") return null;
  const email = trim(text).toLowerCase();
  return email.length <= LONGEST_MISSING && MISSING.has(email) ? null : email;
}

/**
 * Trimmed, one leading apostrophe dropped (Shopify writes `'7210448301122` so Excel keeps the
 * digits); null when empty, a missing-value marker, or 0, which platforms use for "no account".
 */
export function normaliseCustomerId(text: string | null): string | null {
  // (No column, or an empty cell: most orders of a file without customer ids, with no lookup.)
  if (text === null || text === "") return null;
  let id = text.trim();
  if (id.startsWith("'")) id = id.slice(1).trim();
  return MISSING.has(id.toLowerCase()) || /^0+$/.test(id) ? null : id;
}

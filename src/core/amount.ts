/**
 * Amounts as people's exports write them: `1234.50`, `1234,50`, `1 234,50` (space or no-break
 * space), `1.234,50`, `1,234.50`, `$219.40`, `99,90 Kč`. Which mark is the decimal one is decided
 * per column from its values (evidence), never per row: `1,234` alone could be either.
 */
import { parseMinor, type Minor } from "./money.js";

export type DecimalMark = "." | ",";

/** What one value says about its column's decimal mark. */
export type DecimalEvidence = DecimalMark | "ambiguous" | "none";

const LEAD = /^([+-]?)\s*([^\d\s.,+-]+)?\s*([+-]?)\s*/; // sign, a currency ($, EUR), sign
const TRAIL = /\s*[^\d\s.,'\u00a0\u202f]+\.?$/; // a currency after the number (Kč, EUR, €, zł)
const BODY = /^[\d.,][\d.,'\s\u00a0\u202f]*$/; // digits, marks, grouping spaces and apostrophes

/**
 * The number of `text` with its sign, marks and digits only: currency symbols and codes before or
 * after it, grouping spaces (also no-break and thin) and apostrophes dropped. Null when anything
 * else is in it (`12 EUR 50`, `n/a`).
 */
function strip(text: string): string | null {
  const lead = LEAD.exec(text.trim())!;
  if (lead[1] && lead[3]) return null; // two signs
  const body = text.trim().slice(lead[0].length).replace(TRAIL, "");
  if (!BODY.test(body) || !/\d/.test(body)) return null;
  return (lead[1] || lead[3] || "") + body.replace(/[\s\u00a0\u202f']/g, "");
}

/**
 * `.` or `,` when the value shows which is the decimal mark; "ambiguous" for a single group of
 * exactly three digits after the only mark (`1,234`, `1.234`); "none" when it has no mark.
 */
export function decimalEvidence(text: string): DecimalEvidence {
  const s = strip(text);
  if (s === null) return "none";
  const dot = s.lastIndexOf(".");
  const comma = s.lastIndexOf(",");
  if (dot >= 0 && comma >= 0) return dot > comma ? "." : ",";
  if (dot < 0 && comma < 0) return "none";
  const mark = dot >= 0 ? "." : ",";
  const other: DecimalMark = mark === "." ? "," : ".";
  if (s.indexOf(mark) !== s.lastIndexOf(mark)) return other; // 1,234,567: the mark groups thousands
  return /^[+-]?[1-9]\d{0,2}[.,]\d{3}$/.test(s) ? "ambiguous" : mark;
}

/**
 * Reads `text` with `mark` as the decimal mark into minor units (see parseMinor); the other mark
 * may only group thousands. Null when it is not such a number.
 */
export function parseAmount(text: string, mark: DecimalMark, digits: number): Minor | null {
  const s = strip(text);
  if (s === null) return null;
  const group = mark === "." ? "," : ".";
  const [whole = "", fraction, ...rest] = s.split(mark);
  if (rest.length > 0) return null;
  if (whole.includes(group) && !new RegExp(`^[+-]?\\d{1,3}(\\${group}\\d{3})+$`).test(whole)) return null;
  const plain = whole.split(group).join("") + (fraction === undefined ? "" : `.${fraction}`);
  return parseMinor(plain, digits);
}

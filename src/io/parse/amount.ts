/**
 * Amounts as people's exports write them: `1234.50`, `1234,50`, `1 234,50` (space or no-break
 * space), `1.234,50`, `1,234.50`, `$219.40`, `99,90 Kč`. Which mark is the decimal one is decided
 * per column from its values (evidence), never per row: `1,234` alone could be either.
 */
import { type Minor, parseMinor } from "../../core/money.js";

export type DecimalMark = "." | ",";

/** What one value says about its column's decimal mark. */
export type DecimalEvidence = DecimalMark | "ambiguous" | "none";

const LEAD = /^([+-]?)\s*([^\d\s.,+-]+)?\s*([+-]?)\s*/; // sign, a currency ($, EUR), sign
const TRAIL = /\s*[^\d\s.,'\u00a0\u202f]+\.?$/; // a currency after the number (Kč, EUR, €, zł)
const BODY = /^[\d.,][\d.,'\s\u00a0\u202f]*$/; // digits, marks, grouping spaces and apostrophes

const GROUPING = /[\s\u00a0\u202f']/;

/**
 * The number of `text` with its sign, marks and digits only: currency symbols and codes before or
 * after it, grouping spaces (also no-break and thin) and apostrophes dropped. Accounting negatives
 * — `(12.50)` and `12,50-`, as Excel writes refunds — keep their sign. Null when anything else is
 * in it (`12 EUR 50`, `n/a`) or grouping spaces don't group thousands (`12 50`).
 */
/** A plain decimal (`1659.95`, `-3`, `12,5`): nothing to strip. Most exports' amounts look so. */
const PLAIN = /^[+-]?\d+([.,]\d+)?$/;

function strip(text: string): string | null {
  let t = text.trim();
  if (PLAIN.test(t)) return t;
  let negative = false;
  const parenthesised = /^\((.*)\)$/.exec(t);
  if (parenthesised) {
    negative = true;
    t = parenthesised[1]!.trim();
  } else if (/\d[^\d]*-$/.test(t) && !/^[+-]/.test(t)) {
    negative = true;
    t = t.slice(0, -1).trim();
  }
  const lead = LEAD.exec(t)!;
  if (lead[1] && lead[3]) return null; // two signs
  const body = t.slice(lead[0].length).replace(TRAIL, "");
  if (!BODY.test(body) || !/\d/.test(body)) return null;
  const whole = body.split(/[.,]/)[0]!;
  if (GROUPING.test(whole) && !/^\d{1,3}([\s\u00a0\u202f']\d{3})+$/.test(whole)) return null;
  const sign = lead[1] || lead[3] || "";
  if (negative && sign !== "") return null; // (−12.50): two signs
  return (negative ? "-" : sign) + body.replace(/[\s\u00a0\u202f']/g, "");
}

/** The currency symbol or code written with an amount (`$`, `€`, `Kč`, `EUR`), or null. */
export function currencyMark(text: string): string | null {
  if (PLAIN.test(text.trim()) || strip(text) === null) return null; // no mark, or no amount at all ("abc")
  const t = text
    .trim()
    .replace(/^\((.*)\)$/, "$1")
    .replace(/-$/, "")
    .trim();
  const lead = LEAD.exec(t)![2];
  if (lead) return lead;
  const trail = /[^\d\s.,'\u00a0\u202f+-]+\.?$/.exec(t);
  return trail ? trail[0].replace(/\.$/, "") : null;
}

/**
 * The ISO code a currency mark names, when it names one: a code itself, or a symbol used by one
 * currency only. `$` (dollars of many countries) and `kr` names none.
 */
export function currencyOfMark(mark: string): string | null {
  if (/^[A-Za-z]{3}$/.test(mark)) return mark.toUpperCase();
  return SYMBOLS[mark.toLowerCase()] ?? null;
}

const SYMBOLS: Readonly<Record<string, string>> = {
  "€": "EUR",
  "£": "GBP",
  kč: "CZK",
  zł: "PLN",
  ft: "HUF",
  "₽": "RUB",
  "₴": "UAH",
  lei: "RON",
  лв: "BGN",
  "₹": "INR",
  "₺": "TRY",
  "₩": "KRW",
  "₪": "ILS",
  r$: "BRL",
  us$: "USD",
  chf: "CHF",
};

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
const COMMA_GROUPS = /^[+-]?\d{1,3}(,\d{3})+$/;
const DOT_GROUPS = /^[+-]?\d{1,3}(\.\d{3})+$/;

export function parseAmount(text: string, mark: DecimalMark, digits: number): Minor | null {
  const s = strip(text);
  if (s === null) return null;
  const group = mark === "." ? "," : ".";
  const [whole = "", fraction, ...rest] = s.split(mark);
  if (rest.length > 0) return null;
  if (whole.includes(group) && !(mark === "." ? COMMA_GROUPS : DOT_GROUPS).test(whole)) return null;
  const plain = whole.split(group).join("") + (fraction === undefined ? "" : `.${fraction}`);
  return parseMinor(plain, digits);
}

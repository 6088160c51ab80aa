/**
 * Amounts as people's exports write them: `1234.50`, `1234,50`, `1 234,50` (space or no-break
 * space), `1.234,50`, `1,234.50`, `$219.40`, `99,90 Kč`. Which mark is the decimal one is decided
 * per column from its values (evidence), never per row: `1,234` alone could be either.
 */
import { type Minor, parseMinor } from "../../core/money.js";

export type DecimalMark = "." | ",";

/** What one value says about its column's decimal mark. */
export type DecimalEvidence = DecimalMark | "ambiguous" | "none";

/** Why a value is no amount: not a number we read, or more minor units than a JS number holds exactly (2^53 − 1). */
export type AmountRefusal = "unreadable" | "too-large";

/** A plain decimal (`1659.95`, `-3`, `12,5`): nothing to strip. Most exports' amounts look so. */
const PLAIN = /^[+-]?\d+([.,]\d+)?$/;

/**
 * Minus signs other than the hyphen-minus: U+2212 MINUS SIGN, U+FE63 SMALL HYPHEN-MINUS, U+FF0D
 * FULLWIDTH HYPHEN-MINUS, and U+2013 EN DASH, which Word's and Excel's autocorrect and Czech
 * typesetting write for a minus. Other dashes (figure dash, em dash, hyphen) are no sign: a value
 * written with one is unreadable, never positive.
 */
const MINUS = /[\u2212\ufe63\uff0d\u2013]/g;

// A currency mark's candidate text: a run of anything but digits, marks, signs, parentheses and spaces.
const LEAD_MARK = /^[^\d\s.,'+\-()\u00a0\u202f]+/;
const TRAIL_MARK = /([^\d\s.,'+\-()\u00a0\u202f]+)\.?$/; // `Kč.`, `kr.`: a closing dot is the mark's
const BODY = /^[\d.,][\d.,'\s\u00a0\u202f]*$/; // digits, marks, grouping spaces and apostrophes
const GROUPING = /[\s\u00a0\u202f']/;

/** The parts of an amount as written: its number (sign, digits, marks) and its currency marks. */
interface Dissected {
  readonly number: string;
  readonly lead: string | null;
  readonly trail: string | null;
}

/**
 * Takes `text` apart: a sign, parentheses and a currency mark before the number, a currency mark,
 * a closing parenthesis and a minus after it, in any order, each at most once. Accounting negatives
 * — `(12.50)` and `12,50-`, as Excel writes refunds — are negative. Null when anything else is in
 * it (`12 EUR 50`, `n/a`, `2k`, `12.5x`), when it has two signs (`(-5)`, `-(5)`, `--5`), or when
 * grouping spaces don't group thousands (`12 50`).
 */
function dissect(text: string): Dissected | null {
  let t = text.trim().replace(MINUS, "-");
  let sign = "";
  let signs = 0;
  let open = false;
  let close = false;
  let lead: string | null = null;
  let trail: string | null = null;
  for (;;) {
    t = t.trimStart();
    const c = t[0];
    if (c === "+" || c === "-") {
      signs++;
      sign = c;
      t = t.slice(1);
    } else if (c === "(" && !open) {
      open = true;
      t = t.slice(1);
    } else {
      const mark: string | undefined = lead === null ? LEAD_MARK.exec(t)?.[0] : undefined;
      if (mark === undefined || !isCurrencyMark(mark)) break;
      lead = mark;
      t = t.slice(mark.length);
    }
  }
  for (;;) {
    t = t.trimEnd();
    const c = t.at(-1);
    if (c === "-") {
      signs++;
      sign = "-";
      t = t.slice(0, -1);
    } else if (c === ")" && !close) {
      close = true;
      t = t.slice(0, -1);
    } else {
      const m: RegExpExecArray | null = trail === null ? TRAIL_MARK.exec(t) : null;
      if (m === null || !isCurrencyMark(m[1]!)) break;
      trail = m[1]!;
      t = t.slice(0, m.index);
    }
  }
  if (open !== close || signs > 1 || (open && signs > 0)) return null; // (12.50, (-12.50), -(12.50), --5
  if (!BODY.test(t) || !/\d/.test(t)) return null;
  const whole = t.split(/[.,]/)[0]!;
  if (GROUPING.test(whole) && !/^\d{1,3}([\s\u00a0\u202f']\d{3})+$/.test(whole)) return null;
  const number = (open ? "-" : sign) + t.replace(/[\s\u00a0\u202f']/g, "");
  return { number, lead, trail };
}

/** The number of `text` with its sign, marks and digits only (see dissect), or null. */
function strip(text: string): string | null {
  const t = text.trim();
  return PLAIN.test(t) ? t : (dissect(t)?.number ?? null);
}

/** The currency symbol or code written with an amount (`$`, `€`, `Kč`, `EUR`), or null. */
export function currencyMark(text: string): string | null {
  const t = text.trim();
  if (PLAIN.test(t)) return null;
  const parts = dissect(t);
  return parts === null ? null : (parts.lead ?? parts.trail); // null: no mark, or no amount at all ("abc")
}

/**
 * Whether `mark` is a currency's: a currency symbol (Unicode category Sc: `$`, `€`, `₽`, `¥`),
 * maybe after up to three letters (`US$`, `R$`, `CA$`); an ISO 4217 code CLDR knows, in any case
 * (`EUR`, `usd`, `HRK`); or a local abbreviation (`Kč`, `zł`, `Ft`, `kr`, …). Not `k`, `M`, `x`,
 * `%` or `OO`: `2k` is no amount. Not a subunit's sign either (`¢`, `₥`): `12¢` is no 12 dollars.
 */
function isCurrencyMark(mark: string): boolean {
  if (SUBUNIT_MARK.test(mark)) return false;
  if (SYMBOL_MARK.test(mark)) return true;
  const lower = mark.toLowerCase();
  return Object.hasOwn(SYMBOLS, lower) || LOCAL_MARKS.has(lower) || isoCode(mark) !== null;
}

const SYMBOL_MARK = /^\p{L}{0,3}\p{Sc}$/u;
/** Cent and mill signs: a hundredth or thousandth of the currency, not the currency. */
const SUBUNIT_MARK = /[\u00a2\u20a5]/u;

/** Local abbreviations that name no one currency (`kr`: Swedish, Norwegian, Danish, Icelandic). */
const LOCAL_MARKS: ReadonlySet<string> = new Set(["kr"]);

const isoCodes = new Map<string, boolean>();
const currencyNames = new Intl.DisplayNames("en", { type: "currency", fallback: "none" });

/** `mark` upper-cased when it is an ISO 4217 code CLDR has a name for (current or historical), else null. */
function isoCode(mark: string): string | null {
  if (!/^[A-Za-z]{3}$/.test(mark)) return null;
  const code = mark.toUpperCase();
  let known = isoCodes.get(code);
  if (known === undefined) {
    known = currencyNames.of(code) !== undefined;
    isoCodes.set(code, known);
  }
  return known ? code : null;
}

/**
 * The ISO code a currency mark names, when it names one: a symbol or abbreviation used by one
 * currency only (`lei` is RON's), or a code itself. `$` (dollars of many countries) and `kr` name none.
 */
export function currencyOfMark(mark: string): string | null {
  const lower = mark.toLowerCase();
  return (Object.hasOwn(SYMBOLS, lower) ? SYMBOLS[lower] : undefined) ?? isoCode(mark);
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
 * exactly three digits after the only mark (`1,234`, `1.234`); "none" when it has no mark, and
 * when it is unreadable with the mark it seems to show (`1,2,3.4.5`, `12,5k`): such a value is
 * skipped as unreadable and never decides its column.
 */
export function decimalEvidence(text: string): DecimalEvidence {
  const s = strip(text);
  if (s === null) return "none";
  const dot = s.lastIndexOf(".");
  const comma = s.lastIndexOf(",");
  if (dot < 0 && comma < 0) return "none";
  let shown: DecimalMark;
  if (dot >= 0 && comma >= 0) shown = dot > comma ? "." : ",";
  else {
    const mark = dot >= 0 ? "." : ",";
    if (s.indexOf(mark) !== s.lastIndexOf(mark))
      shown = mark === "." ? "," : "."; // 1,234,567: the mark groups thousands
    else if (/^[+-]?[1-9]\d{0,2}[.,]\d{3}$/.test(s)) return "ambiguous";
    else shown = mark;
  }
  return plainDecimal(s, shown) === null ? "none" : shown;
}

const COMMA_GROUPS = /^[+-]?\d{1,3}(,\d{3})+$/;
const DOT_GROUPS = /^[+-]?\d{1,3}(\.\d{3})+$/;
const PLAIN_DECIMAL = /^[+-]?\d*(\.\d*)?$/;

/** A stripped number read with `mark` as the decimal mark, as a plain decimal (`-1234.50`), or null. */
function plainDecimal(s: string, mark: DecimalMark): string | null {
  const group = mark === "." ? "," : ".";
  const [whole = "", fraction, ...rest] = s.split(mark);
  if (rest.length > 0) return null;
  if (whole.includes(group) && !(mark === "." ? COMMA_GROUPS : DOT_GROUPS).test(whole)) return null;
  const plain = whole.split(group).join("") + (fraction === undefined ? "" : `.${fraction}`);
  return PLAIN_DECIMAL.test(plain) ? plain : null;
}

/**
 * Reads `text` with `mark` as the decimal mark into minor units with `digits` decimals (see
 * parseMinor: decimals beyond them round half away from zero); the other mark may only group
 * thousands. "unreadable" when it is not such a number; "too-large" when its minor units are not a
 * safe integer (above 2^53 − 1), which no JS number holds exactly.
 */
export function amountOf(text: string, mark: DecimalMark, digits: number): Minor | AmountRefusal {
  const plainMinor = simpleAmount(text, mark === "." ? DOT : COMMA, digits);
  if (plainMinor !== undefined) return plainMinor;
  const s = strip(text);
  const plain = s === null ? null : plainDecimal(s, mark);
  if (plain === null) return "unreadable";
  return parseMinor(plain, digits) ?? "too-large"; // plain has a digit (dissect saw one): null means unsafe
}

const DOT = 46;
const COMMA = 44;
const ZERO = 48;
const MINUS_SIGN = 45;
const PLUS_SIGN = 43;
/** Digits a whole part may have to stay exact as minor units whatever the currency's decimals (2^53 ≈ 9·10^15). */
const SIMPLE_DIGITS = 12;

/**
 * The common case of amountOf, read without building strings: an optional sign, up to 12 digits,
 * and optionally `mark` and more digits (`1234.50`, `-3`, `99,90`) — what nearly every cell of an
 * export holds. Undefined for anything else (spaces, grouping, currency marks, long numbers), which
 * takes the general path; the same minor units as that path for what it does read.
 */
function simpleAmount(text: string, mark: number, digits: number): Minor | undefined {
  const n = text.length;
  let i = 0;
  let c = text.charCodeAt(0);
  const negative = c === MINUS_SIGN;
  if (negative || c === PLUS_SIGN) c = text.charCodeAt(++i);
  let whole = 0;
  const start = i;
  while (i < n && c >= ZERO && c <= ZERO + 9) {
    whole = whole * 10 + (c - ZERO);
    c = text.charCodeAt(++i);
  }
  const wholeDigits = i - start;
  if (wholeDigits > SIMPLE_DIGITS) return undefined;
  let minor = whole;
  if (i < n) {
    if (c !== mark) return undefined;
    i++;
    let kept = 0;
    let roundUp = false;
    for (; i < n; i++) {
      const d = text.charCodeAt(i) - ZERO;
      if (d < 0 || d > 9) return undefined;
      if (kept < digits) {
        minor = minor * 10 + d;
        kept++;
      } else if (kept === digits) {
        roundUp = d >= 5;
        kept++;
      }
    }
    for (; kept < digits; kept++) minor *= 10;
    if (roundUp) minor++;
    if (kept === 0) return undefined; // `5.`: the general path says what a mark with no digits is
  } else {
    if (wholeDigits === 0) return undefined;
    for (let k = 0; k < digits; k++) minor *= 10;
  }
  if (!Number.isSafeInteger(minor)) return undefined;
  return negative && minor !== 0 ? -minor : minor;
}

/** amountOf's minor units, or null when the value is refused for either reason. */
export function parseAmount(text: string, mark: DecimalMark, digits: number): Minor | null {
  const minor = amountOf(text, mark, digits);
  return typeof minor === "number" ? minor : null;
}

/**
 * Raw cells → a normalised Order. Pure: owns date, money, status, identity and guest decoding.
 * A row whose date or amount can't be read becomes a problem (the caller skips and reports it).
 */

import { type Minor, minorDigits, roundMinor } from "../../core/money.js";
import type { OffsetTally } from "../../core/offsets.js";
import { OFFLINE_CHANNELS, type Order, type OrderStatus, type StatusRule } from "../../core/order.js";
import type { RowIssue } from "../../core/problems.js";
import type { RevenueBasis } from "../../core/revenue-basis.js";
import { TextMemo } from "../../core/text-memo.js";
import { trim } from "../../core/trim.js";
import type { Zone } from "../../core/zone.js";
import { amountOf, currencyMark, currencyOfMark, decimalEvidence } from "../parse/amount.js";
import { parseBoolean } from "../parse/boolean.js";
import { dateEvidence, parseDateTime } from "../parse/date.js";
import { normaliseCustomerId, normaliseEmail } from "../parse/identity.js";
import { keyPrefixStatus, mapStatus, type OrderCells, type OrderField, type OrderPlatform, statusKey } from "../platforms/index.js";
import type { Conventions, MoneyField, OrderLine } from "./conventions.js";

export interface DecodeContext {
  readonly platform: OrderPlatform;
  readonly zone: Zone;
  /** --currency, used when the file has no currency column or the cell is empty. */
  readonly currency: string | null;
  /** Header names by field, for messages. */
  readonly columnNames: Readonly<Partial<Record<OrderField, string>>>;
  /** Decimal marks and date order learned so far (conventions.ts). */
  readonly conventions: Conventions;
  /** --status-map: the shop's own status texts (lower-cased) → our vocabulary; wins over the platform's. */
  readonly statusMap: ReadonlyMap<string, OrderStatus>;
  /** Where the UTC offsets the order dates carry are tallied (the reader's; none in a test's context). */
  readonly offsets?: OffsetTally;
  /** --revenue: which amount is the order's (net-sales: its subtotal less its discount); total when absent. */
  readonly revenue?: RevenueBasis;
  /** --attribution: the answer an attribution file gives for an order key, or null. */
  readonly attribution?: (key: string) => string | null;
}

export type DecodeResult =
  | {
      readonly order: Order;
      /** Where the total is the lines' sum: that sum exact, in units of 10^-PRICE_EXTRA_DIGITS minor units, before its one rounding. */
      readonly lineSum?: number;
    }
  | { readonly problem: RowIssue };

/** A currency cell's ISO 4217 code, upper-cased; "" when empty; null when it is no 3-letter code (a file writes a few: remembered). */
const currencies = new TextMemo((text): string | null => {
  const upper = text.trim().toUpperCase();
  return upper === "" || /^[A-Z]{3}$/.test(upper) ? upper : null;
});
const currencyCode = (text: string): string | null => currencies.get(text);

/** Whether a sales channel is no web store's (OFFLINE_CHANNELS), by the channel's cell as written. */
const offlineChannels = new TextMemo((text) => OFFLINE_CHANNELS.has(text.trim().toLowerCase()));

/** The amounts that may be written with their currency. */
const MARKED_FIELDS = ["total", "refunded", "subtotal", "discount"] as const satisfies readonly MoneyField[];

/**
 * Whether an amount cell may carry a currency mark: false for one that, spaces aside, starts with a
 * digit (after a sign) and ends with one, as a mark comes before or after the number (currencyMark).
 */
export function mayBeMarked(cell: string | null): boolean {
  if (cell === null) return false;
  let from = 0;
  let to = cell.length - 1;
  while (from <= to && isSpace(cell.charCodeAt(from))) from++;
  while (to >= from && isSpace(cell.charCodeAt(to))) to--;
  if (from > to) return false; // empty
  let c = cell.charCodeAt(from);
  if ((c === 43 || c === 45) && from < to) c = cell.charCodeAt(from + 1);
  return !(isDigit(c) && isDigit(cell.charCodeAt(to)));
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
/** What trim() drops that an export writes around a value: spaces, tabs, line breaks, no-break spaces. */
const isSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x202f || c === 0xfeff;

export function decodeOrder(
  cells: OrderCells,
  key: string | null,
  line: number,
  ctx: DecodeContext,
  lines: readonly OrderLine[] = [],
): DecodeResult {
  const name = (field: OrderField) => ctx.columnNames[field] ?? field;

  const createdText = trim(cells.created_at ?? "");
  if (createdText === "") return { problem: { code: "EMPTY_DATE", message: `empty ${name("created_at")}` } };
  const at = parseDateTime(createdText, ctx.zone, ctx.conventions.dateOrder?.value ?? null, ctx.offsets);
  if (at === null) {
    const order = ctx.conventions.dateOrder;
    const why =
      order && dateEvidence(createdText) !== "none"
        ? ` (this file's dates are ${order.value === "dmy" ? "day/month" : "month/day"}, from ${order.reason}; --date-format sets it)`
        : "";
    return {
      problem: {
        code: "UNREADABLE_DATE",
        message: `unreadable date in ${name("created_at")}: expected a date such as 2025-03-04 10:00, 4.3.2025 10:00 or 03/04/2025, got ${JSON.stringify(createdText)}${why}`,
      },
    };
  }

  const currencyText = currencyCode(cells.currency ?? "");
  if (currencyText === null) {
    return {
      problem: {
        code: "UNREADABLE_CURRENCY",
        message: `unreadable currency in ${name("currency")}: expected a 3-letter ISO 4217 code, got ${JSON.stringify(cells.currency)}`,
      },
    };
  }
  let currency = currencyText === "" ? ctx.currency : currencyText;
  // An amount written with its currency ($219.40, 99,90 Kč) must agree with the order's currency,
  // and names it when nothing else does: two currencies are never added together. (Each field
  // looked at by name first: a loop over the names reads them by a computed key, megamorphic, and
  // nearly every order has no mark at all.)
  const unmarked =
    !mayBeMarked(cells.total) && !mayBeMarked(cells.refunded) && !mayBeMarked(cells.subtotal) && !mayBeMarked(cells.discount);
  if (!unmarked)
    for (const field of MARKED_FIELDS) {
      const cell = cells[field];
      if (cell === null || cell === "") continue;
      const text = cell.trim();
      const mark = text === "" ? null : currencyMark(text);
      const code = mark === null ? null : currencyOfMark(mark);
      if (code === null) continue;
      if (currency === null) currency = code;
      else if (code !== currency) {
        return {
          problem: {
            code: "CURRENCY_MISMATCH",
            message: `amount ${JSON.stringify(text)} in ${name(field)} is in ${code}, but the order's currency is ${currency}`,
          },
        };
      }
    }
  const digits = minorDigits(currency);

  let total: Minor | RowIssue;
  let lineSum: number | undefined;
  if (ctx.revenue === "net-sales") {
    total = netSales(cells, digits, ctx);
  } else if (ctx.platform.lineTotal) {
    const sum = sumLines(lines, digits, ctx);
    if (typeof sum !== "number") return { problem: sum };
    lineSum = sum;
    total = roundLineSum(sum);
  } else if (cells.total === null) {
    total = 0; // the file has no amount column: the money metrics are null (the reader says why)
  } else {
    const totalText = trim(cells.total);
    if (totalText === "") return { problem: { code: "EMPTY_AMOUNT", message: `empty ${name("total")}` } };
    total = readAmount("total", totalText, digits, ctx);
  }
  if (typeof total !== "number") return { problem: total };

  // Net sales subtract no refund: an order's value as it was placed (Shopify's AOV basis).
  const refundedText = ctx.revenue === "net-sales" ? "" : trim(cells.refunded ?? "");
  const refunded = refundedText === "" ? 0 : readAmount("refunded", refundedText, digits, ctx);
  if (typeof refunded !== "number") return { problem: refunded };

  const statusText = cells.status === null ? "" : trim(cells.status);
  const cancelledAt = cells.cancelled_at === null || trim(cells.cancelled_at) === "" ? null : cells.cancelled_at;
  const mapped =
    cells.status === null || cancelledAt !== null || ctx.statusMap.size === 0 ? undefined : ctx.statusMap.get(statusKey(statusText));
  const status = mapped ?? mapStatus(ctx.platform, cells.status === null ? null : statusText, cancelledAt, key);
  // The same precedence as above: a cancelled-at date, then --status-map, then the key's prefix.
  const statusRule: StatusRule | undefined =
    cancelledAt !== null
      ? "cancelled-at"
      : mapped !== undefined
        ? "status-map"
        : ctx.platform.keyPrefixStatus && keyPrefixStatus(ctx.platform, key) !== null
          ? "key-prefix"
          : undefined;

  const customerId = normaliseCustomerId(cells.customer_id);
  const order: Order = {
    key,
    line,
    at,
    currency,
    total,
    refunded,
    status,
    statusText,
    statusRule,
    email: normaliseEmail(cells.email),
    customerId,
    guest: decodeGuest(cells, customerId, ctx.platform),
    source: sourceOf(cells, key, ctx),
    offline: cells.source !== null && cells.source !== "" && offlineChannels.get(cells.source),
  };
  return lineSum === undefined ? { order } : { order, lineSum };
}

/**
 * --revenue net-sales: the order's subtotal less its discount, or its subtotal alone where the
 * file has no discount column (Shopify's Subtotal is after discounts; the reader has checked that
 * every other platform's file has one). An empty discount is none.
 */
function netSales(cells: OrderCells, digits: number, ctx: DecodeContext): Minor | RowIssue {
  const subtotalText = trim(cells.subtotal ?? "");
  if (subtotalText === "") return { code: "EMPTY_AMOUNT", message: `empty ${ctx.columnNames.subtotal ?? "subtotal"}` };
  const subtotal = readAmount("subtotal", subtotalText, digits, ctx);
  if (typeof subtotal !== "number") return subtotal;
  const discountText = trim(cells.discount ?? "");
  const discount = discountText === "" ? 0 : readAmount("discount", discountText, digits, ctx);
  if (typeof discount !== "number") return discount;
  return subtotal - discount;
}

/** Extra decimal digits unit prices are read with, so Σ quantity × price is exact before the one rounding. */
const PRICE_EXTRA_DIGITS = 4;

/** A line sum (Σ quantity × unit price, exact) rounded once, half away from zero, to the minor unit. */
export function roundLineSum(sum: number): Minor {
  return roundMinor(sum / 10 ** PRICE_EXTRA_DIGITS);
}

/** Σ quantity × unit price over an order's lines, exact, in units of 10^-PRICE_EXTRA_DIGITS minor units. */
function sumLines(lines: readonly OrderLine[], digits: number, ctx: DecodeContext): Minor | RowIssue {
  let sum = 0;
  for (const l of lines) {
    if (!/^\s*[+-]?\d+\s*$/.test(l.quantity)) {
      return {
        code: "UNREADABLE_QUANTITY",
        message: `unreadable quantity in ${ctx.columnNames.quantity ?? "quantity"} on line ${l.line}: expected a whole number, got ${JSON.stringify(l.quantity)}`,
      };
    }
    const price = readAmount("unit_price", l.unitPrice.trim(), digits + PRICE_EXTRA_DIGITS, ctx);
    if (typeof price !== "number") return { code: price.code, message: `${price.message} on line ${l.line}` };
    sum += Number(l.quantity) * price;
  }
  if (!Number.isSafeInteger(sum)) return { code: "AMOUNT_TOO_LARGE", message: "the order's total is too large to add up exactly" };
  return sum;
}

/** Minor units, or the problem: the value doesn't fit its column's decimal mark, or is too large to hold exactly. */
function readAmount(field: MoneyField, text: string, digits: number, ctx: DecodeContext): Minor | RowIssue {
  const minor = amountOf(text, ctx.conventions.markOf(field), digits);
  if (typeof minor === "number") return minor;
  if (minor === "too-large") {
    return {
      code: "AMOUNT_TOO_LARGE",
      message: `amount ${JSON.stringify(text)} in ${ctx.columnNames[field] ?? field} is too large to count exactly (at most ${largestAmount(digits)}: ${field === "unit_price" ? `unit prices are counted in units of 10^-${digits}` : "money is counted in whole minor units"}, up to 2^53 − 1)`,
    };
  }
  // Say why when the value shows the other mark than the one its column was read with.
  const decided = ctx.conventions.decimal.get(field);
  const evidence = decimalEvidence(text);
  const why =
    decided && evidence !== "none" && evidence !== decided.value
      ? ` (this column's decimal mark is "${decided.value}", from ${decided.reason})`
      : "";
  return {
    code: "UNREADABLE_AMOUNT",
    message: `unreadable amount in ${ctx.columnNames[field] ?? field}: expected a number like 1234.50 or 1 234,50, got ${JSON.stringify(text)}${why}`,
  };
}

/** The largest amount read exactly with `digits` decimals, as text: 2^53 − 1 units of 10^-digits (90071992547409.91 for 2). */
function largestAmount(digits: number): string {
  const units = String(Number.MAX_SAFE_INTEGER);
  return digits === 0 ? units : `${units.slice(0, -digits)}.${units.slice(-digits)}`;
}

function decodeGuest(cells: OrderCells, customerId: string | null, platform: OrderPlatform): boolean | null {
  switch (platform.guest.kind) {
    case "unknown":
      return null;
    case "customer-id-zero":
      // The column must exist to say anything; an empty or 0 id in it means a guest.
      return cells.customer_id === null ? null : customerId === null;
    case "column":
      return parseBoolean(cells.guest);
    case "column-equals": {
      const value = (cells.guest ?? "").trim().toLowerCase();
      return value === "" ? null : platform.guest.values.includes(value);
    }
  }
}

/**
 * Where an order came from, as written: the answer an --attribution file gives for its key (a
 * post-purchase survey's "how did you hear about us?"), else a discount code it used (`code
 * ANNA10`: an influencer's or a referral code names the source better than the sales channel),
 * else its source column (a UTM source, WooCommerce's attribution, Shopify's sales channel).
 */
function sourceOf(cells: OrderCells, key: string | null, ctx: DecodeContext): string | null {
  const answered = key === null ? null : (ctx.attribution?.(key) ?? null);
  if (answered !== null) return answered;
  const written = trim(cells.discount_code ?? "");
  // WooCommerce's export plugins write a coupon as `code:ANNA10;amount:10.00;…` (several joined by `|`): the first code.
  const code = written === "" ? "" : (/(?:^|[|;])\s*code:([^;|]*)/.exec(written)?.[1]?.trim() ?? written);
  if (code !== "") return `code ${code}`;
  const source = trim(cells.source ?? "");
  return source === "" || source === "(none)" ? null : source;
}

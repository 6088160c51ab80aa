/** decodeOrder's amounts: what becomes UNREADABLE_AMOUNT, AMOUNT_TOO_LARGE, or minor units. */
import { describe, expect, it } from "vitest";
import { Conventions } from "../../../src/io/orders/conventions.js";
import { type DecodeContext, decodeOrder } from "../../../src/io/orders/decode-order.js";
import { generic } from "../../../src/io/platforms/generic.js";
import type { OrderCells } from "../../../src/io/platforms/index.js";
import { onlineRetail } from "../../../src/io/platforms/online-retail.js";
import { EMPTY_ORDER_CELLS, PRAGUE } from "../../helpers.js";

const empty: OrderCells = EMPTY_ORDER_CELLS;
const ctx: DecodeContext = {
  platform: generic,
  zone: PRAGUE,
  currency: null,
  columnNames: {},
  conventions: new Conventions({}),
  statusMap: new Map(),
};
const decode = (cells: Partial<OrderCells>, context: DecodeContext = ctx) =>
  decodeOrder({ ...empty, created_at: "2025-01-01", ...cells }, null, 2, context);

describe("amounts as an order's total and refund", () => {
  it.each([
    [{ total: "\u221212.50" }, -1250, 0], // U+2212 MINUS SIGN
    [{ total: "10.00", refunded: "\u20132.50" }, 1000, -250], // en dash: −2.50 refunded
    [{ total: "$(12.50)" }, -1250, 0],
    [{ total: "12.50 lei", currency: "RON" }, 1250, 0], // lei are RON, not a currency "LEI"
    [{ total: "90071992547409.91" }, 9_007_199_254_740_991, 0], // 2^53 − 1 cents: the largest exact
  ])("%j → total %i, refunded %i", (cells, total, refunded) => {
    expect(decode(cells)).toMatchObject({ order: { total, refunded } });
  });

  it.each(["2k", "3M", "1OO", "12.5x", "-(12.50)", "\u201212.50"])("total %j is UNREADABLE_AMOUNT", (text) => {
    expect(decode({ total: text })).toEqual({
      problem: {
        code: "UNREADABLE_AMOUNT",
        message: `unreadable amount in total: expected a number like 1234.50 or 1 234,50, got ${JSON.stringify(text)}`,
      },
    });
  });

  it("refuses a total whose cents are no safe integer as AMOUNT_TOO_LARGE", () => {
    // 99999999999999999999.00 is 10^22 cents, past 2^53 − 1 = 9,007,199,254,740,991 cents
    // (90,071,992,547,409.91): a JS number would round it.
    expect(decode({ total: "99999999999999999999" })).toEqual({
      problem: {
        code: "AMOUNT_TOO_LARGE",
        message:
          'amount "99999999999999999999" in total is too large to count exactly (at most 90071992547409.91: money is counted in whole minor units, up to 2^53 − 1)',
      },
    });
    // One cent more than the largest exact amount.
    expect(decode({ total: "90071992547409.92" })).toMatchObject({ problem: { code: "AMOUNT_TOO_LARGE" } });
  });

  it("refuses a refund as large, and counts yen with no decimals", () => {
    // 10^17 EUR = 10^19 cents.
    expect(decode({ total: "1", refunded: "100000000000000000" })).toMatchObject({ problem: { code: "AMOUNT_TOO_LARGE" } });
    // JPY has no minor digits: 9007199254740991 yen is the largest exact amount, one more is refused.
    expect(decode({ total: "9007199254740991", currency: "JPY" })).toMatchObject({ order: { total: 9_007_199_254_740_991 } });
    expect(decode({ total: "9007199254740992", currency: "JPY" })).toEqual({
      problem: {
        code: "AMOUNT_TOO_LARGE",
        message:
          'amount "9007199254740992" in total is too large to count exactly (at most 9007199254740991: money is counted in whole minor units, up to 2^53 − 1)',
      },
    });
  });

  it("refuses a unit price too large to multiply out exactly", () => {
    // Unit prices are read to 2 + 4 = 6 decimals of GBP: 10^10 GBP is 10^16 units, past 2^53 − 1.
    const retail = { ...ctx, platform: onlineRetail, currency: "GBP" };
    const result = decodeOrder({ ...empty, created_at: "2025-01-01" }, "536365", 3, retail, [
      { line: 3, quantity: "1", unitPrice: "10000000000" },
    ]);
    expect(result).toEqual({
      problem: {
        code: "AMOUNT_TOO_LARGE",
        message:
          'amount "10000000000" in unit_price is too large to count exactly (at most 9007199254.740991: unit prices are counted in units of 10^-6, up to 2^53 − 1) on line 3',
      },
    });
  });
});

import { describe, expect, it } from "vitest";
import type { ProblemCode } from "../../../src/core/problems.js";
import { Conventions } from "../../../src/io/orders/conventions.js";
import { decodeOrder, mayBeMarked } from "../../../src/io/orders/decode-order.js";
import { currencyMark } from "../../../src/io/parse/amount.js";
import { parseBoolean } from "../../../src/io/parse/boolean.js";
import { normaliseCustomerId, normaliseEmail } from "../../../src/io/parse/identity.js";
import { generic } from "../../../src/io/platforms/generic.js";
import type { OrderCells } from "../../../src/io/platforms/index.js";
import { shopify } from "../../../src/io/platforms/shopify.js";
import { woocommerce } from "../../../src/io/platforms/woocommerce.js";
import { EMPTY_ORDER_CELLS, PRAGUE } from "../../helpers.js";

const empty: OrderCells = EMPTY_ORDER_CELLS;

describe("identity normalisation", () => {
  it.each([
    ["ann@example.com", "ann@example.com"],
    ["  Ann@Example.COM ", "ann@example.com"],
    ["\tANN@EXAMPLE.COM\t", "ann@example.com"],
    ["", null],
    ["   ", null],
    [null, null],
  ])("email %j → %j", (text, expected) => {
    expect(normaliseEmail(text)).toBe(expected);
  });

  it.each([
    ["42", "42"],
    [" 42 ", "42"],
    ["'7210448301122", "7210448301122"], // Shopify's Excel guard
    ["0", null],
    ["000", null],
    ["", null],
    [null, null],
    ["'0", null],
  ])("customer id %j → %j", (text, expected) => {
    expect(normaliseCustomerId(text)).toBe(expected);
  });

  it.each([
    ["true", true],
    ["TRUE", true],
    ["1", true],
    ["yes", true],
    ["Y", true],
    ["false", false],
    ["0", false],
    ["No", false],
    ["", null],
    ["maybe", null],
  ])("boolean %j → %j", (text, expected) => {
    expect(parseBoolean(text)).toBe(expected);
  });
});

describe("decodeOrder", () => {
  const ctx = { zone: PRAGUE, currency: null, columnNames: {}, conventions: new Conventions({}), statusMap: new Map() };

  it("decodes a WooCommerce guest order with a refund", () => {
    const result = decodeOrder(
      {
        ...empty,
        created_at: "2025-03-30 02:30:00",
        total: "50.00",
        refunded: "10.00",
        currency: "eur",
        status: "wc-processing",
        customer_id: "0",
        email: " G@X.cz",
      },
      "102",
      3,
      { ...ctx, platform: woocommerce },
    );
    expect(result).toEqual({
      order: {
        key: "102",
        line: 3,
        at: Date.parse("2025-03-30T01:30:00Z"), // 02:30 doesn't exist that night: 03:30+02:00
        currency: "EUR",
        total: 5000,
        refunded: 1000,
        status: "processing",
        statusText: "wc-processing",
        email: "g@x.cz",
        customerId: null,
        guest: true,
        source: null,
        offline: false,
      },
    });
  });

  it("uses --currency when the cell is empty, and the cell when it isn't", () => {
    const cells = { ...empty, created_at: "2025-01-01", total: "1" };
    const withFlag = { ...ctx, currency: "GBP", platform: generic };
    expect(decodeOrder(cells, null, 2, withFlag)).toMatchObject({ order: { currency: "GBP" } });
    expect(decodeOrder({ ...cells, currency: "CZK" }, null, 2, withFlag)).toMatchObject({ order: { currency: "CZK" } });
  });

  it("reads the guest column of a generic file, and never guesses for Shopify", () => {
    const cells = { ...empty, created_at: "2025-01-01", total: "1", guest: "yes" };
    expect(decodeOrder(cells, null, 2, { ...ctx, platform: generic })).toMatchObject({ order: { guest: true } });
    expect(decodeOrder(cells, null, 2, { ...ctx, platform: shopify })).toMatchObject({ order: { guest: null } });
  });

  it.each<[Partial<OrderCells>, ProblemCode, string]>([
    [{ created_at: "", total: "1" }, "EMPTY_DATE", "empty created_at"],
    [
      { created_at: "32.1.2025", total: "1" },
      "UNREADABLE_DATE",
      'unreadable date in created_at: expected a date such as 2025-03-04 10:00, 4.3.2025 10:00 or 03/04/2025, got "32.1.2025"',
    ],
    [{ created_at: "2025-01-01", total: "" }, "EMPTY_AMOUNT", "empty total"],
    [
      { created_at: "2025-01-01", total: "12 EUR 50" },
      "UNREADABLE_AMOUNT",
      'unreadable amount in total: expected a number like 1234.50 or 1 234,50, got "12 EUR 50"',
    ],
    [
      { created_at: "2025-01-01", total: "1", refunded: "n/a" },
      "UNREADABLE_AMOUNT",
      'unreadable amount in refunded: expected a number like 1234.50 or 1 234,50, got "n/a"',
    ],
    [
      { created_at: "2025-01-01", total: "1", currency: "€" },
      "UNREADABLE_CURRENCY",
      'unreadable currency in currency: expected a 3-letter ISO 4217 code, got "€"',
    ],
  ])("reports %j as a problem %s", (cells, code, message) => {
    expect(decodeOrder({ ...empty, ...cells }, null, 2, { ...ctx, platform: generic })).toEqual({ problem: { code, message } });
  });
});

describe("mayBeMarked", () => {
  it("is true for every cell of up to 4 characters in which currencyMark finds a mark (signs, digits, marks, parentheses, spaces)", () => {
    // The fast look decodeOrder takes before the currency marks: it may say "maybe" for a cell
    // with none, never "no" for one that has one.
    const alphabet = ["1", "0", ".", ",", "-", "+", "(", ")", " ", "\u00a0", "$", "€", "K", "č", "\u2212"];
    let texts = [""];
    let marked = 0;
    let unmarked = 0;
    for (let length = 1; length <= 4; length++) {
      texts = texts.flatMap((text) => alphabet.map((c) => text + c));
      for (const text of texts) {
        const trimmed = text.trim();
        if (trimmed === "" || currencyMark(trimmed) === null) {
          if (!mayBeMarked(text)) unmarked++;
          continue;
        }
        marked++;
        expect(mayBeMarked(text), JSON.stringify(text)).toBe(true);
      }
    }
    // The corpus holds both kinds, and the fast look settles most cells with no mark.
    expect(marked).toBeGreaterThan(1000);
    expect(unmarked).toBeGreaterThan(1000);
    for (const text of ["12.90", " 7610.90 ", "-3", "+0,50", "1 234,50"]) expect(mayBeMarked(text), text).toBe(false);
    for (const text of ["$12.90", "99,90 Kč", "EUR 5", "(12.50)", "12,50-", "", null])
      expect(mayBeMarked(text), String(text)).toBe(text !== "" && text !== null);
  });
});

/**
 * A column's decimal mark is learned from values that show it; a value that is itself unreadable
 * (`12,5k`, `1,2,3.4.5`) is skipped as UNREADABLE_AMOUNT and never decides it.
 */
import { describe, expect, it } from "vitest";
import { Conventions } from "../../../src/io/orders/conventions.js";
import { createOrderReader, type OrderReaderOptions } from "../../../src/io/orders/order-reader.js";
import type { OrderCells } from "../../../src/io/platforms/index.js";
import { EMPTY_ORDER_CELLS, PRAGUE } from "../../helpers.js";

const empty: OrderCells = EMPTY_ORDER_CELLS;
const total = (text: string): OrderCells => ({ ...empty, created_at: "2025-01-01", total: text });

describe("Conventions: what decides a money column's decimal mark", () => {
  it.each(["12,5k", "1,2,3.4.5", "12,34,5", "2,50x", "-(1,50)", "\u2212(1,50)"])(
    "an unreadable %j decides nothing, and a later 5,50 does",
    (garbage) => {
      const conventions = new Conventions({});
      expect(conventions.observe(total(garbage), 2)).toBe(false);
      expect(conventions.decimal.has("total")).toBe(false);
      // "1.234" could be 1234 or 1.234: with nothing decided it must still wait.
      expect(conventions.observe(total("1.234"), 3)).toBe(false);
      expect(conventions.undecided(total("1.234"))).toEqual({ field: "total", text: "1.234" });
      expect(conventions.observe(total("5,50"), 4)).toBe(true);
      expect(conventions.decimal.get("total")).toEqual({ value: ",", reason: '"5,50" on line 4', source: "content", line: 4 });
    },
  );
});

describe("the order reader: garbage first, ambiguous values, then the deciding value", () => {
  const OPTIONS: OrderReaderOptions = { file: "t.csv", maps: new Map(), statusMap: new Map(), zone: PRAGUE, currency: null, strict: false };
  const header = ["order_id", "created_at", "total", "currency"];

  function read(first: string) {
    const totals: [number, number][] = [];
    const reader = createOrderReader(header, { ...OPTIONS, onOrder: (order) => totals.push([order.line, order.total]) });
    const rows = [
      ["1", "2025-01-01", first, "EUR"],
      ["2", "2025-01-02", "1.234", "EUR"],
      ["3", "2025-01-03", "1.234", "EUR"],
      ["4", "2025-01-04", "5,50", "EUR"],
    ];
    for (const [i, fields] of rows.entries()) reader.push({ line: i + 2, fields });
    return { totals, result: reader.end() };
  }

  it.each(["12,5k", "1,2,3.4.5"])("decides the comma from 5,50 on line 5, not from %j on line 2", (garbage) => {
    const { totals, result } = read(garbage);
    expect(result.conventions.decimal.get("total")).toEqual({ value: ",", reason: '"5,50" on line 5', source: "content", line: 5 });
    // With a decimal comma "1.234" is 1234 EUR = 123,400 cents ("." groups thousands); "5,50" is 550.
    // (Had "1,2,3.4.5" decided ".", they would be 1.234 EUR = 123 cents and "5,50" unreadable.)
    expect(totals).toEqual([
      [3, 123_400],
      [4, 123_400],
      [5, 550],
    ]);
    expect(result.problems.skippedByCode).toEqual(new Map([["UNREADABLE_AMOUNT", 1]]));
    expect(result.problems.problems[0]).toMatchObject({ line: 2, code: "UNREADABLE_AMOUNT" });
  });
});

import { describe, expect, it } from "vitest";
import { generic } from "../../src/io/platforms/generic.js";
import { ORDER_FIELDS, type OrderField } from "../../src/io/platforms/index.js";
import { Table } from "../../src/io/table.js";

describe("Table.fillBlanks", () => {
  it("fills a field blank in the first cells from the second where that is not blank, as trim() tells blank, for every pair of values", () => {
    const header = ["order_id", "created_at", "email", "total", "currency"];
    const table = new Table(header, ORDER_FIELDS, generic, { flag: "--map", maps: new Map(), label: "x" }, "a test", {
      file: "t.csv",
      strict: false,
    });
    // Empty, spaces of every kind trim() drops (ASCII, no-break, em space, BOM), a control
    // character it keeps, and values that start with a space, a letter or a digit.
    const values = ["", " ", "\t\n", "\u00a0", "\u2003", "\ufeff", "\u0001", " a", "\u00a0b", "a", "7", "é"];
    const fields: OrderField[] = ["email", "total", "currency"];
    let filled = 0;
    for (const first of values) {
      for (const second of values) {
        const cells = (value: string) =>
          Object.fromEntries(ORDER_FIELDS.map((f) => [f, fields.includes(f) ? value : f === "order_id" ? "1" : null]));
        const into = cells(first) as Record<OrderField, string | null>;
        table.fillBlanks(into, cells(second) as Record<OrderField, string | null>);
        // What the rule says: a blank value takes the next non-blank one.
        const expected = first.trim() === "" && second.trim() !== "" ? second : first;
        for (const f of fields) expect(into[f], `${JSON.stringify(first)} then ${JSON.stringify(second)}`).toBe(expected);
        if (expected !== first) filled++;
      }
    }
    expect(filled).toBeGreaterThan(20);
  });

  it("with `first`, sets every field not blank in the second cells, and each value set is `take` of it", () => {
    const header = ["order_id", "created_at", "email", "total", "currency"];
    const table = new Table(header, ORDER_FIELDS, generic, { flag: "--map", maps: new Map(), label: "x" }, "a test", {
      file: "t.csv",
      strict: false,
    });
    const values = ["", " ", "\u00a0", "a", "7"];
    const fields: OrderField[] = ["email", "total", "currency"];
    const taken = (value: string) => `<${value}>`;
    for (const first of values) {
      for (const second of values) {
        for (const wins of [false, true]) {
          const cells = (value: string) =>
            Object.fromEntries(ORDER_FIELDS.map((f) => [f, fields.includes(f) ? value : f === "order_id" ? "1" : null]));
          const into = cells(first) as Record<OrderField, string | null>;
          table.fillBlanks(into, cells(second) as Record<OrderField, string | null>, taken, wins);
          // The rule as merge() states it: a field not blank in the second row is set when the second
          // row's values come first, or when the first row's is blank.
          const set = second.trim() !== "" && (wins || first.trim() === "");
          for (const f of fields)
            expect(into[f], `${JSON.stringify(first)} then ${JSON.stringify(second)}, first ${wins}`).toBe(set ? `<${second}>` : first);
          // Fields the header lacks stay null; the key, the same in both, is set only when the second comes first.
          expect(into.customer_id).toBeNull();
          expect(into.order_id).toBe(wins ? "<1>" : "1");
        }
      }
    }
  });
});

describe("Table.mapCells", () => {
  it("sets each field the header has to `take` of its value, leaving the null ones (fields it lacks) null", () => {
    const header = ["order_id", "created_at", "email", "total"];
    const table = new Table(header, ORDER_FIELDS, generic, { flag: "--map", maps: new Map(), label: "x" }, "a test", {
      file: "t.csv",
      strict: false,
    });
    const cells = table.cells({ line: 2, fields: ["#1", "2025-01-02", "", "10.00"] })!;
    table.mapCells(cells, (value) => `[${value}]`);
    expect(cells.order_id).toBe("[#1]");
    expect(cells.created_at).toBe("[2025-01-02]");
    expect(cells.email).toBe("[]");
    expect(cells.total).toBe("[10.00]");
    expect(cells.currency).toBeNull();
    expect(cells.status).toBeNull();
  });
});

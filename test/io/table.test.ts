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
});

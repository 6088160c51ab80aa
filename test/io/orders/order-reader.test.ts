/**
 * The orders push core, fed plain arrays of cells — no stream, no CSV text — as csv-parse's
 * tests feed its core; and the same core behind the stream adapter, fed in tiny chunks.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { buildReport, type ReportOptions } from "../../../src/commands/report.js";
import { AppError } from "../../../src/core/errors.js";
import { parseWindowSpec } from "../../../src/core/window.js";
import { createOrderReader, type OrderReaderOptions, type OrdersRead } from "../../../src/io/orders/order-reader.js";
import { chunked, FIXTURES, PRAGUE } from "../../helpers.js";

const OPTIONS: OrderReaderOptions = { file: "t.csv", maps: new Map(), statusMap: new Map(), zone: PRAGUE, currency: null, strict: false };

/** Pushes `rows` (line 2, 3, …) to a new reader of a file with `header`. */
function readRows(header: readonly string[], rows: readonly (readonly string[])[], extra: Partial<OrderReaderOptions> = {}): OrdersRead {
  const reader = createOrderReader(header, { ...OPTIONS, ...extra });
  for (const [i, fields] of rows.entries()) reader.push({ line: i + 2, fields });
  return reader.end();
}
/** What `fn` throws (it must throw). */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error");
}
/** The same, for rows written as comma-separated lines (no quoting); the first is the header. */
const read = (lines: readonly string[], extra: Partial<OrderReaderOptions> = {}): OrdersRead => {
  const [header, ...rows] = lines.map((line) => line.split(","));
  return readRows(header!, rows, extra);
};
const readText = (csv: string, extra: Partial<OrderReaderOptions> = {}) => read(csv.trimEnd().split("\n"), extra);

describe("the stream adapter", () => {
  it("gives the same report whole and fed in tiny chunks (split inside quotes and UTF-8)", async () => {
    const text = readFileSync(resolve(FIXTURES, "orders/shopify-small.csv"), "utf8");
    const options: ReportOptions = {
      maps: new Map(),
      statusMap: new Map(),
      zoneSource: "flag",
      customerMaps: new Map(),
      currency: null,
      zone: PRAGUE,
      window: parseWindowSpec("365d")!,
      asOf: { kind: "latest" },
      strict: false,
      margin: 1,
      compare: false,
      every: null,
      failIf: [],
      now: Date.parse("2026-01-01T12:00:00Z"),
    };
    const whole = await buildReport({ orders: { file: "shop.csv", open: () => Readable.from([text]) } }, options);
    for (const size of [1, 2, 3, 7, 64]) {
      expect(await buildReport({ orders: { file: "shop.csv", open: () => chunked(text, size) } }, options)).toEqual(whole);
    }
  });
});

describe("createOrderReader", () => {
  it("forward-fills order fields from later rows of a line-item order", async () => {
    const csv = [
      "Name,Email,Financial Status,Currency,Total,Created at",
      "#1,,paid,EUR,10.00,2025-01-01 10:00:00 +0100",
      "#1,late@example.com,,,,2025-01-01 10:00:00 +0100",
      "#2,x@example.com,paid,EUR,5.00,2025-01-02 10:00:00 +0100",
    ].join("\n");
    const result = readText(csv);
    expect(result.platform).toEqual({
      value: expect.objectContaining({ name: "shopify" }),
      reason: "the header has Name, Created at, Total",
      source: "content",
      line: 1,
    });
    expect(result.ledger.ordersRead).toBe(2);
    expect(result.ledger.unidentified).toBe(0); // #1's email came from its second row
    expect(result.ledger.groups.get("EUR")?.length).toBe(2);
  });

  it("counts an exact repeat of a row once, and reports it naming the line it repeats", async () => {
    const csv = [
      "order_id,order_date,order_total,status",
      "7,2025-01-01,10.00,completed",
      "8,2025-01-02,20.00,completed",
      "7,2025-01-01,10.00,completed",
    ].join("\n");
    const result = readText(csv);
    expect(result.ledger.ordersRead).toBe(2);
    expect(result.rowsRead).toBe(3);
    expect(result.problems.rowsSkipped).toBe(1);
    expect(result.problems.problems).toEqual([
      { file: "t.csv", line: 4, code: "DUPLICATE_ROW", message: "an exact repeat of line 2; row skipped" },
    ]);
  });

  it("skips an order key that comes back with other values, instead of counting it twice", async () => {
    const csv = [
      "order_id,order_date,order_total,status",
      "7,2025-01-01,10.00,completed",
      "8,2025-01-02,20.00,completed",
      "7,2025-01-01,10.00,refunded",
    ].join("\n");
    const result = readText(csv);
    expect(result.ledger.ordersRead).toBe(2);
    expect(result.ledger.counted).toBe(2); // the first row of 7 stands
    expect(result.problems.problems).toEqual([
      {
        file: "t.csv",
        line: 4,
        code: "DUPLICATE_KEY",
        message:
          'order "7" was already read with another date or total (two orders with one key, or an order exported twice at different times); row skipped',
      },
    ]);
  });

  it("skips all rows of a line-item order whose date can't be read, as one problem", async () => {
    const csv = ["Name,Total,Created at", "#1,10.00,yesterday", "#1,,yesterday", "#2,5.00,2025-01-01"].join("\n");
    const result = readText(csv);
    expect(result.problems.rowsSkipped).toBe(2);
    expect(result.problems.skippedByCode).toEqual(new Map([["UNREADABLE_DATE", 2]])); // rows, not problems
    expect(result.problems.problems[0]?.message).toBe(
      `unreadable date in Created at: expected a date such as 2025-03-04 10:00, 4.3.2025 10:00 or 03/04/2025, got "yesterday"; the order's 2 rows skipped`,
    );
    expect(result.ledger.ordersRead).toBe(1);
  });

  it("skips a row with an empty order key", async () => {
    const result = readText("order_id,created_at,total\n,2025-01-01,1.00\n2,2025-01-01,2.00\n");
    expect(result.problems.problems).toEqual([{ file: "t.csv", line: 2, code: "EMPTY_KEY", message: "empty order_id; row skipped" }]);
    expect(result.ledger.ordersRead).toBe(1);
  });

  it("skips a row with more filled cells than the header, but allows a trailing separator", async () => {
    // An unquoted "1,234.50" shifts every later column; reading it would give 1.00 and email "234.50".
    const result = readText("order_id,created_at,total,email\n1,2025-01-01,1,234.50,a@x\n2,2025-01-02,2.00,b@x,\n");
    expect(result.problems.problems).toEqual([
      {
        file: "t.csv",
        line: 2,
        code: "SHIFTED_ROW",
        message: "5 cells but the header has 4: a separator inside an unquoted value shifts the columns; row skipped",
      },
    ]);
    expect(result.ledger.ordersRead).toBe(1);
  });

  it("warns about an empty currency cell without --currency, and about unreadable guest values", async () => {
    const result = read([
      "created_at,total,currency,guest",
      "2025-01-01,1.00,EUR,yes",
      "2025-01-02,2.00,,maybe",
      "2025-01-03,3.00,EUR,maybe",
    ]);
    expect([...result.ledger.groups.keys()]).toEqual(["EUR", null]);
    expect(result.warnings).toEqual([
      "t.csv: some orders have an empty currency cell and there is no --currency; they are reported in a group without a currency",
      "t.csv: no status column; every order is counted as a sale",
      't.csv: 2 orders with unrecognised guest value "maybe" (expected true/false, 1/0, yes/no); their guest status is unknown',
    ]);
  });

  it("treats NA, N/A, #N/A and null as a missing customer id or email, not as a customer", async () => {
    const result = readText(
      "customer_id,email,created_at,total\nNA,,2025-01-01,1\n#N/A,null,2025-01-02,1\nn/a,NA,2025-01-03,1\n17850,,2025-01-04,1\n",
    );
    expect(result.ledger.unidentified).toBe(3);
  });

  it("reads rows shorter than the header as empty cells", async () => {
    const result = readText("created_at,total,email\n2025-01-01,1.00\n");
    expect(result.ledger.ordersRead).toBe(1);
    expect(result.ledger.unidentified).toBe(1);
  });

  it("--platform forces a platform, and then its required columns must be there", async () => {
    const error = thrown(() => read(["created_at,total", "2025-01-01,1.00"], { platform: "shopify" }));
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("INPUT_HEADER");
    expect((error as AppError).message).toBe(
      "unrecognised header: a Shopify orders export needs Name (order_id), Created at (created_at). Columns found: created_at, total. Point a field at a column with --map FIELD=COLUMN",
    );
  });

  it("stops at the first unreadable row with --strict", async () => {
    const error = thrown(() => read(["created_at,total", "2025-01-01,abc"], { strict: true }));
    expect((error as AppError).code).toBe("INPUT_ROW");
    expect((error as AppError).toUserString()).toBe(
      't.csv:2: unreadable amount in total: expected a number like 1234.50 or 1 234,50, got "abc" (--strict)',
    );
  });
});

describe("Excel damage", () => {
  it("warns once per column, with the count, about ids in scientific notation", async () => {
    const result = readText(
      "order_id,customer_id,created_at,total\n1,7.02255E+12,2025-01-01,1\n2,7.02255E+12,2025-01-02,1\n3,7022550000001,2025-01-03,1\n",
    );
    expect(result.warnings).toContain(
      't.csv: 2 rows with customer_id in scientific notation (like "7.02255E+12"): Excel dropped digits, so different customers may be joined or one split; export again without saving in Excel',
    );
  });

  it("drops one leading apostrophe from order keys and customer ids", async () => {
    const result = readText("order_id,customer_id,created_at,total\n'0012,'42,2025-01-01,1\n0012,42,2025-01-02,1\n");
    expect(result.problems.problems[0]?.message).toMatch(/^order "0012" was already read with another date or total/);
  });
});

describe("deferral: a value only a later row can settle waits for it", () => {
  const header = ["order_id", "created_at", "total", "currency"];

  it("reads a `1,234` once a later amount shows the decimal mark, and says which value decided", () => {
    // Line 2's "1,234" could be 1234 or 1.234; line 3's "5,50" shows a decimal comma, so line 2 is
    // 1.234 EUR, which is 123 cents (the third decimal, 4, rounds down).
    const totals: [number, number][] = [];
    const result = readRows(
      header,
      [
        ["1", "2025-01-01", "1,234", "EUR"],
        ["2", "2025-01-02", "5,50", "EUR"],
      ],
      { onOrder: (order) => totals.push([order.line, order.total]) },
    );
    expect(totals).toEqual([
      [2, 123], // released as soon as line 3 decided the column, before line 3 itself
      [3, 550],
    ]);
    expect(result.conventions.decimal.get("total")).toEqual({ value: ",", reason: '"5,50" on line 3', source: "content", line: 3 });
  });

  it("fails at the end, naming the flag and the first waiting order's line, when nothing settles it", () => {
    const error = thrown(() =>
      readRows(header, [
        ["1", "2025-01-01", "7.50", "EUR"],
        ["2", "2025-01-02", "3", "EUR"],
        ["3", "01/02/2025", "2", "EUR"],
      ]),
    ) as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe("INPUT_AMBIGUOUS");
    expect(error.toUserString()).toBe(
      't.csv:4: ambiguous dates in created_at: "01/02/2025" could be day/month or month/day, and no date in the whole file has a day over 12 to tell; pass --date-format dmy or --date-format mdy',
    );
  });

  it("reads nothing twice: an order that waited and then repeats its key is a DUPLICATE_KEY, or a DUPLICATE_ROW when exact", () => {
    const result = readRows(header, [
      ["1", "2025-01-01", "1,234", "EUR"],
      ["1", "2025-01-01", "1,234", "EUR"],
      ["1", "2025-01-03", "1,234", "EUR"],
      ["2", "2025-01-02", "5,50", "EUR"],
    ]);
    expect(result.ledger.ordersRead).toBe(2);
    expect(result.problems.skippedByCode).toEqual(
      new Map([
        ["DUPLICATE_ROW", 1],
        ["DUPLICATE_KEY", 1],
      ]),
    );
  });
});

describe("line-item grouping", () => {
  const header = ["Name", "Email", "Financial Status", "Currency", "Total", "Created at"];

  it("makes one order of adjacent rows with one key, and counts an exact repeat of a row once", () => {
    const result = readRows(header, [
      ["#1", "", "paid", "EUR", "10.00", "2025-01-01 10:00:00 +0100"],
      ["#1", "a@x.cz", "", "", "", "2025-01-01 10:00:00 +0100"],
      ["#2", "b@x.cz", "paid", "EUR", "5.00", "2025-01-02 10:00:00 +0100"],
      ["#1", "a@x.cz", "", "", "", "2025-01-01 10:00:00 +0100"],
    ]);
    expect(result.rowsRead).toBe(4);
    expect(result.ledger.ordersRead).toBe(2);
    expect(result.ledger.unidentified).toBe(0); // #1's email came from its second row
    expect(result.problems.problems.map((p) => [p.line, p.code])).toEqual([[5, "DUPLICATE_ROW"]]);
  });

  it("counts an exact repeat once though a repeated header moved the key's column in between (its text then reads as another key)", () => {
    const head = "Name,Email,Financial Status,Currency,Total,Created at,Lineitem quantity,Lineitem name,Notes,Cancelled at,Refunded Amount";
    const moved =
      "Lineitem name,Email,Financial Status,Currency,Total,Created at,Lineitem quantity,Name,Notes,Cancelled at,Refunded Amount";
    const first = "#1001,ann@example.com,paid,EUR,50.00,2024-06-15 10:00:00 +0200,1,#2001,,,0.00";
    const swapped = readText(
      [head, first, "#1002,bob@example.com,paid,EUR,70.00,2024-06-16 10:00:00 +0200,1,#2002,,,0.00", moved, first].join("\n"),
    );
    expect(swapped.problems.problems.map((p) => [p.line, p.code, p.message])).toEqual([
      [5, "DUPLICATE_ROW", "an exact repeat of line 2; row skipped"],
    ]);
    expect(swapped.ledger.ordersRead).toBe(2);
    // Past the rows a key's own list holds (8): one order of 9 rows, then two of them again under the moved header.
    const item = (n: number) => `#1001,,,,,2024-06-15 10:00:00 +0200,1,#20${String(n).padStart(2, "0")},,,`;
    const many = readText(
      [
        head,
        "#1001,ann@example.com,paid,EUR,50.00,2024-06-15 10:00:00 +0200,1,#2000,,,0.00",
        ...[1, 2, 3, 4, 5, 6, 7, 8].map(item),
        moved,
        item(3),
        item(8),
      ].join("\n"),
    );
    expect(many.problems.problems.map((p) => [p.line, p.code, p.message])).toEqual([
      [12, "DUPLICATE_ROW", "an exact repeat of line 5; row skipped"],
      [13, "DUPLICATE_ROW", "an exact repeat of line 10; row skipped"],
    ]);
    expect(many.ledger.ordersRead).toBe(1);
  });

  it("says what the file lacks for the metrics: Shopify has no guest flag", () => {
    const result = readRows(header, [["#1", "a@x.cz", "paid", "EUR", "10.00", "2025-01-01"]]);
    expect(result.unavailable.identity).toBeNull();
    expect(result.unavailable.amounts).toBeNull();
    expect(result.unavailable.guest).toMatch(/^Shopify's orders export does not say which orders were guest checkouts/);
  });
});

describe("rows of one order anywhere in the file", () => {
  const shopify = ["Name", "Email", "Financial Status", "Currency", "Total", "Created at", "Lineitem name"];
  const orders = (result: OrdersRead) => {
    const eur = result.ledger.groups.get("EUR")!;
    return Array.from({ length: eur.length }, (_, i) => [eur.revenue[i], eur.node[i]! >= 0]);
  };

  it("reads a Shopify order whose total row is not its first line: the item rows before it wait for it", () => {
    const result = readRows(shopify, [
      ["#1", "a@x.cz", "", "", "", "2025-01-01 10:00:00 +0100", "mug"], // item row first, with the email
      ["#2", "b@x.cz", "paid", "EUR", "5.00", "2025-01-02 10:00:00 +0100", "cup"],
      ["#1", "", "paid", "EUR", "10.00", "2025-01-01 10:00:00 +0100", "plate"], // #1's total row, no email
    ]);
    expect(result.ledger.ordersRead).toBe(2);
    expect(result.problems.rowsSkipped).toBe(0);
    expect(result.ledger.unidentified).toBe(0); // #1's email came from its item row, read before
    expect(orders(result)).toEqual([
      [500, true],
      [1000, true],
    ]);
  });

  it("joins an item row that comes after other orders to its order: its email identifies the customer", () => {
    const result = readRows(shopify, [
      ["#1", "", "paid", "EUR", "10.00", "2025-01-01 10:00:00 +0100", "plate"],
      ["#2", "b@x.cz", "paid", "EUR", "5.00", "2025-01-02 10:00:00 +0100", "cup"],
      ["#1", "a@x.cz", "", "", "", "2025-01-01 10:00:00 +0100", "mug"],
    ]);
    expect(result.ledger.ordersRead).toBe(2);
    expect(result.problems.rowsSkipped).toBe(0);
    expect(result.ledger.unidentified).toBe(0);
    expect(orders(result)).toEqual([
      [1000, true],
      [500, true],
    ]);
  });

  it("reports item rows whose order's total row never comes, at their first line, as one problem", () => {
    const result = readRows(shopify, [
      ["#2", "b@x.cz", "paid", "EUR", "5.00", "2025-01-02 10:00:00 +0100", "cup"],
      ["#1", "a@x.cz", "", "", "", "2025-01-01 10:00:00 +0100", "mug"],
      ["#3", "c@x.cz", "paid", "EUR", "7.00", "2025-01-03 10:00:00 +0100", "cup"],
      ["#1", "a@x.cz", "", "", "", "2025-01-01 10:00:00 +0100", "plate"],
    ]);
    expect(result.ledger.ordersRead).toBe(2);
    expect(result.problems.problems).toEqual([
      {
        file: "t.csv",
        line: 3,
        code: "EMPTY_AMOUNT",
        message: "empty Total: no row of order \"#1\" has its Total (the order's first row is not in the file); the order's 2 rows skipped",
      },
    ]);
  });

  it("skips a second total row with another total: two orders share the key", () => {
    const result = readRows(shopify, [
      ["#1", "a@x.cz", "paid", "EUR", "10.00", "2025-01-01 10:00:00 +0100", "plate"],
      ["#2", "b@x.cz", "paid", "EUR", "5.00", "2025-01-02 10:00:00 +0100", "cup"],
      ["#1", "z@x.cz", "paid", "EUR", "99.00", "2025-03-01 10:00:00 +0100", "vase"],
    ]);
    expect(orders(result)).toEqual([
      [1000, true],
      [500, true],
    ]);
    expect(result.problems.problems.map((p) => [p.line, p.code])).toEqual([[4, "DUPLICATE_KEY"]]);
  });

  const uci = ["InvoiceNo", "StockCode", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID"];
  const lines = [
    ["536365", "A", "1", "2010-12-01 08:26:00", "0.005", "17850"],
    ["536366", "B", "2", "2010-12-01 08:28:00", "1.85", "17850"],
    ["536365", "C", "1", "2010-12-01 08:26:00", "0.005", "17850"],
    ["536365", "D", "3", "2010-12-01 08:26:00", "2.10", "17850"],
    ["536367", "E", "x", "2010-12-01 08:34:00", "1.00", "13047"],
    ["536367", "F", "4", "2010-12-01 08:34:00", "1.00", "13047"],
  ];
  const totals = (result: OrdersRead) => {
    const gbp = result.ledger.groups.get("GBP")!;
    return Array.from({ length: gbp.length }, (_, i) => gbp.revenue[i]).sort((a, b) => a! - b!);
  };

  it("sums a UCI invoice's lines wherever they stand, exact and rounded once, and skips an unreadable line alone", () => {
    // 536365: 1 × 0.005 + 1 × 0.005 + 3 × 2.10 = 6.31 GBP exactly; rounding each line first would
    // give 0.01 + 0.01 + 6.30 = 6.32. 536366: 2 × 1.85 = 3.70. 536367: line E's quantity "x" is
    // skipped alone; F gives 4 × 1.00 = 4.00.
    const result = readRows(uci, lines);
    expect(totals(result)).toEqual([370, 400, 631]);
    expect(result.problems.problems.map((p) => [p.line, p.code])).toEqual([[6, "UNREADABLE_QUANTITY"]]);
  });

  it("gives the same invoices for every order of the lines", () => {
    // Every permutation of the six lines: the totals and the skipped line never change.
    const permutations = (items: number[]): number[][] =>
      items.length <= 1
        ? [items]
        : items.flatMap((x, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((p) => [x, ...p]));
    for (const order of permutations([0, 1, 2, 3, 4, 5])) {
      const result = readRows(
        uci,
        order.map((i) => lines[i]!),
      );
      expect(totals(result)).toEqual([370, 400, 631]);
      expect(result.problems.skippedByCode).toEqual(new Map([["UNREADABLE_QUANTITY", 1]]));
    }
  });
});

describe("a file without an order key", () => {
  it("counts identical rows as orders: nothing tells a repeat from a second order with the same cells", () => {
    // Two €10 sales on one day, by hand: 2 orders, 20.00.
    const result = readText("created_at,total,currency\n2025-01-01,10.00,EUR\n2025-01-01,10.00,EUR\n");
    expect(result.ledger.ordersRead).toBe(2);
    expect(result.problems.rowsSkipped).toBe(0);
  });
});

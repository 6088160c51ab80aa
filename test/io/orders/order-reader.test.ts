import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { buildReport, type ReportOptions } from "../../../src/commands/report.js";
import { AppError } from "../../../src/core/errors.js";
import { parseWindowSpec } from "../../../src/core/window.js";
import { ingestOrders } from "../../../src/io/orders/read-orders.js";
import { chunked, FIXTURES, PRAGUE } from "../../helpers.js";

const ingest = (csv: string, extra: { platform?: string; strict?: boolean } = {}) =>
  ingestOrders({
    file: "t.csv",
    input: Readable.from([csv]),
    maps: new Map(),
    statusMap: new Map(),
    zone: PRAGUE,
    currency: null,
    strict: false,
    ...extra,
  });

describe("ingestOrders", () => {
  it("gives the same report whole and fed in tiny chunks (split inside quotes and UTF-8)", async () => {
    const text = readFileSync(resolve(FIXTURES, "orders/shopify-small.csv"), "utf8");
    const options = (input: Readable): ReportOptions => ({
      orders: { file: "shop.csv", input },
      maps: new Map(),
      statusMap: new Map(),
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
    });
    const whole = await buildReport(options(Readable.from([text])));
    for (const size of [1, 2, 3, 7, 64]) {
      expect(await buildReport(options(chunked(text, size)))).toEqual(whole);
    }
  });

  it("forward-fills order fields from later rows of a line-item order", async () => {
    const csv = [
      "Name,Email,Financial Status,Currency,Total,Created at",
      "#1,,paid,EUR,10.00,2025-01-01 10:00:00 +0100",
      "#1,late@example.com,,,,2025-01-01 10:00:00 +0100",
      "#2,x@example.com,paid,EUR,5.00,2025-01-02 10:00:00 +0100",
    ].join("\n");
    const result = await ingest(csv);
    expect(result.format.platform).toBe("shopify");
    expect(result.ledger.ordersRead).toBe(2);
    expect(result.ledger.unidentified).toBe(0); // #1's email came from its second row
    expect(result.ledger.groups.get("EUR")?.length).toBe(2);
  });

  it("skips an order key that comes back after other orders, instead of counting it twice", async () => {
    const csv = [
      "order_id,order_date,order_total,status",
      "7,2025-01-01,10.00,completed",
      "8,2025-01-02,20.00,completed",
      "7,2025-01-01,10.00,completed",
    ].join("\n");
    const result = await ingest(csv);
    expect(result.ledger.ordersRead).toBe(2);
    expect(result.rowsRead).toBe(3);
    expect(result.problems.rowsSkipped).toBe(1);
    expect(result.problems.problems).toEqual([
      {
        file: "t.csv",
        line: 4,
        code: "DUPLICATE_KEY",
        message: 'order "7" was already read earlier in the file (a repeated row, or rows of one order that are not together); row skipped',
      },
    ]);
  });

  it("skips all rows of a line-item order whose date can't be read, as one problem", async () => {
    const csv = ["Name,Total,Created at", "#1,10.00,yesterday", "#1,,yesterday", "#2,5.00,2025-01-01"].join("\n");
    const result = await ingest(csv);
    expect(result.problems.rowsSkipped).toBe(2);
    expect(result.problems.skippedByCode).toEqual(new Map([["UNREADABLE_DATE", 2]])); // rows, not problems
    expect(result.problems.problems[0]?.message).toBe(
      `unreadable date in Created at: expected a date such as 2025-03-04 10:00, 4.3.2025 10:00 or 03/04/2025, got "yesterday"; the order's 2 rows skipped`,
    );
    expect(result.ledger.ordersRead).toBe(1);
  });

  it("skips a row with an empty order key", async () => {
    const result = await ingest("order_id,created_at,total\n,2025-01-01,1.00\n2,2025-01-01,2.00\n");
    expect(result.problems.problems).toEqual([{ file: "t.csv", line: 2, code: "EMPTY_KEY", message: "empty order_id; row skipped" }]);
    expect(result.ledger.ordersRead).toBe(1);
  });

  it("skips a row with more filled cells than the header, but allows a trailing separator", async () => {
    // An unquoted "1,234.50" shifts every later column; reading it would give 1.00 and email "234.50".
    const result = await ingest("order_id,created_at,total,email\n1,2025-01-01,1,234.50,a@x\n2,2025-01-02,2.00,b@x,\n");
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
    const result = await ingest(
      "created_at,total,currency,guest\n2025-01-01,1.00,EUR,yes\n2025-01-02,2.00,,maybe\n2025-01-03,3.00,EUR,maybe\n",
    );
    expect([...result.ledger.groups.keys()]).toEqual(["EUR", null]);
    expect(result.warnings).toEqual([
      "t.csv: some orders have an empty currency cell and there is no --currency; they are reported in a group without a currency",
      "t.csv: no status column; every order is counted as a sale",
      't.csv: 2 orders with unrecognised guest value "maybe" (expected true/false, 1/0, yes/no); their guest status is unknown',
    ]);
  });

  it("treats NA, N/A, #N/A and null as a missing customer id or email, not as a customer", async () => {
    const result = await ingest(
      "customer_id,email,created_at,total\nNA,,2025-01-01,1\n#N/A,null,2025-01-02,1\nn/a,NA,2025-01-03,1\n17850,,2025-01-04,1\n",
    );
    expect(result.ledger.unidentified).toBe(3);
  });

  it("reads rows shorter than the header as empty cells", async () => {
    const result = await ingest("created_at,total,email\n2025-01-01,1.00\n");
    expect(result.ledger.ordersRead).toBe(1);
    expect(result.ledger.unidentified).toBe(1);
  });

  it("--platform forces a format, and then its required columns must be there", async () => {
    const error = await ingest("created_at,total\n2025-01-01,1.00\n", { platform: "shopify" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("INPUT_HEADER");
    expect((error as AppError).message).toBe(
      "unrecognised header: a Shopify orders export needs Name (order_id), Created at (created_at). Columns found: created_at, total. Point a field at a column with --map FIELD=COLUMN",
    );
  });

  it("stops at the first unreadable row with --strict", async () => {
    const error = await ingest("created_at,total\n2025-01-01,abc\n", { strict: true }).catch((e: unknown) => e);
    expect((error as AppError).code).toBe("INPUT_ROW");
    expect((error as AppError).toUserString()).toBe(
      't.csv:2: unreadable amount in total: expected a number like 1234.50 or 1 234,50, got "abc" (--strict)',
    );
  });
});

describe("Excel damage", () => {
  it("warns once per column, with the count, about ids in scientific notation", async () => {
    const result = await ingest(
      "order_id,customer_id,created_at,total\n1,7.02255E+12,2025-01-01,1\n2,7.02255E+12,2025-01-02,1\n3,7022550000001,2025-01-03,1\n",
    );
    expect(result.warnings).toContain(
      't.csv: 2 rows with customer_id in scientific notation (like "7.02255E+12"): Excel dropped digits, so different customers may be joined or one split; export again without saving in Excel',
    );
  });

  it("drops one leading apostrophe from order keys and customer ids", async () => {
    const result = await ingest("order_id,customer_id,created_at,total\n'0012,'42,2025-01-01,1\n0012,42,2025-01-02,1\n");
    expect(result.problems.problems[0]?.message).toMatch(/^order "0012" was already read earlier in the file/);
  });
});

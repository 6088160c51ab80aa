/**
 * Generic files without guessing (issue 9, item 5): whitespace-separated text read with
 * `--delimiter whitespace` (sniffed when the header has none of , ; tab |), and a file that lacks
 * a field told which of its columns look like it, by name and by value.
 *
 * Expected CDNOW figures come from awk over the file, not from shopmetrics:
 *   awk 'NR>1 && NF>0 {n++; s+=$4; c[$1]++} END {printf "%d %.2f %d\n", n, s, length(c)}' CDNOW_master.txt
 *   → 69659 2500315.63 23570 (and 11,662 customers with more than one row; every line has 4 fields),
 * which SOURCES.md's row and customer counts agree with.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { CDNOW, hasSharedData, runCli, SHARED_DATA, sharedNote } from "../helpers.js";

const CDNOW_MAPS = ["--map", "created_at=date", "--map", "total=dollar_value", "--currency", "USD"];

describe.skipIf(!hasSharedData)(`whitespace-separated text: CDNOW_master.txt${sharedNote}`, () => {
  const report = async (extra: string[]) => {
    const run = await runCli([
      "report",
      "--orders",
      CDNOW,
      ...CDNOW_MAPS,
      "--window",
      "all",
      "--as-of",
      "1998-06-30",
      "--format",
      "json",
      ...extra,
    ]);
    expect(run.status).toBe(0);
    return JSON.parse(run.stdout);
  };

  it("is sniffed from its header, and every row is read: 69,659 orders, 2,500,315.63 USD, 23,570 customers (awk)", async () => {
    const r = await report([]);
    expect(r.inputs[0]).toMatchObject({ platform: "generic", delimiter: "whitespace", rows: 69_659 });
    expect(r.dataQuality).toMatchObject({ rowsRead: 69_659, rowsSkipped: 0, ordersRead: 69_659, unidentifiedOrders: 0 });
    expect(r.groups[0].currency).toBe("USD");
    expect(r.groups[0].metrics).toMatchObject({ orders: 69_659, revenue: 2_500_315.63, customers: 23_570 });
    expect(r.groups[0].metrics.repeatPurchaseRate).toBeCloseTo(11_662 / 23_570, 10);
  });

  it("--delimiter whitespace says the same", async () => {
    const r = await report(["--delimiter", "whitespace"]);
    expect(r.dataQuality).toMatchObject({ rowsRead: 69_659, rowsSkipped: 0, ordersRead: 69_659 });
    expect(r.groups[0].metrics.revenue).toBe(2_500_315.63);
  });

  it("inspect says why: no , ; tab or | in the header, and runs of spaces separate its 4 columns", async () => {
    const run = await runCli(["inspect", CDNOW, ...CDNOW_MAPS, "--format", "json"]);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).delimiter).toEqual({
      value: "whitespace",
      reason: "no , ; tab or | in the header, and runs of spaces separate its 4 columns",
      source: "content",
      line: 1,
    });
  });
});

/** A file in a fresh temporary directory. */
function file(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "shopmetrics-generic-")), name);
  writeFileSync(path, text);
  return path;
}

const NO_PLATFORM =
  "unrecognised header: it matches no platform's export (shopify, woocommerce, shoptet, upgates, prestashop, bigcommerce, magento, ecwid, online-retail), and a generic orders file needs created_at";

describe("a generic file that lacks a field is told which columns look like it", () => {
  it("the issue's InvoiceDate,TotalPrice: report --orders FILE names InvoiceDate for created_at, one line, exit 3", async () => {
    const orders = file("invoices.csv", "InvoiceDate,TotalPrice\n2010-12-01,139.12\n2010-12-02,22.20\n");
    const run = await runCli(["report", "--orders", orders]);
    expect(run.status).toBe(3);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      `shopmetrics: error: ${orders}:1: ${NO_PLATFORM}: InvoiceDate looks like created_at by name and by value ("2010-12-01"): --map created_at=InvoiceDate. ` +
        "Columns found: InvoiceDate, TotalPrice. shopmetrics inspect on the file suggests a --map for every field\n",
    );
  });

  it("with created_at mapped, the missing total is said with TotalPrice: report --orders FILE --map created_at=InvoiceDate", async () => {
    const orders = file("invoices.csv", "InvoiceDate,TotalPrice\n2010-12-01,139.12\n2010-12-02,22.20\n");
    const run = await runCli([
      "report",
      "--orders",
      orders,
      "--map",
      "created_at=InvoiceDate",
      "--as-of",
      "2010-12-31",
      "--format",
      "json",
    ]);
    expect(run.status).toBe(0);
    const hint = 'the file has no amount column (TotalPrice looks like total by name and by value ("139.12"): --map total=TotalPrice)';
    expect(JSON.parse(run.stdout).groups[0].notes.revenue).toBe(hint);
    expect(run.stderr).toContain(
      `shopmetrics: warning: ${orders}: revenue, aov, repeatCustomerRevenueMultiple and clv are null: ${hint}\n`,
    );
  });

  it("inspect FILE prints the complete --map line, each column's evidence, and exits 0", async () => {
    const orders = file("invoices.csv", "InvoiceNo,InvoiceDate,CustomerID,TotalPrice\n536365,2010-12-01,17850,139.12\n");
    const run = await runCli(["inspect", orders]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(
      "\nnot read as orders\n  the header has no column for created_at, which a generic orders file can't be read without (report stops here, exit 3)\n",
    );
    expect(run.stdout).toContain(
      "\nsuggested --map, from the columns' names and values (check before use)\n" +
        "  --map created_at=InvoiceDate --map total=TotalPrice --map order_id=InvoiceNo --map customer_id=CustomerID\n" +
        '  InvoiceDate looks like created_at by name and by value ("2010-12-01")\n' +
        '  TotalPrice looks like total by name and by value ("139.12")\n' +
        "  InvoiceNo looks like order_id by name\n" +
        "  CustomerID looks like customer_id by name\n",
    );
    const i = JSON.parse((await runCli(["inspect", orders, "--format", "json"])).stdout);
    expect(i.notRead).toEqual({ fields: ["created_at"], message: expect.stringContaining("--map created_at=InvoiceDate") });
    expect(i.suggestions.hints[1]).toEqual({
      field: "total",
      column: "TotalPrice",
      byName: true,
      byValue: true,
      example: "139.12",
      others: [],
    });
    // The --map flags given are part of the line, so it can be copied whole.
    const mapped = JSON.parse((await runCli(["inspect", orders, "--map", "created_at=InvoiceDate", "--format", "json"])).stdout);
    expect(mapped.notRead).toBeNull();
    expect(mapped.suggestions.line).toBe(
      "--map created_at=InvoiceDate --map total=TotalPrice --map order_id=InvoiceNo --map customer_id=CustomerID",
    );
  });

  it("by value alone, when no name says it: Zeit, Betrag and Kunde are a date, an amount and an email", async () => {
    const orders = file("de.csv", "Zeit,Betrag,Kunde\n2025-01-01 10:00,12.50,a@x.cz\n2025-01-02 11:00,3.00,b@x.cz\n");
    const i = JSON.parse((await runCli(["inspect", orders, "--format", "json"])).stdout);
    expect(i.suggestions.line).toBe("--map created_at=Zeit --map total=Betrag --map email=Kunde");
    expect(i.suggestions.hints.map((h: { byName: boolean; byValue: boolean }) => [h.byName, h.byValue])).toEqual([
      [false, true],
      [false, true],
      [false, true],
    ]);
    const run = await runCli(["report", "--orders", orders]);
    expect(run.stderr).toContain(': Zeit looks like created_at by value ("2025-01-01 10:00"): --map created_at=Zeit.');
  });

  it("only with evidence: a name whose values don't fit, or values that are only counts, are no suggestion", async () => {
    // `date` holds no dates, `qty` whole numbers only (a count, not money), `name` is nobody's field.
    const orders = file("none.csv", "date,qty,name\nsoon,1,Jana\nlater,2,Petr\n");
    const run = await runCli(["report", "--orders", orders]);
    expect(run.status).toBe(3);
    expect(run.stderr).toBe(
      `shopmetrics: error: ${orders}:1: ${NO_PLATFORM}: no column looks like created_at by name or by value. Columns found: date, qty, name. Point a field at a column with --map FIELD=COLUMN\n`,
    );
    const i = JSON.parse((await runCli(["inspect", orders, "--format", "json"])).stdout);
    expect(i.suggestions).toEqual({ hints: [], line: null });
  });

  it("a column name with spaces is quoted for the shell: --map 'created_at=Order Placed'", async () => {
    const orders = file("spaced.csv", "Order Placed,Sum\n2025-01-01,12.50\n");
    const i = JSON.parse((await runCli(["inspect", orders, "--format", "json"])).stdout);
    expect(i.suggestions.line).toBe("--map 'created_at=Order Placed' --map total=Sum");
    // …and the line, run as the shell would split it, reads the file.
    const run = await runCli([
      "report",
      "--orders",
      orders,
      "--map",
      "created_at=Order Placed",
      "--map",
      "total=Sum",
      "--as-of",
      "2025-01-31",
      "--format",
      "json",
    ]);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).groups[0].metrics.revenue).toBe(12.5);
  });
});

describe.skipIf(!hasSharedData)(`real files without a created_at column${sharedNote}`, () => {
  const RETAIL = resolve(SHARED_DATA, "online_retail/online_retail_invoices__mwoitek.csv");
  const CDNOW_SAMPLE = resolve(SHARED_DATA, "lifetimes/CDNOW_sample.txt");

  it("report --orders CDNOW_master.txt: date, by name and by value", async () => {
    const run = await runCli(["report", "--orders", CDNOW]);
    expect(run.status).toBe(3);
    expect(run.stderr).toBe(
      `shopmetrics: error: ${CDNOW}:1: ${NO_PLATFORM}: date looks like created_at by name and by value ("19970101"): --map created_at=date. ` +
        "Columns found: customer_id, date, number_of_cds, dollar_value. shopmetrics inspect on the file suggests a --map for every field\n",
    );
  });

  it("inspect CDNOW_master.txt: the line that reads it, which the figures above were read with", async () => {
    const run = await runCli(["inspect", CDNOW]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("\n  --map created_at=date --map total=dollar_value\n");
    expect(run.stdout).toContain(
      "\n  delimiter   whitespace (runs of spaces and tabs)  (no , ; tab or | in the header, and runs of spaces separate its 4 columns)\n",
    );
    expect(CDNOW_MAPS.slice(0, 4).join(" ")).toBe("--map created_at=date --map total=dollar_value");
  });

  it("inspect on UCI invoices: the suggested line gives SOURCES.md's 18,532 invoices, 4,338 customers, 8,911,407.90 GBP", async () => {
    const i = JSON.parse((await runCli(["inspect", RETAIL, "--format", "json"])).stdout);
    expect(i.suggestions.line).toBe(
      "--map created_at=InvoiceDate --map total=TotalPrice --map order_id=InvoiceNo --map customer_id=CustomerID",
    );
    const line = i.suggestions.line.split(" ");
    const run = await runCli([
      "report",
      "--orders",
      RETAIL,
      ...line,
      "--currency",
      "GBP",
      "--tz",
      "Europe/London",
      "--window",
      "all",
      "--format",
      "json",
    ]);
    expect(run.status).toBe(0);
    const r = JSON.parse(run.stdout);
    expect(r.dataQuality).toMatchObject({ rowsRead: 18_532, rowsSkipped: 0, ordersRead: 18_532 });
    expect(r.groups[0].metrics).toMatchObject({ orders: 18_532, revenue: 8_911_407.9, customers: 4338 });
  });

  it("a file without a header row (CDNOW_sample.txt) is said to have none", async () => {
    const run = await runCli(["report", "--orders", CDNOW_SAMPLE]);
    expect(run.status).toBe(3);
    expect(run.stderr).toBe(
      `shopmetrics: error: ${CDNOW_SAMPLE}:1: ${NO_PLATFORM}, and its first line holds values, not column names (00004, 0001, 19970101, 2, 29.33): ` +
        "the file has no header row. Add one naming its columns as the first line, then point the fields at them with --map FIELD=COLUMN\n",
    );
  });

  it("reads no more of a file than the error needs: the first 200 rows of 18,532", async () => {
    const i = JSON.parse((await runCli(["inspect", RETAIL, "--format", "json"])).stdout);
    expect(i.rows).toBe(200);
  });
});

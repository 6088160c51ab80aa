import { createReadStream, mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { inspectFile } from "../../src/commands/inspect.js";
import type { OrderReadingOptions } from "../../src/commands/read-shop.js";
import type { Source } from "../../src/io/read-file.js";
import { CDNOW, CDNOW_EVERY_ROW_SKIPPED, hasSharedData, PRAGUE, ROOT, runCli, SHARED_DATA, sharedNote } from "../helpers.js";

describe("shopmetrics inspect", async () => {
  it("explains what it read in a Shoptet export, and why", async () => {
    const run = await runCli(["inspect", "fixtures/orders/shoptet-cp1250.csv"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("platform    shoptet — Shoptet orders export  (the header has code, date, totalPriceWithVat)");
    expect(run.stdout).toContain("encoding    windows-1250  (not valid UTF-8, so windows-1250 (Central European Windows and Excel))");
    expect(run.stdout).toContain('delimiter   ";"');
    expect(run.stdout).toContain('decimal     totalPriceWithVat: ","  (from "1\u00a0234,50" on line 2)');
    expect(run.stdout).toContain("rows        one per line item, grouped into orders by the order key");
    expect(run.stdout).toContain("  total         ← totalPriceWithVat");
    expect(run.stdout).toMatch(/"Vlastní stav"\s+→ unknown: counted as completed\s+1/);
    expect(run.stdout).toContain("  read        8 rows, 6 orders, 0 rows skipped");
    expect(run.stdout).toContain("  line 2: 2025001  2025-03-01T10:00:00+01:00  1,234.50 CZK  completed  jana@example.cz");
    expect(run.stdout).not.toContain("\x1b[");
  });

  it("gives the same as JSON, with the date order it settled and why", async () => {
    const run = await runCli(["inspect", "fixtures/orders/bigcommerce.csv", "--format", "json"]);
    expect(run.status).toBe(0);
    const i = JSON.parse(run.stdout);
    expect(i).toMatchObject({
      schemaVersion: 2,
      kind: "inspection",
      platform: { value: "bigcommerce", reason: "the header has Order ID, Customer ID, Order Date, Order Total (inc tax)" },
      encoding: { value: "utf-8" },
      delimiter: { value: "," },
      grain: "order",
      dateOrder: { value: "mdy", reason: '"1/15/2025" on line 2' },
      rows: 5,
      orders: 5,
    });
    expect(i.columns).toMatchObject({ order_id: "Order ID", customer_id: "Customer ID", refunded: "Refund Amount" });
    expect(i.statuses).toContainEqual({ text: "Declined", status: "failed", rule: null, ruleReason: null, count: 1 });
    expect(i.sample[0]).toEqual({
      key: "100",
      line: 2,
      createdAt: "2025-01-15T00:00:00+01:00",
      currency: "USD",
      total: 50,
      refunded: 0,
      status: "completed",
      email: "guest@example.com",
      customerId: null,
      guest: true,
    });
  });

  it("takes the same reading flags as report, and says so", async () => {
    const i = JSON.parse(
      (
        await runCli([
          "inspect",
          "fixtures/orders/online-retail.csv",
          "--format",
          "json",
          "--date-format",
          "dmy",
          "--platform",
          "online-retail",
        ])
      ).stdout,
    );
    expect(i.platform.reason).toBe("--platform");
    expect(i.dateOrder).toEqual({ value: "dmy", reason: "--date-format", source: "option" });
  });

  it("says why each column was chosen: the platform's name for it, or a --map", async () => {
    const run = await runCli([
      "inspect",
      "fixtures/orders/invoices-mapped.csv",
      "--map",
      "created_at=InvoiceDate",
      "--map",
      "total=TotalPrice",
      "--format",
      "json",
    ]);
    const i = JSON.parse(run.stdout);
    expect(i.columns).toEqual({ created_at: "InvoiceDate", total: "TotalPrice" });
    expect(i.columnChoices.total).toEqual({ value: "TotalPrice", reason: "--map total=TotalPrice", source: "option" });
    const shopify = JSON.parse((await runCli(["inspect", "fixtures/orders/shopify-small.csv", "--format", "json"])).stdout);
    expect(shopify.columnChoices.order_id).toEqual({
      value: "Name",
      reason: "the Shopify orders export's name for it",
      source: "platform",
      line: 1,
    });
  });

  it("fails like report on a file it can't read", async () => {
    const run = await runCli(["inspect", "fixtures/orders/malformed-quote.csv"]);
    expect(run.status).toBe(3);
    expect(run.stderr).toBe(
      "shopmetrics: error: fixtures/orders/malformed-quote.csv:3: malformed CSV: a quoted field opened on line 3 is never closed\n",
    );
  });
});

/** A file in a fresh temporary directory. */
function file(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "shopmetrics-inspect-")), name);
  writeFileSync(path, text);
  return path;
}

const SAMPLE = "fixtures/sample-shop/orders_export.csv";
const FIRST999 = resolve(SHARED_DATA, "online_retail/online_retail_first999__evanvolgas.csv");
const OLIST = resolve(SHARED_DATA, "olist/olist_orders_dataset__cab-g-subset.csv");

/*
 * Issue 9, item 8. The sample shop's figures were computed with Python (csv + zoneinfo) over the
 * file, grouping rows by Name and taking each field from the first row that has it: 3,000
 * orders, 2,494 EUR and 506 CZK; counted (Financial Status paid, partially_refunded, pending,
 * partially_paid or authorized, and no Cancelled at) 2,267 EUR and 470 CZK; 2,849 with an Email;
 * Created at in Europe/Prague from 2023-09-01 to 2026-06-30; Cancelled at set on 74 refunded and
 * 51 voided orders. WooCommerce's guests were counted by hand from the fixture (customer_id 0 or
 * empty: orders 102, 103, 107, 108, 109; 111 and 112 are skipped). UCI: `cut -d, -f1 | sort -u`
 * gives 66 invoices, 4 of them starting with C.
 */
describe("inspect answers the first questions (issue 9, item 8)", () => {
  it(`the first and last day, orders per currency, the share with an email: inspect ${SAMPLE}`, async () => {
    const run = await runCli(["inspect", SAMPLE]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("\n  days        2023-09-01 … 2026-06-30\n");
    expect(run.stdout).toContain(
      "\n  currencies  EUR: 2,494 orders, 2,267 counted; CZK: 506 orders, 470 counted  (counted: completed, processing or on-hold)\n",
    );
    expect(run.stdout).toContain("\n  customers   2,849 of 3,000 orders (95.0%) carry an email or a customer id\n");
    const i = JSON.parse((await runCli(["inspect", SAMPLE, "--format", "json"])).stdout);
    expect(i.days).toEqual({ first: "2023-09-01", last: "2026-06-30" });
    expect(i.currencies).toEqual([
      { currency: "EUR", orders: 2494, counted: 2267 },
      { currency: "CZK", orders: 506, counted: 470 },
    ]);
    expect(i.identified).toEqual({ orders: 2849, share: 2849 / 3000 });
  });

  it(`a status that came from a rule says so: Shopify's Cancelled at (inspect ${SAMPLE})`, async () => {
    const run = await runCli(["inspect", SAMPLE]);
    expect(run.stdout).toMatch(/\n {2}"refunded" +→ cancelled +74 {2}\(Cancelled at is set\)\n/);
    expect(run.stdout).toMatch(/\n {2}"voided" +→ cancelled +51 {2}\(Cancelled at is set\)\n/);
    const i = JSON.parse((await runCli(["inspect", SAMPLE, "--format", "json"])).stdout);
    expect(i.statuses).toContainEqual({
      text: "refunded",
      status: "cancelled",
      rule: "cancelled-at",
      ruleReason: "Cancelled at is set",
      count: 74,
    });
    expect(i.statuses).toContainEqual({ text: "paid", status: "completed", rule: null, ruleReason: null, count: expect.any(Number) });
  });

  it("counts each status text by the status and the rule it gave, though the orders alternate or run on", async () => {
    // Counted by hand: "voided" is cancelled by Shopify's status names (no rule) unless its
    // Cancelled at is set (the rule); the runs alternate and repeat, in one currency, then another.
    const rows = [
      ["#1", "voided", "EUR", "2025-01-01 10:00:00 +0100"],
      ["#2", "voided", "EUR", ""],
      ["#3", "voided", "EUR", ""],
      ["#4", "voided", "CZK", "2025-01-02 10:00:00 +0100"],
      ["#5", "paid", "CZK", ""],
      ["#6", "paid", "CZK", "2025-01-03 10:00:00 +0100"],
      ["#7", "voided", "EUR", "2025-01-04 10:00:00 +0100"],
    ];
    const path = file(
      "alternating.csv",
      `Name,Email,Financial Status,Currency,Total,Created at,Cancelled at\n${rows
        .map(
          ([name, status, currency, cancelled]) =>
            `${name},a@example.com,${status},${currency},10.00,2025-01-01 09:00:00 +0100,${cancelled}`,
        )
        .join("\n")}\n`,
    );
    const i = JSON.parse((await runCli(["inspect", path, "--format", "json"])).stdout);
    expect(
      i.statuses
        .map((s: { text: string; status: string; rule: string | null; count: number }) => [s.text, s.status, s.rule, s.count])
        .sort(),
    ).toEqual(
      [
        ["paid", "cancelled", "cancelled-at", 1],
        ["paid", "completed", null, 1],
        ["voided", "cancelled", "cancelled-at", 3],
        ["voided", "cancelled", null, 2],
      ].sort(),
    );
    expect(i.currencies).toEqual([
      { currency: "EUR", orders: 4, counted: 0 },
      { currency: "CZK", orders: 3, counted: 1 },
    ]);
  });

  it.skipIf(!hasSharedData)(`and UCI's C prefix: inspect ${FIRST999}${sharedNote}`, async () => {
    const run = await runCli(["inspect", FIRST999]);
    expect(run.stdout).toMatch(/\n {2}\(no status column\) +→ cancelled +4 {2}\(InvoiceNo starts with C or A\)\n/);
    expect(run.stdout).toMatch(/\n {2}\(no status column\) +→ completed +62 {2}\(every order counts\)\n/);
    const i = JSON.parse((await runCli(["inspect", FIRST999, "--format", "json"])).stdout);
    expect(i.statuses).toContainEqual({
      text: "",
      status: "cancelled",
      rule: "key-prefix",
      ruleReason: "InvoiceNo starts with C or A",
      count: 4,
    });
  });

  it("the guest rule, and what it gave: inspect fixtures/orders/woocommerce-small.csv", async () => {
    const run = await runCli(["inspect", "fixtures/orders/woocommerce-small.csv"]);
    expect(run.stdout).toContain(
      "\n  guests      5 guest, 6 account  (a customer_id of 0 or empty is a guest checkout, any other an account)\n",
    );
    expect(run.stdout).toContain("\n  customers   8 of 11 orders (72.7%) carry an email or a customer id\n");
    const i = JSON.parse((await runCli(["inspect", "fixtures/orders/woocommerce-small.csv", "--format", "json"])).stdout);
    expect(i.guest).toEqual({
      rule: "a customer_id of 0 or empty is a guest checkout, any other an account",
      guest: 5,
      account: 6,
      unknown: 0,
    });
    // A platform that can't tell says why.
    const shoptet = await runCli(["inspect", "fixtures/orders/shoptet-cp1250.csv"]);
    expect(shoptet.stdout).toContain(
      "\n  guests      unknown for every order: Shoptet's orders export does not say which orders were guest checkouts",
    );
  });

  it("money with its currency's minor digits: 1,500 JPY, 12.500 KWD, 12.50 EUR, refunds too", async () => {
    const orders = file(
      "minor.csv",
      "created_at,total,refunded,currency\n2025-01-01,1500,0,JPY\n2025-01-02,12.5,0,KWD\n2025-01-03,12.5,2.5,EUR\n",
    );
    const run = await runCli(["inspect", orders]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("  line 2: (no key)  2025-01-01T00:00:00+01:00  1,500 JPY  completed  (no email or customer id)\n");
    expect(run.stdout).toContain("  line 3: (no key)  2025-01-02T00:00:00+01:00  12.500 KWD  completed  (no email or customer id)\n");
    expect(run.stdout).toContain(
      "  line 4: (no key)  2025-01-03T00:00:00+01:00  12.50 EUR (2.50 EUR refunded)  completed  (no email or customer id)\n",
    );
  });

  it("reads the file once, to its end, as report does", async () => {
    const opened = counting(resolve(ROOT, SAMPLE));
    const i = await inspectFile(opened.source, READING);
    expect(i.kind).toBe("inspection");
    expect(i.kind === "inspection" && i.orders).toBe(3000);
    expect(opened.opens).toBe(1);
    expect(opened.bytes()).toBe(statSync(resolve(ROOT, SAMPLE)).size);
  });
});

/** A Source that counts how often it is opened and how many bytes were read from it. */
function counting(path: string): { source: Source; readonly opens: number; bytes(): number } {
  let opens = 0;
  let bytes = 0;
  return {
    source: {
      file: path,
      open() {
        opens++;
        const stream = createReadStream(path);
        stream.on("data", (chunk) => {
          bytes += chunk.length;
        });
        return stream;
      },
    },
    get opens() {
      return opens;
    },
    bytes: () => bytes,
  };
}

const READING: OrderReadingOptions = {
  maps: new Map(),
  statusMap: new Map(),
  zone: PRAGUE,
  zoneSource: "flag",
  currency: null,
  strict: false,
};

describe("small slips (issue 9, item 11)", () => {
  it("a file with no orders: no 'first 0 orders'", async () => {
    for (const text of ["created_at,total\n", "created_at,total\nnot a date,1.00\n"]) {
      const run = await runCli(["inspect", file("none.csv", text)]);
      expect(run.status).toBe(0);
      expect(run.stdout).not.toMatch(/first 0|0 orders, as/);
      expect(run.stdout).toMatch(/\n {2}read {8}\d row(s)?, 0 orders, \d rows? skipped\n/);
    }
    // Nor "the first 0 rows were looked at" for a header without created_at.
    const headerOnly = await runCli(["inspect", file("header.csv", "when,what\n")]);
    expect(headerOnly.stdout).toContain("\n  (the file has no row after its header)\n");
    expect(headerOnly.stdout).not.toMatch(/first 0/);
  });

  it("bold is a whole line, never a label's part of one (on a terminal)", async () => {
    const run = await runCli(["inspect", "fixtures/orders/woocommerce-small.csv"], { tty: true });
    const lines = run.stdout.split("\n");
    const bold = lines.filter((l) => l.includes("\x1b[1m"));
    expect(bold.length).toBeGreaterThan(3);
    const ESC = "\x1b";
    for (const l of bold) {
      expect(l.startsWith(`${ESC}[1m`) && l.endsWith(`${ESC}[22m`)).toBe(true);
      expect(l.split(ESC)).toHaveLength(3); // nothing else styled on the line
    }
  });

  it.skipIf(!hasSharedData)(
    `no "0 BRL" for a file without amounts: inspect ${OLIST} --config fixtures/config/olist.config.json${sharedNote}`,
    async () => {
      const run = await runCli(["inspect", OLIST, "--config", "fixtures/config/olist.config.json"]);
      expect(run.status).toBe(0);
      expect(run.stdout).not.toMatch(/\b0(\.00)? BRL/);
      expect(run.stdout.match(/ {2}BRL, no amount {2}/g)).toHaveLength(5);
      expect(run.stdout).toContain("\n  amounts     n/a: the file has no amount column (point at one with --map total=COLUMN)\n");
      const i = JSON.parse((await runCli(["inspect", OLIST, "--config", "fixtures/config/olist.config.json", "--format", "json"])).stdout);
      expect(i.sample.map((o: { total: unknown; refunded: unknown }) => [o.total, o.refunded])).toEqual(Array(5).fill([null, null]));
      // The report's table says n/a, never 0.
      const report = await runCli(["report", "--orders", OLIST, "--config", "fixtures/config/olist.config.json", "--as-of", "2018-08-31"]);
      expect(report.status).toBe(0);
      expect(report.stdout).not.toMatch(/\b0(\.00)? BRL/);
      expect(report.stdout).toMatch(/│ Revenue +│ +n\/a \* │/);
    },
  );
});

describe("each problem once (issue 9, item 7)", () => {
  it("inspect fixtures/orders/woocommerce-small.csv: in its output, not also on stderr", async () => {
    const run = await runCli(["inspect", "fixtures/orders/woocommerce-small.csv"]);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout.split("line 12: unreadable amount in order_total")).toHaveLength(2);
    expect(run.stdout.split("line 13: unreadable date in order_date")).toHaveLength(2);
    expect(run.stdout).toContain("\nskipped rows (2)\n");
  });

  // Counts from Python's csv module (delimiter ' '), as in first-run-warnings.test.ts.
  it.skipIf(!hasSharedData)(
    `all rows skipped: inspect CDNOW_master.txt --delimiter ' ' --map created_at=date --map total=dollar_value${sharedNote}`,
    async () => {
      const run = await runCli(["inspect", CDNOW, ...CDNOW_EVERY_ROW_SKIPPED]);
      expect(run.status).toBe(0);
      expect(run.stderr).toBe("");
      expect(run.stdout).toContain("\n  read        69,659 rows, 0 orders, 69,659 rows skipped\n");
      expect(run.stdout).toContain("\nskipped rows (69,659)\n  66,474 rows SHIFTED_ROW: ");
      expect(run.stdout).toContain("\n  2,072 rows EMPTY_DATE: ");
      expect(run.stdout).toContain("\n  1,113 rows UNREADABLE_DATE: ");
      expect(run.stdout.split("\n    line 2: ")).toHaveLength(2);
      // Three of each kind one by one, the rest counted (the JSON lists the first 1,000).
      expect(run.stdout.match(/^ {4}line \d+: /gm)).toHaveLength(9);
      const i = JSON.parse((await runCli(["inspect", CDNOW, ...CDNOW_EVERY_ROW_SKIPPED, "--format", "json"])).stdout);
      expect(i.skippedByCode).toEqual({ SHIFTED_ROW: 66_474, EMPTY_DATE: 2072, UNREADABLE_DATE: 1113 });
      expect(i.problems).toHaveLength(1000);
      expect(i.problemsOmitted).toBe(69_659 - 1000);
    },
  );
});

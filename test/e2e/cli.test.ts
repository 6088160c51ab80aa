/**
 * The CLI as a user meets it — exit code, stderr and stdout — run in-process through main()
 * (test/e2e/smoke.test.ts spawns bin/). Expected figures for the fixtures were worked out by
 * hand; the arithmetic is in each fixture's test.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, runCli } from "../helpers.js";

const fixture = (name: string) => `fixtures/orders/${name}`;
const json = (stdout: string) => JSON.parse(stdout);

describe("Shopify export (fixtures/orders/shopify-small.csv)", async () => {
  const args = ["report", "--orders", fixture("shopify-small.csv"), "--as-of", "2025-06-30", "--tz", "Europe/Prague", "--format", "json"];
  const run = await runCli(args);
  const report = json(run.stdout);

  it("exits 0 and warns on stderr about the unknown status and the short history, nothing else", async () => {
    expect(run.status).toBe(0);
    expect(run.stderr).toBe(
      `shopmetrics: warning: ${fixture("shopify-small.csv")}: 1 order with unrecognised status "expired" counted as completed; if that is wrong, map it, e.g. --status-map "expired=cancelled"\n` +
        // P = [2023-07-02, 2024-07-01): 365 days, with 2024-02-29 in it.
        "shopmetrics: warning: the previous window the lifecycle metrics compare with starts on 2023-07-02, before the data (2024-06-15): customersAtStart is understated, and retention, churn and clv with it\n",
    );
  });

  it("reports the window, zone and input", async () => {
    expect(report.schemaVersion).toBe(1);
    expect(report.asOf).toBe("2025-06-30");
    expect(report.timezone).toBe("Europe/Prague");
    expect(report.window).toEqual({ spec: "365d", from: "2024-07-01T00:00:00+02:00", to: "2025-07-01T00:00:00+02:00", days: 365 });
    expect(report.inputs).toEqual([
      { kind: "orders", file: fixture("shopify-small.csv"), platform: "shopify", rows: 15, encoding: "utf-8", delimiter: "," },
    ]);
  });

  it("groups line items into orders, never summing Total over rows", async () => {
    // Counted EUR orders in the window: #1002 120.50 (bob — his email is only on the second row),
    // #1003 80.00 − 30.00 refunded = 50.00 (ann, three rows), #1006 25.00 (pending → processing,
    // no email), #1008 19.99 (bob, 23:30 on the as-of day), #1012 5.00 (frank; its unknown status
    // "expired" counts as completed, with a warning). #1001 is before the window, #1009 is at the
    // exclusive end, #1004 cancelled, #1005 refunded.
    expect(report.groups[1]).toMatchObject({
      currency: "EUR",
      metrics: {
        orders: 5,
        revenue: 220.49, // 120.50 + 50.00 + 25.00 + 19.99 + 5.00
        aov: 44.1, // 220.49 / 5 = 44.098
        customers: 3, // bob, ann (ANN@example.com with spaces is ann), frank
        newCustomers: 2, // bob, frank; ann first bought EUR on 2024-06-15
        purchaseFrequency: 4 / 3, // 4 identified orders / 3
        repeatPurchaseRate: 1 / 3, // bob has 2 orders in the window
        guestCheckoutRate: null,
      },
      notes: expect.objectContaining({
        customers: expect.stringMatching(/^1 counted order in the window had no email/),
        guestCheckoutRate: expect.stringMatching(/^Shopify's orders export does not say which orders were guest checkouts/),
      }),
    });
  });

  it("keeps CZK apart: #1007 authorized (on-hold) 1000.00 and #1011 250.00; #1010 voided", async () => {
    expect(report.groups[0].currency).toBe("CZK");
    expect(report.groups[0].metrics).toMatchObject({
      orders: 2,
      revenue: 1250,
      aov: 625,
      customers: 2,
      newCustomers: 2,
      purchaseFrequency: 1,
      repeatPurchaseRate: 0,
      guestCheckoutRate: null,
    });
  });

  it("accounts for every row and order", async () => {
    expect(report.dataQuality).toEqual({
      rowsRead: 15,
      repeatedHeaders: 0,
      rowsSkipped: 0,
      skippedByCode: {},
      ordersRead: 12,
      ordersExcluded: { cancelled: 2, refunded: 1 },
      unidentifiedOrders: 1,
      problems: [],
      problemsOmitted: 0,
      inputs: [
        { kind: "orders", file: "fixtures/orders/shopify-small.csv", rowsRead: 15, rowsUsed: 15, rowsSkipped: 0, repeatedHeaders: 0 },
      ],
    });
    expect(Object.keys(report.definitions)).toEqual(Object.keys(report.groups[0].metrics));
  });

  it("gives the same report for the file with a BOM and CRLF line ends, read from stdin", async () => {
    const text = readFileSync(resolve(FIXTURES, "orders/shopify-small.csv"), "utf8");
    const variant = await runCli([...args.slice(0, 2), "-", ...args.slice(3)], { input: `\uFEFF${text.replace(/\n/g, "\r\n")}` });
    expect(variant.status).toBe(0);
    const other = json(variant.stdout);
    expect(other.groups).toEqual(report.groups);
    // The same rows, read from a file or from stdin (`-`).
    expect(other.dataQuality).toEqual({ ...report.dataQuality, inputs: [{ ...report.dataQuality.inputs[0], file: "-" }] });
    expect(other.inputs[0].file).toBe("-");
  });

  it("defaults --as-of to the local date of the latest order (#1009, 2025-07-01)", async () => {
    const latest = json((await runCli(args.filter((a, i) => a !== "--as-of" && args[i - 1] !== "--as-of"))).stdout);
    expect(latest.asOf).toBe("2025-07-01");
    expect(latest.groups[1].metrics.orders).toBe(6); // #1009 now inside, #1002 … still inside
  });
});

describe("WooCommerce export (fixtures/orders/woocommerce-small.csv)", async () => {
  // 7 days as of 2025-04-05 = [2025-03-30 00:00+01:00, 2025-04-06 00:00+02:00): DST starts inside.
  const args = [
    "report",
    "--orders",
    fixture("woocommerce-small.csv"),
    "--window",
    "7d",
    "--as-of",
    "2025-04-05",
    "--tz",
    "Europe/Prague",
    "--format",
    "json",
  ];
  const run = await runCli(args);
  const report = json(run.stdout);

  it("skips the rows it cannot read, naming file and line on stderr, and exits 0", async () => {
    expect(run.status).toBe(0);
    expect(run.stderr).toBe(
      [
        `shopmetrics: warning: ${fixture("woocommerce-small.csv")}:12: unreadable amount in order_total: expected a number like 1234.50 or 1 234,50, got "abc"; row skipped`,
        `shopmetrics: warning: ${fixture("woocommerce-small.csv")}:13: unreadable date in order_date: expected a date such as 2025-03-04 10:00, 4.3.2025 10:00 or 03/04/2025, got "31/04/2025" (this file's dates are day/month, from "31/04/2025" on line 13; --date-format sets it); row skipped`,
        "shopmetrics: warning: the previous window the lifecycle metrics compare with starts on 2025-03-23, before the data (2025-03-30): customersAtStart is understated, and retention, churn and clv with it",
        "",
      ].join("\n"),
    );
    expect(report.dataQuality.rowsRead).toBe(13);
    expect(report.dataQuality.rowsSkipped).toBe(2);
    expect(report.dataQuality.skippedByCode).toEqual({ UNREADABLE_AMOUNT: 1, UNREADABLE_DATE: 1 });
    expect(report.dataQuality.problems).toEqual([
      {
        file: fixture("woocommerce-small.csv"),
        line: 12,
        code: "UNREADABLE_AMOUNT",
        message: 'unreadable amount in order_total: expected a number like 1234.50 or 1 234,50, got "abc"; row skipped',
      },
      {
        file: fixture("woocommerce-small.csv"),
        line: 13,
        code: "UNREADABLE_DATE",
        message:
          'unreadable date in order_date: expected a date such as 2025-03-04 10:00, 4.3.2025 10:00 or 03/04/2025, got "31/04/2025" (this file\'s dates are day/month, from "31/04/2025" on line 13; --date-format sets it); row skipped',
      },
    ]);
  });

  it("computes the metrics, with guests from customer_id 0 or empty", async () => {
    // Counted in the window: 101 100.00 (jana, id 12, 01:30 on the DST night), 102 50.00 − 10.00
    // (guest, 02:30 does not exist that night: read as 03:30+02:00), 103 70.00 (empty id → guest,
    // Jana@Example.cz is jana), 105 30.00 (petr, on-hold), 108 15.00 (guest, no email, 23:59:59).
    // 113 is at the exclusive end.
    expect(report.groups).toHaveLength(1);
    expect(report.groups[0].metrics).toMatchObject({
      orders: 5,
      revenue: 255, // 100 + 40 + 70 + 30 + 15
      aov: 51,
      customers: 3, // jana, guest1, petr
      newCustomers: 3,
      purchaseFrequency: 4 / 3,
      repeatPurchaseRate: 1 / 3, // jana
      guestCheckoutRate: 0.6, // 102, 103, 108 of 5
    });
  });

  it("counts every status mapping in ordersExcluded", async () => {
    expect(report.dataQuality.ordersRead).toBe(11);
    expect(report.dataQuality.ordersExcluded).toEqual({ cancelled: 1, draft: 1, failed: 1, "pending-payment": 1, refunded: 1 });
    expect(report.dataQuality.unidentifiedOrders).toBe(3); // 107, 108, 109
  });

  it("--strict exits 3 at the first unreadable row with a one-line error", async () => {
    const strict = await runCli([...args, "--strict"]);
    expect(strict.status).toBe(3);
    expect(strict.stdout).toBe("");
    expect(strict.stderr).toBe(
      `shopmetrics: error: ${fixture("woocommerce-small.csv")}:12: unreadable amount in order_total: expected a number like 1234.50 or 1 234,50, got "abc" (--strict)\n`,
    );
  });
});

describe("generic files", async () => {
  it("reads the canonical columns, guest column included", async () => {
    const run = await runCli(["report", "--orders", fixture("generic-guest.csv"), "--window", "all", "--format", "json"]);
    expect(run.status).toBe(0);
    const report = json(run.stdout);
    expect(report.inputs[0].platform).toBe("generic");
    // Counted: A1 10.00 (x, guest), A2 20.00 − 5.00 (id 9, account), A3 30.00 (id 9 = y, account;
    // its empty status counts as completed, with a warning), A4 40.00 (no identity, guest),
    // A5 50.00 (z, guest unknown).
    expect(report.groups[0].metrics).toMatchObject({
      orders: 5,
      revenue: 145,
      aov: 29,
      customers: 3, // x, id 9 (A2 and A3), z
      newCustomers: 3,
      purchaseFrequency: 4 / 3,
      repeatPurchaseRate: 1 / 3, // id 9
      guestCheckoutRate: 0.5, // A1, A4 of the 4 known
    });
    expect(report.groups[0].notes.guestCheckoutRate).toBe(
      "over the 4 of 5 orders whose guest status is known; a small base: over 4 orders (fewer than 30), each one moves the rate by 25.0 percentage points",
    );
    expect(report.dataQuality.ordersExcluded).toEqual({});
    expect(run.stderr).toContain("1 order with an empty status counted as completed");
  });

  it("maps any header with --map and takes the currency from --currency", async () => {
    const run = await runCli([
      "report",
      "--orders",
      fixture("invoices-mapped.csv"),
      "--map",
      "created_at=InvoiceDate",
      "--map",
      "total=TotalPrice",
      "--map",
      "customer_id=CustomerID",
      "--map",
      "order_id=InvoiceNo",
      "--currency",
      "gbp",
      "--window",
      "all",
      "--format",
      "json",
    ]);
    expect(run.status).toBe(0);
    const report = json(run.stdout);
    expect(report.groups[0].currency).toBe("GBP");
    expect(report.groups[0].metrics).toMatchObject({
      orders: 6,
      revenue: 1383.81, // 139.12 + 22.20 + 278.73 + 70.05 + 17.85 + 855.86 (float noise read exactly)
      aov: 230.64, // 1383.81 / 6 = 230.635, half away from zero
      customers: 3,
      newCustomers: 3,
      purchaseFrequency: 2,
      repeatPurchaseRate: 2 / 3, // 17850 and 13047
      guestCheckoutRate: null,
    });
    expect(report.groups[0].notes.guestCheckoutRate).toMatch(/no guest column/);
    // No status column: a warning, every order counted.
    expect(run.stderr).toContain("no status column; every order is counted as a sale");
  });
});

describe("windows end to end", async () => {
  const csv = [
    "created_at,total,email,currency",
    "2025-01-31T12:00:00+01:00,1.00,a@x.cz,EUR", // before a 1m window ending 2025-03-30
    "2025-02-28T00:00:00+01:00,2.00,a@x.cz,EUR", // its first instant (03-31 minus a month, clamped)
    "2025-03-30T23:59:59+02:00,4.00,b@x.cz,EUR", // its last second, after the DST change
    "2025-03-31T00:00:00+02:00,8.00,b@x.cz,EUR", // outside
  ].join("\n");

  it("1m as of 2025-03-30 is [2025-02-28, 2025-03-31) in Prague", async () => {
    const run = await runCli(["report", "--orders", "-", "--window", "1m", "--as-of", "2025-03-30", "--format", "json"], { input: csv });
    const report = json(run.stdout);
    expect(report.window).toEqual({ spec: "1m", from: "2025-02-28T00:00:00+01:00", to: "2025-03-31T00:00:00+02:00", days: 31 });
    expect(report.groups[0].metrics).toMatchObject({ orders: 2, revenue: 6, customers: 2, newCustomers: 1 });
  });

  it("--as-of today is the current date in --tz", async () => {
    const run = await runCli(["report", "--orders", "-", "--as-of", "today", "--tz", "Pacific/Kiritimati", "--format", "json"], {
      input: csv,
    });
    // Computed independently of our calendar code: Intl's en-CA format is YYYY-MM-DD.
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Pacific/Kiritimati" }).format(new Date());
    expect(json(run.stdout).asOf).toBe(today);
  });
});

describe("table output and colour", async () => {
  const args = ["report", "--orders", fixture("shopify-small.csv"), "--as-of", "2025-06-30"];

  it("prints a header line, one table per currency and the data summary, without colour off a TTY", async () => {
    const run = await runCli(args);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("shopmetrics report · 2024-07-01 … 2025-06-30 (window 365d, 365 days, Europe/Prague)");
    expect(run.stdout).toContain(`orders: ${fixture("shopify-small.csv")} (shopify, 15 rows)`);
    expect(run.stdout).toMatch(/│ Revenue\s+│\s+220\.49 EUR │/);
    // 33.3 % over 3 customers: the small-base mark, and its footnote.
    expect(run.stdout).toMatch(/│ Repeat purchase rate \(2\+ orders in window\)\s+│\s+33\.3% \* │/);
    expect(run.stdout).toContain("a small base: over 3 customers (fewer than 30), each one moves the rate by 33.3 percentage points");
    expect(run.stdout).toMatch(/│ Guest checkout rate\s+│\s+n\/a \* │/);
    expect(run.stdout).toMatch(/│ Revenue\s+│\s+1,250\.00 CZK │/);
    expect(run.stdout).toContain(
      "Data: 15 rows read, 0 skipped; 12 orders, 3 excluded (cancelled 2, refunded 1); 1 without email or customer id.",
    );
    expect(run.stdout).not.toContain("\x1b[");
  });

  it("colours only when forced, and never with NO_COLOR", async () => {
    expect((await runCli(args, { env: { FORCE_COLOR: "1" } })).stdout).toContain("\x1b[");
    expect((await runCli(args, { env: { FORCE_COLOR: "1", NO_COLOR: "1" } })).stdout).not.toContain("\x1b[");
    expect((await runCli([...args, "--format", "json"], { env: { FORCE_COLOR: "1" } })).stdout).not.toContain("\x1b[");
  });
});

describe("bad input: one line on stderr, a documented exit code, no stack trace", async () => {
  it.each([
    [["report", "--orders", fixture("shopify-small.csv"), "--bogus"], "shopmetrics: error: unknown option '--bogus'"],
    [
      ["report", "--orders", fixture("shopify-small.csv"), "--window", "fortnight"],
      'shopmetrics: error: invalid --window "fortnight": expected Nd, Nm, Ny, all, or YYYY-MM-DD..YYYY-MM-DD (e.g. 365d, 3m, 1y)',
    ],
    [
      ["report", "--orders", fixture("shopify-small.csv"), "--as-of", "31.12.2025"],
      'shopmetrics: error: invalid --as-of "31.12.2025": expected YYYY-MM-DD or today',
    ],
    [
      ["report", "--orders", fixture("shopify-small.csv"), "--tz", "Mars/Olympus"],
      'shopmetrics: error: invalid --tz "Mars/Olympus": expected an IANA time zone such as Europe/Prague',
    ],
    [
      ["report", "--orders", fixture("shopify-small.csv"), "--window", "2025-01-01..2025-02-01", "--as-of", "2025-02-01"],
      "shopmetrics: error: --as-of cannot be combined with a --window date range: the range's last day is the as-of date",
    ],
    [
      ["report", "--orders", fixture("shopify-small.csv"), "--map", "amount=Total"],
      'shopmetrics: error: invalid --map "amount=Total": unknown field "amount"; fields are order_id, created_at, customer_id, email, total, refunded, subtotal, discount, currency, status, guest, cancelled_at, quantity, unit_price, source, discount_code',
    ],
    [
      ["report", "--orders", fixture("shopify-small.csv"), "--platform", "opencart"],
      "shopmetrics: error: option '--platform <name>' argument 'opencart' is invalid. Allowed choices are shopify, woocommerce, shoptet, upgates, prestashop, bigcommerce, magento, ecwid, online-retail, generic.",
    ],
    [
      ["report"],
      "shopmetrics: error: name the orders export with --orders FILE (or - for stdin), or survey, review or ticket exports with --survey FILE, --reviews FILE, --tickets FILE",
    ],
  ])("usage error %j exits 2", async (args, message) => {
    const run = await runCli(args);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr.split("\n")[0]).toBe(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    [
      ["report", "--orders", "fixtures/orders/nope.csv"],
      "shopmetrics: error: fixtures/orders/nope.csv: cannot read the file: no such file",
    ],
    [["report", "--orders", "fixtures/orders"], "shopmetrics: error: fixtures/orders: cannot read the file: it is a directory"],
    [
      ["report", "--orders", fixture("malformed-quote.csv")],
      `shopmetrics: error: ${fixture("malformed-quote.csv")}:3: malformed CSV: a quoted field opened on line 3 is never closed`,
    ],
    [
      ["report", "--orders", fixture("unrecognised-header.csv")],
      `shopmetrics: error: ${fixture("unrecognised-header.csv")}:1: unrecognised header: it matches no platform's export (shopify, woocommerce, shoptet, upgates, prestashop, bigcommerce, magento, ecwid, online-retail), and a generic orders file needs created_at: Datum looks like created_at by name and by value ("2025-01-01"): --map created_at=Datum. Columns found: Datum, Castka, Zakaznik. shopmetrics inspect on the file suggests a --map for every field`,
    ],
    [
      ["report", "--orders", fixture("invoices-mapped.csv"), "--map", "created_at=Date", "--map", "total=TotalPrice"],
      `shopmetrics: error: ${fixture("invoices-mapped.csv")}:1: --map created_at=Date: no column named "Date". Columns found: InvoiceNo, InvoiceDate, CustomerID, TotalPrice`,
    ],
  ])("input error %j exits 3", async (args, message) => {
    const run = await runCli(args);
    expect(run.status).toBe(3);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(`${message}\n`);
  });

  it("a header with no rows is a report with nothing in it, and a warning", async () => {
    const run = await runCli(["report", "--orders", "-", "--format", "json"], { input: "created_at,total\n" });
    expect(run.status).toBe(0);
    const report = json(run.stdout);
    expect(report.groups).toEqual([]);
    expect(report.dataQuality).toMatchObject({ rowsRead: 0, ordersRead: 0 });
    expect(run.stderr).toContain("shopmetrics: warning: -: no orders could be read");
  });

  it("escapes control characters of an unrecognised header instead of echoing them to the terminal", async () => {
    const run = await runCli(["report", "--orders", "-"], { input: "\x1b[31mred,\x07bell\n1,2\n" });
    expect(run.status).toBe(3);
    expect(run.stderr).toContain("Columns found: \\x1b[31mred, \\x07bell.");
    expect(run.stderr).not.toContain("\x1b");
    expect(run.stderr).not.toContain("\x07");
  });

  it("an empty file is an input error", async () => {
    const run = await runCli(["report", "--orders", "-"], { input: "" });
    expect(run.status).toBe(3);
    expect(run.stderr).toBe("shopmetrics: error: -: the file is empty: expected a header row\n");
  });

  it("--help and --version go to stdout and exit 0", async () => {
    const help = await runCli(["report", "--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("--orders <file>");
    expect(help.stdout).toContain(
      "Exit codes: 0 ok, 1 internal error (a bug), 2 usage error, 3 input error, 4 a --fail-if condition tripped.",
    );
    const version = await runCli(["--version"]);
    expect(version.status).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});

describe("--status-map", async () => {
  const args = ["report", "--orders", fixture("shopify-small.csv"), "--as-of", "2025-06-30", "--format", "json"];

  it("maps a shop's own status text to ours, in any case, and the unknown-status warning goes away", async () => {
    const run = await runCli([...args, "--status-map", "EXPIRED=cancelled"]);
    const report = json(run.stdout);
    expect(report.dataQuality.ordersExcluded).toEqual({ cancelled: 3, refunded: 1 }); // #1012 now cancelled
    expect(report.groups[1].metrics.orders).toBe(4);
    expect(run.stderr).not.toContain("unrecognised status");
  });

  it("wins over the platform's own mapping (a shop that treats pending as unpaid)", async () => {
    const report = json((await runCli([...args, "--status-map", "pending=pending-payment"])).stdout);
    expect(report.dataQuality.ordersExcluded["pending-payment"]).toBe(1); // #1006
  });

  it.each(["expired", "expired=lost", "=cancelled"])("rejects %j with a usage error", async (entry) => {
    const run = await runCli([...args, "--status-map", entry]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      `invalid --status-map ${JSON.stringify(entry)}: expected 'Shop status=one of completed, processing, on-hold, pending-payment, cancelled, refunded, failed, draft'`,
    );
  });
});

describe("a person at a terminal", async () => {
  const rows = Array.from({ length: 20_000 }, (_, i) => `2025-01-01,${i % 100}.00`).join("\n");
  const input = `created_at,total\n${rows}\n`;

  it("is told how to end input when stdin is the terminal", async () => {
    const run = await runCli(["report", "--orders", "-", "--currency", "EUR", "--format", "json"], {
      input: "created_at,total\n",
      stdinTTY: true,
    });
    expect(run.stderr.split("\n")[0]).toBe("shopmetrics: reading orders from the terminal; paste CSV and end with Ctrl-D (or pass a file)");
  });

  it("sees a progress line on stderr after the first second, erased before the report", async () => {
    let t = 0;
    const clock = () => (t += 1000); // each look at the clock is a second later
    const run = await runCli(["report", "--orders", "-", "--currency", "EUR", "--format", "json"], { input, tty: true, now: clock });
    expect(run.status).toBe(0);
    // Drawn once a chunk of records takes the count past a multiple of 8,192.
    const erase = "\r\x1b[K";
    const drawn = run.stderr.indexOf(`${erase}reading -: `);
    expect(drawn).toBeGreaterThanOrEqual(0);
    expect(run.stderr.slice(drawn + erase.length)).toMatch(/^reading -: \d{1,2},\d{3} rows, /);
    expect(run.stderr.indexOf(erase, drawn + 4)).toBeGreaterThan(drawn); // and erased after
    expect(run.stderr.endsWith(" MB") || run.stderr.includes(" MB\r\x1b[K")).toBe(true);
    expect(JSON.parse(run.stdout).groups[0].metrics.orders).toBe(20_000);
  });

  it("sees none with --no-progress, none when CI is set, and none in a pipe", async () => {
    const args = ["report", "--orders", "-", "--currency", "EUR", "--format", "json"];
    for (const [extra, env, tty] of [
      [["--no-progress"], {}, true],
      [[], { CI: "1" }, true],
      [[], {}, false],
    ] as const) {
      let t = 0;
      const run = await runCli([...args, ...extra], { input, tty, env, now: () => (t += 1000) });
      expect(run.stderr).not.toContain("reading -:");
    }
  });
});

/**
 * Real public exports from ../shared/data. Expected values come from two independent routes:
 * the published facts in ../shared/data/SOURCES.md, and scripts/crosscheck/crosscheck.py
 * (Python csv + decimal + zoneinfo, written separately from the TypeScript code), run as:
 *   python3 scripts/crosscheck/crosscheck.py shopify ../shared/data/shopify/orders_export__forezia-devstore.csv --as-of 2025-05-17 --tz Europe/Prague
 *   python3 scripts/crosscheck/crosscheck.py generic ../shared/data/online_retail/online_retail_invoices__mwoitek.csv \
 *     --date InvoiceDate --total TotalPrice --customer CustomerID --currency GBP --as-of 2011-12-09 --tz Europe/London [--days 90 --margin 0.3]
 * (and --as-of 2011-11-30 --days 30 for the lifecycle check).
 */
import { describe, expect, it } from "vitest";
import { hasSharedData, RETAIL_MAPS, runCli, sharedNote } from "../helpers.js";

const FOREZIA = "../shared/data/shopify/orders_export__forezia-devstore.csv";
const RETAIL = "../shared/data/online_retail/online_retail_invoices__mwoitek.csv";
const PANALYSIS = "../shared/data/shopify/orders_export__panalysis-d3js-test.csv";

const report = async (args: string[], env: Record<string, string> = {}) => {
  const run = await runCli(["report", ...args, "--format", "json"], { env });
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout);
};

describe.skipIf(!hasSharedData)(`Shopify dev-store export (forezia)${sharedNote}`, async () => {
  it("matches the Python cross-check and SOURCES.md (19 orders from 40 rows, 3 distinct emails)", async () => {
    const r = await report(["--orders", FOREZIA, "--tz", "Europe/Prague"]);
    expect(r.asOf).toBe("2025-05-17"); // latest Created at 2025-05-17 11:46:48 -0400 = 17:46 in Prague
    expect(r.inputs[0].platform).toBe("shopify");
    expect(r.dataQuality).toMatchObject({ rowsRead: 40, rowsSkipped: 0, ordersRead: 19, ordersExcluded: {}, unidentifiedOrders: 10 });
    expect(r.groups).toHaveLength(1);
    expect(r.groups[0].currency).toBe("EUR");
    expect(r.groups[0].metrics).toMatchObject({
      orders: 19, // paid 18 + pending 1 (→ processing)
      revenue: 14089.04,
      aov: 741.53,
      customers: 3,
      newCustomers: 3,
      purchaseFrequency: 3,
      repeatPurchaseRate: 1,
      guestCheckoutRate: null,
    });
  });
});

describe.skipIf(!hasSharedData)(`UCI Online Retail invoices (mwoitek), generic via --map${sharedNote}`, async () => {
  const base = ["--orders", RETAIL, ...RETAIL_MAPS, "--currency", "GBP", "--tz", "Europe/London"];

  it("over the whole file matches SOURCES.md: 18,532 invoices, 4,338 customers, 2,845 repeaters, 8,911,407.90 GBP", async () => {
    const r = await report([...base, "--window", "all"]);
    expect(r.dataQuality).toMatchObject({ rowsRead: 18_532, rowsSkipped: 0, ordersRead: 18_532, unidentifiedOrders: 0 });
    expect(r.groups[0].metrics).toMatchObject({ orders: 18_532, revenue: 8_911_407.9, customers: 4338, newCustomers: 4338 });
    expect(r.groups[0].metrics.repeatPurchaseRate).toBeCloseTo(2845 / 4338, 12);
  });

  it("last 365 days as of 2011-12-09 matches the Python cross-check", async () => {
    const r = await report([...base, "--as-of", "2011-12-09"]);
    expect(r.window).toEqual({ spec: "365d", from: "2010-12-10T00:00:00+00:00", to: "2011-12-10T00:00:00+00:00", days: 365 });
    expect(r.groups[0].metrics).toMatchObject({
      orders: 17_756,
      revenue: 8_599_529.9,
      aov: 484.32,
      customers: 4264,
      newCustomers: 3765,
      purchaseFrequency: 4.164165103189493,
      repeatPurchaseRate: 0.648217636022514,
      guestCheckoutRate: null,
    });
  });

  it("last 90 days (across the October DST change) matches the Python cross-check", async () => {
    const r = await report([...base, "--as-of", "2011-12-09", "--window", "90d"]);
    expect(r.window.from).toBe("2011-09-11T00:00:00+01:00");
    expect(r.groups[0].metrics).toMatchObject({ orders: 6626, revenue: 3_456_002.72, aov: 521.58, customers: 2889, newCustomers: 968 });
    expect(r.groups[0].metrics.repeatPurchaseRate).toBeCloseTo(0.4800969193492558, 12);
  });
});

describe.skipIf(!hasSharedData)(`UCI Online Retail lifecycle metrics against the Python cross-check${sharedNote}`, async () => {
  const base = ["--orders", RETAIL, ...RETAIL_MAPS, "--currency", "GBP", "--tz", "Europe/London"];

  it("90 days as of 2011-12-09 (P from 2011-06-13), margin 0.3", async () => {
    const m = (await report([...base, "--as-of", "2011-12-09", "--window", "90d", "--margin", "0.3"])).groups[0].metrics;
    expect(m).toMatchObject({
      returningCustomerRate: 0.7763932156455521,
      customersAtStart: 1896,
      retainedCustomers: 1308,
      reactivatedCustomers: 613,
      retentionRate: 1.0131856540084387, // above 1: reactivated customers count, as the formula says
      churnRate: 0.310126582278481,
      medianDaysBetweenPurchases: 23,
      clv: 1157.2,
    });
    // Gaps across the October DST change are a whole number of days ± 1/24.
    expect(m.avgDaysBetweenPurchases).toBeCloseTo(47.91478879462712, 9);
    expect(m.repeatCustomerRevenueMultiple).toBeCloseTo(3.7534210154765963, 12);
  });

  it("30 days as of 2011-11-30", async () => {
    const m = (await report([...base, "--as-of", "2011-11-30", "--window", "30d"])).groups[0].metrics;
    expect(m).toMatchObject({
      orders: 2657,
      revenue: 1_161_817.38,
      customers: 1664,
      newCustomers: 323,
      customersAtStart: 1364,
      retainedCustomers: 622,
      reactivatedCustomers: 719,
      medianDaysBetweenPurchases: 21,
      clv: 1283.5,
    });
    expect(m.retentionRate).toBeCloseTo(0.9831378299120235, 12);
    expect(m.churnRate).toBeCloseTo(0.5439882697947214, 12);
    expect(m.returningCustomerRate).toBeCloseTo(0.8395432692307693, 12);
    expect(m.avgDaysBetweenPurchases).toBeCloseTo(45.88174807197937, 9);
    expect(m.repeatCustomerRevenueMultiple).toBeCloseTo(3.3129588002787296, 12);
  });
});

describe.skipIf(!hasSharedData)(`a trimmed 2014–2017 Shopify export (panalysis: no Email, Currency or status)${sharedNote}`, async () => {
  it("counts every order, reports no customers, and says why", async () => {
    const run = await runCli([
      "report",
      "--orders",
      PANALYSIS,
      "--tz",
      "Australia/Sydney",
      "--window",
      "all",
      "--currency",
      "AUD",
      "--format",
      "json",
    ]);
    expect(run.status).toBe(0);
    const r = JSON.parse(run.stdout);
    expect(r.dataQuality).toMatchObject({ rowsRead: 1057, rowsSkipped: 0, ordersRead: 1057, unidentifiedOrders: 1057 });
    expect(r.groups[0].metrics.orders).toBe(1057); // SOURCES.md: 1,057 rows, one per order
    expect(r.groups[0].metrics.customers).toBeNull();
    expect(r.groups[0].notes.customers).toBe(
      "the Shopify orders export has no email or customer id column, so customers can't be told apart",
    );
    expect(r.groups[0].metrics.purchaseFrequency).toBeNull();
    expect(run.stderr).toContain("no status column; every order is counted as a sale");
  });
});

describe.skipIf(!hasSharedData)(`UCI Online Retail raw line items (online-retail platform)${sharedNote}`, async () => {
  const FIRST999 = "../shared/data/online_retail/online_retail_first999__evanvolgas.csv";
  const RANDOM = "../shared/data/online_retail/online_retail_random_lines__gulertan.csv";

  it("the first 999 lines: every date is 12/1/10, which only the platform's known M/D/YY settles", async () => {
    const i = JSON.parse((await runCli(["inspect", FIRST999, "--format", "json"])).stdout);
    expect(i.dateOrder).toEqual({ value: "mdy", reason: "UCI Online Retail files write month/day/year", source: "platform" });
    // Read as a generic file instead, nothing settles it: an error naming the flag.
    const generic = await runCli([
      "report",
      "--orders",
      FIRST999,
      "--platform",
      "generic",
      "--map",
      "created_at=InvoiceDate",
      "--map",
      "total=UnitPrice",
    ]);
    expect(generic.status).toBe(3);
    expect(generic.stderr).toContain('ambiguous dates in InvoiceDate: "12/1/10 8:26" could be day/month or month/day');
  });

  it("the first 999 lines match an independent Python sum of quantity × price", async () => {
    // python3 scripts/crosscheck/crosscheck.py online-retail <file> --as-of 2011-12-09 --tz Europe/London --days 10000
    // (csv + decimal, a GROUP BY over distinct rows): 23 of the 999 lines are exact repeats of an
    // earlier line (96.90 GBP of sales), counted once; 66 invoices, 4 starting with C; the other
    // 62 total 24,605.98 GBP (24,702.88 with the repeats), each invoice rounded once; 46 customers,
    // 5 with two or more invoices; 1 invoice without id.
    const r = await report(["--orders", FIRST999, "--tz", "Europe/London", "--window", "all"]);
    expect(r.inputs[0].platform).toBe("online-retail");
    expect(r.groups[0].metrics).toMatchObject({ orders: 62, revenue: 24_605.98, aov: 396.87, customers: 46 });
    expect(r.groups[0].metrics.repeatPurchaseRate).toBeCloseTo(5 / 46, 12);
    expect(r.dataQuality).toMatchObject({
      rowsRead: 999,
      rowsSkipped: 23,
      skippedByCode: { DUPLICATE_ROW: 23 },
      ordersRead: 66,
      ordersExcluded: { cancelled: 4 },
      unidentifiedOrders: 1,
    });
  });

  it("20,000 random lines: an invoice's scattered lines are summed as a GROUP BY InvoiceNo over distinct rows gives", async () => {
    // The same crosscheck.py online-retail command (csv + decimal, a dict of invoices over the
    // distinct rows): 7 rows are exact repeats; 9,362 invoices, of which 9,049 count (C and A
    // invoices don't), 380,233.42 GBP, 3,017 customers, 1,586 of them with two or more invoices.
    // Before lines were assembled wherever they stand, 10,638 rows were lost as "already read".
    // DuckDB gives the same (GROUP BY InvoiceNo over SELECT DISTINCT): scripts/crosscheck/online-retail-duckdb.mjs, output in its README.
    const r = await report(["--orders", RANDOM, "--tz", "Europe/London", "--window", "all"]);
    expect(r.dataQuality).toMatchObject({ rowsRead: 20_000, rowsSkipped: 7, skippedByCode: { DUPLICATE_ROW: 7 }, ordersRead: 9362 });
    expect(r.groups[0].metrics).toMatchObject({ orders: 9049, revenue: 380_233.42, aov: 42.02, customers: 3017 });
    expect(r.groups[0].metrics.repeatPurchaseRate).toBeCloseTo(1586 / 3017, 12);
    expect(r.dataQuality.problems[0]).toMatchObject({
      line: 12125,
      code: "DUPLICATE_ROW",
      message: "an exact repeat of line 2201; row skipped",
    });
  });
});

describe.skipIf(!hasSharedData)(`Olist orders through --map, joined to customers on customer_unique_id${sharedNote}`, async () => {
  it("counts orders and customers as an independent Python count does; money metrics are null (no amounts)", async () => {
    // python3 scripts/crosscheck/crosscheck.py olist <orders> --customers <customers> --as-of 2018-10-17
    //   --tz America/Sao_Paulo --days 10000
    // 8,135 orders, of which delivered/shipped/invoiced/processing/approved count: 6,896;
    // by customer_unique_id (through the customers file) 6,803 customers, 52 with 2+ orders;
    // 625 canceled + 609 unavailable are cancelled, 5 created are pending payment.
    const run = await runCli([
      "report",
      "--orders",
      "../shared/data/olist/olist_orders_dataset__cab-g-subset.csv",
      "--customers",
      "../shared/data/olist/olist_customers_dataset__cab-g-subset.csv",
      "--customers-map",
      "email=customer_unique_id",
      "--config",
      "fixtures/config/olist.config.json",
      "--window",
      "all",
      "--format",
      "json",
    ]);
    expect(run.status).toBe(0);
    const r = JSON.parse(run.stdout);
    expect(r.groups[0].currency).toBe("BRL");
    expect(r.groups[0].metrics).toMatchObject({ orders: 6896, customers: 6803, revenue: null, aov: null });
    expect(r.groups[0].metrics.repeatPurchaseRate).toBeCloseTo(52 / 6803, 12);
    expect(r.groups[0].notes.revenue).toBe("the file has no amount column (point at one with --map total=COLUMN)");
    expect(r.dataQuality).toMatchObject({
      ordersRead: 8135,
      ordersExcluded: { cancelled: 1234, "pending-payment": 5 },
      customersRead: 8016,
      customersWithoutOrders: 0,
    });
    expect(run.stderr).toContain(
      "revenue, aov, repeatCustomerRevenueMultiple and clv are null: the file has no amount column (point at one with --map total=COLUMN)",
    );
  });
});

describe.skipIf(!hasSharedData)(`--revenue net-sales on real Shopify exports (panalysis, forezia)${sharedNote}`, async () => {
  // scripts/crosscheck/net_sales.py (csv + decimal, written from docs/metrics.md):
  //   python3 scripts/crosscheck/net_sales.py <panalysis> --tz Australia/Sydney --currency AUD [--as-of 2016-12-31 --days 365]
  //   python3 scripts/crosscheck/net_sales.py <forezia> --tz Europe/Prague
  // panalysis has Subtotal (after discounts, tax included: an Australian shop's GST) but no
  // Discount Amount, which a Subtotal after discounts does not need.
  const panalysis = ["--orders", PANALYSIS, "--tz", "Australia/Sydney", "--currency", "AUD"];

  it.each([
    [["--window", "all"], 1057, 53_823.55, 50.92, 68_141.45],
    [["--as-of", "2016-12-31"], 564, 27_815.59, 49.32, 35_181.35],
  ])("panalysis %j: Σ Subtotal, not Σ Total", async (window, orders, netSales, aov, total) => {
    const net = await report([...panalysis, ...window, "--revenue", "net-sales"]);
    expect(net.revenue).toBe("net-sales");
    expect(net.groups[0].metrics).toMatchObject({ orders, revenue: netSales, aov });
    expect((await report([...panalysis, ...window])).groups[0].metrics).toMatchObject({ orders, revenue: total });
  });

  it("forezia: multi-row orders read from their first row; no shipping, taxes or discounts, so net sales = total", async () => {
    const r = await report(["--orders", FOREZIA, "--tz", "Europe/Prague", "--window", "all", "--revenue", "net-sales"]);
    expect(r.dataQuality).toMatchObject({ rowsRead: 40, rowsSkipped: 0, ordersRead: 19 });
    expect(r.groups[0].metrics).toMatchObject({ orders: 19, revenue: 14_089.04, aov: 741.53 });
  });
});

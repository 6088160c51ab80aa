/**
 * --revenue net-sales (issue 9, item 4): an order's revenue is its gross sales less discounts,
 * without shipping and taxes, refunds not subtracted — Shopify's AOV basis since 2023. The
 * figures are worked out by hand below, and by scripts/crosscheck/net_sales.py:
 *   python3 scripts/crosscheck/net_sales.py fixtures/orders/shopify-net-sales.csv --tz Europe/Prague --as-of 2025-03-31 --days 90
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, runCli } from "../helpers.js";

const SHOPIFY = "fixtures/orders/shopify-net-sales.csv";
const WEBTOFFEE = "fixtures/orders/woocommerce-webtoffee.csv";
const dir = mkdtempSync(join(tmpdir(), "shopmetrics-net-sales-"));

/** The window 2025-01-01 … 2025-03-31 in Prague. */
const Q1 = ["report", "--orders", SHOPIFY, "--window", "3m", "--as-of", "2025-03-31", "--tz", "Europe/Prague"];

const json = async (args: string[]) => {
  const run = await runCli([...args, "--format", "json"]);
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout);
};

describe("--revenue net-sales on a Shopify export (fixtures/orders/shopify-net-sales.csv, worked by hand)", () => {
  // In the window: #2001 (2 rows), #2002, #2003 (3 rows, scattered over the file), #2006 (the last
  // evening, +02:00). #2004 is voided and cancelled; #2005 is in December.
  //   order  Subtotal  Discount  Shipping  Taxes  Total   Refunded   total − refunds
  //   #2001   90.00     10.00     5.00    18.90  113.90    0.00       113.90
  //   #2002   59.99      0.00     4.90     0.00   64.89   20.01        44.88
  //   #2003   30.00      7.50     0.00     6.30   36.30    0.00        36.30
  //   #2006   19.97      0.00     3.00     0.00   22.97    0.00        22.97
  // Shopify's Subtotal is after discounts (#2001: 2 × 30.00 + 40.00 − 10.00 = 90.00), so net sales
  // are the subtotals: 90.00 + 59.99 + 30.00 + 19.97 = 199.96, AOV 199.96 / 4 = 49.99.
  // Total − refunds: 113.90 + 44.88 + 36.30 + 22.97 = 218.05, AOV 54.5125 → 54.51.
  // Subtracting Discount Amount again would give 182.46 (AOV 45.62): not what Shopify means.
  it("is Σ Subtotal over the counted orders, with no shipping, taxes or refunds", async () => {
    const r = await json([...Q1, "--revenue", "net-sales"]);
    expect(r.revenue).toBe("net-sales");
    expect(r.groups).toHaveLength(1);
    expect(r.groups[0].metrics).toMatchObject({ orders: 4, revenue: 199.96, aov: 49.99 });
    expect(r.dataQuality).toMatchObject({ rowsRead: 9, rowsSkipped: 0, ordersRead: 6, ordersExcluded: { cancelled: 1 } });
    expect(r.definitions.revenue).toMatch(
      /^Sum over counted orders in the window of net sales: gross sales minus discounts, without shipping and taxes, refunds not subtracted/,
    );
  });

  it("by default is total − refunds, and the JSON says so", async () => {
    const r = await json(Q1);
    expect(r.revenue).toBe("total");
    expect(r.groups[0].metrics).toMatchObject({ orders: 4, revenue: 218.05, aov: 54.51 });
    expect(r.definitions.revenue).toBe(
      "Sum over counted orders in the window of order total minus refunded amount, summed exactly in minor units.",
    );
    expect(await json([...Q1, "--revenue", "total"])).toEqual(r);
  });

  it("moves aov, clv and the revenue multiple with it, and no other metric", async () => {
    const net = (await json([...Q1, "--revenue", "net-sales"])).groups[0].metrics;
    const total = (await json(Q1)).groups[0].metrics;
    const moved = Object.keys(total).filter((id) => total[id] !== net[id]);
    expect(moved.every((id) => ["revenue", "aov", "clv", "repeatCustomerRevenueMultiple"].includes(id))).toBe(true);
    expect(moved).toContain("aov");
  });

  it("reads the same from the file in reverse row order (the order-level cells are on each order's first row)", async () => {
    const [header, ...rows] = readFileSync(resolve(FIXTURES, "orders/shopify-net-sales.csv"), "utf8").trimEnd().split("\n");
    const reversed = join(dir, "reversed.csv");
    writeFileSync(reversed, `${[header, ...rows.reverse()].join("\n")}\n`);
    const r = await json([
      "report",
      "--orders",
      reversed,
      "--window",
      "3m",
      "--as-of",
      "2025-03-31",
      "--tz",
      "Europe/Prague",
      "--revenue",
      "net-sales",
    ]);
    expect(r.groups[0].metrics).toMatchObject({ orders: 4, revenue: 199.96, aov: 49.99 });
  });

  it("says its basis in the table's header lines", async () => {
    const net = await runCli([...Q1, "--revenue", "net-sales"]);
    expect(net.stdout.split("\n").slice(0, 4)).toContain("revenue: net sales = gross sales − discounts (no shipping, taxes or refunds)");
    const total = await runCli(Q1);
    expect(total.stdout.split("\n").slice(0, 4)).toContain("revenue: total − refunds");
  });

  it("reads Subtotal only with net-sales: an unreadable one changes nothing with --revenue total", async () => {
    const text = readFileSync(resolve(FIXTURES, "orders/shopify-net-sales.csv"), "utf8").replace(",59.99,4.90,", ",n/a,4.90,");
    const file = join(dir, "bad-subtotal.csv");
    writeFileSync(file, text);
    const args = ["report", "--orders", file, "--window", "3m", "--as-of", "2025-03-31", "--tz", "Europe/Prague", "--format", "json"];
    const total = await runCli(args);
    expect(JSON.parse(total.stdout).groups[0].metrics).toMatchObject({ orders: 4, revenue: 218.05 });
    expect(total.stderr).not.toContain("Subtotal");
    const net = await runCli([...args, "--revenue", "net-sales"]);
    expect(net.status).toBe(0);
    const r = JSON.parse(net.stdout);
    expect(r.groups[0].metrics).toMatchObject({ orders: 3, revenue: 139.97 }); // #2002 skipped
    expect(r.dataQuality.problems[0]).toMatchObject({ line: 5, code: "UNREADABLE_AMOUNT" });
    expect(net.stderr).toContain(`${file}:5: unreadable amount in Subtotal`);
  });
});

describe("--revenue net-sales on the sample shop (fixtures/sample-shop: discounts, FREESHIP, VAT on top, refunds)", () => {
  it("matches scripts/crosscheck/net_sales.py: Σ Subtotal per currency over the last 365 days", async () => {
    // python3 scripts/crosscheck/net_sales.py fixtures/sample-shop/orders_export.csv --tz Europe/Prague --as-of 2026-06-30 --days 365
    const shop = ["report", "--orders", "fixtures/sample-shop/orders_export.csv", "--tz", "Europe/Prague", "--as-of", "2026-06-30"];
    const groups = (await json([...shop, "--revenue", "net-sales"])).groups.map((g: { currency: string; metrics: object }) => ({
      currency: g.currency,
      ...g.metrics,
    }));
    expect(groups).toMatchObject([
      { currency: "CZK", orders: 206, revenue: 190_390.35, aov: 924.23 },
      { currency: "EUR", orders: 1019, revenue: 37_253.98, aov: 36.56 },
    ]);
  });
});

describe("--revenue net-sales on other platforms", () => {
  it("WooCommerce (WebToffee export): order_subtotal − discount_total", async () => {
    // 101: 100.00 − 15.00 = 85.00; 102: 40.00 − 0.00 = 40.00; 103 cancelled. 125.00 / 2 = 62.50.
    // Total: 112.85 + 53.41 = 166.26, AOV 83.13.
    const args = ["report", "--orders", WEBTOFFEE, "--window", "all", "--tz", "Europe/Prague"];
    expect((await json([...args, "--revenue", "net-sales"])).groups[0].metrics).toMatchObject({ orders: 2, revenue: 125, aov: 62.5 });
    expect((await json(args)).groups[0].metrics).toMatchObject({ orders: 2, revenue: 166.26, aov: 83.13 });
  });

  it("a generic file: its subtotal and discount columns, or any pointed at with --map", async () => {
    const named = join(dir, "generic.csv");
    writeFileSync(named, "created_at,total,subtotal,discount,currency\n2025-03-01,121.00,110.00,10.00,EUR\n2025-03-02,30.00,25.00,,EUR\n");
    const args = ["--window", "all", "--tz", "Europe/Prague", "--revenue", "net-sales"];
    // (110.00 − 10.00) + 25.00 = 125.00, an empty discount being none.
    expect((await json(["report", "--orders", named, ...args])).groups[0].metrics).toMatchObject({ orders: 2, revenue: 125, aov: 62.5 });
    const other = join(dir, "generic-other.csv");
    writeFileSync(other, "Date;Amount;Goods;Coupon\n2025-03-01;121,00;110,00;10,00\n");
    const mapped = await json([
      "report",
      "--orders",
      other,
      "--map",
      "created_at=Date",
      "--map",
      "total=Amount",
      "--map",
      "subtotal=Goods",
      "--map",
      "discount=Coupon",
      "--currency",
      "CZK",
      ...args,
    ]);
    expect(mapped.groups[0].metrics).toMatchObject({ orders: 1, revenue: 100 });
  });

  it("in a config file", async () => {
    const config = join(dir, "net.json");
    writeFileSync(config, JSON.stringify({ revenue: "net-sales" }));
    expect((await json([...Q1, "--config", config])).groups[0].metrics.revenue).toBe(199.96);
    expect((await json([...Q1, "--config", config, "--revenue", "total"])).groups[0].metrics.revenue).toBe(218.05);
  });
});

describe("--revenue net-sales on a file without the columns: an input error (exit 3) naming the file and the columns", () => {
  it.each([
    [
      "fixtures/orders/shopify-small.csv",
      "fixtures/orders/shopify-small.csv:1: --revenue net-sales needs each order's subtotal (its items after discounts, before shipping and taxes), and this Shopify orders export has no Subtotal (subtotal) column: point at it with --map subtotal=COLUMN, or use --revenue total",
    ],
    [
      "fixtures/orders/woocommerce-small.csv",
      "fixtures/orders/woocommerce-small.csv:1: --revenue net-sales needs each order's subtotal (its items before discounts, shipping and taxes) and discount, and this WooCommerce order export has no order_subtotal (subtotal) or discount_total (discount) columns: point at them with --map subtotal=COLUMN --map discount=COLUMN, or use --revenue total",
    ],
    [
      "fixtures/orders/shoptet-cp1250.csv",
      "fixtures/orders/shoptet-cp1250.csv:1: --revenue net-sales needs each order's subtotal (its items before discounts, shipping and taxes) and discount, and this Shoptet orders export has no subtotal or discount columns that shopmetrics knows of: point at them with --map subtotal=COLUMN --map discount=COLUMN, or use --revenue total",
    ],
    [
      "fixtures/orders/online-retail.csv",
      "fixtures/orders/online-retail.csv:1: --revenue net-sales needs each order's subtotal and discount, and a UCI Online Retail file has neither: its amounts are quantity × unit price; use --revenue total",
    ],
  ])("%s", async (file, message) => {
    const run = await runCli(["report", "--orders", file, "--revenue", "net-sales", "--as-of", "2025-12-31"]);
    expect(run.status).toBe(3);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(`shopmetrics: error: ${message}\n`);
  });

  it("a generic file with a subtotal but no discount column", async () => {
    const file = join(dir, "no-discount.csv");
    writeFileSync(file, "created_at,total,subtotal\n2025-03-01,121.00,110.00\n");
    const run = await runCli(["report", "--orders", file, "--revenue", "net-sales", "--currency", "EUR"]);
    expect(run.status).toBe(3);
    expect(run.stderr).toContain("and this generic orders file has no discount column: point at it with --map discount=COLUMN");
  });
});

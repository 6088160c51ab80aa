#!/usr/bin/env node
// DuckDB cross-check of shopmetrics on UCI Online Retail line items (issue 8): the metrics as a
// `GROUP BY InvoiceNo` over the file's DISTINCT rows, next to `shopmetrics report` on the same
// file; exits 1 on any difference.
//
//   node scripts/crosscheck/online-retail-duckdb.mjs [FILE] [--as-of 2011-12-09] [--tz Europe/London] [--json]
//
// FILE defaults to ../shared/data/online_retail/online_retail_random_lines__gulertan.csv (20,000
// random lines, so an invoice's lines are scattered over the file). Columns InvoiceNo, StockCode,
// Description, Quantity, InvoiceDate ("2011-03-10 16:16:00", wall time in --tz), UnitPrice,
// CustomerID ("NA" = none), Country. The rules, as docs/rules.md states them:
// - an exact repeat of a row (every cell) counts once: SELECT DISTINCT before the GROUP BY;
// - an invoice's total = Σ Quantity × UnitPrice in DECIMAL (exact), rounded once, half away from
//   zero, to the penny; its date and customer are those of its first line in the file (the
//   customer: its first line with one); NA or empty CustomerID = unidentified; GBP;
// - invoices starting with C or A are cancellations / adjustments: read, not counted;
// - `--window all`: every counted invoice is in the window.
// DuckDB is installed on demand into .bench/duckdb (the pinned @duckdb/node-api of
// scripts/bench.mjs; never a project dependency). The CLI is bin/shopmetrics.js, i.e. dist/
// (run `npm run build` first).

import { spawnSync } from "node:child_process";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DUCKDB_PKG, ensureDuckDB, importDuckDB } from "../bench.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const DEFAULT_FILE = join(ROOT, "../shared/data/online_retail/online_retail_random_lines__gulertan.csv");

// Every column as VARCHAR; the table keeps file order, so rowid is the line's place in the file.
const SQL_LOAD = `
CREATE TEMP TABLE lines AS
SELECT * FROM read_csv($file, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"')`;

const SQL_METRICS = `
WITH
-- SELECT DISTINCT over all 8 cells, keeping where each distinct row first stands
distinct_rows AS (
  SELECT "InvoiceNo" AS inv, "Quantity" AS qty, "InvoiceDate" AS at_text, "UnitPrice" AS price,
         nullif(nullif(trim("CustomerID"), ''), 'NA') AS customer,
         min(rowid) AS first_row, count(*) AS copies
  FROM lines
  GROUP BY "InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country"
),
invoices AS (
  SELECT trim(inv) AS inv,
    sum(CAST(trim(qty) AS DECIMAL(18, 0)) * CAST(trim(price) AS DECIMAL(18, 6))) AS total,   -- exact
    arg_min(at_text, first_row) AS at_text,
    arg_min(customer, first_row) FILTER (WHERE customer IS NOT NULL) AS customer,
    count(DISTINCT customer) AS customer_ids,
    count(DISTINCT at_text) AS dates,
    upper(left(trim(inv), 1)) IN ('C', 'A') AS not_a_sale
  FROM distinct_rows GROUP BY trim(inv)
),
typed AS (
  SELECT inv, customer, not_a_sale, customer_ids, dates,
    timezone($tz, strptime(trim(at_text), '%Y-%m-%d %H:%M:%S')) AS ts,      -- an exact instant
    CAST(sign(total) * floor(abs(total) * 100 + 0.5) AS BIGINT) AS cents      -- half away from zero
  FROM invoices
),
counted AS (SELECT * FROM typed WHERE NOT not_a_sale),
per_customer AS (
  SELECT customer, count(*) AS n, sum(cents) AS cents FROM counted WHERE customer IS NOT NULL GROUP BY customer
),
gaps AS (   -- days between a customer's consecutive counted invoices, exact instants
  SELECT (epoch(ts) - epoch(lag(ts) OVER (PARTITION BY customer ORDER BY ts))) / 86400 AS days
  FROM counted WHERE customer IS NOT NULL
),
totals AS (
  SELECT count(*) AS orders, sum(cents) AS revenue_cents, count(customer) AS identified_orders FROM counted
)
SELECT
  (SELECT count(*) FROM lines) AS rows_read,
  (SELECT count(*) FROM distinct_rows) AS distinct_rows,
  (SELECT coalesce(sum(copies - 1), 0) FROM distinct_rows) AS exact_repeats,
  (SELECT count(*) FROM typed) AS invoices,
  (SELECT count(*) FROM typed WHERE not_a_sale) AS not_counted,
  (SELECT count(*) FROM typed WHERE dates > 1) AS invoices_with_two_dates,
  (SELECT count(*) FROM typed WHERE customer_ids > 1) AS invoices_with_two_customers,
  (SELECT strftime(min(timezone($tz, ts)), '%Y-%m-%d') FROM typed) AS first_date,
  (SELECT strftime(max(timezone($tz, ts)), '%Y-%m-%d') FROM typed) AS last_date,
  t.orders, t.revenue_cents, t.identified_orders,
  CASE WHEN t.orders > 0 THEN sign(t.revenue_cents) * ((2 * abs(t.revenue_cents) + t.orders) // (2 * t.orders)) END AS aov_cents,
  (SELECT count(*) FROM per_customer) AS customers,
  (SELECT count(*) FROM per_customer WHERE n >= 2) AS repeat_customers,
  (SELECT avg(days) FROM gaps WHERE days IS NOT NULL) AS avg_gap_days,
  (SELECT median(days) FROM gaps WHERE days IS NOT NULL) AS median_gap_days,
  (SELECT avg(cents) FILTER (WHERE n >= 2) / avg(cents) FILTER (WHERE n = 1) FROM per_customer) AS repeat_revenue_multiple,
  (SELECT version()) AS duckdb
FROM totals t`;

function parseArgs(argv) {
  const o = { file: DEFAULT_FILE, asOf: "2011-12-09", tz: "Europe/London", json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--as-of") o.asOf = argv[++i];
    else if (a === "--tz") o.tz = argv[++i];
    else if (a === "--json") o.json = true;
    else if (a.startsWith("--")) throw new Error(`unknown argument ${a}`);
    else o.file = resolve(a);
  }
  return o;
}

async function duckdbFigures(file, tz) {
  ensureDuckDB();
  const { DuckDBInstance } = await importDuckDB();
  const db = await DuckDBInstance.create(":memory:");
  const con = await db.connect();
  await con.run(SQL_LOAD, { file });
  const r = (await con.runAndReadAll(SQL_METRICS, { tz })).getRowObjectsJS()[0];
  const num = (x) => (x === null || x === undefined ? null : Number(x));
  const customers = num(r.customers);
  return {
    engine: `DuckDB ${r.duckdb} (${DUCKDB_PKG})`,
    rowsRead: num(r.rows_read),
    distinctRows: num(r.distinct_rows),
    exactRepeats: num(r.exact_repeats),
    ordersRead: num(r.invoices),
    notCounted: num(r.not_counted),
    invoicesWithTwoDates: num(r.invoices_with_two_dates),
    invoicesWithTwoCustomers: num(r.invoices_with_two_customers),
    firstDate: r.first_date,
    lastDate: r.last_date,
    orders: num(r.orders),
    revenue: (num(r.revenue_cents) / 100).toFixed(2),
    aov: r.aov_cents === null ? null : (num(r.aov_cents) / 100).toFixed(2),
    customers,
    repeatCustomers: num(r.repeat_customers),
    repeatPurchaseRate: customers ? num(r.repeat_customers) / customers : null,
    purchaseFrequency: customers ? num(r.identified_orders) / customers : null,
    newCustomers: customers, // --window all: every customer's first counted invoice is inside
    avgDaysBetweenPurchases: num(r.avg_gap_days),
    medianDaysBetweenPurchases: num(r.median_gap_days),
    repeatCustomerRevenueMultiple: num(r.repeat_revenue_multiple),
  };
}

function cliFigures(file, tz, asOf) {
  const orders = relative(ROOT, file);
  const args = ["bin/shopmetrics.js", "report", "--orders", orders, "--tz", tz, "--window", "all", "--as-of", asOf, "--format", "json"];
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8", maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`shopmetrics exited ${r.status}:\n${r.stderr}`);
  return { command: `node ${args.join(" ")}`, report: JSON.parse(r.stdout) };
}

// [label, DuckDB value, shopmetrics value, kind]; money compared to the penny, rates to 1e-9.
function comparisons(duck, report) {
  const dq = report.dataQuality;
  const groups = report.groups;
  const m = groups.find((g) => g.currency === "GBP")?.metrics ?? {};
  const money = (x) => (x === null || x === undefined ? null : x.toFixed(2));
  return [
    ["currencies", "GBP", groups.map((g) => g.currency).join(","), "exact"],
    ["rowsRead", duck.rowsRead, dq.rowsRead, "exact"],
    ["exact repeats (DUPLICATE_ROW)", duck.exactRepeats, dq.skippedByCode?.DUPLICATE_ROW ?? 0, "exact"],
    ["rows skipped", duck.exactRepeats, dq.rowsSkipped, "exact"],
    ["ordersRead", duck.ordersRead, dq.ordersRead, "exact"],
    ["not counted (C, A)", duck.notCounted, Object.values(dq.ordersExcluded ?? {}).reduce((s, n) => s + n, 0), "exact"],
    ["orders", duck.orders, m.orders, "exact"],
    ["revenue", duck.revenue, money(m.revenue), "exact"],
    ["aov", duck.aov, money(m.aov), "exact"],
    ["customers", duck.customers, m.customers, "exact"],
    ["newCustomers", duck.newCustomers, m.newCustomers, "exact"],
    ["repeatPurchaseRate", duck.repeatPurchaseRate, m.repeatPurchaseRate, "rate"],
    ["purchaseFrequency", duck.purchaseFrequency, m.purchaseFrequency, "rate"],
    ["avgDaysBetweenPurchases", duck.avgDaysBetweenPurchases, m.avgDaysBetweenPurchases, "rate"],
    ["medianDaysBetweenPurchases", duck.medianDaysBetweenPurchases, m.medianDaysBetweenPurchases, "rate"],
    ["repeatCustomerRevenueMultiple", duck.repeatCustomerRevenueMultiple, m.repeatCustomerRevenueMultiple, "rate"],
    // the window: every invoice's local date inside [from, to)
    ["window holds the first invoice", true, report.window.from.slice(0, 10) <= duck.firstDate, "exact"],
    ["window holds the last invoice", true, duck.lastDate < report.window.to.slice(0, 10), "exact"],
  ].map(([label, d, c, kind]) => {
    const ok = kind === "rate" && typeof d === "number" && typeof c === "number" ? Math.abs(d - c) <= 1e-9 : d === c;
    return { label, duckdb: d, shopmetrics: c, ok };
  });
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const duck = await duckdbFigures(o.file, o.tz);
  const cli = cliFigures(o.file, o.tz, o.asOf);
  const rows = comparisons(duck, cli.report);
  const bad = rows.filter((r) => !r.ok).length;
  const out = { file: relative(ROOT, o.file), duckdb: duck, shopmetrics: cli.command };
  if (o.json) out.comparison = rows;
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  if (!o.json) {
    const w = Math.max(...rows.map((r) => r.label.length));
    process.stdout.write(`\n${"metric".padEnd(w)}  ${"DuckDB".padStart(20)}  ${"shopmetrics".padStart(20)}  agree\n`);
    for (const r of rows) {
      process.stdout.write(
        `${r.label.padEnd(w)}  ${String(r.duckdb).padStart(20)}  ${String(r.shopmetrics).padStart(20)}  ${r.ok ? "yes" : "NO"}\n`,
      );
    }
  }
  process.stderr.write(bad ? `${bad} difference(s) between DuckDB and shopmetrics\n` : "DuckDB and shopmetrics agree\n");
  process.exitCode = bad ? 1 : 0;
}

main().catch((e) => {
  process.stderr.write(`online-retail-duckdb: ${e.message}\n`);
  process.exit(2);
});

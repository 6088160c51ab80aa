#!/usr/bin/env node
/**
 * Runs the built CLI over every fixture and every ../shared/data export we read, in every output
 * format, and writes each run's stdout, stderr and exit code into one directory — so that a
 * refactor can be checked to change no figure: snapshot before, snapshot after, diff.
 *
 *   node scripts/snapshot-outputs.mjs --out /tmp/before
 *   … change the code, npm run build …
 *   node scripts/snapshot-outputs.mjs --out /tmp/after
 *   diff -r /tmp/before /tmp/after
 *
 * TZ is pinned, every run passes its as-of (or reads it from the file), so two snapshots of the
 * same code are byte-identical.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "..");
const BIN = join(ROOT, "bin/shopmetrics.js");
const SHARED = resolve(ROOT, "../shared/data");
const outArg = process.argv.indexOf("--out");
if (outArg < 0 || !process.argv[outArg + 1]) {
  console.error("usage: node scripts/snapshot-outputs.mjs --out DIR");
  process.exit(2);
}
const OUT = resolve(process.argv[outArg + 1]);
mkdirSync(OUT, { recursive: true });

/** name → { args, input? } */
const cases = [];
const add = (name, args, input) => cases.push({ name, args, input });

const orders = readdirSync(join(ROOT, "fixtures/orders")).filter((f) => f.endsWith(".csv"));
const perPlatform = {
  "online-retail.csv": ["--date-format", "dmy", "--platform", "online-retail"],
  "prestashop-cs.csv": ["--currency", "CZK"],
  "invoices-mapped.csv": [
    "--map",
    "created_at=InvoiceDate",
    "--map",
    "total=TotalPrice",
    "--map",
    "customer_id=CustomerID",
    "--currency",
    "GBP",
  ],
};
for (const file of orders) {
  const path = `fixtures/orders/${file}`;
  const extra = perPlatform[file] ?? [];
  for (const format of ["json", "table", "csv"])
    add(`${file}.all.${format}`, ["report", "--orders", path, "--window", "all", "--format", format, ...extra]);
  add(`${file}.365d.json`, ["report", "--orders", path, "--format", "json", ...extra]);
  add(`${file}.compare.json`, ["report", "--orders", path, "--window", "30d", "--compare", "previous", "--format", "json", ...extra]);
  add(`${file}.inspect.json`, ["inspect", path, "--format", "json", ...extra]);
  add(`${file}.inspect.table`, ["inspect", path, ...extra]);
  // The per-customer commands, each in every format.
  for (const command of ["cohorts", "rfm", "clv"])
    for (const format of ["json", "table", "csv"])
      add(`${file}.${command}.${format}`, [command, "--orders", path, "--format", format, ...extra]);
}

const SHOP = ["report", "--orders", "fixtures/sample-shop/orders_export.csv", "--tz", "Europe/Prague"];
add("shop.default.table", SHOP);
add("shop.default.json", [...SHOP, "--format", "json"]);
{
  const orders = ["--orders", "fixtures/sample-shop/orders_export.csv", "--tz", "Europe/Prague", "--as-of", "2026-06-15"];
  add("shop.cohorts.week.table", ["cohorts", ...orders, "--period", "week", "--metric", "revenue"]);
  add("shop.rfm.list.csv", ["rfm", ...orders, "--customers-out", "-"]);
  add("shop.rfm.package.json", ["rfm", ...orders, "--segments", "rfm-package", "--format", "json"]);
  add("shop.clv.list.csv", ["clv", ...orders, "--customers-out", "-"]);
  add("shop.clv.pareto.json", ["clv", ...orders, "--model", "pareto-nbd", "--format", "json"]);
}
add("shop.customers.json", [...SHOP, "--customers", "fixtures/sample-shop/customers_export.csv", "--format", "json"]);
add("shop.compare.table", [...SHOP, "--window", "3m", "--as-of", "2026-03-31", "--compare", "previous"]);
add("shop.compare.json", [...SHOP, "--window", "3m", "--as-of", "2026-03-31", "--compare", "previous", "--format", "json"]);
add("shop.every.table", [...SHOP, "--window", "1m", "--every", "month", "--periods", "12", "--as-of", "2026-06-30"]);
add("shop.every.json", [...SHOP, "--window", "1m", "--every", "month", "--periods", "12", "--as-of", "2026-06-30", "--format", "json"]);
add("shop.every.csv", [
  ...SHOP,
  "--window",
  "30d",
  "--every",
  "week",
  "--periods",
  "6",
  "--as-of",
  "2026-06-30",
  "--compare",
  "previous",
  "--format",
  "csv",
]);
add("shop.failif", [
  ...SHOP,
  "--window",
  "90d",
  "--margin",
  "0.3",
  "--fail-if",
  "churnRate>0.1",
  "--fail-if",
  "repeatPurchaseRate<0.01",
  "--format",
  "json",
]);
add("shop.inspect.json", ["inspect", "fixtures/sample-shop/orders_export.csv", "--format", "json"]);
for (const customers of readdirSync(join(ROOT, "fixtures/customers"))) {
  add(`customers.${customers}.json`, [
    "report",
    "--orders",
    "fixtures/orders/woocommerce-small.csv",
    "--customers",
    `fixtures/customers/${customers}`,
    "--window",
    "all",
    "--format",
    "json",
  ]);
}

if (existsSync(SHARED)) {
  const retailMaps = [
    "--map",
    "created_at=InvoiceDate",
    "--map",
    "total=TotalPrice",
    "--map",
    "customer_id=CustomerID",
    "--map",
    "order_id=InvoiceNo",
    "--currency",
    "GBP",
    "--tz",
    "Europe/London",
  ];
  const retail = ["--orders", `${SHARED}/online_retail/online_retail_invoices__mwoitek.csv`, ...retailMaps];
  add("shared.forezia.json", [
    "report",
    "--orders",
    `${SHARED}/shopify/orders_export__forezia-devstore.csv`,
    "--tz",
    "Europe/Prague",
    "--format",
    "json",
  ]);
  add("shared.forezia.inspect.json", ["inspect", `${SHARED}/shopify/orders_export__forezia-devstore.csv`, "--format", "json"]);
  add("shared.panalysis.json", [
    "report",
    "--orders",
    `${SHARED}/shopify/orders_export__panalysis-d3js-test.csv`,
    "--tz",
    "Australia/Sydney",
    "--window",
    "all",
    "--currency",
    "AUD",
    "--format",
    "json",
  ]);
  add("shared.panalysis.every.json", [
    "report",
    "--orders",
    `${SHARED}/shopify/orders_export__panalysis-d3js-test.csv`,
    "--tz",
    "Australia/Sydney",
    "--window",
    "1m",
    "--every",
    "month",
    "--currency",
    "AUD",
    "--format",
    "json",
  ]);
  add("shared.retail.all.json", ["report", ...retail, "--window", "all", "--format", "json"]);
  add("shared.retail.cohorts.json", ["cohorts", ...retail, "--as-of", "2011-12-09", "--period", "week", "--format", "json"]);
  add("shared.retail.rfm.table", ["rfm", ...retail, "--as-of", "2011-12-09", "--scale", "4"]);
  add("shared.retail.clv.json", ["clv", ...retail, "--as-of", "2011-12-09", "--holdout", "13w", "--format", "json"]);
  add("shared.cdnow.clv.json", [
    "clv",
    "--orders",
    `${SHARED}/lifetimes/CDNOW_master.txt`,
    "--delimiter",
    "whitespace",
    "--map",
    "created_at=date",
    "--map",
    "total=dollar_value",
    "--map",
    "customer_id=customer_id",
    "--currency",
    "USD",
    "--tz",
    "UTC",
    "--as-of",
    "1998-06-30",
    "--holdout",
    "39w",
    "--format",
    "json",
  ]);
  add("shared.cdnow.clv.table", [
    "clv",
    "--orders",
    `${SHARED}/lifetimes/CDNOW_master.txt`,
    "--delimiter",
    "whitespace",
    "--map",
    "created_at=date",
    "--map",
    "total=dollar_value",
    "--map",
    "customer_id=customer_id",
    "--currency",
    "USD",
    "--tz",
    "UTC",
    "--model",
    "pareto-nbd",
  ]);
  add("shared.retail.365.json", ["report", ...retail, "--as-of", "2011-12-09", "--format", "json"]);
  add("shared.retail.90.json", [
    "report",
    ...retail,
    "--as-of",
    "2011-12-09",
    "--window",
    "90d",
    "--margin",
    "0.3",
    "--compare",
    "previous",
    "--format",
    "json",
  ]);
  add("shared.retail.every.csv", ["report", ...retail, "--as-of", "2011-12-09", "--window", "30d", "--every", "month", "--format", "csv"]);
  add("shared.first999.json", [
    "report",
    "--orders",
    `${SHARED}/online_retail/online_retail_first999__evanvolgas.csv`,
    "--tz",
    "Europe/London",
    "--window",
    "all",
    "--format",
    "json",
  ]);
  add("shared.first999.inspect.json", ["inspect", `${SHARED}/online_retail/online_retail_first999__evanvolgas.csv`, "--format", "json"]);
  add("shared.random.json", [
    "report",
    "--orders",
    `${SHARED}/online_retail/online_retail_random_lines__gulertan.csv`,
    "--tz",
    "Europe/London",
    "--window",
    "all",
    "--format",
    "json",
  ]);
  add("shared.olist.json", [
    "report",
    "--orders",
    `${SHARED}/olist/olist_orders_dataset__cab-g-subset.csv`,
    "--customers",
    `${SHARED}/olist/olist_customers_dataset__cab-g-subset.csv`,
    "--customers-map",
    "email=customer_unique_id",
    "--config",
    "fixtures/config/olist.config.json",
    "--window",
    "all",
    "--format",
    "json",
  ]);
  for (const file of readdirSync(join(SHARED, "csv-spectrum/csvs"))) {
    add(`spectrum.${file}.inspect.json`, ["inspect", `${SHARED}/csv-spectrum/csvs/${file}`, "--format", "json"]);
  }
}

// Inputs on stdin: a few malformed ones, so error paths are in the snapshot too.
add("stdin.empty", ["report", "--orders", "-"], "");
add("stdin.header-only.json", ["report", "--orders", "-", "--format", "json", "--fail-if", "orders<1"], "created_at,total\n");
add("stdin.unterminated", ["report", "--orders", "-"], 'created_at,total\n2025-01-01,"10.00\n');
add(
  "stdin.shifted.json",
  ["report", "--orders", "-", "--window", "all", "--format", "json"],
  "created_at,total,email\n2025-01-01,1,234.50,a@x\n2025-01-02,5,b@x\n",
);
add("stdin.ambiguous", ["report", "--orders", "-"], "created_at,total\n01/02/2025,10\n");
add("stdin.strict", ["report", "--orders", "-", "--strict"], "created_at,total\n2025-01-01,abc\n");

for (const { name, args, input } of cases) {
  const run = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    input: input ?? "",
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", TZ: "Europe/Prague" },
  });
  const paths = (s) => s.split(SHARED).join("<shared>");
  writeFileSync(join(OUT, `${name}.out`), paths(run.stdout));
  writeFileSync(join(OUT, `${name}.err`), `${paths(run.stderr)}\nexit ${run.status}\n`);
}
console.log(`${cases.length} runs written to ${OUT}`);

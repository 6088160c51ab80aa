#!/usr/bin/env node
// Benchmark of the shopmetrics CLI against DuckDB, which also serves as an independent check of
// the CLI's numbers (issue 10).
//
//   npm run bench -- [--orders N] [--seed S] [--runs R] [--write-doc] [--only shuffle|analyses] [--no-build]
//                    [--variants] [--profile]
//   npm run bench -- --scale [100000,300000,1000000,3000000] [--runs R] [--profile] [--write-doc]
//   node scripts/bench.mjs --duckdb FILE [--as-of YYYY-MM-DD] [--days N]   # DuckDB metrics of any Shopify file, as JSON
//
// 1. generates an N-order shop (default 1,000,000) into .bench/ with generate-shop.mjs (reused
//    when it is already there for the same N and seed), and a copy with its records shuffled
//    (seeded; a record may hold a quoted line break, so records are shuffled, not lines);
// 2. builds the CLI (unless --no-build: then dist/ as it is) and installs DuckDB into .bench/duckdb
//    on first use (never a project dependency);
// 3. times, in R interleaved rounds (each round: `shopmetrics report ... --format json`, DuckDB,
//    shopmetrics on the shuffled file; reversed every other round), medians, each run in a child
//    process so its peak RSS can be measured; DuckDB computes every metric the report prints, in
//    SQL under the same rules (lifecycle, gaps, previous window). The load average is printed at
//    the start and end. Fails if the shuffled file costs more than 1.5x the sorted one or if any
//    figure of the two reports differs (issue 8). --only shuffle times only the two CLI runs;
// 4. compares the CLI and DuckDB per currency and metric (counts exact, money to the cent, rates
//    to 1e-9, the mean gap to a relative 1e-9), and DuckDB's also with the generator's own truth
//    for the metrics the generator knows; exits non-zero on any disagreement;
// 5. --variants: writes the WooCommerce and Shoptet variants of the file (bench-variants.mjs),
//    times the CLI on the three in interleaved rounds, checks their figures equal the Shopify
//    report's and their time is within 1.2x of it;
// 6. --profile: one run under `node --cpu-prof`, its top 15 functions by self time;
// 7. prints markdown tables; --write-doc also writes them into docs/performance.md.
// --scale LIST does steps 1-4 for each size (shopmetrics and DuckDB, plus Miller and csv-parse
// alone where installed) and prints the scaling table instead.

import { spawn, spawnSync } from "node:child_process";
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const BENCH_DIR = join(ROOT, ".bench");
const DUCKDB_PREFIX = join(BENCH_DIR, "duckdb");
export const DUCKDB_PKG = "@duckdb/node-api@1.5.6-r.1"; // pinned so figures are reproducible
const TZ = "Europe/Prague";
const WINDOW_DAYS = 365;
const MARGIN = 1; // the CLI's default --margin, which the bench runs with

// ------------------------------------------------------------------ DuckDB: the metric rules in SQL
// Written from docs/metrics.md and docs/rules.md, not from the CLI's code. Every column is read as
// VARCHAR. The projected rows go into a temp table first: a table keeps insertion (= file) order,
// so its rowid gives "first non-empty value in file order" exactly, which a parallel CSV scan
// alone does not promise.
const SQL_LOAD = `
CREATE TEMP TABLE shop_rows AS
SELECT "Name" AS name, "Email" AS email, "Financial Status" AS financial, "Currency" AS currency,
       "Total" AS total, "Refunded Amount" AS refunded, "Cancelled at" AS cancelled_at, "Created at" AS created_at
FROM read_csv($file, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"')`;

// What JavaScript's String.prototype.trim removes (docs/rules.md: cells are "trimmed"), taken from
// the engine itself; DuckDB's one-argument trim() removes spaces only. trim(x, JS_WHITESPACE) on
// every cell is slow (4x the whole query at 100k orders), so a cell is tested with a regular
// expression first and trimmed only when it starts or ends with whitespace; "not empty once
// trimmed" is "has a character that is not whitespace".
const JS_WHITESPACE = Array.from({ length: 0x10000 }, (_, c) => String.fromCharCode(c))
  .filter((c) => c.trim() === "")
  .join("");
const jsTrim = (x) =>
  `CASE WHEN regexp_matches(${x}, '^[${JS_WHITESPACE}]|[${JS_WHITESPACE}]$') THEN trim(${x}, '${JS_WHITESPACE}') ELSE ${x} END`;
const filled = (x) => `regexp_matches(${x}, '[^${JS_WHITESPACE}]')`;
// docs/rules.md, "Customer identity": these spellings (any case) are no email.
const MISSING_MARKERS = ["", "na", "n/a", "#n/a", "nan", "null", "none", "-"];
const DAY_MS = 86_400_000;

const SQL_METRICS = `
WITH
-- one row per order (grouped by Name, trimmed, one leading apostrophe dropped): each field = its
-- first value in file order that is not empty once trimmed (forward-fill), trimmed
first_values AS (
  SELECT regexp_replace(${jsTrim("name")}, '^''', '') AS name,
    arg_min(email, rowid)        FILTER (WHERE ${filled("email")})        AS email,
    arg_min(financial, rowid)    FILTER (WHERE ${filled("financial")})    AS financial,
    arg_min(currency, rowid)     FILTER (WHERE ${filled("currency")})     AS currency,
    arg_min(total, rowid)        FILTER (WHERE ${filled("total")})        AS total,
    arg_min(refunded, rowid)     FILTER (WHERE ${filled("refunded")})     AS refunded,
    arg_min(cancelled_at, rowid) FILTER (WHERE ${filled("cancelled_at")}) AS cancelled_at,
    arg_min(created_at, rowid)   FILTER (WHERE ${filled("created_at")})   AS created_at
  FROM shop_rows GROUP BY 1
),
orders AS (
  SELECT name, ${["email", "financial", "currency", "total", "refunded", "cancelled_at", "created_at"].map((f) => `${jsTrim(f)} AS ${f}`).join(",\n    ")}
  FROM first_values
),
typed AS (
  SELECT
    -- identity: the email trimmed and lower-cased; none, or a missing-value marker = unidentified
    -- (a Shopify orders export has no customer id column, so the email alone is the identity)
    CASE WHEN lower(coalesce(email, '')) IN (${MISSING_MARKERS.map((m) => `'${m}'`).join(", ")}) THEN NULL
         ELSE lower(email) END AS customer,
    upper(currency) AS currency,
    epoch_ms(strptime(created_at, '%Y-%m-%d %H:%M:%S %z')) AS at_ms,   -- an exact instant
    CASE                                                     -- Shopify status -> CLI status
      WHEN cancelled_at IS NOT NULL THEN 'cancelled'
      WHEN lower(financial) IN ('paid', 'partially_refunded') THEN 'completed'
      WHEN lower(financial) IN ('partially_paid', 'pending') THEN 'processing'
      WHEN lower(financial) = 'authorized' THEN 'on-hold'
      WHEN lower(financial) = 'refunded' THEN 'refunded'
      WHEN lower(financial) = 'voided' THEN 'cancelled'
      ELSE 'unknown-status' END AS status,                   -- counted as completed (rules.md)
    -- revenue = Total - Refunded Amount (empty = 0), exact, in cents
    CAST(CAST(total AS DECIMAL(18, 2)) * 100 AS BIGINT)
      - coalesce(CAST(CAST(refunded AS DECIMAL(18, 2)) * 100 AS BIGINT), 0) AS revenue_cents
  FROM orders
),
-- as-of: the Prague date of the latest order of any status, unless given
latest AS (SELECT CAST(timezone('${TZ}', make_timestamp(max(at_ms) * 1000)) AS DATE) AS latest_date FROM typed),
bounds AS (
  SELECT latest_date, coalesce(CAST($as_of AS DATE), latest_date) AS as_of FROM latest
),
-- W = [local midnight of (as-of + 1 - N days), local midnight of (as-of + 1)); the previous window
-- P = the N days before: [local midnight of (as-of + 1 - 2N), W's start)
win AS (
  SELECT latest_date, as_of,
    epoch_ms(timezone('${TZ}', CAST(as_of + 1 - 2 * $days AS TIMESTAMP))) AS p_lo,
    epoch_ms(timezone('${TZ}', CAST(as_of + 1 - $days AS TIMESTAMP))) AS lo,
    epoch_ms(timezone('${TZ}', CAST(as_of + 1 AS TIMESTAMP))) AS hi
  FROM bounds
),
counted AS (   -- counted orders: completed, processing, on-hold (and unknown statuses, as completed)
  SELECT t.currency, t.customer, t.at_ms, t.revenue_cents,
    (t.at_ms >= w.lo AND t.at_ms < w.hi) AS in_w,
    (t.at_ms >= w.p_lo AND t.at_ms < w.lo) AS in_p,
    (t.at_ms < w.hi) AS to_end
  FROM typed t, win w WHERE t.status IN ('completed', 'processing', 'on-hold', 'unknown-status')
),
currencies AS (SELECT DISTINCT currency FROM typed),   -- a group for every currency on an order
per_order AS (
  SELECT currency,
    count(*) FILTER (WHERE in_w) AS orders,
    coalesce(sum(revenue_cents) FILTER (WHERE in_w), 0) AS revenue_cents,
    count(*) FILTER (WHERE in_w AND customer IS NOT NULL) AS identified_orders
  FROM counted GROUP BY currency
),
-- per currency and customer: counted orders in W, in P, from the first up to the end of W;
-- revenue in W; the first counted order in this currency anywhere in the file
per_customer AS (
  SELECT currency, customer,
    count(*) FILTER (WHERE in_w) AS n_w,
    count(*) FILTER (WHERE in_p) AS n_p,
    count(*) FILTER (WHERE to_end) AS n_to_end,
    coalesce(sum(revenue_cents) FILTER (WHERE in_w), 0) AS revenue_w,
    min(at_ms) AS first_ms
  FROM counted WHERE customer IS NOT NULL GROUP BY currency, customer
),
per_group AS (
  SELECT currency,
    count(*) FILTER (WHERE n_w >= 1) AS customers,
    count(*) FILTER (WHERE n_w >= 2) AS repeat_customers,
    count(*) FILTER (WHERE n_w >= 1 AND n_to_end >= 2) AS returning_customers,
    count(*) FILTER (WHERE first_ms >= w.lo AND first_ms < w.hi) AS new_customers,
    count(*) FILTER (WHERE n_p >= 1) AS customers_at_start,
    count(*) FILTER (WHERE n_p >= 1 AND n_w >= 1) AS retained_customers,
    count(*) FILTER (WHERE n_w >= 1 AND n_p = 0 AND first_ms < w.lo) AS reactivated_customers,
    count(*) FILTER (WHERE n_w = 1) AS one_time_customers,
    coalesce(sum(revenue_w) FILTER (WHERE n_w = 1), 0) AS one_time_revenue,
    coalesce(sum(revenue_w) FILTER (WHERE n_w >= 2), 0) AS repeat_revenue
  FROM per_customer, win w GROUP BY currency
),
-- gaps: each customer's consecutive counted orders in this currency over the whole history, in
-- time order, whose later order is in W; in ms (exact integers). Orders at the same instant are
-- a gap of 0 whichever comes first, so ties need no rule.
gaps AS (
  SELECT currency, gap_ms FROM (
    SELECT currency, in_w, at_ms - lag(at_ms) OVER (PARTITION BY currency, customer ORDER BY at_ms) AS gap_ms
    FROM counted WHERE customer IS NOT NULL
  ) WHERE in_w AND gap_ms IS NOT NULL
),
per_gaps AS (
  SELECT currency, count(*) AS gaps, sum(gap_ms) AS gap_ms_sum,
    quantile_cont(gap_ms, 0.5) AS gap_ms_median   -- for an even count, the mean of the middle two
  FROM gaps GROUP BY currency
),
g AS (
  SELECT k.currency,
    coalesce(o.orders, 0) AS orders, coalesce(o.revenue_cents, 0) AS revenue_cents,
    coalesce(o.identified_orders, 0) AS identified_orders,
    coalesce(c.customers, 0) AS customers, coalesce(c.repeat_customers, 0) AS repeat_customers,
    coalesce(c.returning_customers, 0) AS returning_customers, coalesce(c.new_customers, 0) AS new_customers,
    coalesce(c.customers_at_start, 0) AS customers_at_start, coalesce(c.retained_customers, 0) AS retained_customers,
    coalesce(c.reactivated_customers, 0) AS reactivated_customers,
    coalesce(c.one_time_customers, 0) AS one_time_customers, coalesce(c.one_time_revenue, 0) AS one_time_revenue,
    coalesce(c.repeat_revenue, 0) AS repeat_revenue,
    coalesce(p.gaps, 0) AS gaps, p.gap_ms_sum, p.gap_ms_median
  FROM currencies k
  LEFT JOIN per_order o USING (currency) LEFT JOIN per_group c USING (currency) LEFT JOIN per_gaps p USING (currency)
)
SELECT g.*,
  -- aov in cents, rounded half away from zero, in integer arithmetic
  CASE WHEN orders > 0 THEN sign(revenue_cents) * ((2 * abs(revenue_cents) + orders) // (2 * orders)) END AS aov_cents,
  CASE WHEN customers > 0 THEN identified_orders / customers END AS purchase_frequency,
  CASE WHEN customers > 0 THEN repeat_customers / customers END AS repeat_purchase_rate,
  CASE WHEN customers > 0 THEN returning_customers / customers END AS returning_customer_rate,
  CASE WHEN customers_at_start > 0 THEN (customers - new_customers) / customers_at_start END AS retention_rate,
  CASE WHEN customers_at_start > 0 THEN (customers_at_start - retained_customers) / customers_at_start END AS churn_rate,
  -- the exact mean: an integer sum of ms (< 2^53, so exact as a DOUBLE too), divided once
  CASE WHEN gaps > 0 THEN CAST(gap_ms_sum AS DOUBLE) / (gaps * ${DAY_MS}.0) END AS avg_days,
  CASE WHEN gaps > 0 THEN gap_ms_median / ${DAY_MS} END AS median_days,
  CASE WHEN repeat_customers > 0 AND one_time_customers > 0 AND one_time_revenue <> 0
    THEN (CAST(repeat_revenue AS DOUBLE) / repeat_customers) / (CAST(one_time_revenue AS DOUBLE) / one_time_customers) END
    AS repeat_customer_revenue_multiple,
  -- clv = aov x purchaseFrequency x margin / churnRate with the unrounded aov, rounded once to the
  -- cent (half away from zero): revenue x identified x S / (orders x customers x (S - retained)),
  -- exactly, in HUGEINT; margin ${MARGIN}
  CASE WHEN orders > 0 AND customers > 0 AND customers_at_start > retained_customers THEN
    sign(revenue_cents) * (
      (2 * abs(CAST(revenue_cents AS HUGEINT)) * identified_orders * customers_at_start * ${MARGIN}
        + CAST(orders AS HUGEINT) * customers * (customers_at_start - retained_customers))
      // (2 * CAST(orders AS HUGEINT) * customers * (customers_at_start - retained_customers)))
  END AS clv_cents,
  (SELECT count(DISTINCT customer) FROM typed) AS identities,
  (SELECT count(*) FROM typed WHERE customer IS NULL) AS unidentified_orders,
  (SELECT count(*) FROM typed) AS orders_read,
  strftime(w.as_of, '%Y-%m-%d') AS as_of, strftime(w.latest_date, '%Y-%m-%d') AS latest_date,
  w.p_lo AS p_lo_ms, w.lo AS lo_ms, w.hi AS hi_ms
FROM g, win w
ORDER BY g.currency`;

// Child mode: run the SQL on FILE, print {asOf, window, previous, groups, timing} as JSON on stdout.
async function duckdbChild(file, asOf, days = WINDOW_DAYS) {
  const t0 = performance.now();
  const { DuckDBInstance } = await importDuckDB();
  const db = await DuckDBInstance.create(":memory:");
  const con = await db.connect();
  const t1 = performance.now();
  await con.run(SQL_LOAD, { file });
  const t2 = performance.now();
  const rows = (await con.runAndReadAll(SQL_METRICS, { as_of: asOf ?? null, days })).getRowObjectsJS();
  const t3 = performance.now();
  const meta = (await con.runAndReadAll("SELECT version() AS v, current_setting('threads') AS th")).getRowObjectsJS()[0];
  const num = (x) => (x === null || x === undefined ? null : Number(x));
  const r0 = rows[0] ?? {};
  const result = {
    engine: { duckdb: meta.v, threads: num(meta.th) },
    asOf: r0.as_of ?? asOf ?? null,
    latestOrderDate: r0.latest_date ?? null,
    window: rows.length ? { fromMs: num(r0.lo_ms), toMs: num(r0.hi_ms), days } : null,
    previous: rows.length ? { fromMs: num(r0.p_lo_ms), toMs: num(r0.lo_ms), days } : null,
    // over the whole file, any status: distinct normalised emails, orders without one, orders
    file: rows.length
      ? { identities: num(r0.identities), unidentifiedOrders: num(r0.unidentified_orders), orders: num(r0.orders_read) }
      : null,
    groups: rows.map((r) => ({
      currency: r.currency,
      orders: num(r.orders),
      revenueCents: num(r.revenue_cents),
      aovCents: num(r.aov_cents),
      customers: num(r.customers),
      newCustomers: num(r.new_customers),
      purchaseFrequency: num(r.purchase_frequency),
      repeatPurchaseRate: num(r.repeat_purchase_rate),
      returningCustomerRate: num(r.returning_customer_rate),
      guestCheckoutRate: null, // a Shopify orders export can't tell guest checkouts
      customersAtStart: num(r.customers_at_start),
      retainedCustomers: num(r.retained_customers),
      reactivatedCustomers: num(r.reactivated_customers),
      retentionRate: num(r.retention_rate),
      churnRate: num(r.churn_rate),
      avgDaysBetweenPurchases: num(r.avg_days),
      medianDaysBetweenPurchases: num(r.median_days),
      repeatCustomerRevenueMultiple: num(r.repeat_customer_revenue_multiple),
      clvCents: num(r.clv_cents),
      gaps: num(r.gaps), // how many gaps the two days metrics are over
    })),
    timingMs: { startup: t1 - t0, loadCsv: t2 - t1, query: t3 - t2 },
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

export async function importDuckDB() {
  const req = createRequire(join(DUCKDB_PREFIX, "noop.js"));
  return import(pathToFileURL(req.resolve("@duckdb/node-api")).href);
}
export function ensureDuckDB() {
  const pkg = join(DUCKDB_PREFIX, "node_modules", "@duckdb", "node-api", "package.json");
  const wanted = DUCKDB_PKG.split("@").pop();
  if (existsSync(pkg) && JSON.parse(readFileSync(pkg, "utf8")).version === wanted) return;
  log(`installing ${DUCKDB_PKG} into ${rel(DUCKDB_PREFIX)} (not a project dependency) ...`);
  mkdirSync(DUCKDB_PREFIX, { recursive: true });
  const r = spawnSync("npm", ["install", "--no-save", "--no-audit", "--no-fund", "--prefix", DUCKDB_PREFIX, DUCKDB_PKG], {
    stdio: "inherit",
  });
  if (r.status !== 0) throw new Error("npm install of DuckDB failed");
}

// ------------------------------------------------------------------ measuring a child process
// Wall time from spawn to exit, and peak RSS: GNU time's %M when /usr/bin/time exists, otherwise
// VmHWM polled from /proc/<pid>/status.
const GNU_TIME = existsSync("/usr/bin/time") && spawnSync("/usr/bin/time", ["-f", "%M", "true"]).status === 0;
function measure(cmd, args) {
  return new Promise((resolveP, reject) => {
    const rssFile = join(tmpdir(), `shopmetrics-bench-${process.pid}-${Date.now()}.rss`);
    const [file, argv] = GNU_TIME ? ["/usr/bin/time", ["-f", "%M %U %S", "-o", rssFile, cmd, ...args]] : [cmd, args];
    const start = performance.now();
    const child = spawn(file, argv, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "",
      stderr = "",
      hwmKb = 0,
      cpuMs = null; // user + system CPU time, from GNU time only
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const poll = GNU_TIME
      ? null
      : setInterval(() => {
          try {
            const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
            if (m) hwmKb = Math.max(hwmKb, Number(m[1]));
          } catch {
            /* exited */
          }
        }, 20);
    child.on("error", reject);
    child.on("close", (code) => {
      const wallMs = performance.now() - start;
      if (poll) clearInterval(poll);
      if (GNU_TIME) {
        try {
          const [kb, user, sys] = readFileSync(rssFile, "utf8").trim().split("\n").pop().split(" ").map(Number);
          hwmKb = kb || 0;
          cpuMs = (user + sys) * 1000;
          unlinkSync(rssFile);
        } catch {
          /* no file */
        }
      }
      resolveP({ code, wallMs, cpuMs, peakRssMb: hwmKb / 1024, stdout, stderr });
    });
  });
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const summarize = (runs, out) => ({
  wallMs: median(runs.map((r) => r.wallMs)),
  cpuMs: runs.every((r) => r.cpuMs !== null) ? median(runs.map((r) => r.cpuMs)) : null,
  peakRssMb: median(runs.map((r) => r.peakRssMb)),
  maxRssMb: Math.max(...runs.map((r) => r.peakRssMb)),
  out,
});

// ------------------------------------------------------------------ comparing results
// The CLI reports money in major units (two decimals for EUR and CZK); compare in cents.
function cliToCents(group) {
  const m = group.metrics;
  const cents = (x) => (x === null || x === undefined ? null : Math.round(x * 100));
  return { ...m, currency: group.currency, revenueCents: cents(m.revenue), aovCents: cents(m.aov), clvCents: cents(m.clv) };
}
// [field, kind, label]: every metric the report prints, in its order. Money is held in cents and
// shown in major units under the CLI's name.
const METRICS = [
  ["orders", "count", "orders"],
  ["revenueCents", "money", "revenue"],
  ["aovCents", "money", "aov"],
  ["customers", "count", "customers"],
  ["newCustomers", "count", "newCustomers"],
  ["purchaseFrequency", "rate", "purchaseFrequency"],
  ["repeatPurchaseRate", "rate", "repeatPurchaseRate"],
  ["returningCustomerRate", "rate", "returningCustomerRate"],
  ["guestCheckoutRate", "rate", "guestCheckoutRate"],
  ["customersAtStart", "count", "customersAtStart"],
  ["retainedCustomers", "count", "retainedCustomers"],
  ["reactivatedCustomers", "count", "reactivatedCustomers"],
  ["retentionRate", "rate", "retentionRate"],
  ["churnRate", "rate", "churnRate"],
  ["avgDaysBetweenPurchases", "mean", "avgDaysBetweenPurchases"],
  ["medianDaysBetweenPurchases", "days", "medianDaysBetweenPurchases"],
  ["repeatCustomerRevenueMultiple", "rate", "repeatCustomerRevenueMultiple"],
  ["clvCents", "money", "clv"],
];
// Counts and money (cents) must be equal. Rates and the revenue multiple are one or two divisions
// of exact integers on both sides, so they agree to the last bit or so: 1e-9. The median gap: both
// take the same middle gap(s) in ms, but the CLI divides each by 86,400,000 before averaging the
// two and DuckDB after, so the last bit may differ: 1e-9. The mean gap: DuckDB sums the ms as
// integers and divides once (correctly rounded); the CLI adds n doubles of days, whose error grows
// with n, up to about n × 2^-53 of the sum (n ≈ 330,000 gaps at 1M orders: under 4e-11), so the
// two agree to a relative 1e-9, not an absolute one.
const agrees = (a, b, kind) => {
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  if (kind === "rate" || kind === "days") return Math.abs(a - b) <= 1e-9;
  if (kind === "mean") return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
  return a === b;
};
const show = (v, kind) => (v === null || v === undefined ? "null" : kind === "money" ? (v / 100).toFixed(2) : String(v));

// Lines "CUR metric left right ok"; returns the number of disagreements. A currency missing on one
// side agrees only if the other side has no orders in the window. `metrics`: the ones both have.
function compare(leftName, left, rightName, right, lines, metrics = METRICS) {
  let bad = 0;
  const currencies = [...new Set([...left.map((g) => g.currency), ...right.map((g) => g.currency)])].sort();
  lines.push(`| currency | metric | ${leftName} | ${rightName} | agree |`, "|---|---|---:|---:|---|");
  for (const cur of currencies) {
    const l = left.find((g) => g.currency === cur),
      r = right.find((g) => g.currency === cur);
    if (!l || !r) {
      const ok = (l ?? r).orders === 0;
      if (!ok) bad++;
      lines.push(`| ${cur} | (group) | ${l ? "present" : "missing"} | ${r ? "present" : "missing"} | ${ok ? "yes" : "**NO**"} |`);
      continue;
    }
    for (const [k, kind, label] of metrics) {
      const ok = agrees(l[k], r[k], kind);
      if (!ok) bad++;
      lines.push(`| ${cur} | ${label} | ${show(l[k], kind)} | ${show(r[k], kind)} | ${ok ? "yes" : "**NO**"} |`);
    }
  }
  return bad;
}
// The metrics the CLI prints that METRICS does not compare, and the other way round: a metric
// added to the CLI must be added here (and to the SQL), or the bench no longer checks "every
// metric the report prints".
function uncompared(report) {
  const printed = new Set(report.groups.flatMap((g) => Object.keys(g.metrics)));
  const compared = new Set(METRICS.map(([, , label]) => label));
  return [...[...printed].filter((id) => !compared.has(id)), ...[...compared].filter((id) => !printed.has(id))];
}
// The generator's expectedReport -> the same shape as DuckDB's groups (it knows a subset of the
// metrics: TRUTH_METRICS).
const truthGroups = (exp) =>
  Object.entries(exp.groups).map(([currency, m]) => ({
    currency,
    ...m,
    revenueCents: Math.round(m.revenue * 100),
    aovCents: m.aov === null ? null : Math.round(m.aov * 100),
  }));
const truthMetrics = (exp) => METRICS.filter(([, , label]) => Object.values(exp.groups).every((m) => label in m));

// Everything the bench checks about one file: the as-of and window, the identities over the whole
// file (did the SQL's email normalisation find the customers the generator made?), every metric
// of every currency between the CLI and DuckDB, and DuckDB against the generator's truth for the
// metrics the generator knows. `cliOut` null: DuckDB against the truth only. -> { bad, lines }
function checkFile(cliOut, duckOut, stats, asOf) {
  let bad = 0;
  const lines = [];
  const check = (ok, text) => {
    if (!ok) bad++;
    lines.push(`- ${text}: ${ok ? "agree" : "**DIFFER**"}`);
  };
  check(duckOut.latestOrderDate === asOf, `as-of: generator ${asOf}, DuckDB's latest order date ${duckOut.latestOrderDate}`);
  const f = duckOut.file;
  check(f.orders === stats.orders, `orders in the file: generator ${stats.orders}, DuckDB ${f.orders}`);
  check(
    f.identities === stats.distinctNormalisedEmails,
    `customers over the whole file (distinct emails, trimmed and lower-cased): generator ${stats.distinctNormalisedEmails}, DuckDB ${f.identities}`,
  );
  check(
    f.unidentifiedOrders === stats.ordersWithoutEmail,
    `orders without an email: generator ${stats.ordersWithoutEmail}, DuckDB ${f.unidentifiedOrders}`,
  );
  if (cliOut) {
    const w = cliOut.window ?? {};
    const iso = (ms) => new Date(ms).toISOString();
    check(
      cliOut.asOf === asOf && Date.parse(w.from) === duckOut.window.fromMs && Date.parse(w.to) === duckOut.window.toMs,
      `as-of ${cliOut.asOf}, window ${w.from} .. ${w.to}: shopmetrics, and DuckDB ${iso(duckOut.window.fromMs)} .. ${iso(duckOut.window.toMs)} (previous window ${iso(duckOut.previous.fromMs)} .. ${iso(duckOut.previous.toMs)})`,
    );
    const dq = cliOut.dataQuality ?? {};
    check(dq.ordersRead === f.orders, `orders read: shopmetrics ${dq.ordersRead}, DuckDB ${f.orders}`);
    check(
      dq.unidentifiedOrders === f.unidentifiedOrders,
      `orders with no identity: shopmetrics ${dq.unidentifiedOrders}, DuckDB ${f.unidentifiedOrders}`,
    );
    const missing = uncompared(cliOut);
    check(
      missing.length === 0,
      `metrics compared: ${missing.length ? `not the same list as the report's (${missing.join(", ")})` : `all ${METRICS.length} the report prints`}`,
    );
    lines.push("");
    bad += compare("shopmetrics", cliOut.groups.map(cliToCents), "DuckDB", duckOut.groups, lines);
  } else {
    lines.push("- shopmetrics: not run (see above); DuckDB checked against the generator's truth only.");
  }
  lines.push("");
  bad += compare("DuckDB", duckOut.groups, "generator truth", truthGroups(stats.expectedReport), lines, truthMetrics(stats.expectedReport));
  return { bad, lines };
}

// ------------------------------------------------------------------ main
function log(s) {
  process.stderr.write(`${s}\n`);
}
const rel = (p) => (p.startsWith(`${ROOT}/`) ? p.slice(ROOT.length + 1) : p);
function parseArgs(argv) {
  const o = {
    orders: 1_000_000,
    seed: 42,
    runs: 3,
    writeDoc: false,
    duckdb: null,
    asOf: null,
    days: WINDOW_DAYS,
    only: null,
    build: true,
    scale: null,
    variants: false,
    profile: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i],
      v = () => argv[++i];
    if (a === "--orders") o.orders = Number(v());
    else if (a === "--seed") o.seed = Number(v());
    else if (a === "--runs") o.runs = Number(v());
    else if (a === "--write-doc") o.writeDoc = true;
    else if (a === "--duckdb") o.duckdb = v();
    else if (a === "--as-of") o.asOf = v();
    else if (a === "--days") o.days = Number(v());
    else if (a === "--only") o.only = v();
    else if (a === "--no-build") o.build = false;
    else if (a === "--variants") o.variants = true;
    else if (a === "--profile") o.profile = true;
    else if (a === "--scale") {
      // a comma-separated list of order counts, or none: SCALE_DEFAULT
      const list = argv[i + 1] !== undefined && !argv[i + 1].startsWith("--") ? v() : null;
      o.scale = list === null ? SCALE_DEFAULT : list.split(",").map((x) => Number(x.trim().replace(/_/g, "")));
    } else throw new Error(`unknown argument ${a}`);
  }
  if (!Number.isInteger(o.orders) || o.orders < 1) throw new Error("--orders must be a positive integer");
  if (!Number.isInteger(o.runs) || o.runs < 1) throw new Error("--runs must be a positive integer");
  if (!Number.isInteger(o.days) || o.days < 1) throw new Error("--days must be a positive integer");
  if (o.only !== null && o.only !== "shuffle" && o.only !== "analyses") throw new Error("--only takes shuffle or analyses");
  if (o.only && o.writeDoc) throw new Error("--write-doc rewrites the full bench's section; it can't go with --only");
  if (o.scale && !o.scale.every((n) => Number.isInteger(n) && n >= 1)) throw new Error("--scale takes order counts: --scale 100000,300000");
  if (o.scale && o.only) throw new Error("--scale and --only are two different benches");
  if (o.profile && o.only) throw new Error("--profile goes with the full bench, not with --only");
  if (o.variants && (o.scale || o.only))
    throw new Error("--variants goes with the single-size bench (--orders N), not with --scale or --only");
  return o;
}

function generate(orders, seed) {
  const dir = join(BENCH_DIR, `shop-${orders}-seed${seed}`);
  const file = join(dir, "orders_export.csv"),
    statsFile = join(dir, "stats.json");
  if (existsSync(statsFile) && existsSync(file)) {
    log(`reusing ${rel(file)}`);
  } else {
    log(`generating ${orders} orders (seed ${seed}) into ${rel(dir)} ...`);
    mkdirSync(dir, { recursive: true });
    const errFd = openSync(`${statsFile}.tmp`, "w");
    const r = spawnSync(
      process.execPath,
      [join(ROOT, "scripts/generate-shop.mjs"), "--out", dir, "--orders", String(orders), "--seed", String(seed), "--customers-file", "no"],
      { stdio: ["ignore", "inherit", errFd] },
    );
    closeSync(errFd);
    if (r.status !== 0) throw new Error(`generate-shop.mjs failed:\n${readFileSync(`${statsFile}.tmp`, "utf8")}`);
    renameSync(`${statsFile}.tmp`, statsFile); // written last: its presence marks a complete file
  }
  return { file, stats: JSON.parse(readFileSync(statsFile, "utf8")) };
}

// ------------------------------------------------------------------ the same records, shuffled
// A CSV record ends at a line break outside quotes (a Shopify note may hold quoted line breaks,
// and "" inside quotes toggles twice, so counting quotes is enough). The header stays first; the
// other records are permuted by a Fisher-Yates shuffle driven by mulberry32(seed), so the file is
// the same on every machine. Reused when already there.
const SHUFFLE_MAX_RATIO = 1.5;
function shuffled(file, seed) {
  const out = join(dirname(file), `shuffled-seed${seed}`, "orders_export.csv");
  if (existsSync(out)) {
    log(`reusing ${rel(out)}`);
    return out;
  }
  log(`shuffling the records of ${rel(file)} (seed ${seed}) into ${rel(out)} ...`);
  const buf = readFileSync(file);
  let starts = new Float64Array(1 << 20);
  let n = 0;
  let inQuote = false;
  starts[n++] = 0;
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i];
    if (c === 0x22) inQuote = !inQuote;
    else if (c === 0x0a && !inQuote && i + 1 < buf.length) {
      if (n === starts.length) {
        const grown = new Float64Array(n * 2);
        grown.set(starts);
        starts = grown;
      }
      starts[n++] = i + 1;
    }
  }
  if (inQuote) throw new Error(`${rel(file)} ends inside quotes`);
  const end = (k) => (k + 1 < n ? starts[k + 1] : buf.length);
  const order = new Uint32Array(n - 1).map((_, k) => k + 1); // record 0 is the header
  let a = seed >>> 0;
  const rng = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let k = order.length - 1; k > 0; k--) {
    const j = Math.floor(rng() * (k + 1));
    const t = order[k];
    order[k] = order[j];
    order[j] = t;
  }
  mkdirSync(dirname(out), { recursive: true });
  const fd = openSync(`${out}.tmp`, "w");
  const newline = Buffer.from("\n");
  let chunk = [buf.subarray(0, end(0))];
  let size = chunk[0].length;
  const flush = () => {
    writeSync(fd, Buffer.concat(chunk, size));
    chunk = [];
    size = 0;
  };
  for (const k of order) {
    const rec = buf.subarray(starts[k], end(k));
    chunk.push(rec);
    size += rec.length;
    if (rec[rec.length - 1] !== 0x0a) {
      chunk.push(newline); // the last record of the file may lack its line break
      size += 1;
    }
    if (size >= 1 << 20) flush();
  }
  flush();
  closeSync(fd);
  renameSync(`${out}.tmp`, out); // renamed last: its presence marks a complete file
  log(`  ${(n - 1).toLocaleString("en-US")} records shuffled`);
  return out;
}

// Every figure of two reports, as "path: value" lines that differ (groups' metrics and the
// dataQuality counts; not the problems' line numbers, which move with the rows).
function reportDifferences(a, b) {
  const figures = (r) => {
    // The files' names differ (the shuffled one is another file); everything said of them must not.
    const { problems: _p, inputs = [], ...dq } = r.dataQuality ?? {};
    dq.inputs = inputs.map(({ file: _f, ...input }) => input);
    return { asOf: r.asOf, window: r.window, groups: r.groups.map((g) => ({ currency: g.currency, metrics: g.metrics })), dataQuality: dq };
  };
  const flat = (x, path, outMap) => {
    if (x !== null && typeof x === "object") for (const [k, v] of Object.entries(x)) flat(v, path ? `${path}.${k}` : k, outMap);
    else outMap.set(path, x);
    return outMap;
  };
  const fa = flat(figures(a), "", new Map());
  const fb = flat(figures(b), "", new Map());
  const diffs = [];
  for (const k of new Set([...fa.keys(), ...fb.keys()])) {
    if (!Object.is(fa.get(k), fb.get(k))) diffs.push(`${k}: sorted ${JSON.stringify(fa.get(k))}, shuffled ${JSON.stringify(fb.get(k))}`);
  }
  return diffs;
}

// Build the CLI; null when it can't run (the reason is logged).
function buildCli() {
  const r = spawnSync("npm", ["run", "build", "--silent"], { cwd: ROOT, encoding: "utf8" });
  if (r.status !== 0) {
    const why = `${r.stdout ?? ""}${r.stderr ?? ""}${r.error?.message ?? ""}`.trim();
    log(`shopmetrics: 'npm run build' failed, so the CLI is skipped:\n${why.split("\n").slice(0, 15).join("\n")}`);
    return false;
  }
  return true;
}

// ------------------------------------------------------------------ rounds and load
// The machine's load average (1, 5, 15 minutes), said at the start and end of every bench: the
// figures mean little on a machine that was busy with something else.
const loadFigures = (l) => l.map((x) => x.toFixed(2)).join(", ");
const showLoad = (l) => `${loadFigures(l)} (1, 5, 15 min; ${availableParallelism()} CPUs)`;
const secs = (ms) => `${(ms / 1000).toFixed(2)} s`;

// Times each entry `runs` times, in rounds: every entry once a round, in the order given in even
// rounds and reversed in odd ones, so that a machine that slows down or speeds up during the bench
// weighs on all alike and none always goes first. An entry is { name, cmd, args, optional }; one
// that exits non-zero stops the bench, unless optional: then it is said and left out of later
// rounds, and its result is null. Results: name -> summarize(runs, last run's stdout as JSON).
async function interleaved(entries, runs) {
  const done = new Map(entries.map((e) => [e.name, []]));
  const failed = new Set();
  for (let i = 0; i < runs; i++) {
    for (const e of i % 2 ? [...entries].reverse() : entries) {
      if (failed.has(e.name)) continue;
      const m = await measure(e.cmd, e.args);
      if (m.code !== 0) {
        const why = `${e.name} exited ${m.code}:\n${m.stderr.trim().split("\n").slice(0, 15).join("\n")}`;
        if (!e.optional) throw new Error(why);
        log(why);
        failed.add(e.name);
        continue;
      }
      const cpu = m.cpuMs === null ? "" : ` (CPU ${secs(m.cpuMs)})`;
      log(`  round ${i + 1}, ${e.name}: ${secs(m.wallMs)}${cpu}, peak RSS ${m.peakRssMb.toFixed(0)} MB`);
      done.get(e.name).push(m);
    }
  }
  const result = new Map();
  for (const e of entries) {
    const ms = done.get(e.name);
    // A run that writes its output to a file (--out) prints nothing: no figures to compare.
    const stdout = ms[ms.length - 1].stdout;
    result.set(e.name, failed.has(e.name) ? null : summarize(ms, stdout === "" ? null : JSON.parse(stdout)));
  }
  return result;
}

const cliArgs = (file, asOf, extra = []) => [
  "bin/shopmetrics.js",
  "report",
  "--orders",
  file,
  "--format",
  "json",
  "--tz",
  TZ,
  "--as-of",
  asOf,
  "--window",
  `${WINDOW_DAYS}d`,
  ...extra,
];
const duckArgs = (file, asOf) => [join(ROOT, "scripts/bench.mjs"), "--duckdb", file, "--as-of", asOf];

// ------------------------------------------------------------------ --scale: the scaling table
const SCALE_DEFAULT = [100_000, 300_000, 1_000_000, 3_000_000];
// Miller's minimal pass: read every record, sum one column per currency (a value-typed CSV read
// of the whole file with a little arithmetic, the least any tool computing a metric must do).
const mlrArgs = (file) => ["--icsv", "--ojson", "stats1", "-a", "count,sum", "-f", "Total", "-g", "Currency", file];

// The other tools of the table: their version, or null when not installed.
function otherTools() {
  const mlr = spawnSync("mlr", ["--version"], { encoding: "utf8" });
  const csvParsePkg = join(ROOT, "node_modules", "csv-parse", "package.json");
  return {
    mlr: mlr.status === 0 ? mlr.stdout.trim() : null,
    csvParse: existsSync(csvParsePkg) ? `csv-parse ${JSON.parse(readFileSync(csvParsePkg, "utf8")).version}` : null,
  };
}

async function runScale(opts) {
  const tools = otherTools();
  log(`Miller: ${tools.mlr ?? "not installed"}; csv-parse: ${tools.csvParse ?? "not installed (npm ci installs it)"}`);
  const table = [
    "| orders | rows | MB | tool | wall | MB/s | orders/s | peak RSS | wall ÷ DuckDB's |",
    "|---:|---:|---:|---|---:|---:|---:|---:|---:|",
  ];
  const notes = [
    `| orders | load average at start (1, 5, 15 min; ${availableParallelism()} CPUs) | at end | shopmetrics against DuckDB | inside DuckDB: start-up, reading the CSV, the query |`,
    "|---:|---|---|---|---|",
  ];
  const disagreements = [];
  let bad = 0;
  let duckdbVersion = null;
  for (const n of opts.scale) {
    const { file, stats } = generate(n, opts.seed);
    const sizeMb = statSync(file).size / 1e6;
    const asOf = stats.expectedReport.asOf;
    const loadStart = loadavg();
    log(`${rel(file)}: ${sizeMb.toFixed(1)} MB, ${stats.orders} orders, ${stats.lineItemRows} rows; load average ${showLoad(loadStart)}`);
    const entries = [
      { name: "shopmetrics", cmd: process.execPath, args: cliArgs(file, asOf) },
      { name: "DuckDB", cmd: process.execPath, args: duckArgs(file, asOf) },
    ];
    if (tools.mlr) entries.push({ name: "Miller", cmd: "mlr", args: mlrArgs(file) });
    if (tools.csvParse)
      entries.push({ name: "csv-parse alone", cmd: process.execPath, args: [join(ROOT, "scripts/bench-csv-parse.mjs"), file] });
    const timed = await interleaved(entries, opts.runs);
    const loadEnd = loadavg();
    const cli = timed.get("shopmetrics"),
      duck = timed.get("DuckDB");
    duckdbVersion = duck.out.engine.duckdb;

    // every check of the single-size bench, and that the other two read the whole file
    const checked = checkFile(cli.out, duck.out, stats, asOf);
    const mlr = timed.get("Miller");
    if (mlr) {
      const totals = mlr.out.reduce((sum, g) => sum + g.Total_count, 0);
      checked.lines.push(
        `- Miller counted ${totals} order totals, the generator wrote ${stats.orders}: ${totals === stats.orders ? "agree" : "**DIFFER**"}`,
      );
      if (totals !== stats.orders) checked.bad++;
    }
    const csvParse = timed.get("csv-parse alone");
    if (csvParse) {
      const ok = csvParse.out.records === stats.lineItemRows + 1;
      checked.lines.push(
        `- csv-parse read ${csvParse.out.records} records, the generator wrote ${stats.lineItemRows} rows and a header: ${ok ? "agree" : "**DIFFER**"}`,
      );
      if (!ok) checked.bad++;
    }
    bad += checked.bad;
    if (checked.bad) disagreements.push(`### ${n.toLocaleString("en-US")} orders\n\n${checked.lines.join("\n")}`);

    const fmt = (x) => x.toLocaleString("en-US");
    const lead = `| ${fmt(stats.orders)} | ${fmt(stats.lineItemRows)} | ${sizeMb.toFixed(0)} |`;
    const label = {
      shopmetrics: "shopmetrics",
      DuckDB: `DuckDB ${duckdbVersion}, all ${METRICS.length} metrics`,
      Miller: tools.mlr ? `Miller ${tools.mlr.replace(/^mlr /, "")}, \`stats1\` count and sum` : "Miller",
      "csv-parse alone": tools.csvParse ? `${tools.csvParse} alone, counting records` : "csv-parse alone",
    };
    for (const name of ["shopmetrics", "DuckDB", "Miller", "csv-parse alone"]) {
      const r = timed.get(name);
      if (!r) {
        table.push(`${lead} ${label[name]} | not installed | | | | |`);
        continue;
      }
      const s = r.wallMs / 1000;
      table.push(
        `${lead} ${label[name]} | ${secs(r.wallMs)} | ${(sizeMb / s).toFixed(1)} | ${fmt(Math.round(stats.orders / s))} | ${r.peakRssMb.toFixed(0)} MB (max ${r.maxRssMb.toFixed(0)}) | ${name === "shopmetrics" ? "**" : ""}${(r.wallMs / duck.wallMs).toFixed(2)}${name === "shopmetrics" ? "**" : ""} |`,
      );
    }
    const t = duck.out.timingMs;
    const agreement = checked.bad
      ? `**${checked.bad} disagreement(s)** (below)`
      : `all ${METRICS.length} metrics of ${duck.out.groups.length} currencies agree`;
    notes.push(
      `| ${fmt(stats.orders)} | ${loadFigures(loadStart)} | ${loadFigures(loadEnd)} | ${agreement} | ${secs(t.startup)}, ${secs(t.loadCsv)}, ${secs(t.query)} |`,
    );
    log(`  ${checked.bad ? `${checked.bad} disagreement(s)` : "all metrics agree"}; load average ${showLoad(loadEnd)}`);
  }
  const block = [
    "## Scaling",
    "",
    `Median of ${opts.runs} interleaved rounds per size (the tools in the order of the table, the other way round every other round), wall time of the whole process, on files made by \`generate-shop.mjs --seed ${opts.seed}\`. shopmetrics: \`report --format json --tz ${TZ} --as-of (latest order's date) --window ${WINDOW_DAYS}d\`; DuckDB: every metric the report prints, in SQL, reading the CSV into a table included; Miller: \`mlr ${mlrArgs("FILE").join(" ")}\`, which reads every record and sums one column; csv-parse alone: \`scripts/bench-csv-parse.mjs\`, the file streamed through csv-parse counting records, no metrics. The last column is each tool's wall time over DuckDB's for the same file.`,
    "",
    ...table,
    "",
    ...notes,
    ...(disagreements.length ? ["", ...disagreements] : []),
  ].join("\n");
  process.stdout.write(`${block}\n`);
  return { block, bad, duckdbVersion };
}

// ------------------------------------------------------------------ --variants: WooCommerce and Shoptet
// Issue 10: the same shop exported by WooCommerce and by Shoptet (scripts/bench-variants.mjs:
// same orders, the platform's own layout, encoding, delimiter and decimal mark) must cost at most
// VARIANT_MAX_RATIO x the Shopify file, and give the same figures.
const VARIANT_MAX_RATIO = 1.2;

// The variant files of the bench file, written next to it and reused; a variant's stats file is
// written last, so its presence marks a complete variant.
async function variantFiles(file) {
  const { PLATFORMS, writeVariant } = await import("./bench-variants.mjs");
  const out = [];
  for (const platform of PLATFORMS) {
    const dir = join(dirname(file), platform);
    const csv = join(dir, "orders_export.csv"),
      statsFile = join(dir, "variant.json");
    if (existsSync(csv) && existsSync(statsFile)) log(`reusing ${rel(csv)}`);
    else {
      log(`writing the ${platform} variant of ${rel(file)} into ${rel(csv)} ...`);
      mkdirSync(dir, { recursive: true });
      const stats = await writeVariant(file, platform, `${csv}.tmp`);
      renameSync(`${csv}.tmp`, csv);
      writeFileSync(statsFile, `${JSON.stringify(stats, null, 2)}\n`);
    }
    out.push({ platform, file: csv, stats: JSON.parse(readFileSync(statsFile, "utf8")) });
  }
  return out;
}

// A variant's report against the Shopify file's: -> { bad, lines }. Documented differences
// (bench-variants.mjs's header): guestCheckoutRate is a number on WooCommerce (its customer_id 0
// is a guest; Shopify and Shoptet can't tell); and an order placed in the hour that repeats when
// summer time ends moves one hour back (a local time without an offset is read as the earlier
// instant), which can change the gaps. Moving k orders by up to 1 h moves each customer's first
// and last order by at most 1 h, so the sum of the gaps ending in W by at most 2k h, and each
// gap by at most 2 h: the mean by at most 2k / 24 / gaps days, the median by at most 2 / 24.
function variantDifferences(platform, report, shopify, foldHourOrders, duckGroups) {
  let bad = 0;
  const lines = [];
  const fail = (text) => {
    bad++;
    lines.push(`- **${text}**`);
  };
  const detected = report.inputs?.[0]?.platform;
  if (detected !== platform) fail(`read as ${detected}, not ${platform}`);
  if (report.asOf !== shopify.asOf || report.window.from !== shopify.window.from || report.window.to !== shopify.window.to) {
    fail(
      `as-of ${report.asOf}, window ${report.window.from} .. ${report.window.to}; Shopify's ${shopify.asOf}, ${shopify.window.from} .. ${shopify.window.to}`,
    );
  }
  for (const k of ["ordersRead", "unidentifiedOrders", "rowsSkipped"]) {
    if (report.dataQuality[k] !== shopify.dataQuality[k])
      fail(`dataQuality.${k} ${report.dataQuality[k]}, Shopify's ${shopify.dataQuality[k]}`);
  }
  if (JSON.stringify(report.dataQuality.ordersExcluded) !== JSON.stringify(shopify.dataQuality.ordersExcluded)) {
    fail(
      `orders excluded ${JSON.stringify(report.dataQuality.ordersExcluded)}, Shopify's ${JSON.stringify(shopify.dataQuality.ordersExcluded)}`,
    );
  }
  const currencies = [...new Set([...report.groups, ...shopify.groups].map((g) => g.currency))].sort();
  for (const cur of currencies) {
    const g = report.groups.find((x) => x.currency === cur)?.metrics,
      s = shopify.groups.find((x) => x.currency === cur)?.metrics;
    if (!g || !s) {
      fail(`${cur}: the group is ${g ? "missing from the Shopify report" : "missing"}`);
      continue;
    }
    const gaps = duckGroups.find((x) => x.currency === cur)?.gaps ?? 0;
    for (const id of Object.keys(s)) {
      const a = g[id],
        b = s[id];
      if (Object.is(a, b)) continue;
      if (id === "guestCheckoutRate" && platform === "woocommerce" && b === null && typeof a === "number" && a >= 0 && a <= 1) {
        lines.push(`- ${cur} guestCheckoutRate ${a} (WooCommerce's customer_id 0 marks guests; Shopify's export can't tell): expected`);
        continue;
      }
      const days = id === "avgDaysBetweenPurchases" || id === "medianDaysBetweenPurchases";
      if (days && foldHourOrders > 0 && typeof a === "number" && typeof b === "number") {
        const bound = id === "avgDaysBetweenPurchases" ? (2 * foldHourOrders) / 24 / gaps : 2 / 24;
        const within = Math.abs(a - b) <= bound + 1e-9;
        const text = `${cur} ${id} ${a}, Shopify's ${b}: ${(a - b).toExponential(2)} days, ${within ? "within" : "over"} the ${bound.toExponential(2)} that ${foldHourOrders} order(s) in the repeated DST hour can move it`;
        if (within) lines.push(`- ${text}: expected`);
        else fail(text);
        continue;
      }
      fail(`${cur} ${id} ${a}, Shopify's ${b}`);
    }
  }
  return { bad, lines };
}

async function runVariants(file, stats, asOf, opts, duckGroups) {
  const variants = await variantFiles(file);
  const loadStart = loadavg();
  const entries = [
    { name: "shopify", cmd: process.execPath, args: cliArgs(file, asOf) },
    ...variants.map((v) => ({ name: v.platform, cmd: process.execPath, args: cliArgs(v.file, asOf) })),
  ];
  const timed = await interleaved(entries, opts.runs);
  const loadEnd = loadavg();
  const shopify = timed.get("shopify");
  let bad = 0,
    slow = 0;
  const fmt = (x) => x.toLocaleString("en-US");
  const table = [
    `| file | platform read as | MB | rows | wall | MB/s | orders/s | peak RSS | wall ÷ Shopify's (limit ${VARIANT_MAX_RATIO}) |`,
    "|---|---|---:|---:|---:|---:|---:|---:|---:|",
  ];
  const findings = [];
  for (const v of [{ platform: "shopify", file, stats: { foldHourOrders: 0 } }, ...variants]) {
    const r = timed.get(v.platform);
    const mb = statSync(v.file).size / 1e6;
    const s = r.wallMs / 1000;
    const ratio = r.wallMs / shopify.wallMs;
    const over = v.platform !== "shopify" && ratio > VARIANT_MAX_RATIO;
    if (over) slow++;
    const input = r.out.inputs?.[0] ?? {};
    table.push(
      `| ${v.platform === "shopify" ? "Shopify (as generated)" : v.platform === "woocommerce" ? "WooCommerce" : "Shoptet"} | ${input.platform} (${input.encoding}, \`${input.delimiter}\`) | ${mb.toFixed(0)} | ${fmt(input.rows)} | ${secs(r.wallMs)} | ${(mb / s).toFixed(1)} | ${fmt(Math.round(stats.orders / s))} | ${r.peakRssMb.toFixed(0)} MB (max ${r.maxRssMb.toFixed(0)}) | ${v.platform === "shopify" ? "1.00" : `**${ratio.toFixed(2)}**${over ? " (over)" : ""}`} |`,
    );
    if (v.platform === "shopify") continue;
    const d = variantDifferences(v.platform, r.out, shopify.out, v.stats.foldHourOrders, duckGroups);
    bad += d.bad;
    const fold = v.stats.foldHourOrders
      ? ` ${v.stats.foldHourOrders} order(s) in the repeated DST hour (${v.stats.foldHourExamples.join(", ")}).`
      : "";
    findings.push(
      `- **${v.platform}**: ${d.bad ? `${d.bad} figure(s) differ from the Shopify report's.` : `${d.lines.length ? "every other figure" : "every figure"} (all metrics of every currency, as-of, window, orders read, excluded and unidentified) equals the Shopify report's.`}${fold}`,
      ...d.lines.map((l) => `  ${l}`),
    );
  }
  const block = [
    `## WooCommerce and Shoptet variants (${fmt(stats.orders)} orders)`,
    "",
    `The bench file rewritten by \`scripts/bench-variants.mjs\` as a WooCommerce (SkyVerge) and a Shoptet orders export holding the same orders; the same \`shopmetrics report\` command on each (the platform, encoding, delimiter and decimal mark detected). Median of ${opts.runs} interleaved rounds (Shopify, WooCommerce, Shoptet; the other way round every other round). Load average at start ${showLoad(loadStart)}; at end ${showLoad(loadEnd)}.`,
    "",
    ...table,
    "",
    ...findings,
  ].join("\n");
  process.stdout.write(`${block}\n\n`);
  if (slow) log(`variants: ${slow} over ${VARIANT_MAX_RATIO}x the Shopify file's time`);
  if (bad) log(`variants: ${bad} figure(s) differ from the Shopify report's`);
  if (!slow && !bad) log(`variants: within ${VARIANT_MAX_RATIO}x the Shopify file, same figures`);
  return { block, bad: bad + slow };
}

// ------------------------------------------------------------------ --profile: where the time goes
// One run of the report under `node --cpu-prof`; the profile's samples give each function's self
// time (time in the function itself, not in what it calls): sample i lasts until sample i + 1
// (timeDeltas[i] is the time since the sample before), the last one until the profile's end.
// Functions of dist/ are shown at their line in src/, through the build's source maps.
const PROFILE_TOP = 15;

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
// A source map's mappings: per generated line, its segments [column, source, line, column].
function decodeMappings(mappings) {
  const lines = [];
  let source = 0,
    line = 0,
    column = 0;
  for (const text of mappings.split(";")) {
    const segments = [];
    let generated = 0;
    for (const segment of text.split(",")) {
      if (segment === "") continue;
      const fields = [];
      let value = 0,
        shift = 0;
      for (const ch of segment) {
        const digit = B64.indexOf(ch);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      generated += fields[0];
      if (fields.length < 4) continue;
      source += fields[1];
      line += fields[2];
      column += fields[3];
      segments.push([generated, source, line, column]);
    }
    lines.push(segments);
  }
  return lines;
}
const sourceMaps = new Map();
// "src/io/csv/tokenizer.ts:120" for a 0-based line and column of a dist/ file, or the file's own
// path and line when it has no map.
function sourceLocation(url, line0, column0) {
  if (url === "") return "(native)";
  if (!url.startsWith("file://")) return `${url}:${line0 + 1}`;
  const file = fileURLToPath(url);
  if (!sourceMaps.has(file)) {
    let map = null;
    try {
      const raw = JSON.parse(readFileSync(`${file}.map`, "utf8"));
      map = { sources: raw.sources.map((s) => resolve(dirname(file), raw.sourceRoot ?? "", s)), lines: decodeMappings(raw.mappings) };
    } catch {
      /* no source map */
    }
    sourceMaps.set(file, map);
  }
  const map = sourceMaps.get(file);
  const segments = map?.lines[line0] ?? [];
  let best = segments[0];
  for (const s of segments) if (s[0] <= column0) best = s;
  return best ? `${rel(map.sources[best[1]])}:${best[2] + 1}` : `${rel(file)}:${line0 + 1}`;
}

function profileSummary(profile) {
  const { nodes, samples, timeDeltas, startTime, endTime } = profile;
  const frameOf = new Map(nodes.map((n) => [n.id, n.callFrame]));
  const selfUs = new Map(); // node id -> µs
  const stamps = [];
  let t = startTime;
  for (const d of timeDeltas) {
    t += d;
    stamps.push(t);
  }
  for (let i = 0; i < samples.length; i++) {
    const us = (i + 1 < samples.length ? stamps[i + 1] : endTime) - stamps[i];
    selfUs.set(samples[i], (selfUs.get(samples[i]) ?? 0) + us);
  }
  const fns = new Map(); // one entry per function, however many call paths (nodes) it has
  const files = new Map();
  let total = 0;
  for (const [id, us] of selfUs) {
    const f = frameOf.get(id);
    total += us;
    const key = `${f.functionName}\0${f.url}\0${f.lineNumber}\0${f.columnNumber}`;
    const entry = fns.get(key) ?? {
      name: f.functionName || "(anonymous)",
      where: sourceLocation(f.url, f.lineNumber, f.columnNumber),
      us: 0,
    };
    entry.us += us;
    fns.set(key, entry);
    const file = entry.where.replace(/:\d+$/, "");
    files.set(file, (files.get(file) ?? 0) + us);
  }
  const byTime = (a, b) => b[1] - a[1];
  return {
    totalMs: total / 1000,
    samples: samples.length,
    top: [...fns.values()].sort((a, b) => b.us - a.us).slice(0, PROFILE_TOP),
    files: [...files.entries()].sort(byTime),
  };
}

async function runProfile(file, stats, asOf) {
  const dir = join(dirname(file), "cpu-profile");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const loadStart = loadavg();
  log(`profiling shopmetrics on ${rel(file)} ...`);
  const m = await measure(process.execPath, ["--cpu-prof", `--cpu-prof-dir=${dir}`, ...cliArgs(file, asOf)]);
  if (m.code !== 0) throw new Error(`shopmetrics under --cpu-prof exited ${m.code}:\n${m.stderr}`);
  const loadEnd = loadavg();
  // One profile a thread: Node names them CPU.<date>.<time>.<pid>.<thread id>.<n>.cpuprofile, the
  // main thread's id 0; a file from 24 MiB has a reading thread too (src/io/csv/read-thread.ts).
  const threadOf = (f) => Number(f.split(".").at(-3));
  const profiles = readdirSync(dir)
    .filter((f) => f.endsWith(".cpuprofile"))
    .sort((a, b) => threadOf(a) - threadOf(b));
  if (profiles.length === 0) throw new Error(`no .cpuprofile in ${rel(dir)}`);
  const ms = (us) => `${(us / 1000).toFixed(0)} ms`;
  const block = [
    `## Where the time goes (CPU profile, ${stats.orders.toLocaleString("en-US")} orders)`,
    "",
    `One run of the report under \`node --cpu-prof\`: ${secs(m.wallMs)} wall (the profiler slows it down a little). Load average at start ${showLoad(loadStart)}; at end ${showLoad(loadEnd)}. Per thread, the ${PROFILE_TOP} functions with the most self time (time in the function itself, not in the functions it calls; dist/ shown at its src/ line through the source maps); \`(idle)\` is a thread waiting for the other.`,
  ];
  for (const f of profiles) {
    const summary = profileSummary(JSON.parse(readFileSync(join(dir, f), "utf8")));
    const pct = (us) => `${((100 * us) / 1000 / summary.totalMs).toFixed(1)} %`;
    block.push(
      "",
      `### ${threadOf(f) === 0 ? "Main thread (the readers, then the metrics)" : "Reading thread (dialect, tokenizer, row hashes)"}: ${(summary.totalMs / 1000).toFixed(2)} s profiled in ${summary.samples.toLocaleString("en-US")} samples`,
      "",
      "| # | function | where | self time | share |",
      "|---:|---|---|---:|---:|",
      ...summary.top.map((fn, i) => `| ${i + 1} | \`${fn.name}\` | ${fn.where} | ${ms(fn.us)} | ${pct(fn.us)} |`),
      "",
      `By file (self time): ${summary.files
        .slice(0, 8)
        .map(([file, us]) => `${file} ${pct(us)}`)
        .join(", ")}.`,
    );
  }
  block.push("", `The profiles are kept in \`${rel(dir)}/\` (open them in Chrome's DevTools or speedscope).`);
  const text = block.join("\n");
  process.stdout.write(`${text}\n\n`);
  return { block: text };
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.duckdb) return duckdbChild(resolve(opts.duckdb), opts.asOf, opts.days);
  const loadStart = loadavg();
  log(`load average at start: ${showLoad(loadStart)}`);

  if (opts.scale) {
    if (opts.build && !buildCli()) throw new Error("--scale needs the CLI, and it could not be built");
    ensureDuckDB();
    const scale = await runScale(opts);
    // the profile of the largest size
    const largest = opts.profile ? generate(Math.max(...opts.scale), opts.seed) : null;
    const profile = largest ? await runProfile(largest.file, largest.stats, largest.stats.expectedReport.asOf) : null;
    log(`load average at end: ${showLoad(loadavg())}`);
    if (opts.writeDoc)
      writeDoc({ scale: scale.block, ...(profile ? { profile: profile.block } : {}), machine: machineBlock(scale.duckdbVersion) });
    if (scale.bad) log(`${scale.bad} disagreement(s)`);
    else log("every size: shopmetrics and DuckDB agree");
    process.exitCode = scale.bad ? 1 : 0;
    return;
  }

  const { file, stats } = generate(opts.orders, opts.seed);
  const sizeMb = statSync(file).size / 1e6;
  const asOf = stats.expectedReport.asOf; // = Prague date of the latest order, as the CLI's default
  log(`${rel(file)}: ${sizeMb.toFixed(1)} MB, ${stats.orders} orders, ${stats.lineItemRows} rows, as-of ${asOf}`);
  const shuffledFile = shuffled(file, opts.seed);
  const withCli = !opts.build || buildCli();
  if (opts.only === "analyses") {
    if (!withCli) throw new Error("--only analyses needs the CLI, and it could not be built");
    const analyses = await runAnalyses(file, asOf, opts);
    log(`load average at end: ${showLoad(loadavg())}`);
    process.exitCode = analyses.bad ? 1 : 0;
    return;
  }
  if (opts.only !== "shuffle") ensureDuckDB();

  // --- shopmetrics on the file and on its shuffled records, and DuckDB, in interleaved rounds:
  // sorted, DuckDB, shuffled, then the other way round, so that each pair alternates who goes first
  const entries = [];
  if (withCli) entries.push({ name: "shopmetrics", cmd: process.execPath, args: cliArgs(file, asOf), optional: true });
  if (opts.only !== "shuffle") entries.push({ name: "DuckDB", cmd: process.execPath, args: duckArgs(file, asOf) });
  if (withCli) entries.push({ name: "shopmetrics (shuffled)", cmd: process.execPath, args: cliArgs(shuffledFile, asOf), optional: true });
  const timed = await interleaved(entries, opts.runs);
  let cli = timed.get("shopmetrics") ?? null;
  const shufCli = timed.get("shopmetrics (shuffled)") ?? null;
  if (!shufCli) cli = null; // the CLI failed on one of the two: it is not reported on either

  let shuffle = null; // { file, cli, ratio, diffs, block }
  if (cli) {
    const ratio = shufCli.wallMs / cli.wallMs;
    const diffs = reportDifferences(cli.out, shufCli.out);
    const cpu = (x) => (x.cpuMs === null ? "n/a" : secs(x.cpuMs));
    const r = (x) => `${secs(x.wallMs)} | ${cpu(x)} | ${x.peakRssMb.toFixed(0)} MB (max ${x.maxRssMb.toFixed(0)}) |`;
    const block = [
      `Input: ${stats.orders.toLocaleString("en-US")} orders, ${stats.lineItemRows.toLocaleString("en-US")} rows, ${sizeMb.toFixed(0)} MB; the shuffled file holds the same records in a seeded random order (seed ${opts.seed}). Median of ${opts.runs} interleaved rounds, wall time of the whole process.`,
      "",
      "| file | wall time | CPU time (user + sys) | peak RSS |",
      "|---|---:|---:|---:|",
      `| sorted (as generated) | ${r(cli)}`,
      `| shuffled records | ${r(shufCli)}`,
      "",
      `shuffled / sorted wall-time ratio: **${ratio.toFixed(2)}** (limit ${SHUFFLE_MAX_RATIO}); CPU-time ratio ${cli.cpuMs ? (shufCli.cpuMs / cli.cpuMs).toFixed(2) : "n/a"}; peak RSS ratio ${(shufCli.peakRssMb / cli.peakRssMb).toFixed(2)}.`,
      "",
      diffs.length
        ? `**The two reports differ in ${diffs.length} figure(s):**\n\n${diffs.map((d) => `- ${d}`).join("\n")}`
        : "Both reports give identical figures (every metric of every currency, and the dataQuality counts).",
    ].join("\n");
    shuffle = { file: shuffledFile, cli: shufCli, ratio, diffs, block };
    process.stdout.write(`${block}\n\n`);
  }
  if (opts.only === "shuffle") {
    if (!shuffle) throw new Error("shopmetrics could not be run on both files");
    log(`load average at end: ${showLoad(loadavg())}`);
    return finishShuffle(shuffle);
  }

  // --- shopmetrics, 24 monthly windows in one read (issue 3: well under 2× the single report)
  let series = null;
  if (cli) {
    const every = ["--window", "1m", "--every", "month", "--periods", "24"];
    const args = cliArgs(file, asOf).slice(0, -2).concat(every);
    series = (await interleaved([{ name: "shopmetrics --every month --periods 24", cmd: process.execPath, args }], opts.runs)).get(
      "shopmetrics --every month --periods 24",
    );
  }

  // --- compare
  const duck = timed.get("DuckDB");
  const duckOut = duck.out;
  const { bad, lines } = checkFile(cli?.out ?? null, duckOut, stats, asOf);
  const comparison = lines.join("\n");
  process.stdout.write(`${comparison}\n\n`);

  // --- figures
  const loadEnd = loadavg();
  const row = (name, r) =>
    r
      ? `| ${name} | ${secs(r.wallMs)} | ${(sizeMb / (r.wallMs / 1000)).toFixed(1)} | ${Math.round(stats.orders / (r.wallMs / 1000)).toLocaleString("en-US")} | ${r.peakRssMb.toFixed(0)} MB (max ${r.maxRssMb.toFixed(0)}) |`
      : `| ${name} | TODO | TODO | TODO | TODO |`;
  const table = [
    `Input: ${stats.orders.toLocaleString("en-US")} orders, ${stats.lineItemRows.toLocaleString("en-US")} rows, ${sizeMb.toFixed(0)} MB; median of ${opts.runs} interleaved rounds (shopmetrics, DuckDB, shopmetrics on the shuffled file; the other way round every other round), wall time of the whole process. Load average at start ${showLoad(loadStart)}; at end ${showLoad(loadEnd)}.`,
    "",
    "| tool | wall time | MB/s | orders/s | peak RSS |",
    "|---|---:|---:|---:|---:|",
    row("shopmetrics", cli),
    row(`DuckDB ${duckOut.engine.duckdb} (${duckOut.engine.threads} threads), all ${METRICS.length} metrics`, duck),
    "",
    cli
      ? `shopmetrics / DuckDB wall-time ratio: **${(cli.wallMs / duck.wallMs).toFixed(2)}**`
      : "shopmetrics / DuckDB wall-time ratio: TODO",
    ...(series
      ? [
          "",
          `shopmetrics \`--window 1m --every month --periods 24\` (one read, 24 windows): ${secs(series.wallMs)}, ${(series.wallMs / cli.wallMs).toFixed(2)}× the single report; peak RSS ${series.peakRssMb.toFixed(0)} MB.`,
        ]
      : []),
  ].join("\n");
  process.stdout.write(`${table}\n`);
  const analyses = cli ? await runAnalyses(file, asOf, opts) : null;
  const variants = opts.variants && cli ? await runVariants(file, stats, asOf, opts, duckOut.groups) : null;
  if (opts.variants && !cli) log("variants: not timed, the CLI could not be run");
  const profile = opts.profile && cli ? await runProfile(file, stats, asOf) : null;
  if (opts.profile && !cli) log("profile: not taken, the CLI could not be run");

  const t = duckOut.timingMs;
  const inside = `Inside the DuckDB process: start-up and import ${secs(t.startup)}, reading the CSV into a table ${secs(t.loadCsv)}, the metrics query ${secs(t.query)} (last run).`;
  log(inside);
  log(`load average at end: ${showLoad(loadavg())}`);
  if (opts.writeDoc) {
    writeDoc({
      result: resultBlock({ table, inside, comparison, shuffle }, opts, duckOut, cli, bad),
      ...(analyses ? { analyses: analyses.block } : {}),
      ...(variants ? { variants: variants.block } : {}),
      ...(profile ? { profile: profile.block } : {}),
      machine: machineBlock(duckOut.engine.duckdb),
    });
  }

  if (bad) log(`${bad} disagreement(s)`);
  else log(cli ? "shopmetrics and DuckDB agree" : "DuckDB agrees with the generator; shopmetrics was not checked");
  process.exitCode = bad || variants?.bad || analyses?.bad ? 1 : cli ? 0 : 2;
  if (shuffle) finishShuffle(shuffle);
}

// ------------------------------------------------------------------ cohorts and rfm (issue 13)
// `cohorts` and `rfm` read the file as `report` does and then compute per customer: each may cost
// at most ANALYSES_MAX_RATIO x a single report on the same file, timed in the same interleaved
// rounds. rfm --customers-out also keeps each customer's email text and writes the list.
const ANALYSES_MAX_RATIO = 1.3;
const HTML_MAX_RATIO = 1.2;
// `clv` fits its models after the read (issue 14): at most CLV_MAX_RATIO x the report.
const CLV_MAX_RATIO = 2;

async function runAnalyses(file, asOf, opts) {
  const base = ["--orders", file, "--format", "json", "--tz", TZ, "--as-of", asOf];
  const list = join(ROOT, ".bench", "rfm-customers.csv");
  const page = join(ROOT, ".bench", "report.html");
  const entries = [
    { name: "report", cmd: process.execPath, args: cliArgs(file, asOf) },
    { name: "cohorts", cmd: process.execPath, args: ["bin/shopmetrics.js", "cohorts", ...base] },
    { name: "rfm", cmd: process.execPath, args: ["bin/shopmetrics.js", "rfm", ...base] },
    { name: "rfm --customers-out", cmd: process.execPath, args: ["bin/shopmetrics.js", "rfm", ...base, "--customers-out", list] },
    { name: "clv", cmd: process.execPath, args: ["bin/shopmetrics.js", "clv", ...base], limit: CLV_MAX_RATIO },
    // Issue 15: the report as its HTML page, written to a file, at most 1.2x the JSON report.
    {
      name: "report --format html",
      cmd: process.execPath,
      args: [...cliArgs(file, asOf), "--format", "html", "--out", page],
      limit: HTML_MAX_RATIO,
    },
  ];
  const loadStart = loadavg();
  const timed = await interleaved(entries, opts.runs);
  const report = timed.get("report");
  let bad = 0;
  const rows = entries.slice(1).map(({ name, limit = ANALYSES_MAX_RATIO }) => {
    const r = timed.get(name);
    const ratio = r.wallMs / report.wallMs;
    const over = ratio > limit;
    if (over) bad++;
    return `| \`${name}\` | ${secs(r.wallMs)} | ${r.peakRssMb.toFixed(0)} MB (max ${r.maxRssMb.toFixed(0)}) | **${ratio.toFixed(2)}**${over ? " (over)" : ""} | ${limit}× |`;
  });
  const customers = timed.get("rfm").out.groups.reduce((n, g) => n + g.customers, 0);
  const block = [
    "## Cohorts, RFM and predicted CLV (same file)",
    "",
    `\`shopmetrics cohorts\` (month cohorts, the latest 12) and \`shopmetrics rfm\` (scores 1–5 of ${customers.toLocaleString("en-US")} customers, the default grid; with \`--customers-out\`, every customer's line written too) and \`shopmetrics clv\` (BG/NBD and Gamma-Gamma fitted, every customer predicted) and \`report --format html --out FILE\` (the report as its HTML page) against the single \`report\`, all with \`--format json --tz ${TZ} --as-of ${asOf}\` (the page: html). Median of ${opts.runs} interleaved rounds (the order of the table, the other way round every other round), wall time of the whole process. Limits: ${ANALYSES_MAX_RATIO}× the report (cohorts, rfm), ${CLV_MAX_RATIO}× (clv), ${HTML_MAX_RATIO}× (the HTML page). Load average at start ${showLoad(loadStart)}; at end ${showLoad(loadavg())}.`,
    "",
    "| command | wall time | peak RSS | × report | limit |",
    "|---|---:|---:|---:|---:|",
    `| \`report\` | ${secs(report.wallMs)} | ${report.peakRssMb.toFixed(0)} MB (max ${report.maxRssMb.toFixed(0)}) | 1.00 | |`,
    ...rows,
  ].join("\n");
  process.stdout.write(`${block}\n\n`);
  if (bad) log(`cohorts, rfm and clv: ${bad} command(s) over their limit`);
  return { block, bad };
}

// Exit 1 when the shuffled file costs more than SHUFFLE_MAX_RATIO x the sorted one, or a figure differs.
function finishShuffle(shuffle) {
  const slow = shuffle.ratio > SHUFFLE_MAX_RATIO;
  if (slow) log(`shuffled rows: ${shuffle.ratio.toFixed(2)}x the sorted file, over the ${SHUFFLE_MAX_RATIO}x limit`);
  if (shuffle.diffs.length) log(`shuffled rows: ${shuffle.diffs.length} figure(s) differ from the sorted file's report`);
  if (!slow && !shuffle.diffs.length) log(`shuffled rows: ${shuffle.ratio.toFixed(2)}x the sorted file, same figures`);
  if (slow || shuffle.diffs.length) process.exitCode = 1;
}

// ------------------------------------------------------------------ docs/performance.md
// What a bench run measured goes between the bench markers as named blocks, each between
// <!-- bench:NAME --> and <!-- /bench:NAME -->, in DOC_BLOCKS order. A run rewrites the blocks it
// measured and keeps the others (a --scale run leaves the single-size result alone, and so on);
// what lies outside the markers is hand-written and kept as it is.
const DOC_BLOCKS = ["result", "analyses", "scale", "variants", "profile", "machine"];

function resultBlock({ table, inside, comparison, shuffle }, opts, duckOut, cli, bad) {
  return `## Result (${opts.orders.toLocaleString("en-US")} orders)
${cli ? "" : "\n> **TODO:** the shopmetrics figures are missing: the CLI could not be built or run when this was\n> written. Re-run `npm run bench -- --write-doc` once it works.\n"}
${table}

${inside}

Command timed: \`node bin/shopmetrics.js report --orders FILE --format json --tz ${TZ} --as-of ${duckOut.asOf} --window ${WINDOW_DAYS}d\`.
${shuffle ? `\n### Shuffled rows (same run)\n\n${shuffle.block}\n` : ""}
## Agreement

${cli ? (bad ? `**${bad} disagreement(s).**` : `Every metric of every currency agrees (all ${METRICS.length} the report prints).`) : "DuckDB agrees with the generator's own totals; shopmetrics was not compared yet."}

${comparison}`;
}

function machineBlock(duckdbVersion) {
  const free = spawnSync("free", ["-h"], { encoding: "utf8" }).stdout?.trimEnd() || `${(totalmem() / 2 ** 30).toFixed(0)} GiB total`;
  return `## Machine

- CPU: ${cpus()[0]?.model ?? "unknown"}, \`nproc\` = ${availableParallelism()}
- Node ${process.version}, DuckDB ${duckdbVersion} (\`${DUCKDB_PKG}\`)
- \`free -h\`:

\`\`\`
${free}
\`\`\``;
}

function writeDoc(blocks) {
  const path = join(ROOT, "docs", "performance.md");
  const begin = /<!-- bench:begin[^>]*-->\n/;
  const end = "<!-- bench:end -->";
  const existing = existsSync(path) ? readFileSync(path, "utf8") : "";
  const start = existing.search(begin);
  const stop = existing.indexOf(end);
  const old = {};
  if (start >= 0 && stop > start) {
    const region = existing.slice(start, stop);
    for (const m of region.matchAll(/<!-- bench:([a-z]+) -->\n[\s\S]*?<!-- \/bench:\1 -->\n/g)) old[m[1]] = m[0];
  }
  const merged = DOC_BLOCKS.map((name) =>
    blocks[name] === undefined ? old[name] : `<!-- bench:${name} -->\n${blocks[name].trim()}\n<!-- /bench:${name} -->\n`,
  )
    .filter(Boolean)
    .join("\n");
  if (start >= 0 && stop > start) {
    const head = existing.slice(0, start) + existing.slice(start).match(begin)[0];
    writeFileSync(path, `${head}${merged}\n${existing.slice(stop)}`);
  } else {
    writeFileSync(
      path,
      `${DOC_INTRO}\n<!-- bench:begin (npm run bench -- --write-doc rewrites what is between these markers) -->\n${merged}\n${end}\n\n${DOC_REPRODUCE}`,
    );
  }
  log("wrote docs/performance.md");
}

const DOC_INTRO = `# Performance

How fast \`shopmetrics report\` reads a large Shopify orders export, next to DuckDB computing the
same metrics in SQL. The DuckDB run is also an independent check of the numbers: the bench fails
if any metric of any currency differs (counts exact, money to the cent, rates to 1e-9).
`;
const DOC_REPRODUCE = `## Reproduce

\`\`\`sh
npm ci
npm run bench                       # 1,000,000 orders; prints the table above
npm run bench -- --orders 100000    # quicker
npm run bench -- --write-doc        # rewrites the measured blocks of this page
npm run bench -- --orders 100000 --only shuffle   # only sorted vs shuffled rows
npm run bench -- --orders 1000000 --only analyses # only cohorts and rfm against the report
npm run bench -- --scale 100000,300000,1000000,3000000 --write-doc   # the scaling table
npm run bench -- --orders 1000000 --variants --profile --write-doc   # WooCommerce and Shoptet files; CPU profile
\`\`\`

- The input is made by \`scripts/generate-shop.mjs --orders N --seed 42\` into \`.bench/\`
  (gitignored), and reused on later runs.
- DuckDB is installed on first use into \`.bench/duckdb\` with \`npm install --no-save\`; it is not a
  dependency of the project.
- Wall time is from spawn to exit of each process, so both include Node start-up; DuckDB's time
  includes reading the CSV (all columns as VARCHAR; it keeps only the 8 columns the metrics use)
  and uses all cores. Peak RSS is GNU \`time\`'s \`%M\` (or VmHWM from \`/proc\`). Figures are the
  median of the runs, with the highest peak RSS in brackets; the tools are timed in interleaved
  rounds.
- "generator truth" is what \`generate-shop.mjs\` knows it wrote (its stderr report), computed
  without reading the CSV.
- Miller (\`mlr\`) is timed where it is installed (\`apt-get install miller\`), csv-parse alone where
  \`npm ci\` has installed it (a dev dependency); the table says "not installed" otherwise.
- \`--variants\` writes the WooCommerce and Shoptet variants of the bench file with
  \`scripts/bench-variants.mjs\` next to it (reused on later runs); \`--profile\` keeps its
  \`.cpuprofile\` under \`.bench/\`.
- The SQL is in \`scripts/bench.mjs\` (\`SQL_LOAD\`, \`SQL_METRICS\`) and follows docs/metrics.md
  and docs/rules.md: rows grouped into orders by \`Name\` with order fields forward-filled, status
  from \`Cancelled at\` and \`Financial Status\`, revenue = Total − Refunded Amount in cents,
  customers by their trimmed, lower-cased Email, per currency, window of ${WINDOW_DAYS} days ending at local
  midnight after the as-of date in ${TZ}, the previous window the ${WINDOW_DAYS} days before it.
`;

// Run only as a script: scripts/crosscheck/*.mjs import the DuckDB installer and loader above.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    log(`bench: ${e.message}`);
    process.exit(1);
  });
}

/**
 * --compare, --every, --format csv and --fail-if, end to end on the bundled sample shop. Two
 * properties are checked by running the CLI again — a point of --every equals the single report
 * at its as-of, and "previous" equals the report one window earlier — and the change itself on a
 * five-order shop worked by hand.
 */
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers.js";

const SHOP = ["report", "--orders", "fixtures/sample-shop/orders_export.csv", "--tz", "Europe/Prague"];
const json = async (args: string[]) => {
  const run = await runCli([...SHOP, ...args, "--format", "json"]);
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout);
};

describe("--compare previous", async () => {
  const report = await json(["--window", "3m", "--as-of", "2026-03-31", "--compare", "previous"]);

  it("gives each group the previous window's metrics, equal to the report one window earlier", async () => {
    const earlier = await json(["--window", "3m", "--as-of", "2025-12-31"]);
    expect(report.groups[0].previous.window).toEqual(earlier.window);
    expect(report.groups[0].previous.window).toEqual({
      spec: "3m",
      from: "2025-10-01T00:00:00+02:00",
      to: "2026-01-01T00:00:00+01:00",
      days: 92,
    });
    for (const [i, group] of report.groups.entries()) {
      expect(group.currency).toBe(earlier.groups[i].currency);
      expect(group.previous.metrics).toEqual(earlier.groups[i].metrics);
    }
  });

  it("warns in the JSON when the previous window's own P starts before the data (2023-09-01)", async () => {
    // W = [2024-01-02, 2024-04-01); P = [2023-10-04, 2024-01-02) is inside the data, but the
    // compared window's own previous window, [2023-07-06, 2023-10-04), is not.
    const r = await json(["--window", "90d", "--as-of", "2024-03-31", "--compare", "previous"]);
    expect(r.warnings).toEqual([
      "the previous window the lifecycle metrics compare with starts on 2023-07-06, before the data (2023-09-01): customersAtStart is understated, and retention, churn and clv with it",
    ]);
    expect((await json(["--window", "90d", "--as-of", "2024-03-31"])).warnings).toEqual([]);
  });

  it("gives the change: absolute and relative, null where a side is null (worked by hand)", async () => {
    // W = February 2025: orders 3, 4, 5 (20.00 + 15.00 + 25.00 = 60.00); customers a, c; a has two.
    // P = January 2025: orders 1, 2 (10.00 + 35.50 = 45.50); customers a, b; one order each.
    const csv = [
      "order_id,created_at,total,email",
      "1,2025-01-10,10.00,a@x.cz",
      "2,2025-01-20,35.50,b@x.cz",
      "3,2025-02-05,20.00,a@x.cz",
      "4,2025-02-10,15.00,c@x.cz",
      "5,2025-02-20,25.00,a@x.cz",
    ].join("\n");
    const run = await runCli(
      [
        "report",
        "--orders",
        "-",
        "--currency",
        "EUR",
        "--window",
        "1m",
        "--as-of",
        "2025-02-28",
        "--compare",
        "previous",
        "--format",
        "json",
      ],
      { input: csv },
    );
    const { change, previous } = JSON.parse(run.stdout).groups[0];
    expect(previous.metrics).toMatchObject({ orders: 2, revenue: 45.5, aov: 22.75, customers: 2, repeatPurchaseRate: 0 });
    expect(change.orders).toEqual({ absolute: 1, relative: 0.5 });
    expect(change.revenue.absolute).toBe(14.5); // 60.00 − 45.50, to the cent
    expect(change.revenue.relative).toBeCloseTo(14.5 / 45.5, 12);
    expect(change.aov.absolute).toBe(-2.75); // 20.00 − 22.75
    expect(change.customers).toEqual({ absolute: 0, relative: 0 });
    expect(change.repeatPurchaseRate).toEqual({ absolute: 0.5, relative: null }); // 1/2 − 0; relative to 0 is undefined
    expect(change.guestCheckoutRate).toEqual({ absolute: null, relative: null }); // no guest column: null on both sides
  });

  it("shows the previous value and an arrow in the table, coloured only when colour is on", async () => {
    const plain = await runCli([...SHOP, "--window", "3m", "--as-of", "2026-03-31", "--compare", "previous"]);
    expect(plain.stdout).toContain("compared with: 2025-10-01 … 2025-12-31 (92 days)");
    expect(plain.stdout).toMatch(/│ Orders\s+│\s+\d+ │\s+\d+ │\s+[▲▼=]/);
    expect(plain.stdout).not.toContain("\x1b[");
    const coloured = await runCli([...SHOP, "--window", "3m", "--as-of", "2026-03-31", "--compare", "previous"], {
      env: { FORCE_COLOR: "1" },
    });
    expect(["\x1b[32m▲", "\x1b[32m▼", "\x1b[31m▲", "\x1b[31m▼"].some((arrow) => coloured.stdout.includes(arrow))).toBe(true); // green or red
  });
});

describe("--every", async () => {
  const report = await json(["--window", "1m", "--every", "month", "--periods", "4", "--as-of", "2026-05-15"]);

  it("computes N windows ending at the last N period ends up to --as-of, oldest first", async () => {
    expect(report.series.map((p: { asOf: string }) => p.asOf)).toEqual(["2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30"]);
    expect(report.series[1].window).toEqual({ spec: "1m", from: "2026-02-01T00:00:00+01:00", to: "2026-03-01T00:00:00+01:00", days: 28 });
    // The report's own window and groups are the latest point's.
    expect(report.asOf).toBe("2026-04-30");
    expect(report.groups).toEqual(report.series[3].groups);
  });

  it("each point is identical to the single report at its as-of", async () => {
    for (const point of report.series) {
      const single = await json(["--window", "1m", "--as-of", point.asOf]);
      expect(point.window).toEqual(single.window);
      expect(point.groups).toEqual(single.groups);
    }
  });

  it.each([
    ["7d", "day", "2026-06-30"],
    ["7d", "week", "2026-06-30"], // a Tuesday: points end on the Sundays before
    ["1y", "year", "2026-06-30"],
    ["90d", "quarter", "2026-05-20"],
  ])("--window %s --every %s: each point equals the single report at its as-of (as of %s)", async (window, every, asOf) => {
    const series = (await json(["--window", window, "--every", every, "--periods", "3", "--as-of", asOf])).series;
    expect(series).toHaveLength(3);
    for (const point of series) {
      const single = await json(["--window", window, "--as-of", point.asOf]);
      expect(point.window).toEqual(single.window);
      expect(point.groups).toEqual(single.groups);
    }
  });

  it("refuses windows reaching before 1900", async () => {
    const run = await runCli([...SHOP, "--window", "100y", "--every", "year", "--periods", "30"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^shopmetrics: error: the windows reach back to 1\d{3}-\d{2}-\d{2}; they must start in 1900 or later/);
  });

  it("a rolling year sampled quarterly", async () => {
    const rolling = await json(["--window", "365d", "--every", "quarter", "--periods", "2", "--as-of", "2026-06-30"]);
    expect(rolling.series.map((p: { asOf: string; window: { days: number } }) => [p.asOf, p.window.days])).toEqual([
      ["2026-03-31", 365],
      ["2026-06-30", 365],
    ]);
  });

  it("prints a sparkline per metric in the table", async () => {
    const run = await runCli([...SHOP, "--window", "1m", "--every", "month", "--periods", "4", "--as-of", "2026-05-15"]);
    expect(run.stdout).toContain("shopmetrics report · 4 windows of 1m, as of 2026-01-31 … 2026-04-30 (Europe/Prague)");
    expect(run.stdout).toMatch(/│ Orders\s+│\s+[▁▂▃▄▅▆▇█]{4} │/);
  });

  it("prints the series as a tidy CSV: one row per as-of, currency and metric", async () => {
    const run = await runCli([...SHOP, "--window", "1m", "--every", "month", "--periods", "4", "--as-of", "2026-05-15", "--format", "csv"]);
    expect(run.status).toBe(0);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("asOf,from,to,currency,metric,unit,value");
    expect(lines).toHaveLength(1 + 4 * 2 * 18); // 4 points × 2 currencies × 18 metrics
    const eurOrders = report.series[0].groups[1].metrics.orders;
    expect(lines).toContain(`2026-01-31,2026-01-01T00:00:00+01:00,2026-02-01T00:00:00+01:00,EUR,orders,count,${eurOrders}`);
    expect(lines).toContain("2026-01-31,2026-01-01T00:00:00+01:00,2026-02-01T00:00:00+01:00,EUR,guestCheckoutRate,rate,");
  });

  it.each([
    [
      ["--every", "month", "--window", "2025-01-01..2025-03-31"],
      "shopmetrics: error: --every needs a window length (Nd, Nm, Ny or all), not a date range",
    ],
    [["--periods", "3"], "shopmetrics: error: --periods needs --every (day, week, month, quarter or year)"],
    [["--every", "month", "--periods", "0"], 'shopmetrics: error: invalid --periods "0": expected a whole number from 1 to 1000'],
    [
      ["--every", "fortnight"],
      "shopmetrics: error: option '--every <period>' argument 'fortnight' is invalid. Allowed choices are day, week, month, quarter, year.",
    ],
  ])("usage error %j exits 2", async (args, message) => {
    const run = await runCli([...SHOP, ...args]);
    expect(run.status).toBe(2);
    expect(run.stderr.split("\n")[0]).toBe(message);
  });
});

describe("--compare with a date range, --every and CSV", async () => {
  it("names the previous window of a date range by its own dates", async () => {
    const r = await json(["--window", "2026-06-01..2026-06-30", "--compare", "previous"]);
    expect(r.groups[0].previous.window).toEqual({
      spec: "2026-05-02..2026-05-31",
      from: "2026-05-02T00:00:00+02:00",
      to: "2026-06-01T00:00:00+02:00",
      days: 30,
    });
  });

  it("with --every, compares the latest point with its previous window in the table", async () => {
    const run = await runCli([
      ...SHOP,
      "--window",
      "30d",
      "--every",
      "month",
      "--periods",
      "3",
      "--as-of",
      "2026-06-30",
      "--compare",
      "previous",
    ]);
    expect(run.stdout).toContain("compared with: 2026-05-02 … 2026-05-31 (30 days)");
    // One column per point (rolling 30-day windows: headed by their as-of dates), then the latest's comparison.
    expect(run.stdout).toMatch(/│\s+│\s+Trend │\s+2026-04-30 │\s+2026-05-31 │\s+2026-06-30 │\s+Previous │\s+Change │/);
  });

  it("adds the previous window's rows to the CSV, once", async () => {
    const csv = async (extra: string[]) =>
      (await runCli([...SHOP, "--format", "csv", "--as-of", "2026-06-30", ...extra])).stdout.trimEnd().split("\n");
    const single = await csv(["--window", "30d", "--compare", "previous"]);
    expect(single).toHaveLength(1 + 2 * 2 * 18); // this window and the previous, 2 currencies
    expect(single[1]).toMatch(/^2026-05-31,2026-05-02T00:00:00\+02:00,2026-06-01T00:00:00\+02:00,CZK,orders,count,\d+$/);
    // With calendar months the previous window is already the series' previous point.
    const monthly = await csv(["--window", "1m", "--every", "month", "--periods", "2", "--compare", "previous"]);
    expect(monthly).toHaveLength(1 + 2 * 2 * 18);
  });

  it("writes an empty currency cell for the group without a currency", async () => {
    const run = await runCli(["report", "--orders", "-", "--format", "csv", "--window", "all"], {
      input: "created_at,total\n2025-01-01,10.00\n",
    });
    expect(run.stdout.split("\n")[1]).toBe("2025-01-01,2025-01-01T00:00:00+01:00,2025-01-02T00:00:00+01:00,,orders,count,1");
  });
});

describe("--fail-if", async () => {
  const base = [...SHOP, "--as-of", "2026-06-30", "--format", "json"];

  it("exits 4 after printing the report, and says which condition tripped for which currency", async () => {
    // CZK's repeat purchase rate is 0.363636… (36 of 99), EUR's 0.366788… (201 of 548; sample-shop README).
    const run = await runCli([...base, "--fail-if", "repeatPurchaseRate<0.365"]);
    expect(run.status).toBe(4);
    expect(JSON.parse(run.stdout).groups).toHaveLength(2);
    expect(run.stderr).toContain(
      "shopmetrics: fail-if tripped: repeatPurchaseRate<0.365 (repeatPurchaseRate is 0.36363636363636365 for CZK as of 2026-06-30)\n",
    );
    expect(run.stderr).not.toContain("for EUR");
  });

  it("exits 0 when nothing trips; <=, >, >= work; a null value trips nothing but is reported", async () => {
    const run = await runCli([
      ...base,
      "--fail-if",
      "repeatPurchaseRate<=0.36",
      "--fail-if",
      "orders>1100",
      "--fail-if",
      "guestCheckoutRate>=0",
    ]);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain(
      "shopmetrics: warning: --fail-if guestCheckoutRate>=0 not evaluated for CZK and EUR as of 2026-06-30: guestCheckoutRate is null\n",
    );
    expect((await runCli([...base, "--fail-if", "orders>=1019"])).status).toBe(4); // EUR has exactly 1019
    expect((await runCli([...base, "--fail-if", "orders>1019"])).status).toBe(0);
  });

  it("checks the latest point of --every", async () => {
    const run = await runCli([
      ...SHOP,
      "--window",
      "1m",
      "--every",
      "month",
      "--periods",
      "3",
      "--as-of",
      "2026-06-30",
      "--format",
      "json",
      "--fail-if",
      "orders>=20",
    ]);
    expect(run.status).toBe(4);
    expect(run.stderr).toMatch(/fail-if tripped: orders>=20 \(orders is \d+ for \w{3} as of 2026-06-30\)/);
  });

  it("still guards an export without orders: counts are 0 there", async () => {
    const run = await runCli(["report", "--orders", "-", "--format", "json", "--fail-if", "orders<1", "--fail-if", "aov<10"], {
      input: "created_at,total\n",
    });
    expect(run.status).toBe(4);
    expect(run.stderr).toContain("shopmetrics: fail-if tripped: orders<1 (orders is 0 for the report (no orders) as of ");
    expect(run.stderr).toMatch(/--fail-if aov<10 not evaluated for the report \(no orders\) as of .*: aov is null/);
  });

  it.each([
    [
      "repeatPurchaseRate=0.2",
      "invalid --fail-if \"repeatPurchaseRate=0.2\": expected METRIC<NUMBER, with <, <=, > or >=, e.g. 'repeatPurchaseRate<0.2'",
    ],
    ["happiness<3", 'invalid --fail-if "happiness<3": unknown metric "happiness"'],
  ])("a bad condition %j is a usage error", async (condition, message) => {
    const run = await runCli([...base, "--fail-if", condition]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(message);
  });
});

describe("--margin", async () => {
  it("scales clv", async () => {
    const full = (await json(["--as-of", "2026-06-30"])).groups[1].metrics.clv;
    const third = (await json(["--as-of", "2026-06-30", "--margin", "0.3"])).groups[1].metrics.clv;
    expect(third).toBeCloseTo(full * 0.3, 1); // both rounded to the cent
  });

  it.each(["0", "1.5", "0x10", "-0.3", "30%"])("must be a share above 0 and at most 1, not %j", async (margin) => {
    const run = await runCli([...SHOP, "--margin", margin]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      `invalid --margin ${JSON.stringify(margin)}: expected the share of revenue that is profit, above 0 and at most 1`,
    );
  });
});

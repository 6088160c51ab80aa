/**
 * --compare, --every, --format csv and --fail-if, end to end on the bundled sample shop.
 * The properties the issue asks for are checked by running the CLI again: a point of --every
 * equals the single report at its as-of, and "previous" equals the report one window earlier.
 */
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers.js";

const SHOP = ["report", "--orders", "fixtures/sample-shop/orders_export.csv", "--tz", "Europe/Prague"];
const json = (args: string[]) => {
  const run = runCli([...SHOP, ...args, "--format", "json"]);
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout);
};

describe("--compare previous", () => {
  const report = json(["--window", "3m", "--as-of", "2026-03-31", "--compare", "previous"]);

  it("gives each group the previous window's metrics, equal to the report one window earlier", () => {
    const earlier = json(["--window", "3m", "--as-of", "2025-12-31"]);
    expect(report.groups[0].previous.window).toEqual(earlier.window);
    expect(report.groups[0].previous.window).toEqual({ spec: "3m", from: "2025-10-01T00:00:00+02:00", to: "2026-01-01T00:00:00+01:00", days: 92 });
    for (const [i, group] of report.groups.entries()) {
      expect(group.currency).toBe(earlier.groups[i].currency);
      expect(group.previous.metrics).toEqual(earlier.groups[i].metrics);
    }
  });

  it("gives the change: absolute and relative, null where a side is null", () => {
    const eur = report.groups[1];
    const { orders, guestCheckoutRate, revenue } = eur.change;
    expect(orders.absolute).toBe(eur.metrics.orders - eur.previous.metrics.orders);
    expect(orders.relative).toBeCloseTo((eur.metrics.orders - eur.previous.metrics.orders) / eur.previous.metrics.orders, 12);
    // Money differences are rounded to the cent.
    expect(revenue.absolute).toBe(Math.round((eur.metrics.revenue - eur.previous.metrics.revenue) * 100) / 100);
    expect(guestCheckoutRate).toEqual({ absolute: null, relative: null });
  });

  it("shows the previous value and an arrow in the table, coloured only when colour is on", () => {
    const plain = runCli([...SHOP, "--window", "3m", "--as-of", "2026-03-31", "--compare", "previous"]);
    expect(plain.stdout).toContain("compared with: 2025-10-01 … 2026-01-01 (exclusive)");
    expect(plain.stdout).toMatch(/│ Orders\s+│\s+\d+ │\s+\d+ │ [▲▼=]/);
    expect(plain.stdout).not.toMatch(/\x1b\[/);
    const coloured = runCli([...SHOP, "--window", "3m", "--as-of", "2026-03-31", "--compare", "previous"], { env: { FORCE_COLOR: "1" } });
    expect(coloured.stdout).toMatch(/\x1b\[3[12]m[▲▼]/); // green or red
  });
});

describe("--every", () => {
  const report = json(["--window", "1m", "--every", "month", "--periods", "4", "--as-of", "2026-05-15"]);

  it("computes N windows ending at the last N period ends up to --as-of, oldest first", () => {
    expect(report.series.map((p: { asOf: string }) => p.asOf)).toEqual(["2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30"]);
    expect(report.series[1].window).toEqual({ spec: "1m", from: "2026-02-01T00:00:00+01:00", to: "2026-03-01T00:00:00+01:00", days: 28 });
    // The report's own window and groups are the latest point's.
    expect(report.asOf).toBe("2026-04-30");
    expect(report.groups).toEqual(report.series[3].groups);
  });

  it("each point is identical to the single report at its as-of", () => {
    for (const point of report.series) {
      const single = json(["--window", "1m", "--as-of", point.asOf]);
      expect(point.window).toEqual(single.window);
      expect(point.groups).toEqual(single.groups);
    }
  });

  it("a rolling year sampled quarterly", () => {
    const rolling = json(["--window", "365d", "--every", "quarter", "--periods", "2", "--as-of", "2026-06-30"]);
    expect(rolling.series.map((p: { asOf: string; window: { days: number } }) => [p.asOf, p.window.days])).toEqual([
      ["2026-03-31", 365],
      ["2026-06-30", 365],
    ]);
  });

  it("prints a sparkline per metric in the table", () => {
    const run = runCli([...SHOP, "--window", "1m", "--every", "month", "--periods", "4", "--as-of", "2026-05-15"]);
    expect(run.stdout).toContain("shopmetrics report · 4 windows of 1m, as of 2026-01-31 … 2026-04-30 (Europe/Prague)");
    expect(run.stdout).toMatch(/│ Orders\s+│\s+[▁▂▃▄▅▆▇█]{4} │/);
  });

  it("prints the series as a tidy CSV: one row per as-of, currency and metric", () => {
    const run = runCli([...SHOP, "--window", "1m", "--every", "month", "--periods", "4", "--as-of", "2026-05-15", "--format", "csv"]);
    expect(run.status).toBe(0);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("asOf,from,to,currency,metric,unit,value");
    expect(lines).toHaveLength(1 + 4 * 2 * 18); // 4 points × 2 currencies × 18 metrics
    const eurOrders = report.series[0].groups[1].metrics.orders;
    expect(lines).toContain(`2026-01-31,2026-01-01T00:00:00+01:00,2026-02-01T00:00:00+01:00,EUR,orders,count,${eurOrders}`);
    expect(lines).toContain("2026-01-31,2026-01-01T00:00:00+01:00,2026-02-01T00:00:00+01:00,EUR,guestCheckoutRate,rate,");
  });

  it.each([
    [["--every", "month", "--window", "2025-01-01..2025-03-31"], "shopmetrics: error: --every needs a window length (Nd, Nm, Ny or all), not a date range"],
    [["--periods", "3"], "shopmetrics: error: --periods needs --every (day, week, month, quarter or year)"],
    [["--every", "month", "--periods", "0"], 'shopmetrics: error: invalid --periods "0": expected a whole number from 1 to 1000'],
    [["--every", "fortnight"], "shopmetrics: error: option '--every <period>' argument 'fortnight' is invalid. Allowed choices are day, week, month, quarter, year."],
  ])("usage error %j exits 2", (args, message) => {
    const run = runCli([...SHOP, ...args]);
    expect(run.status).toBe(2);
    expect(run.stderr.split("\n")[0]).toBe(message);
  });
});

describe("--fail-if", () => {
  const base = [...SHOP, "--as-of", "2026-06-30", "--format", "json"];

  it("exits 4 after printing the report, and says which condition tripped for which currency", () => {
    // CZK's repeat purchase rate is 0.21875 (28 of 128), EUR's 0.28739… (sample-shop README).
    const run = runCli([...base, "--fail-if", "repeatPurchaseRate<0.25"]);
    expect(run.status).toBe(4);
    expect(JSON.parse(run.stdout).groups).toHaveLength(2);
    expect(run.stderr).toContain("shopmetrics: fail-if tripped: repeatPurchaseRate<0.25 (repeatPurchaseRate is 0.21875 for CZK as of 2026-06-30)\n");
    expect(run.stderr).not.toContain("for EUR");
  });

  it("exits 0 when nothing trips; <=, >, >= work; a null value trips nothing but is reported", () => {
    const run = runCli([...base, "--fail-if", "repeatPurchaseRate<=0.21", "--fail-if", "orders>1000", "--fail-if", "guestCheckoutRate>=0"]);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain("shopmetrics: warning: --fail-if guestCheckoutRate>=0 not evaluated for EUR as of 2026-06-30: guestCheckoutRate is null\n");
    expect(runCli([...base, "--fail-if", "orders>=999"]).status).toBe(4); // EUR has exactly 999
    expect(runCli([...base, "--fail-if", "orders>999"]).status).toBe(0);
  });

  it.each([
    ["repeatPurchaseRate=0.2", 'invalid --fail-if "repeatPurchaseRate=0.2": expected METRIC<NUMBER, with <, <=, > or >=, e.g. \'repeatPurchaseRate<0.2\''],
    ["happiness<3", 'invalid --fail-if "happiness<3": unknown metric "happiness"'],
  ])("a bad condition %j is a usage error", (condition, message) => {
    const run = runCli([...base, "--fail-if", condition]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(message);
  });
});

describe("--margin", () => {
  it("scales clv", () => {
    const full = json(["--as-of", "2026-06-30"]).groups[1].metrics.clv;
    const third = json(["--as-of", "2026-06-30", "--margin", "0.3"]).groups[1].metrics.clv;
    expect(third).toBeCloseTo(full * 0.3, 1); // both rounded to the cent
  });

  it("must be a positive number", () => {
    const run = runCli([...SHOP, "--margin", "0"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('invalid --margin "0": expected a positive number');
  });
});

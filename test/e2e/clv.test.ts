/**
 * `shopmetrics clv` (issue 14) through the CLI. The golden values are the published CDNOW ones
 * (../shared/reference/metrics-landscape.md §6: Fader, Hardie & Lee 2005, lifetimes' and CLVTools'
 * tests): CDNOW_sample.txt is written as a generic CSV (one row an order, the sample id as the
 * customer) in a temporary folder and fitted with the calibration ending 1997-09-30. The holdout's
 * actual purchases are counted here from the raw file, independently of the tool.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { cdnowCsv, cdnowRows } from "../cdnow.js";
import { hasSharedData, ROOT, runCli, sharedNote } from "../helpers.js";

const tmp = () => mkdtempSync(join(tmpdir(), "shopmetrics-clv-"));
const readCsv = (text: string): Record<string, string>[] => parse(text, { columns: true, skip_empty_lines: true });

const CDNOW = ["--currency", "USD", "--tz", "UTC", "--format", "json"];

describe.skipIf(!hasSharedData)(`CDNOW golden values through the CLI${sharedNote}`, () => {
  const file = hasSharedData ? cdnowCsv() : "";
  const fitCdnow = async (args: string[]) => {
    const run = await runCli(["clv", "--orders", file, ...CDNOW, ...args]);
    expect(run.status).toBe(0);
    return JSON.parse(run.stdout);
  };

  it("BG/NBD: r 0.2426, α 4.414, a 0.793, b 2.426, LL −9582.43; Gamma-Gamma p 6.25, q 3.74, v 15.44 on the 946 repeaters", async () => {
    const doc = await fitCdnow(["--as-of", "1997-09-30"]);
    const group = doc.groups[0];
    expect(group).toMatchObject({ currency: "USD", customers: 2357, repeatCustomers: 946 });
    const { r, alpha, a, b } = group.model.params;
    expect(r).toBeCloseTo(0.2426, 4);
    expect(alpha).toBeCloseTo(4.414, 3);
    expect(a).toBeCloseTo(0.793, 3);
    expect(b).toBeCloseTo(2.426, 3);
    expect(group.model.logLikelihood).toBeCloseTo(-9582.43, 2);
    expect(group.model).toMatchObject({ name: "bg-nbd", converged: true, refused: null });
    // lifetimes' Quickstart: se r 0.012557, α 0.378221, a 0.185719, b 0.705345 (two significant digits).
    expect(group.model.stdErrors.r).toBeCloseTo(0.0126, 3);
    expect(group.model.stdErrors.alpha).toBeCloseTo(0.378, 2);
    expect(group.model.stdErrors.a).toBeCloseTo(0.186, 2);
    expect(group.model.stdErrors.b).toBeCloseTo(0.705, 1);
    expect(group.spend).toMatchObject({ name: "gamma-gamma", customers: 946, excluded: 0, refused: null });
    expect(group.spend.params.p).toBeCloseTo(6.25, 2);
    expect(group.spend.params.q).toBeCloseTo(3.74, 2);
    expect(group.spend.params.v).toBeCloseTo(15.44, 1);
  });

  it("Pareto/NBD: r 0.553, α 10.578, s 0.606, β 11.669, LL −9594.98", async () => {
    const doc = await fitCdnow(["--as-of", "1997-09-30", "--model", "pareto-nbd"]);
    const { r, alpha, s, beta } = doc.groups[0].model.params;
    expect(r).toBeCloseTo(0.553, 3);
    expect(alpha).toBeCloseTo(10.578, 2);
    expect(s).toBeCloseTo(0.606, 2);
    expect(beta).toBeCloseTo(11.669, 1);
    expect(doc.groups[0].model.logLikelihood).toBeCloseTo(-9594.98, 2);
  });

  it("customer 1's expected average order value: lifetimes' 24.6586 from its rounded zbar, the same formula on the exact one", async () => {
    const out = join(tmp(), "clv.csv");
    const doc = await fitCdnow(["--as-of", "1997-09-30", "--customers-out", out]);
    const rows = readCsv(readFileSync(out, "utf8"));
    expect(rows).toHaveLength(2357);
    const one = rows.find((row) => row.customer === "1")!;
    // Customer 1 (master 00004) bought on 1997-01-01, 01-18 and 08-02: x 2, t_x 213 days, T 272 days,
    // zbar (29.73 + 14.96) / 2 = 22.345, which the published summary rounds to 22.35.
    expect(one).toMatchObject({ x: "2", t_x: String(213 / 7), T: String(272 / 7) });
    expect(Number(one.zbar)).toBeCloseTo(22.345, 12);
    const { p, q, v } = doc.groups[0].spend.params;
    const aov = (zbar: number) => ((q - 1) / (p * 2 + q - 1)) * ((v * p) / (q - 1)) + ((p * 2) / (p * 2 + q - 1)) * zbar;
    expect(Number(one.expectedAov)).toBeCloseTo(aov(22.345), 10);
    // lifetimes fitted on the rounded zbar of every customer; its p, q, v differ from ours in the fourth digit.
    expect(aov(22.35)).toBeCloseTo(24.6586, 2);
  });

  it("--holdout 39w as of 1998-06-30: the same calibration, and the holdout's actual purchases as counted from the raw file", async () => {
    const doc = await fitCdnow(["--as-of", "1998-06-30", "--holdout", "39w"]);
    const group = doc.groups[0];
    expect(doc.calibration).toEqual({ to: "1997-09-30", holdout: "39w" });
    expect(group.model.params.r).toBeCloseTo(0.2426, 4);
    // Distinct purchase days after 1997-09-30, per customer, summed.
    const days = new Set(
      cdnowRows()
        .filter((r) => r.day > "1997-09-30")
        .map((r) => `${r.id} ${r.day}`),
    );
    expect(group.holdout).toMatchObject({ from: "1997-10-01", to: "1998-06-30", customers: 2357, actual: days.size });
    expect(group.holdout.byFrequency.map((b: { x: string }) => b.x)).toEqual(["0", "1", "2", "3", "4", "5", "6", "7+"]);
    const sum = group.holdout.byFrequency.reduce((n: number, b: { actual: number }) => n + b.actual, 0);
    expect(sum).toBe(days.size);
    const customers = group.holdout.byFrequency.reduce((n: number, b: { customers: number }) => n + b.customers, 0);
    expect(customers).toBe(2357);
    // Predicted = Σ E[X(39) | x, t_x, T]: positive, and within the customers' reach.
    expect(group.holdout.predicted).toBeGreaterThan(0);
    expect(group.holdout.mae).toBeGreaterThan(0);
  });
});

describe("refusals and output", () => {
  const TIES = ["--orders", "fixtures/analyses/ties.csv", "--as-of", "2025-06-30", "--tz", "Europe/Prague"];

  it("fewer than 50 repeat customers: no predictions, a note and a warning, exit 0; --strict exit 3 after the output", async () => {
    const run = await runCli(["clv", ...TIES, "--format", "json"], { cwd: ROOT });
    expect(run.status).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc.groups[0]).toMatchObject({ model: null, spend: null, totals: { expectedPurchases: null, clv: null }, top: [] });
    expect(doc.groups[0].notes[0]).toMatch(/^\d+ repeat customers, fewer than 50: too few to fit BG\/NBD; no predictions$/);
    expect(run.stderr).toMatch(/warning: EUR: \d+ repeat customers, fewer than 50/);
    const strict = await runCli(["clv", ...TIES, "--format", "json", "--strict"], { cwd: ROOT });
    expect(strict.status).toBe(3);
    expect(JSON.parse(strict.stdout).groups).toHaveLength(1);
    expect(strict.stderr).toMatch(/error: --strict: the fit is refused for EUR/);
  });

  it("the sample shop: a table, JSON in the contract's shape, and a list whose segments are rfm's", async () => {
    const args = ["--orders", "fixtures/sample-shop/orders_export.csv", "--tz", "Europe/Prague", "--as-of", "2026-06-30"];
    const table = await runCli(["clv", ...args], { cwd: ROOT });
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/shopmetrics clv · BG\/NBD \+ Gamma-Gamma as of 2026-06-30/);
    const dir = tmp();
    const run = await runCli(["clv", ...args, "--format", "json", "--customers-out", join(dir, "clv.csv")], { cwd: ROOT });
    const doc = JSON.parse(run.stdout);
    expect(doc).toMatchObject({ schemaVersion: 1, command: "clv", timeUnit: "week", horizon: "12m", discount: 0.01, margin: 1 });
    for (const key of ["currency", "customers", "repeatCustomers", "model", "spend", "totals", "notes"])
      expect(doc.groups[0]).toHaveProperty(key);
    await runCli(["rfm", ...args, "--customers-out", join(dir, "rfm.csv")], { cwd: ROOT });
    const rfm = new Map(readCsv(readFileSync(join(dir, "rfm.csv"), "utf8")).map((r) => [`${r.currency} ${r.customer}`, r.segment]));
    const clv = readCsv(readFileSync(join(dir, "clv.csv"), "utf8"));
    expect(clv.length).toBeGreaterThan(1000);
    for (const row of clv) expect(row.segment).toBe(rfm.get(`${row.currency} ${row.customer}`));
  });

  it.each([
    [["--horizon", "12x"], /invalid --horizon "12x"/],
    [["--holdout", "0w"], /invalid --holdout "0w"/],
    [["--discount", "1.5"], /invalid --discount "1.5"/],
    [["--penalizer", "-1"], /invalid --penalizer "-1"/],
    [["--model", "bg"], /argument 'bg' is invalid/],
  ])("%j is a usage error", async (flags, message) => {
    const run = await runCli(["clv", ...TIES, ...flags], { cwd: ROOT });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});

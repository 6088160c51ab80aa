import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, runCli } from "../helpers.js";

const dir = mkdtempSync(join(tmpdir(), "shopmetrics-config-"));
const write = (name: string, json: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof json === "string" ? json : JSON.stringify(json));
  return path;
};
const SHOPTET = resolve(FIXTURES, "orders/shoptet-cp1250.csv");
const SHOP = resolve(FIXTURES, "sample-shop/orders_export.csv");

describe("--config and shopmetrics.config.json", async () => {
  it("holds a shop's reading settings under the flags' names: status-map, tz, …", async () => {
    const config = write("shop.json", { "status-map": { "Vlastní stav": "cancelled" }, tz: "Europe/Bratislava" });
    const run = await runCli(["report", "--orders", SHOPTET, "--window", "all", "--format", "json", "--config", config]);
    expect(run.status).toBe(0);
    const r = JSON.parse(run.stdout);
    expect(r.timezone).toBe("Europe/Bratislava");
    expect(r.dataQuality.ordersExcluded).toEqual({ cancelled: 2, "pending-payment": 1 }); // 2025005 is now cancelled
    expect(run.stderr).not.toContain("Vlastní stav");
    expect(run.stderr).not.toContain("rename");
  });

  it.each([
    ["statusMap", { statusMap: { "Vlastní stav": "cancelled" } }, "status-map"],
    ["dateFormat", { dateFormat: "dmy" }, "date-format"],
    ["customersMap", { customersMap: { email: "email" } }, "customers-map"],
    ["timezone", { timezone: "Asia/Tokyo" }, "tz"],
  ])("still reads the former key %s, with a one-line warning naming the new one", async (old, json, key) => {
    const config = write(`old-${old}.json`, json);
    const run = await runCli(["report", "--orders", SHOPTET, "--window", "all", "--format", "json", "--config", config]);
    expect(run.status).toBe(0);
    const said = run.stderr.split("\n").filter((line) => line.includes("rename"));
    expect(said).toEqual([`shopmetrics: warning: ${config}: the key "${old}" is now "${key}", as its flag --${key} is named; rename it`]);
    if (old === "timezone") expect(JSON.parse(run.stdout).timezone).toBe("Asia/Tokyo");
    if (old === "statusMap") expect(JSON.parse(run.stdout).dataQuality.ordersExcluded.cancelled).toBe(2);
  });

  it("says nothing of a former key with --quiet", async () => {
    const config = write("old-quiet.json", { timezone: "Asia/Tokyo" });
    const run = await runCli(["report", "--orders", SHOPTET, "--window", "all", "--format", "json", "--quiet", "--config", config]);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe("");
  });

  it("holds the customers file and its map, the file named from where the config is", async () => {
    // The customers file names its email column "mail"; the config, in another directory than
    // the one the command runs in, names the file beside it and points --customers-map at the column.
    const shop = mkdtempSync(join(tmpdir(), "shopmetrics-shop-"));
    mkdirSync(join(shop, "exports"));
    writeFileSync(join(shop, "exports/customers.csv"), "id,mail,registered\n1,jana@example.cz,1\n2,nobody@example.cz,1\n");
    const config = join(shop, "shop.json");
    writeFileSync(
      config,
      JSON.stringify({ customers: "exports/customers.csv", "customers-map": { email: "mail", registered: "registered" } }),
    );
    const args = ["report", "--orders", resolve(FIXTURES, "orders/woocommerce-small.csv"), "--window", "all", "--format", "json"];
    const run = await runCli([...args, "--config", config], { cwd: dir });
    expect(run.status).toBe(0);
    const r = JSON.parse(run.stdout);
    expect(r.inputs.map((i: { kind: string }) => i.kind)).toEqual(["orders", "customers"]);
    expect(r.dataQuality).toMatchObject({ customersRead: 2, customersWithoutOrders: 1 }); // nobody@ never ordered
  });

  it("holds the report settings: window, every, periods, margin, compare, format, revenue — and flags override each", async () => {
    const config = write("report.json", {
      window: "1m",
      every: "month",
      periods: 3,
      margin: 0.3,
      compare: "previous",
      format: "json",
      revenue: "net-sales",
    });
    const args = ["report", "--orders", SHOP, "--tz", "Europe/Prague", "--as-of", "2026-06-30", "--config", config];
    const run = await runCli(args);
    expect(run.status).toBe(0);
    const r = JSON.parse(run.stdout);
    expect(r).toMatchObject({ margin: 0.3, revenue: "net-sales", window: { spec: "1m" } });
    expect(r.series).toHaveLength(3);
    expect(r.groups[0].previous).toBeDefined();
    const flagged = await runCli([...args, "--window", "30d", "--periods", "2", "--margin", "1", "--revenue", "total"]);
    expect(JSON.parse(flagged.stdout)).toMatchObject({ margin: 1, revenue: "total", window: { spec: "30d" } });
    expect(JSON.parse(flagged.stdout).series).toHaveLength(2);
    const table = await runCli([...args, "--format", "table"]);
    expect(table.stdout).toMatch(/^shopmetrics report · /);
  });

  it("is read from ./shopmetrics.config.json when present; flags override it", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "shopmetrics-cwd-"));
    writeFileSync(join(cwd, "shopmetrics.config.json"), JSON.stringify({ tz: "Asia/Tokyo", currency: "CZK" }));
    const base = ["report", "--orders", resolve(FIXTURES, "orders/prestashop-cs.csv"), "--window", "all", "--format", "json"];
    const fromFile = JSON.parse((await runCli(base, { cwd })).stdout);
    expect(fromFile.timezone).toBe("Asia/Tokyo");
    expect(fromFile.groups[0].currency).toBe("CZK");
    expect(JSON.parse((await runCli([...base, "--tz", "Europe/Prague"], { cwd })).stdout).timezone).toBe("Europe/Prague");
  });

  it("applies to inspect too, all but the report's format (inspect has no csv)", async () => {
    const config = write("inspect.json", { "date-format": "dmy", format: "csv", window: "3m" });
    const run = await runCli(["inspect", resolve(FIXTURES, "orders/online-retail.csv"), "--config", config]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^shopmetrics inspect · /);
    const i = JSON.parse(
      (await runCli(["inspect", resolve(FIXTURES, "orders/online-retail.csv"), "--format", "json", "--config", config])).stdout,
    );
    expect(i.dateOrder).toEqual({ value: "dmy", reason: "--date-format", source: "option" });
  });

  it.each([
    [{ "customers-map": { bogus: "E" } }, 'invalid --customers-map "bogus=E": unknown field "bogus"'],
    [{ window: "fortnight" }, 'invalid --window "fortnight"'],
    [{ margin: 2 }, 'invalid --margin "2"'],
    [{ periods: 3 }, "--periods needs --every"],
  ])("is the same config for every command: inspect refuses %j as report does", async (json, message) => {
    const config = write("same.json", json);
    for (const args of [
      ["report", "--orders", SHOPTET],
      ["inspect", SHOPTET],
    ]) {
      const run = await runCli([...args, "--config", config]);
      expect(run.status).toBe(2);
      expect(run.stderr).toContain(message);
      expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
    }
  });

  it.each([
    [
      { timezon: "Europe/Prague" },
      'unknown key "timezon"; keys are customers, customers-map, survey-map, survey-platform, csat-scale, ces-scale, ces-direction, survey-dedupe, min-responses, reviews-map, reviews-platform, tickets-map, tickets-platform, business-hours, frt-target, traffic-map, traffic-platform, attribution-map, attribution-platform, source-map, platform, map, currency, status-map, encoding, delimiter, decimal, date-format, tz, window, format, locale, compare, every, periods, margin, period, metric, scale, segments, rfm-segments, model, time-unit, horizon, holdout, discount, penalizer, revenue',
    ],
    [{ asOf: "2025-12-31" }, `unknown key "asOf" (keys are the flags' names: "as-of"); keys are customers,`],
    [{ "as-of": "2025-12-31" }, '"as-of" can\'t be in a config: a fixed as-of would stop every run at that day'],
    [{ "fail-if": "churnRate>0.6" }, '"fail-if" can\'t be in a config: a condition belongs to the job that checks it'],
    [{ orders: "orders.csv" }, '"orders" can\'t be in a config: the orders export is what each run reads'],
    [{ strict: true }, '"strict" can\'t be in a config: no flag could turn'],
    [{ map: ["created_at=Date"] }, '"map" must be an object of strings, e.g. { "created_at": "InvoiceDate" }'],
    [{ currency: 978 }, '"currency" must be a string (as its flag --currency takes)'],
    [{ margin: true }, '"margin" must be a number or a string (as its flag --margin takes)'],
    [{ timezone: "UTC", tz: "Europe/Prague" }, '"timezone" and "tz" are one setting; keep "tz"'],
    [{ decimal: ";" }, '"decimal" must be one of ., , (as its flag --decimal takes), not ";"'],
    [{ "date-format": "ymd" }, '"date-format" must be one of dmy, mdy (as its flag --date-format takes), not "ymd"'],
    [{ platform: "opencart" }, '"platform" must be one of shopify, woocommerce,'],
    [{ format: "xml" }, '"format" must be one of table, json, csv'],
    [{ revenue: "gross" }, '"revenue" must be one of total, net-sales (as its flag --revenue takes), not "gross"'],
    [{ every: "fortnight" }, '"every" must be one of day, week, month, quarter, year'],
    ["{ not json", "not valid JSON: "],
  ])("a bad config %j is a usage error", async (json, message) => {
    const config = write("bad.json", json);
    const run = await runCli(["report", "--orders", SHOPTET, "--config", config]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`shopmetrics: error: ${config}: ${message}`);
    expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
  });

  it("a config value its flag would refuse is refused the same way: a bad tz", async () => {
    const run = await runCli(["report", "--orders", SHOPTET, "--config", write("value.json", { tz: "Mars/Olympus" })]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('shopmetrics: error: invalid --tz "Mars/Olympus"');
  });

  it("an explicit --config that doesn't exist is an error", async () => {
    const run = await runCli(["report", "--orders", SHOPTET, "--config", join(dir, "nope.json")]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^shopmetrics: error: .*nope\.json: cannot read the config file: /);
  });
});

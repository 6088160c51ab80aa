import { mkdtempSync, writeFileSync } from "node:fs";
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

describe("--config and shopmetrics.config.json", async () => {
  it("holds a shop's reading settings: status map, time zone, …", async () => {
    const config = write("shop.json", { statusMap: { "Vlastní stav": "cancelled" }, tz: "Europe/Bratislava" });
    const run = await runCli(["report", "--orders", SHOPTET, "--window", "all", "--format", "json", "--config", config]);
    expect(run.status).toBe(0);
    const r = JSON.parse(run.stdout);
    expect(r.timezone).toBe("Europe/Bratislava");
    expect(r.dataQuality.ordersExcluded).toEqual({ cancelled: 2, "pending-payment": 1 }); // 2025005 is now cancelled
    expect(run.stderr).not.toContain("Vlastní stav");
  });

  it("still reads the key timezone, as configs written before the keys were the flags' names have it", async () => {
    const run = await runCli([
      "report",
      "--orders",
      SHOPTET,
      "--window",
      "all",
      "--format",
      "json",
      "--config",
      write("old.json", { timezone: "Asia/Tokyo" }),
    ]);
    expect(JSON.parse(run.stdout).timezone).toBe("Asia/Tokyo");
  });

  it("holds the customers file's map too", async () => {
    // The customers file names its email column "mail"; the config points --customers-map at it.
    const customers = join(dir, "customers.csv");
    writeFileSync(customers, "id,mail,registered\n1,jana@example.cz,1\n2,nobody@example.cz,1\n");
    const config = write("customers.json", { customersMap: { email: "mail", registered: "registered" } });
    const args = [
      "report",
      "--orders",
      "fixtures/orders/woocommerce-small.csv",
      "--customers",
      customers,
      "--window",
      "all",
      "--format",
      "json",
    ];
    const r = JSON.parse((await runCli([...args, "--config", config])).stdout);
    expect(r.dataQuality).toMatchObject({ customersRead: 2, customersWithoutOrders: 1 }); // nobody@ never ordered
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

  it("applies to inspect too", async () => {
    const config = write("inspect.json", { dateFormat: "dmy" });
    const i = JSON.parse(
      (await runCli(["inspect", resolve(FIXTURES, "orders/online-retail.csv"), "--format", "json", "--config", config])).stdout,
    );
    expect(i.dateOrder).toEqual({ value: "dmy", reason: "--date-format", source: "option" });
  });

  it("is the same config for every command: inspect refuses a bad customersMap as report does", async () => {
    const config = write("customers-map.json", { customersMap: { bogus: "E" } });
    for (const args of [
      ["report", "--orders", SHOPTET],
      ["inspect", SHOPTET],
    ]) {
      const run = await runCli([...args, "--config", config]);
      expect(run.status).toBe(2);
      expect(run.stderr).toContain('invalid --customers-map "bogus=E": unknown field "bogus"');
    }
  });

  it.each([
    [
      { timezon: "Europe/Prague" },
      'unknown key "timezon"; keys are platform, map, statusMap, currency, tz, encoding, delimiter, decimal, dateFormat, customersMap',
    ],
    [{ map: ["created_at=Date"] }, '"map" must be an object of strings, e.g. { "created_at": "InvoiceDate" }'],
    [{ currency: 978 }, '"currency" must be a string (as its flag --currency takes)'],
    [{ timezone: "UTC", tz: "Europe/Prague" }, '"timezone" and "tz" are one setting; keep "tz"'],
    ["{ not json", "not valid JSON: "],
  ])("a bad config %j is a usage error", async (json, message) => {
    const config = write("bad.json", json);
    const run = await runCli(["report", "--orders", SHOPTET, "--config", config]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`shopmetrics: error: ${config}: ${message}`);
  });

  it.each([
    [{ decimal: ";" }, 'invalid --decimal ";": expected . or ,'],
    [{ dateFormat: "ymd" }, 'invalid --date-format "ymd": expected dmy or mdy'],
    [{ platform: "opencart" }, 'invalid --platform "opencart": expected one of shopify,'],
    [{ timezone: "Mars/Olympus" }, 'invalid --tz "Mars/Olympus"'],
  ])("a config value its flag would refuse, %j, is refused the same way", async (json, message) => {
    const run = await runCli(["report", "--orders", SHOPTET, "--config", write("value.json", json)]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`shopmetrics: error: ${message}`);
  });

  it("an explicit --config that doesn't exist is an error", async () => {
    const run = await runCli(["report", "--orders", SHOPTET, "--config", join(dir, "nope.json")]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^shopmetrics: error: .*nope\.json: cannot read the config file: /);
  });
});

/**
 * The few things only a real process shows: bin/shopmetrics.js runs the built bundle
 * (dist/bundle/, scripts/bundle.mjs) with the real argv, stdio, environment and exit code.
 * Everything else runs in-process through main() (see runCli in test/helpers.ts); the first cases
 * check that the two give the same bytes, for every part of the bundle that is loaded on demand.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runBin, runCli } from "../helpers.js";

const WOO = ["report", "--orders", "fixtures/orders/woocommerce-small.csv", "--window", "7d", "--as-of", "2025-04-05"];

describe("bin/shopmetrics.js, spawned", () => {
  it("prints what main() prints in-process, byte for byte, with the same exit code", async () => {
    const args = [...WOO, "--format", "json"];
    const spawned = runBin(args);
    const inProcess = await runCli(args);
    expect(spawned.status).toBe(0);
    expect(spawned.stdout).toBe(inProcess.stdout);
    expect(spawned.stderr).toBe(inProcess.stderr);
    expect(JSON.parse(spawned.stdout).groups[0].metrics.orders).toBe(5);
  });

  // Each command and input the bundle runs only when asked for (a command imported on demand, the
  // HTML charts, the XML review reader, a package imported on demand): spawned, the bundle gives
  // what main() gives in-process from src/, byte for byte.
  const SHOP = "fixtures/sample-shop";
  const ORDERS = ["--orders", `${SHOP}/orders_export.csv`, "--tz", "Europe/Prague", "--as-of", "2026-06-30"];
  const INPUTS = [
    ...ORDERS,
    ...["--survey", `${SHOP}/survey_responses.csv`, "--reviews", `${SHOP}/heureka_reviews.xml`],
    ...["--tickets", `${SHOP}/zendesk_tickets.csv`, "--traffic", `${SHOP}/ga4_sessions.csv`],
  ];
  it.each([
    ["report, every input, as HTML", ["report", ...INPUTS, "--format", "html"]],
    ["dashboard", ["dashboard", ...INPUTS]],
    ["cohorts", ["cohorts", ...ORDERS, "--format", "json"]],
    ["rfm", ["rfm", ...ORDERS, "--format", "json"]],
    ["clv", ["clv", ...ORDERS, "--format", "json"]],
    ["inspect", ["inspect", `${SHOP}/orders_export.csv`, "--tz", "Europe/Prague"]],
  ])("runs %s as main() does in-process", async (_name, args) => {
    const spawned = runBin(args, { env: { SHOPMETRICS_THREADS: "1" } });
    const inProcess = await runCli(args);
    expect(spawned.status).toBe(0);
    expect(spawned.stderr).toBe(inProcess.stderr);
    expect(spawned.stdout).toBe(inProcess.stdout);
    expect(spawned.stdout.length).toBeGreaterThan(1000);
  });

  it("gives the same report where Node may not compile code from strings (the table's cells builder falls back to a copy)", () => {
    const args = [
      "report",
      "--orders",
      "fixtures/orders/shopify-small.csv",
      "--window",
      "all",
      "--as-of",
      "2025-04-05",
      "--format",
      "json",
    ];
    const plain = runBin(args);
    const hardened = runBin(args, { env: { NODE_OPTIONS: "--disallow-code-generation-from-strings" } });
    expect(plain.status).toBe(0);
    expect(hardened.status).toBe(0);
    expect(hardened.stderr).toBe(plain.stderr);
    expect(hardened.stdout).toBe(plain.stdout);
    expect(JSON.parse(plain.stdout).groups.length).toBeGreaterThan(0);
  });

  it("reads stdin, and takes the zone from the real TZ variable", () => {
    const run = runBin(["report", "--orders", "-", "--format", "json", "--currency", "EUR"], {
      input: "created_at,total\n2025-01-01 23:30,10.00\n",
      env: { TZ: "America/New_York" },
    });
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.timezone).toBe("America/New_York");
    expect(report.window.to).toBe("2025-01-02T00:00:00-05:00");
  });

  it("exits 2 on a usage error and 3 on an input error, with one line on stderr and no stack", () => {
    const usage = runBin(["report", "--orders", "x.csv", "--window", "fortnight"]);
    expect(usage.status).toBe(2);
    const input = runBin(["report", "--orders", "fixtures/orders/no-such-file.csv"]);
    expect(input.status).toBe(3);
    expect(input.stderr).toBe("shopmetrics: error: fixtures/orders/no-such-file.csv: cannot read the file: no such file\n");
    for (const run of [usage, input]) {
      expect(run.stdout).toBe("");
      expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it("names a missing orders file while a customers file is read first (it crashed, an unhandled stream error)", () => {
    const run = runBin(["report", "--orders", "nope.csv", "--customers", "fixtures/customers/registered.csv"]);
    expect(run).toEqual({ status: 3, stdout: "", stderr: "shopmetrics: error: nope.csv: cannot read the file: no such file\n" });
  });

  it("exits 4 when --fail-if trips, after printing the report", () => {
    const run = runBin([...WOO, "--format", "json", "--fail-if", "orders>=5"]);
    expect(run.status).toBe(4);
    expect(JSON.parse(run.stdout).groups).toHaveLength(1);
    expect(run.stderr).toContain("shopmetrics: fail-if tripped: orders>=5 (orders is 5 for EUR as of 2025-04-05)");
  });

  it("--version prints the package's version", () => {
    const { version } = JSON.parse(readFileSync(resolve(ROOT, "package.json"), "utf8"));
    expect(runBin(["--version"])).toEqual({ status: 0, stdout: `${version}\n`, stderr: "" });
  });
});

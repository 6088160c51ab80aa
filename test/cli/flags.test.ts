/**
 * Flag values at the edges (issue 8, item 9): empty file names, values too long to echo, the
 * longest windows the docs allow, --periods as decimal digits only, a config file with a BOM.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CONFIG_KEYS } from "../../src/cli/settings.js";
import { ROOT, runCli } from "../helpers.js";

const SHOP = ["report", "--orders", "fixtures/sample-shop/orders_export.csv"];
const WOO = ["report", "--orders", "fixtures/orders/woocommerce-small.csv", "--window", "7d", "--as-of", "2025-04-05"];

describe("an empty file name is a usage error naming the flag", () => {
  it.each([
    [["report", "--orders", ""], "shopmetrics: error: --orders is empty: name the orders export, or - for stdin\n"],
    [[...WOO, "--customers", ""], "shopmetrics: error: --customers is empty: name the customers export\n"],
    [["inspect", ""], "shopmetrics: error: inspect's <file> is empty: name the export to inspect, or - for stdin\n"],
    [[...WOO, "--config", ""], "shopmetrics: error: --config is empty: name a JSON file of settings\n"],
  ])("%j", async (args, stderr) => {
    // Before, "" was resolved to the working directory: exit 3, ": cannot read the file: it is a directory".
    expect(await runCli(args)).toEqual({ status: 2, stdout: "", stderr });
  });
});

describe("a long flag value is cut in the message", () => {
  const long = `${"x".repeat(59)}yz${"w".repeat(1_000_000)}`;
  const cut = `"${"x".repeat(59)}y…"`; // the first 60 characters, then …

  it.each([
    [["--window", long], `shopmetrics: error: invalid --window ${cut}: expected Nd, Nm, Ny, all`],
    [["--as-of", long], `shopmetrics: error: invalid --as-of ${cut}: expected YYYY-MM-DD or today`],
    [["--tz", long], `shopmetrics: error: invalid --tz ${cut}: expected an IANA time zone`],
    [["--fail-if", long], `shopmetrics: error: invalid --fail-if ${cut}: expected METRIC<NUMBER`],
    [["--map", `${long}=Column`], `shopmetrics: error: invalid --map ${cut}: unknown field ${cut}; fields are order_id`],
  ])("%#", async (flag, start) => {
    const run = await runCli([...SHOP, ...flag]);
    expect(run.status).toBe(2);
    expect(run.stderr.startsWith(start)).toBe(true);
    expect(run.stderr.length).toBeLessThan(400);
    expect(run.stderr.split("\n")).toHaveLength(2); // one line
  });

  it("a value of 60 characters or fewer is echoed whole", async () => {
    const run = await runCli([...SHOP, "--window", "x".repeat(60)]);
    expect(run.stderr).toContain(`invalid --window "${"x".repeat(60)}": `);
  });

  it("a config file's long key is cut too", async () => {
    const dir = mkdtempSync(join(tmpdir(), "shopmetrics-flags-"));
    const path = join(dir, "long.json");
    writeFileSync(path, JSON.stringify({ [long]: "x" }));
    const run = await runCli([...WOO, "--config", path]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`shopmetrics: error: ${path}: unknown key ${cut}; keys are ${CONFIG_KEYS.join(", ")}\n`);
  });
});

describe("the longest windows the docs allow (a century) run; a previous window before 1900 holds nothing", () => {
  // The sample shop's orders run from 2023-09-01 to 2026-06-30.
  const century = async (window: string) => {
    const run = await runCli([
      ...SHOP,
      "--window",
      window,
      "--as-of",
      "2026-06-30",
      "--tz",
      "Europe/Prague",
      "--compare",
      "previous",
      "--format",
      "json",
    ]);
    expect(run.stderr).not.toContain("error");
    expect(run.status).toBe(0);
    return JSON.parse(run.stdout);
  };

  it.each(["100y", "36525d"])("--window %s --compare previous", async (window) => {
    const r = await century(window);
    // 100 years, 25 of them leap (1928 … 2024): 36,525 days back from 2026-07-01 is 1926-07-01.
    expect(r.window).toEqual({ spec: window, from: "1926-07-01T00:00:00+01:00", to: "2026-07-01T00:00:00+02:00", days: 36525 });
    for (const group of r.groups) {
      // P would start in 1826: it is cut at 1900-01-01, 26 years (6 of them leap) and 181 days long.
      expect(group.previous.window).toEqual({
        spec: window,
        from: "1900-01-01T00:00:00+01:00",
        to: "1926-07-01T00:00:00+01:00",
        days: 9677,
      });
      expect(group.previous.metrics.orders).toBe(0);
      expect(group.metrics.customersAtStart).toBe(0);
      expect(group.metrics.retentionRate).toBeNull();
    }
    // Every order of the file is in W: 2 currencies, the orders counted in both.
    const all = await runCli([...SHOP, "--window", "all", "--format", "json"]);
    const orders = (report: { groups: { metrics: { orders: number } }[] }) => report.groups.map((g) => g.metrics.orders);
    expect(orders(r)).toEqual(orders(JSON.parse(all.stdout)));
  });

  it("a window that itself starts before 1900 is still refused", async () => {
    // W = [1851-01-01, 1951-01-01), its P from 1751-01-01.
    const run = await runCli([...SHOP, "--window", "100y", "--as-of", "1950-12-31"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      "shopmetrics: error: the windows reach back to 1751-01-01; they must start in 1900 or later (fewer --periods, or a shorter --window)\n",
    );
  });
});

describe("--periods takes decimal digits only", () => {
  it.each(["0x10", "1e3", " 5", "5 ", "+5", "5.0", "", "٥"])("%j is a usage error", async (periods) => {
    const run = await runCli([...SHOP, "--every", "month", "--periods", periods]);
    expect(run).toEqual({
      status: 2,
      stdout: "",
      stderr: `shopmetrics: error: invalid --periods ${JSON.stringify(periods)}: expected a whole number from 1 to 1000\n`,
    });
  });

  it("05 is 5", async () => {
    const run = await runCli([...SHOP, "--every", "month", "--periods", "05", "--format", "json"]);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).series).toHaveLength(5);
  });
});

describe("--delimiter", () => {
  it.each(['"', "\n", "\r", "ab", "", "😀"])("%j is a usage error: a quote or a line break can't separate fields", async (delimiter) => {
    const run = await runCli([...WOO, "--delimiter", delimiter]);
    expect(run).toEqual({
      status: 2,
      stdout: "",
      stderr: `shopmetrics: error: invalid --delimiter ${JSON.stringify(delimiter)}: expected one character such as , ; | or the word tab or whitespace, not a quote or a line break\n`,
    });
  });
});

describe("a config file with a UTF-8 BOM", () => {
  it("is read (Notepad writes one)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "shopmetrics-flags-"));
    writeFileSync(join(dir, "shopmetrics.config.json"), `\uFEFF${JSON.stringify({ tz: "Asia/Tokyo" })}`);
    const run = await runCli(
      [
        "report",
        "--orders",
        join(ROOT, "fixtures/orders/woocommerce-small.csv"),
        "--window",
        "7d",
        "--as-of",
        "2025-04-05",
        "--format",
        "json",
      ],
      { cwd: dir },
    );
    expect(run.stderr).not.toContain("error");
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).timezone).toBe("Asia/Tokyo");
  });
});

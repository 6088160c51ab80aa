/**
 * --out FILE (issue 15): the output written to a file instead of stdout, whole or not at all, never
 * coloured; and --locale's checks.
 */
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "../helpers.js";

const SHOP = ["--orders", "fixtures/sample-shop/orders_export.csv", "--tz", "Europe/Prague", "--as-of", "2026-06-30"];

describe("--out", () => {
  it("writes what stdout would get, and nothing to stdout", async () => {
    const dir = mkdtempSync(join(tmpdir(), "shopmetrics-out-"));
    for (const command of ["report", "cohorts", "rfm", "clv"]) {
      const piped = await runCli([command, ...SHOP, "--format", "json"], { cwd: ROOT });
      const file = join(dir, `${command}.json`);
      const written = await runCli([command, ...SHOP, "--format", "json", "--out", file], { cwd: ROOT });
      expect(written.status).toBe(0);
      expect(written.stdout).toBe("");
      expect(readFileSync(file, "utf8")).toBe(piped.stdout);
    }
    expect(readdirSync(dir).sort()).toEqual(["clv.json", "cohorts.json", "report.json", "rfm.json"]); // no temporary file left
  });

  it("writes a table without colour, whatever the terminal", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "shopmetrics-out-")), "report.txt");
    const run = await runCli(["report", ...SHOP, "--out", file], { cwd: ROOT, tty: true, env: { FORCE_COLOR: "1" } });
    expect(run.status).toBe(0);
    expect(readFileSync(file, "utf8")).not.toContain("\x1b[");
  });

  it("is an output error naming the file when its folder does not exist (exit 3), with nothing written", async () => {
    const dir = mkdtempSync(join(tmpdir(), "shopmetrics-out-"));
    const file = join(dir, "missing", "page.html");
    const run = await runCli(["dashboard", ...SHOP, "--out", file], { cwd: ROOT });
    expect(run.status).toBe(3);
    expect(run.stderr.trimEnd().split("\n").at(-1)).toBe(`shopmetrics: error: cannot write ${file}: its folder does not exist`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it.each([
    [["--out", "-"], /--out names a file; without --out the output goes to stdout/],
    [["--locale", "xx_!"], /invalid --locale "xx_!": expected a language tag such as cs-CZ/],
  ])("%j is a usage error", async (flags, message) => {
    const run = await runCli(["report", ...SHOP, ...flags], { cwd: ROOT });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});

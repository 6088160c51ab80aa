/**
 * The table on a real terminal (issue 9, item 6): bin/shopmetrics.js run in a pseudo-terminal by
 * util-linux `script`, its size set with `stty`, so the width comes from stdout.columns as on a
 * user's screen, not from the COLUMNS variable. At 60 columns the metrics are stacked, at 120 they
 * are boxed; either way no line is wider than the terminal. A pipe keeps the full table.
 */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { displayWidth, stripAnsi } from "../../src/report/text-layout.js";
import { BIN, ROOT, runCli } from "../helpers.js";

const hasScript = /util-linux/.test(spawnSync("script", ["--version"], { encoding: "utf8" }).stdout ?? "");
const quote = (arg: string) => `'${arg.replace(/'/g, `'\\''`)}'`;

const SHOP = ["report", "--orders", "fixtures/sample-shop/orders_export.csv", "--tz", "Europe/Prague"];
const COMPARE = [...SHOP, "--window", "3m", "--as-of", "2026-03-31", "--compare", "previous"];
const EVERY = [...SHOP, "--window", "1m", "--every", "month", "--as-of", "2026-06-30"];

/** The CLI's output on a `columns`-wide pseudo-terminal, line endings as the program wrote them. */
function onTerminal(columns: number, args: readonly string[], env: Record<string, string> = {}): { status: number | null; text: string } {
  const command = `stty cols ${columns} rows 50 && exec ${quote(process.execPath)} ${quote(BIN)} ${args.map(quote).join(" ")}`;
  const run = spawnSync("script", ["-qec", command, "/dev/null"], {
    cwd: ROOT,
    input: "",
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", SHELL: "/bin/sh", TZ: "Europe/Prague", CI: "1", TERM: "xterm", ...env },
  });
  // The terminal turns each \n into \r\n.
  return { status: run.status, text: run.stdout.replace(/\r\n/g, "\n") };
}

const ESC = "\x1b";
const lines = (text: string) => stripAnsi(text).replace(/\n$/, "").split("\n");

describe.skipIf(!hasScript)(`the table on a pseudo-terminal${hasScript ? "" : " (skipped: util-linux script not found)"}`, () => {
  it("at 60 columns: stacked, every line within 60, coloured (the terminal's width wins over COLUMNS)", () => {
    const run = onTerminal(60, COMPARE, { COLUMNS: "200" });
    expect(run.status).toBe(0);
    expect(run.text).toContain("\x1b["); // a terminal: colour on
    const shown = lines(run.text);
    expect(Math.max(...shown.map(displayWidth))).toBeLessThanOrEqual(60);
    expect(shown.some((line) => /[┌│└]/.test(line))).toBe(false);
    const at = shown.indexOf("Revenue");
    expect(shown[at + 1]).toBe("  74,310.42 CZK · previous 70,058.50 CZK · ▲ 6.1%");
  });

  it("at 120 columns: the boxed table, every line within 120", () => {
    const run = onTerminal(120, COMPARE);
    expect(run.status).toBe(0);
    const shown = lines(run.text);
    expect(Math.max(...shown.map(displayWidth))).toBeLessThanOrEqual(120);
    expect(shown).toContain("│ Returning customer rate (2+ orders ever, Shopify's) │         54.1% │         69.0% │ ▼ 15.0 pp │");
  });

  it("--every at 60 and 120 columns: the trend stacked, then the latest months that fit as columns", () => {
    const narrow = lines(onTerminal(60, EVERY).text);
    expect(Math.max(...narrow.map(displayWidth))).toBeLessThanOrEqual(60);
    expect(narrow[narrow.indexOf("Orders") + 1]).toMatch(/^ {2}[▁-█]{12} {2}12 → 17$/);
    const wide = lines(onTerminal(120, EVERY).text);
    expect(Math.max(...wide.map(displayWidth))).toBeLessThanOrEqual(120);
    expect(wide).toContain("the table shows the last 4 of 12 windows, the trend all 12");
    expect(wide.find((line) => line.startsWith("│ Orders "))).toMatch(/│ [▁-█]{12} │ +31 │ +16 │ +21 │ +17 │$/);
  });

  it("with NO_COLOR: no colour codes, the same layout", () => {
    const run = onTerminal(60, COMPARE, { NO_COLOR: "1" });
    expect(run.text).not.toContain("\x1b[");
    expect(lines(run.text)).toContain("  74,310.42 CZK · previous 70,058.50 CZK · ▲ 6.1%");
  });
});

describe.skipIf(!hasScript)(`the cohort triangle on a pseudo-terminal${hasScript ? "" : " (skipped: util-linux script not found)"}`, () => {
  // As of mid-June: June's cells are partial.
  const COHORTS = ["cohorts", "--orders", "fixtures/sample-shop/orders_export.csv", "--tz", "Europe/Prague", "--as-of", "2026-06-15"];

  it("at 80 columns: a heat map (cell backgrounds), the offsets that fit, and a note for the rest", () => {
    const run = onTerminal(80, COHORTS);
    expect(run.status).toBe(0);
    expect(run.text).toMatch(new RegExp(`${ESC}\\[(48;[25];|4[0-7]m|10[0-7]m)`)); // a background colour
    const shown = lines(run.text);
    expect(Math.max(...shown.map(displayWidth))).toBeLessThanOrEqual(80);
    expect(shown.some((line) => /^offsets \d+–11 left out to fit the terminal/.test(line))).toBe(true);
    expect(shown).toContain("* partial: the period had not ended by the as-of day");
  });

  it("with NO_COLOR: no colour codes; the values and the partial marks read alone", () => {
    const run = onTerminal(120, COHORTS, { NO_COLOR: "1" });
    expect(run.text).not.toContain("\x1b[");
    const row = lines(run.text).find((line) => line.startsWith("│ 2026-05 "));
    expect(row).toMatch(/│ 2026-05 │ +\d+ │ +100\.0% │ +\d+\.\d%\* │/);
  });
});

describe("the width off a terminal", () => {
  it("is COLUMNS when it is a positive whole number", async () => {
    const run = await runCli(COMPARE, { env: { COLUMNS: "60" } });
    expect(run.stdout).not.toContain("┌");
    expect(Math.max(...lines(run.stdout).map(displayWidth))).toBeLessThanOrEqual(60);
  });

  it("is no limit in a pipe, or when COLUMNS is not a positive whole number: the full table", async () => {
    const piped = await runCli(COMPARE);
    expect(piped.stdout).toContain("│ Returning customer rate (2+ orders ever, Shopify's) │");
    for (const columns of ["0", "-5", "wide", "80.5", ""]) {
      expect((await runCli(COMPARE, { env: { COLUMNS: columns } })).stdout).toBe(piped.stdout);
    }
  });
});

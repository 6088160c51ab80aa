/**
 * Text from a file or a file name reaches the terminal with its control characters escaped
 * (issue 8, item 8): stderr's messages, the table and inspect's text. A file name holding a line
 * break can't forge a second `shopmetrics: error:` line.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { printable } from "../../src/core/printable.js";
import { runCli } from "../helpers.js";

// Any C0 but the line feed that ends each line, DEL, C1.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

const dir = mkdtempSync(join(tmpdir(), "shopmetrics-terminal-"));
const NAME = "shop\x1b]0;pwned\x07\nshopmetrics: error: forged.csv";
const SHOWN_NAME = "shop\\x1b]0;pwned\\x07\\nshopmetrics: error: forged.csv";
const FILE = join(dir, NAME);
writeFileSync(
  FILE,
  [
    "order_id,created_at,Tot\x07al,currency,status,email",
    '"K\x1b[2J1",2025-01-02,10.00,EUR,"Bad\x1bStatus\x9b",a\x7f@x.cz',
    "K2,2025-01-03,oops,EUR,completed,b@x.cz",
    'K3,2025-01-04,5.00,EUR,completed,"c\x1b[31m@x.cz"',
    "",
  ].join("\n"),
);
const READ = ["--map", "total=Tot\x07al", "--tz", "Europe/Prague"];

/** Every line of stderr is one of ours. */
function ownLines(stderr: string): string[] {
  const lines = stderr.split("\n").slice(0, -1);
  for (const line of lines) expect(line).toMatch(/^shopmetrics: (warning|error): /);
  return lines;
}

describe("printable", () => {
  it.each([
    ["ESC [31m", "\x1b[31m", "\\x1b[31m"],
    ["BEL", "\x07", "\\x07"],
    ["CR LF tab", "\r\n\t", "\\r\\n\\t"],
    ["NUL and US", "\x00\x1f", "\\x00\\x1f"],
    ["DEL", "\x7f", "\\x7f"],
    ["C1: CSI and APC", "\x9b\x9f\x80", "\\x9b\\x9f\\x80"],
    ["no control characters", "Čeká na platbu € 😀 \\x1b", "Čeká na platbu € 😀 \\x1b"],
  ])("%s", (_, text, shown) => {
    expect(printable(text)).toBe(shown);
  });
});

describe("text from a file on the terminal", () => {
  it("an error naming a file with a line break in its name stays one line", async () => {
    const missing = "a\nshopmetrics: error: forged";
    const run = await runCli(["report", "--orders", missing]);
    expect(run).toEqual({
      status: 3,
      stdout: "",
      stderr: "shopmetrics: error: a\\nshopmetrics: error: forged: cannot read the file: no such file\n",
    });
  });

  it("report: warnings name the file, header and status escaped; so does the table", async () => {
    const run = await runCli(["report", "--orders", FILE, ...READ, "--window", "7d", "--as-of", "2025-01-04"]);
    expect(run.status).toBe(0);
    const lines = ownLines(run.stderr);
    expect(lines[0]).toBe(
      `shopmetrics: warning: ${dir}/${SHOWN_NAME}:3: unreadable amount in Tot\\x07al: expected a number like 1234.50 or 1 234,50, got "oops"; row skipped`,
    );
    // The reader quotes the status as JSON does (ESC is \u001b there), which leaves C1 to printable().
    expect(lines.some((l) => l.includes('unrecognised status "Bad\\u001bStatus\\x9b"'))).toBe(true);
    expect(run.stderr).not.toMatch(RAW_CONTROL);
    expect(run.stdout).not.toMatch(RAW_CONTROL);
    expect(run.stdout).toContain(`orders: ${dir}/${SHOWN_NAME} (generic, 3 rows)\n`);
  });

  it("inspect: the file name, header names, status texts, order keys and emails escaped", async () => {
    const run = await runCli(["inspect", FILE, ...READ]);
    expect(run.status).toBe(0);
    ownLines(run.stderr);
    expect(run.stderr).not.toMatch(RAW_CONTROL);
    expect(run.stdout).not.toMatch(RAW_CONTROL);
    const out = run.stdout.split("\n");
    expect(out[0]).toBe(`shopmetrics inspect · ${dir}/${SHOWN_NAME}`);
    expect(out).toContain("  total         ← Tot\\x07al  (--map total=Tot\\x07al)");
    expect(out.some((l) => l.startsWith('  "Bad\\x1bStatus\\x9b"'))).toBe(true);
    expect(out).toContain("  line 2: K\\x1b[2J1  2025-01-02T00:00:00+01:00  10.00 EUR  unknown-status  a\\x7f@x.cz");
    expect(out.some((l) => l.includes("c\\x1b[31m@x.cz"))).toBe(true);
  });

  it("the JSON keeps the text as it is (JSON escapes what it must)", async () => {
    const run = await runCli(["report", "--orders", FILE, ...READ, "--format", "json", "--window", "7d", "--as-of", "2025-01-04"]);
    const report = JSON.parse(run.stdout);
    expect(report.inputs[0].file).toBe(FILE);
    expect(run.stdout).toContain(JSON.stringify(FILE));
  });

  it("commander's messages about what was typed are escaped and cut, its suggestion kept on a line of its own", async () => {
    const bad = await runCli(["report", "--orders", "x.csv", "--format", "j\x1b[31m\nshopmetrics: error: forged"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe(
      "shopmetrics: error: option '--format <format>' argument 'j\\x1b[31m\\nshopmetrics: error: forged' is invalid. Allowed choices are table, json, csv, html.\n",
    );
    const long = await runCli(["report", "--orders", "x.csv", `--${"o".repeat(100_000)}`]);
    expect(long.status).toBe(2);
    expect(long.stderr).toBe(`shopmetrics: error: unknown option '--${"o".repeat(58)}…'\n`);
    const typo = await runCli(["report", "--orders", "x.csv", "--windw", "7d"]);
    expect(typo.stderr).toBe("shopmetrics: error: unknown option '--windw'\n(Did you mean --window?)\n");
  });
});

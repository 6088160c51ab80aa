/**
 * The CSV record reader end to end (src/io/csv/tokenizer.ts): the mistakes csv-parse's
 * relax_quotes let through silently now stop the run naming the line, a cut last row is a
 * TRUNCATED_ROW, and binary input ends in bounded time, for orders, customers and inspect alike.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hasSharedData, runCli, sharedNote } from "../helpers.js";

const dir = mkdtempSync(join(tmpdir(), "csv-reader-"));
const file = (name: string, text: string | Buffer): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const HEADER = "Name,Email,Financial Status,Currency,Total,Created at,Lineitem name\n";
const row = (n: number, name = "Mug") => `#${n},c${n}@example.com,paid,EUR,10.00,2025-01-0${n} 10:00:00 +0100,${name}\n`;
const json = async (args: string[]) => {
  const run = await runCli(["report", ...args, "--format", "json", "--tz", "Europe/Prague"]);
  return { ...run, report: run.status === 0 ? JSON.parse(run.stdout) : undefined };
};

const PANALYSIS = "../shared/data/shopify/orders_export__panalysis-d3js-test.csv";

describe.skipIf(!hasSharedData)(`a stray quote in a real export${sharedNote}`, () => {
  it("stops with exit 3 naming the line, where csv-parse read 1,057 orders as 344", async () => {
    const lines = readFileSync(PANALYSIS, "utf8").split("\n");
    expect(lines[155]).toContain(",Parramatta   ,");
    lines[155] = lines[155]!.replace(",Parramatta   ,", ',"Parramatta   ,');
    const bad = file("panalysis-stray-quote.csv", lines.join("\n"));
    const intact = await json(["--orders", PANALYSIS, "--window", "all"]);
    expect(intact.report.dataQuality.ordersRead).toBe(1057);
    const run = await json(["--orders", bad, "--window", "all"]);
    expect(run.status).toBe(3);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(
      new RegExp(
        `^shopmetrics: error: ${bad.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:156: malformed CSV: the quoted field opened on line 156 closes, and is followed by `,
      ),
    );
  });
});

describe("quotes", () => {
  it('keeps 15" screen as text', async () => {
    const run = await json(["--orders", file("inch.csv", HEADER + row(1, '15" screen') + row(2, 'ab"c'))]);
    expect(run.status).toBe(0);
    expect(run.report.dataQuality).toMatchObject({ rowsRead: 2, rowsSkipped: 0, ordersRead: 2 });
  });

  it('stops at "abc"def with exit 3 naming the line the field opened on', async () => {
    const bad = file("abc-def.csv", `${HEADER}${row(1)}#2,"abc"def,paid,EUR,10.00,2025-01-02 10:00:00 +0100,Mug\n${row(3)}`);
    const run = await json(["--orders", bad]);
    expect(run.status).toBe(3);
    expect(run.stderr).toBe(
      `shopmetrics: error: ${bad}:3: malformed CSV: the quoted field opened on line 3 closes, and is followed by "def,paid,EUR,10.00,2025-01-02 10:00:00 +"… instead of "," or a line end (a quote inside a quoted value is written "")\n`,
    );
  });

  it("holds the customers file and inspect to the same rule", async () => {
    const orders = file("orders-ok.csv", HEADER + row(1) + row(2));
    const customers = file("customers-bad.csv", 'email,registered\nc1@example.com,true\n"c2@example.com"x,false\n');
    const run = await json(["--orders", orders, "--customers", customers]);
    expect(run.status).toBe(3);
    expect(run.stderr).toContain(
      `${customers}:3: malformed CSV: the quoted field opened on line 3 closes, and is followed by "x,false" instead of`,
    );
    const inspect = await runCli([
      "inspect",
      file("inspect-bad.csv", `${HEADER}${row(1)}#2,"x"y,paid,EUR,1,2025-01-02 10:00:00 +0100,Mug\n`),
    ]);
    expect(inspect.status).toBe(3);
    expect(inspect.stderr).toContain("inspect-bad.csv:3: malformed CSV: the quoted field opened on line 3 closes");
  });
});

describe("a cut download", () => {
  it("skips a last row cut short as TRUNCATED_ROW with its line, and reads a full last row without a line end", async () => {
    const cut = await json(["--orders", file("cut.csv", `${HEADER}${row(1)}${row(2)}#3,c3@example.com,paid,EU`)]);
    expect(cut.status).toBe(0);
    expect(cut.report.dataQuality).toMatchObject({ rowsRead: 3, rowsSkipped: 1, ordersRead: 2, skippedByCode: { TRUNCATED_ROW: 1 } });
    expect(cut.report.dataQuality.problems).toEqual([
      expect.objectContaining({ line: 4, code: "TRUNCATED_ROW", message: expect.stringContaining("ends after 4 of the header's 7 cells") }),
    ]);
    const inQuote = await json([
      "--orders",
      file("cut-quote.csv", `${HEADER}${row(1)}#2,c2@example.com,paid,EUR,10.00,2025-01-02 10:00:00 +0100,"Mug, bl`),
    ]);
    expect(inQuote.status).toBe(0);
    expect(inQuote.report.dataQuality.problems).toEqual([expect.objectContaining({ line: 3, code: "TRUNCATED_ROW" })]);
    const whole = await json(["--orders", file("no-line-end.csv", (HEADER + row(1) + row(2)).trimEnd())]);
    expect(whole.report.dataQuality).toMatchObject({ rowsRead: 2, rowsSkipped: 0, ordersRead: 2 });
  });

  it("reads a short last row without a line end when the file writes short rows anyway (trailing empty cells left out)", async () => {
    // Every row stops after Created at (the Lineitem name cell left out); the last has no line end.
    // Nothing tells it from the rows before: 3 orders, none skipped.
    const short = (n: number) => `#${n},c${n}@example.com,paid,EUR,10.00,2025-01-0${n} 10:00:00 +0100`;
    const run = await json(["--orders", file("short-rows.csv", `${HEADER}${short(1)}\n${short(2)}\n${short(3)}`)]);
    expect(run.report.dataQuality).toMatchObject({ rowsRead: 3, rowsSkipped: 0, ordersRead: 3 });
  });

  it("stops a quoted field opened earlier and never closed, naming its line", async () => {
    const bad = file("never.csv", `${HEADER}${row(1)}#2,"c2@example.com,paid\n${row(3)}`);
    const run = await json(["--orders", bad]);
    expect(run.status).toBe(3);
    expect(run.stderr).toBe(`shopmetrics: error: ${bad}:3: malformed CSV: a quoted field opened on line 3 is never closed\n`);
  });
});

describe("binary input", () => {
  it("stops at /dev/zero in bounded time", { timeout: 10_000 }, async () => {
    const run = await runCli(["report", "--orders", "/dev/zero"]);
    expect(run.status).toBe(3);
    expect(run.stderr).toContain("/dev/zero: NUL bytes in the first 64 KiB: this looks like a binary file, not CSV");
  });

  it("stops at a 5 MB file of NUL bytes, as orders, customers and for inspect", { timeout: 10_000 }, async () => {
    const nul = file("nul.bin", Buffer.alloc(5_000_000));
    for (const args of [
      ["report", "--orders", nul],
      ["report", "--orders", file("o.csv", HEADER + row(1)), "--customers", nul],
      ["inspect", nul],
    ]) {
      const run = await runCli(args);
      expect(run.status).toBe(3);
      expect(run.stderr).toContain(`${nul}: NUL bytes in the first 64 KiB: this looks like a binary file, not CSV`);
    }
  });
});

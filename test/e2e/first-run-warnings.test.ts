/**
 * What a new user (and a cron job) hears on the first run (issue 9, items 3 and 7): a file none
 * of whose rows could be read is an error, not an empty success; a window outside the data says
 * so; each kind of warning is said once, with a count; --quiet says none.
 *
 * The CDNOW counts were computed independently with Python's csv module (delimiter ' '): of the
 * 69,659 rows, 66,474 have cells past the header's 7 (first at line 2), 2,072 have an empty
 * `date` cell (first at line 29) and 1,113 hold a number that is no date there (first at line 56).
 * The sample shop's first and last order days (2023-09-01, 2026-06-30) were read off its
 * `Created at` column with Python too.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { CDNOW, CDNOW_EVERY_ROW_SKIPPED, FIXTURES, hasSharedData, runCli, sharedNote } from "../helpers.js";

const SAMPLE = resolve(FIXTURES, "sample-shop/orders_export.csv");

function file(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "shopmetrics-first-run-")), name);
  writeFileSync(path, text);
  return path;
}

const lines = (stderr: string) => stderr.split("\n").filter((line) => line !== "");

describe("nothing read is not success", () => {
  it("every row skipped: exit 3, nothing on stdout, the reasons by count with their first lines", async () => {
    const orders = file("orders.csv", "created_at,total\nnot a date,1.00\nlater,2.00\n,3.00\nyesterday,4.00\n");
    const run = await runCli(["report", "--orders", orders, "--as-of", "2025-06-30"]);
    expect(run.status).toBe(3);
    expect(run.stdout).toBe("");
    const error = lines(run.stderr).at(-1)!;
    expect(error).toMatch(
      new RegExp(
        `^shopmetrics: error: ${orders.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}: no orders could be read: all 4 rows were skipped: ` +
          '3 UNREADABLE_DATE \\(line 2: unreadable date in created_at: .*got "not a date"; row skipped\\); 1 EMPTY_DATE \\(line 4: empty created_at; row skipped\\)\\. Run shopmetrics inspect',
      ),
    );
  });

  it("--format json too: no JSON document of nothing, the same error", async () => {
    const orders = file("orders.csv", "created_at,total\nnot a date,1.00\n");
    const run = await runCli(["report", "--orders", orders, "--as-of", "2025-06-30", "--format", "json"]);
    expect(run.status).toBe(3);
    expect(run.stdout).toBe("");
  });

  it("a customers file none of whose rows can be read is refused the same way", async () => {
    const customers = file("customers.csv", "customer_id,email,created_at,registered\n,,2025-01-01,yes\n,,2025-01-02,yes\n");
    const run = await runCli(["report", "--orders", SAMPLE, "--customers", customers, "--as-of", "2026-06-30"]);
    expect(run.status).toBe(3);
    expect(lines(run.stderr).at(-1)).toMatch(/: no customers could be read: all 2 rows were skipped: 2 [A-Z_]+ \(line 2: /);
  });

  it("one readable row is enough: exit 0, the rest warned about", async () => {
    const orders = file("orders.csv", "created_at,total,currency\nnot a date,1.00,EUR\n2025-06-01,2.00,EUR\n");
    const run = await runCli(["report", "--orders", orders, "--as-of", "2025-06-30"]);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain(":2: unreadable date in created_at");
  });

  it("a header and no rows is a shop with no orders yet: exit 0 and a warning; --fail-if 'orders<1' catches it", async () => {
    const orders = file("orders.csv", "created_at,total\n");
    const quiet = await runCli(["report", "--orders", orders, "--as-of", "2025-06-30"]);
    expect(quiet.status).toBe(0);
    expect(quiet.stderr).toContain("no orders could be read (the file has no rows after its header)");
    const guarded = await runCli(["report", "--orders", orders, "--as-of", "2025-06-30", "--fail-if", "orders<1"]);
    expect(guarded.status).toBe(4);
    expect(guarded.stderr).toContain("shopmetrics: fail-if tripped: orders<1 (orders is 0 for the report (no orders) as of 2025-06-30)");
  });

  it.skipIf(!hasSharedData)(`CDNOW_master.txt read with --delimiter ' ': all 69,659 rows skipped, exit 3${sharedNote}`, async () => {
    const run = await runCli(["report", "--orders", CDNOW, ...CDNOW_EVERY_ROW_SKIPPED, "--as-of", "1998-06-30"]);
    expect(run.status).toBe(3);
    expect(run.stdout).toBe("");
    const error = lines(run.stderr).at(-1)!;
    expect(error).toContain(`${CDNOW}: no orders could be read: all 69,659 rows were skipped: `);
    expect(error).toContain("66,474 SHIFTED_ROW (line 2: ");
    expect(error).toContain("2,072 EMPTY_DATE (line 29: ");
    expect(error).toContain("1,113 UNREADABLE_DATE (line 56: ");
    // Before the error: three rows of each kind one by one, no "… more" lines (the error counts them).
    const warnings = lines(run.stderr).slice(0, -1);
    expect(warnings).toHaveLength(9);
    expect(warnings.every((line) => line.startsWith("shopmetrics: warning: "))).toBe(true);
  });
});

describe("a window that lies outside the data", () => {
  it("--as-of today on an old export: a warning with the data's first and last day", async () => {
    const run = await runCli(["report", "--orders", SAMPLE, "--as-of", "today", "--format", "json"], {
      now: () => Date.parse("2030-03-01T12:00:00Z"),
    });
    expect(run.status).toBe(0);
    expect(run.stderr).toContain(
      "shopmetrics: warning: the window 2029-03-02 … 2030-03-01 lies wholly outside the data: the data runs from 2023-09-01 to 2026-06-30 (--as-of DATE or --window FROM..TO picks a window with data)",
    );
    // And not also the "starts before the data" caveat: that one is about windows with data.
    expect(run.stderr).not.toContain("before the data");
  });

  it("with --every, once for all the points outside it", async () => {
    // Months ending 2026-01-31 … 2026-12-31 as of 2026-12-31: the data ends on 2026-06-30, so
    // the six points July … December are empty.
    const run = await runCli(["report", "--orders", SAMPLE, "--window", "1m", "--every", "month", "--as-of", "2026-12-31"]);
    expect(run.status).toBe(0);
    const said = lines(run.stderr).filter((line) => line.includes("outside the data"));
    expect(said).toEqual([
      "shopmetrics: warning: 6 of 12 windows lie wholly outside the data (the data runs from 2023-09-01 to 2026-06-30): their figures are empty",
    ]);
  });

  it("the two 'before the data' caveats are one line, however many windows", async () => {
    const run = await runCli([
      "report",
      "--orders",
      SAMPLE,
      "--window",
      "3m",
      "--every",
      "month",
      "--periods",
      "40",
      "--as-of",
      "2026-06-30",
    ]);
    const said = lines(run.stderr).filter((line) => line.includes("before the data"));
    expect(said).toHaveLength(1);
    // The first point ends 2023-03-31 (40 month ends back from 2026-06-30); its 3 months start 2023-01-01 and its P 2022-10-01.
    expect(said[0]).toContain("a window starts on 2023-01-01 (its previous window on 2022-10-01), before the data (2023-09-01)");
  });
});

describe("one warning per kind, with a count", () => {
  it("rows skipped for the same reason: three one by one, then one line with the rest", async () => {
    const bad = Array.from({ length: 8 }, (_, i) => `${i + 1}.13.2025,1.00`).join("\n");
    const orders = file("orders.csv", `created_at,total,currency\n${bad}\n2025-06-01,2.00,EUR\n`);
    const run = await runCli(["report", "--orders", orders, "--as-of", "2025-06-30"]);
    expect(run.status).toBe(0);
    const said = lines(run.stderr).filter((line) => line.includes("UNREADABLE_DATE") || line.includes("unreadable date"));
    expect(said).toHaveLength(4);
    expect(said.slice(0, 3).map((line) => line.match(/orders\.csv:(\d+):/)?.[1])).toEqual(["2", "3", "4"]);
    expect(said[3]).toBe(`shopmetrics: warning: ${orders}: … and 5 more UNREADABLE_DATE (8 in all; --format json lists them)`);
  });

  it("-q/--quiet: no warning at all; a tripped --fail-if is still said, and exits 4", async () => {
    const args = ["report", "--orders", SAMPLE, "--window", "3650d", "--as-of", "2026-06-30"];
    expect((await runCli(args)).stderr).toContain("warning:");
    const quiet = await runCli([...args, "--quiet", "--fail-if", "aov>1"]);
    expect(quiet.status).toBe(4);
    expect(lines(quiet.stderr).every((line) => line.startsWith("shopmetrics: fail-if tripped: aov>1"))).toBe(true);
    expect(lines(quiet.stderr)).toHaveLength(2); // CZK and EUR
    expect(lines((await runCli([...args, "-q"])).stderr)).toEqual([]);
  });

  it("--quiet keeps the warnings in the JSON", async () => {
    const run = await runCli(["report", "--orders", SAMPLE, "--window", "3650d", "--as-of", "2026-06-30", "--quiet", "--format", "json"]);
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout).warnings).toHaveLength(1);
  });
});

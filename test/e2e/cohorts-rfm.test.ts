/**
 * `shopmetrics cohorts` and `shopmetrics rfm` (issue 13), end to end.
 *
 * The figures are checked against fixtures/analyses/expected.json, written by
 * scripts/crosscheck/analyses.py (Python's csv, decimal and zoneinfo, from the contract, not from
 * src/) and, for the hand fixtures of fixtures/analyses/, worked by hand first in
 * fixtures/analyses/README.md. Each run there records the command line it stands for; it is
 * replayed here through the CLI, and the cohort matrix, the segment summary and every customer's
 * scores and segment (the --customers-out file, read back with csv-parse) must agree exactly.
 * The UCI Online Retail runs need ../shared/data.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { FIXTURES, hasSharedData, ROOT, runCli, sharedNote } from "../helpers.js";

interface ExpectedRun {
  readonly argv: readonly string[];
  readonly result: { readonly groups: readonly Record<string, unknown>[] };
}
const EXPECTED: Record<string, ExpectedRun> = JSON.parse(readFileSync(resolve(FIXTURES, "analyses/expected.json"), "utf8"));
const RETAIL_MAPS = [
  "--map",
  "created_at=InvoiceDate",
  "--map",
  "total=TotalPrice",
  "--map",
  "customer_id=CustomerID",
  "--map",
  "order_id=InvoiceNo",
];

/** The CLI arguments of an expected run: its command, its file (read as the format says), its flags. */
function argsOf(run: ExpectedRun): string[] {
  const [command, format, file, ...flags] = run.argv as string[];
  const reading = format === "online-retail" ? [...RETAIL_MAPS, "--currency", "GBP"] : [];
  return [command!, "--orders", file!, ...reading, ...flags];
}

const tmp = () => mkdtempSync(join(tmpdir(), "shopmetrics-rfm-"));
const readCsv = (text: string): Record<string, string>[] => parse(text, { columns: true, skip_empty_lines: true });

/** A customer's line in the cross-check's compact form: customer|r|f|m|recencyDays|frequency|monetary|segment. */
const compact = (row: Record<string, unknown>) =>
  [row.customer, row.r, row.f, row.m, row.recencyDays, row.frequency, row.monetary, row.segment].join("|");

const runs = Object.entries(EXPECTED);
const needsShared = (run: ExpectedRun) => run.argv[1] === "online-retail";

describe("against the Python cross-check (fixtures/analyses/expected.json)", () => {
  const cohortRuns = runs.filter(([, run]) => run.argv[0] === "cohorts");
  const rfmRuns = runs.filter(([, run]) => run.argv[0] === "rfm");

  it("has runs for every hand fixture, the sample shop and the UCI file", () => {
    const files = new Set(runs.map(([, run]) => run.argv[2]));
    for (const fixture of readdirSync(resolve(FIXTURES, "analyses")).filter((f) => f.endsWith(".csv")))
      expect(files).toContain(`fixtures/analyses/${fixture}`);
    expect(files).toContain("fixtures/sample-shop/orders_export.csv");
    expect(cohortRuns.length).toBeGreaterThanOrEqual(15);
    expect(rfmRuns.length).toBeGreaterThanOrEqual(12);
  });

  describe.each(cohortRuns)("%s", (_name, run) => {
    it.skipIf(needsShared(run) && !hasSharedData)(`gives the same cohort matrix${needsShared(run) ? sharedNote : ""}`, async () => {
      const cli = await runCli([...argsOf(run), "--format", "json"], { cwd: ROOT });
      expect(cli.status).toBe(0);
      expect(JSON.parse(cli.stdout).groups).toEqual(run.result.groups);
    });
  });

  describe.each(rfmRuns)("%s", (_name, run) => {
    it.skipIf(needsShared(run) && !hasSharedData)(
      `gives the same segments and every customer's scores${needsShared(run) ? sharedNote : ""}`,
      async () => {
        const out = join(tmp(), "customers.csv");
        const cli = await runCli([...argsOf(run), "--format", "json", "--customers-out", out], { cwd: ROOT });
        expect(cli.status).toBe(0);
        const groups = JSON.parse(cli.stdout).groups as {
          currency: string | null;
          customers: number;
          segments: Record<string, unknown>[];
        }[];
        const rows = readCsv(readFileSync(out, "utf8"));
        expect(groups.map((g) => g.currency)).toEqual(run.result.groups.map((g) => g.currency));
        for (const [i, expected] of run.result.groups.entries()) {
          const group = groups[i]!;
          expect(group.customers).toBe(expected.customers);
          // The cross-check writes money as decimal text and names a segment "segment".
          const segments = (expected.segments as Record<string, unknown>[]).map(({ segment, revenue, aov, ...rest }) => ({
            name: segment,
            ...rest,
            revenue: Number(revenue),
            aov: aov === null ? null : Number(aov),
          }));
          expect(group.segments).toEqual(segments);
          const list = expected.list as (string | Record<string, unknown>)[];
          const want = list.map((row) => (typeof row === "string" ? row : compact(row))).sort();
          const got = rows
            .filter((row) => (row.currency || null) === expected.currency)
            .map(compact)
            .sort();
          expect(got).toEqual(want);
        }
      },
    );
  });
});

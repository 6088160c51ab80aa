/**
 * Issue 8's promises on whole files, each checked against the unmutated file's own report (a
 * change that must not alter any figure) or against figures worked by hand in the comments.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, runCli } from "../helpers.js";

const AS_OF = ["--as-of", "2025-12-31", "--tz", "Europe/Prague", "--window", "all", "--format", "json"];

async function report(input: string, extra: string[] = []) {
  const run = await runCli(["report", "--orders", "-", ...AS_OF, ...extra], { input });
  return { ...run, json: run.status === 0 || run.status === 4 ? JSON.parse(run.stdout) : null };
}
/** The run stopped with exit 3, nothing on stdout and this one error line. */
function expectInputError(run: { status: number | null; stdout: string; stderr: string }, message: string): void {
  expect(run.status).toBe(3);
  expect(run.stdout).toBe("");
  expect(run.stderr).toBe(`shopmetrics: error: ${message}\n`);
}
const metricsOf = (json: { groups: { currency: string; metrics: unknown }[] }) => json.groups.map((g) => [g.currency, g.metrics]);

const SHOPIFY = readFileSync(resolve(FIXTURES, "orders/shopify-small.csv"), "utf8");
/** The file's records as text: lines joined while a quote is open (an even count of `"` closes it). */
function records(text: string): string[] {
  const out: string[] = [];
  for (const line of text.trimEnd().split("\n")) {
    const open = out.length > 0 && (out[out.length - 1]!.split('"').length - 1) % 2 === 1;
    if (open) out[out.length - 1] += `\n${line}`;
    else out.push(line);
  }
  return out;
}
const [HEADER, ...ROWS] = records(SHOPIFY);

describe("rows of one order anywhere, exact repeats, pasted exports", () => {
  it("a Shopify export with its rows in reverse order gives the same figures", async () => {
    expect(ROWS).toHaveLength(15); // 16 lines after the header: one note holds a line break
    const sorted = await report(SHOPIFY);
    const reversed = await report(`${[HEADER, ...[...ROWS].reverse()].join("\n")}\n`);
    expect(reversed.status).toBe(sorted.status);
    expect(metricsOf(reversed.json)).toEqual(metricsOf(sorted.json));
    expect(reversed.json.dataQuality.rowsSkipped).toBe(sorted.json.dataQuality.rowsSkipped);
    expect(reversed.json.dataQuality.ordersRead).toBe(sorted.json.dataQuality.ordersRead);
  });

  it("a file pasted after itself, header and all, counts once: every repeat is a DUPLICATE_ROW", async () => {
    const once = await report(SHOPIFY);
    const twice = await report(SHOPIFY + SHOPIFY);
    expect(metricsOf(twice.json)).toEqual(metricsOf(once.json));
    const dq = twice.json.dataQuality;
    expect(dq.repeatedHeaders).toBe(1);
    expect(dq.rowsRead).toBe(2 * ROWS.length + 1);
    // Every row of the second copy is an exact repeat of the first copy's, skipped or not.
    expect(dq.skippedByCode.DUPLICATE_ROW).toBe(ROWS.length);
    expect(dq.rowsSkipped).toBe(once.json.dataQuality.rowsSkipped + ROWS.length);
    expect(twice.stderr).toContain("-: line 18 repeats the header (exports pasted together?)"); // after the header and 16 lines
  });

  it("a second header with its columns reordered: the rows after it are read with its positions", async () => {
    // Two orders by hand: #1 10.00 EUR by a@x.cz, #2 20.00 EUR by b@x.cz: revenue 30, aov 15.
    const input = [
      "order_id,created_at,total,currency,email",
      "1,2025-03-01 10:00,10.00,EUR,a@x.cz",
      "email,total,currency,order_id,created_at",
      "b@x.cz,20.00,EUR,2,2025-03-02 10:00",
      "",
    ].join("\n");
    const r = await report(input);
    expect(r.status).toBe(0);
    expect(r.json.groups[0].metrics).toMatchObject({ orders: 2, revenue: 30, aov: 15, customers: 2 });
    expect(r.json.dataQuality).toMatchObject({ rowsRead: 3, rowsSkipped: 0, repeatedHeaders: 1 });
  });

  it("a second header with other columns stops the read, naming its line", async () => {
    const input = [
      "order_id,created_at,total",
      "1,2025-03-01,10.00",
      "order_id,created_at,total,currency",
      "2,2025-03-02,5.00,EUR",
      "",
    ].join("\n");
    expectInputError(
      await report(input),
      "-:3: a second header row with other columns than the first (two different exports pasted together?): the rows after it can't be read with the first header; split the file",
    );
  });

  it("a value that merely equals a column name is data, not a header", async () => {
    // The key "total" is a header name, but only one of the row's five filled cells is one.
    const input = ["order_id,created_at,total,currency,email", "total,2025-03-01 10:00,10.00,EUR,a@x.cz", ""].join("\n");
    const r = await report(input);
    expect(r.json.dataQuality).toMatchObject({ rowsRead: 1, rowsSkipped: 0, repeatedHeaders: 0, ordersRead: 1 });
  });
});

describe("sums stay exact", () => {
  it("stops with one line when the amounts would add up past 2^53 minor units, instead of drifting", async () => {
    // Each total is 5,000,000,000,000,000 cents (a safe integer); two of them are 10^16 > 2^53 − 1
    // = 9,007,199,254,740,991, past which a double can't hold every integer.
    const input = [
      "order_id,created_at,total,currency",
      "1,2025-03-01,50000000000000.00,EUR",
      "2,2025-03-02,50000000000000.00,EUR",
      "",
    ].join("\n");
    expectInputError(
      await report(input),
      "-:3: the orders' amounts add up to more than 2^53 minor units (9,007,199,254,740,991), beyond which sums stop being exact; split the file",
    );
    // One of them alone is read exactly.
    const one = await report(input.split("\n").slice(0, 2).join("\n"));
    expect(one.json.groups[0].metrics.revenue).toBe(50_000_000_000_000);
  });
});

/**
 * Golden outputs of the renderers a person reads: the report table (single window, --compare,
 * --every), the tidy CSV, and inspect's text — colour off, as in a pipe. Each stored file in
 * fixtures/expected/ was read line by line against the JSON of the same run when it was written;
 * a change to any of them shows in review as a diff of the file. `npx vitest -u` rewrites them.
 */
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers.js";

const SHOP = ["report", "--orders", "fixtures/sample-shop/orders_export.csv", "--tz", "Europe/Prague"];

const cases: [string, string[]][] = [
  [
    "report-shopify-small.txt",
    ["report", "--orders", "fixtures/orders/shopify-small.csv", "--as-of", "2025-06-30", "--tz", "Europe/Prague"],
  ],
  [
    "report-woocommerce-small.txt",
    ["report", "--orders", "fixtures/orders/woocommerce-small.csv", "--window", "7d", "--as-of", "2025-04-05"],
  ],
  ["report-compare.txt", [...SHOP, "--window", "3m", "--as-of", "2026-03-31", "--compare", "previous"]],
  ["report-every.txt", [...SHOP, "--window", "1m", "--every", "month", "--periods", "6", "--as-of", "2026-06-30"]],
  [
    "report-every-compare.csv",
    [...SHOP, "--window", "30d", "--every", "week", "--periods", "2", "--as-of", "2026-06-30", "--compare", "previous", "--format", "csv"],
  ],
  ["inspect-shoptet-cp1250.txt", ["inspect", "fixtures/orders/shoptet-cp1250.csv"]],
  ["inspect-woocommerce-small.txt", ["inspect", "fixtures/orders/woocommerce-small.csv"]],
];

describe("golden outputs (fixtures/expected/)", () => {
  it.each(cases)("%s", async (file, args) => {
    const run = await runCli(args);
    expect(run.status).toBe(0);
    expect(run.stdout).not.toContain("\x1b[");
    await expect(run.stdout).toMatchFileSnapshot(`../../fixtures/expected/${file}`);
  });
});

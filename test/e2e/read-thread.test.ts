/**
 * The CLI reads a big file in a second thread (src/io/csv/read-thread.ts); SHOPMETRICS_THREADS=2
 * makes it do so for any file. Every fixture, and the sample shop with its customers, must give
 * the same stdout, stderr and exit code as read in the main thread (SHOPMETRICS_THREADS=1).
 */
import { readdirSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, runBin } from "../helpers.js";

const orders = readdirSync(resolve(FIXTURES, "orders"))
  .filter((f) => f.endsWith(".csv"))
  .map((f) => `fixtures/orders/${f}`);

function both(args: string[]) {
  const one = runBin(args, { env: { SHOPMETRICS_THREADS: "1" } });
  const two = runBin(args, { env: { SHOPMETRICS_THREADS: "2" } });
  return { one, two };
}

describe("SHOPMETRICS_THREADS", () => {
  it.each(orders)("report and inspect read %s in a second thread as in the main one", (file) => {
    for (const args of [
      ["report", "--orders", file, "--format", "json", "--window", "all"],
      ["inspect", file],
    ]) {
      const { one, two } = both(args);
      expect(two, args.join(" ")).toEqual(one);
    }
  });

  it("reads the sample shop's orders and customers in a second thread as in the main one", () => {
    const { one, two } = both([
      "report",
      "--orders",
      "fixtures/sample-shop/orders_export.csv",
      "--customers",
      "fixtures/sample-shop/customers_export.csv",
      "--as-of",
      "2025-06-30",
      "--format",
      "json",
    ]);
    expect(one.status).toBe(0);
    expect(two).toEqual(one);
  });

  it("says the same of a file that is not there", () => {
    const { one, two } = both(["report", "--orders", "fixtures/orders/no-such.csv"]);
    expect(one.status).not.toBe(0);
    expect(two).toEqual(one);
  });

  it("is a usage error when not a whole number, for a file or stdin", () => {
    for (const [orders, input] of [
      ["fixtures/orders/shopify-small.csv", undefined],
      ["-", "Name,Created at,Total\n#1,2025-03-01 10:00:00 +0100,10.00\n"],
    ] as const) {
      const run = runBin(["report", "--orders", orders], { env: { SHOPMETRICS_THREADS: "two" }, ...(input ? { input } : {}) });
      expect(run.status, orders).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr).toBe("shopmetrics: error: SHOPMETRICS_THREADS=two: expected a whole number of threads, 1 or more\n");
    }
  });

  it("reads stdin as it comes, whatever SHOPMETRICS_THREADS says", () => {
    const input = "Name,Created at,Total\n#1,2025-03-01 10:00:00 +0100,10.00\n";
    const args = ["report", "--orders", "-", "--format", "json", "--currency", "EUR"];
    const one = runBin(args, { input, env: { SHOPMETRICS_THREADS: "1" } });
    expect(one.status).toBe(0);
    expect(runBin(args, { input, env: { SHOPMETRICS_THREADS: "2" } })).toEqual(one);
  });
});

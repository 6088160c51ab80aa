/**
 * Generic files without guessing (issue 9, item 5): whitespace-separated text read with
 * `--delimiter whitespace` (sniffed when the header has none of , ; tab |), and a file that lacks
 * a field told which of its columns look like it, by name and by value.
 *
 * Expected CDNOW figures come from awk over the file, not from shopmetrics:
 *   awk 'NR>1 && NF>0 {n++; s+=$4; c[$1]++} END {printf "%d %.2f %d\n", n, s, length(c)}' CDNOW_master.txt
 *   → 69659 2500315.63 23570 (and 11,662 customers with more than one row; every line has 4 fields),
 * which SOURCES.md's row and customer counts agree with.
 */
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { hasSharedData, runCli, SHARED_DATA, sharedNote } from "../helpers.js";

const CDNOW = resolve(SHARED_DATA, "lifetimes/CDNOW_master.txt");
const CDNOW_MAPS = ["--map", "created_at=date", "--map", "total=dollar_value", "--currency", "USD"];

describe.skipIf(!hasSharedData)(`whitespace-separated text: CDNOW_master.txt${sharedNote}`, () => {
  const report = async (extra: string[]) => {
    const run = await runCli([
      "report",
      "--orders",
      CDNOW,
      ...CDNOW_MAPS,
      "--window",
      "all",
      "--as-of",
      "1998-06-30",
      "--format",
      "json",
      ...extra,
    ]);
    expect(run.status).toBe(0);
    return JSON.parse(run.stdout);
  };

  it("is sniffed from its header, and every row is read: 69,659 orders, 2,500,315.63 USD, 23,570 customers (awk)", async () => {
    const r = await report([]);
    expect(r.inputs[0]).toMatchObject({ platform: "generic", delimiter: "whitespace", rows: 69_659 });
    expect(r.dataQuality).toMatchObject({ rowsRead: 69_659, rowsSkipped: 0, ordersRead: 69_659, unidentifiedOrders: 0 });
    expect(r.groups[0].currency).toBe("USD");
    expect(r.groups[0].metrics).toMatchObject({ orders: 69_659, revenue: 2_500_315.63, customers: 23_570 });
    expect(r.groups[0].metrics.repeatPurchaseRate).toBeCloseTo(11_662 / 23_570, 10);
  });

  it("--delimiter whitespace says the same", async () => {
    const r = await report(["--delimiter", "whitespace"]);
    expect(r.dataQuality).toMatchObject({ rowsRead: 69_659, rowsSkipped: 0, ordersRead: 69_659 });
    expect(r.groups[0].metrics.revenue).toBe(2_500_315.63);
  });

  it("inspect says why: no , ; tab or | in the header, and runs of spaces separate its 4 columns", async () => {
    const run = await runCli(["inspect", CDNOW, ...CDNOW_MAPS, "--format", "json"]);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).delimiter).toEqual({
      value: "whitespace",
      reason: "no , ; tab or | in the header, and runs of spaces separate its 4 columns",
      source: "content",
      line: 1,
    });
  });
});

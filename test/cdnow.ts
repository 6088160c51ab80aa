/**
 * The CDNOW 1/10 sample (../shared/data/lifetimes/CDNOW_sample.txt: master id, sample id,
 * YYYYMMDD, CDs, dollars, whitespace separated, no header) as the generic CSV the clv tests fit:
 * one order a line (order_id = the line number), the sample id as the customer.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SHARED_DATA } from "./helpers.js";

/** The sample's lines as sample id (without leading zeros), day and dollars. */
export function cdnowRows(): { id: string; day: string; dollars: string }[] {
  const text = readFileSync(join(SHARED_DATA, "lifetimes/CDNOW_sample.txt"), "utf8");
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== "")
    .map((line) => {
      const [, id, date, , dollars] = line.trim().split(/\s+/);
      return { id: String(Number(id)), day: `${date!.slice(0, 4)}-${date!.slice(4, 6)}-${date!.slice(6, 8)}`, dollars: dollars! };
    });
}

/** Writes the sample as `order_id,created_at,customer_id,total` in a temporary folder; its path. */
export function cdnowCsv(): string {
  const file = join(mkdtempSync(join(tmpdir(), "shopmetrics-cdnow-")), "cdnow.csv");
  const lines = ["order_id,created_at,customer_id,total", ...cdnowRows().map((r, i) => `${i + 1},${r.day},${r.id},${r.dollars}`)];
  writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

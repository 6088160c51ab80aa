/**
 * The orders reader cuts out of the text only the cells its fields use (Table.project). Whatever
 * the file and however it is cut into chunks, that must read exactly what reading every cell
 * reads: the same orders, problems, repeated headers and conventions.
 */
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createOrderReader, type OrderReaderOptions } from "../../../src/io/orders/order-reader.js";
import { readFile } from "../../../src/io/read-file.js";
import { FIXTURES, ordersSummary, PRAGUE, reorderedExport } from "../../helpers.js";

const OPTIONS: OrderReaderOptions = { file: "t.csv", maps: new Map(), statusMap: new Map(), zone: PRAGUE, currency: null, strict: false };

async function readBytes(bytes: Buffer, chunk: number, project: boolean) {
  const chunks = Array.from({ length: Math.ceil(bytes.length / chunk) }, (_, i) => bytes.subarray(i * chunk, (i + 1) * chunk));
  const { result } = await readFile({ file: "t.csv", open: () => Readable.from(chunks) }, { what: "the file" }, (header, projection) =>
    createOrderReader(header, { ...OPTIONS, projection: project ? projection : null }),
  );
  return ordersSummary(result);
}

const ordersDir = resolve(FIXTURES, "orders");
// Not the two that stop with an error, nor invoices-mapped.csv, which is read through --map.
const files = readdirSync(ordersDir).filter(
  (f) => f.endsWith(".csv") && !["unrecognised-header.csv", "malformed-quote.csv", "invoices-mapped.csv"].includes(f),
);

describe("reading only the cells used", () => {
  for (const file of files) {
    it(`reads ${file} as reading every cell does, in chunks of 1 MiB, 97 and 13 bytes`, async () => {
      const bytes = readFileSync(resolve(ordersDir, file));
      const all = await readBytes(bytes, 1 << 20, false);
      expect(all.rowsRead).toBeGreaterThan(0);
      for (const chunk of [1 << 20, 97, 13]) expect(await readBytes(bytes, chunk, true), `${chunk}`).toEqual(all);
    });
  }

  it("reads the rows after a repeated header with its columns reordered by their new places, in the same chunk or a later one", async () => {
    const { text, repeatedHeaderLine, revenue } = reorderedExport(40, 20);
    const bytes = Buffer.from(text);
    const all = await readBytes(bytes, 1 << 20, false);
    expect(all.repeatedHeaders).toEqual([repeatedHeaderLine]);
    // By hand: the 26 orders not refunded (i not a multiple of 3), (10 + i).50 each:
    // Σ(10 + i) = 1,180 − 413 = 767, so 76,700 + 26 × 50 = 78,000 cents.
    expect(all.excluded).toEqual([["refunded", 14]]);
    expect(revenue).toBe(78_000);
    expect(all.groups[0]!.revenue.reduce((a, b) => a + b, 0)).toBe(revenue);
    // Every chunk size to 120 bytes, so that the chunk the header ends in is cut inside each cell of the next row.
    const sizes = [1 << 20, 1500, 1000, 700, ...Array.from({ length: 116 }, (_, k) => k + 5)];
    for (const chunk of sizes) expect(await readBytes(bytes, chunk, true), `${chunk}`).toEqual(all);
  });

  it("still skips a shifted row, a repeated row and a cut last row", async () => {
    const text = [
      "Name,Email,Financial Status,Currency,Total,Created at,Note",
      "#1,a@example.com,paid,EUR,10.00,2025-03-01 10:00:00 +0100,",
      "#2,b@example.com,paid,EUR,1,234.50,2025-03-01 10:00:00 +0100,x", // shifted
      "#1,a@example.com,paid,EUR,10.00,2025-03-01 10:00:00 +0100,", // repeat
      "#1,a@example.com,paid,EUR,10.00,2025-03-01 10:00:00 +0100,,,", // repeat with trailing separators
      "#3,c@example.com,paid,EUR,5.00,2025-03-02 10:00:00 +0100",
    ].join("\r\n");
    const bytes = Buffer.from(text);
    const all = await readBytes(bytes, 1 << 20, false);
    expect(all.problems.map((p) => p[1])).toEqual(["SHIFTED_ROW", "DUPLICATE_ROW", "DUPLICATE_ROW", "TRUNCATED_ROW"]);
    for (const chunk of [1 << 20, 50, 7, 1]) expect(await readBytes(bytes, chunk, true), `${chunk}`).toEqual(all);
  });
});

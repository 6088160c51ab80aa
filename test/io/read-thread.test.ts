/**
 * Reading a file in a second thread (src/io/csv/read-thread.ts) must read exactly what reading it
 * in this thread reads: the same orders, problems, repeated headers, conventions, progress and
 * errors, however the file is cut into chunks. A worker runs built JavaScript, so both sides are
 * read through dist/ (`npm test` builds it first).
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Readable } from "node:stream";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import type { OrderReaderOptions } from "../../src/io/orders/order-reader.js";
import { FIXTURES, ordersSummary, PRAGUE, ROOT, reorderedExport } from "../helpers.js";

type ReadFileModule = typeof import("../../src/io/read-file.js");
type OrderReaderModule = typeof import("../../src/io/orders/order-reader.js");
type ZoneModule = typeof import("../../src/core/zone.js");
let readFile: ReadFileModule["readFile"];
let createOrderReader: OrderReaderModule["createOrderReader"];
let zone: InstanceType<ZoneModule["Zone"]>;
const dist = (path: string) => import(pathToFileURL(resolve(ROOT, "dist", path)).href);

beforeAll(async () => {
  ({ readFile } = (await dist("io/read-file.js")) as ReadFileModule);
  ({ createOrderReader } = (await dist("io/orders/order-reader.js")) as OrderReaderModule);
  zone = new ((await dist("core/zone.js")) as ZoneModule).Zone(PRAGUE.name);
});

const dir = mkdtempSync(join(tmpdir(), "shopmetrics-thread-"));
function written(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/**
 * The read's summary, or the error it stopped with; and every progress report on the way.
 * `hashCredits`: when the reading thread hashes the rows (ReadThread; -1 never: this one does).
 */
async function read(path: string, chunkBytes: number | null, reader: Partial<OrderReaderOptions> = {}, hashCredits?: number) {
  const progress: unknown[] = [];
  const options: OrderReaderOptions = {
    file: "t.csv",
    maps: new Map(),
    statusMap: new Map(),
    zone,
    currency: null,
    strict: false,
    ...reader,
  };
  try {
    const { result, dialect } = await readFile(
      {
        file: "t.csv",
        open: () => Readable.from([readFileSync(path)]),
        ...(chunkBytes === null ? {} : { thread: { path, chunkBytes, ...(hashCredits === undefined ? {} : { hashCredits }) } }),
      },
      { what: "the file", onProgress: (p) => progress.push(p) },
      (header, projection) => createOrderReader(header, { ...options, projection }),
    );
    return { summary: ordersSummary(result), dialect, progress };
  } catch (error) {
    const { code, message, location } = error as { code?: string; message: string; location?: unknown };
    return { error: { code, message, location }, progress };
  }
}

/**
 * Reads `path` in this thread and then in a second one in chunks of each size, with the rows
 * hashed there as it decides, and then all hashed in this thread: all the same.
 */
async function expectSameInThread(path: string, chunks: readonly number[], reader: Partial<OrderReaderOptions> = {}) {
  const here = await read(path, null, reader);
  for (const chunk of chunks) {
    for (const hashCredits of [undefined, -1]) {
      const there = await read(path, chunk, reader, hashCredits);
      // Progress comes as the chunks end, so only a read in the same chunks reports the same.
      expect({ ...there, progress: null }, `chunks of ${chunk} bytes, hashCredits ${hashCredits}`).toEqual({ ...here, progress: null });
    }
  }
  return here;
}

const ordersDir = resolve(FIXTURES, "orders");

describe("reading a file in a second thread", () => {
  for (const file of readdirSync(ordersDir).filter((f) => f.endsWith(".csv"))) {
    it(`reads ${file} as this thread does, in chunks of 64 KiB, 97 and 13 bytes`, async () => {
      // invoices-mapped.csv is read through --map, as its users must.
      const maps =
        file === "invoices-mapped.csv"
          ? new Map([
              ["created_at", "InvoiceDate"],
              ["total", "TotalPrice"],
            ] as const)
          : new Map();
      const here = await expectSameInThread(resolve(ordersDir, file), [65_536, 97, 13], { maps });
      // The two files that stop with an error stop with the same one.
      if (["unrecognised-header.csv", "malformed-quote.csv"].includes(file)) expect(here.error?.code).toMatch(/^INPUT_/);
      else expect(here.summary?.rowsRead).toBeGreaterThan(0);
    });
  }

  it("reads the sample shop in chunks of 64 KiB (its first 256 KiB in 4 KiB pieces), 4 KiB and 333 bytes, with its progress reported as in this thread", async () => {
    const path = resolve(FIXTURES, "sample-shop/orders_export.csv");
    const here = await expectSameInThread(path, [65_536, 4096, 333]);
    expect(here.summary!.rowsRead).toBeGreaterThan(1000);
    // In the stream's own chunks (64 KiB) both report progress at the same records and bytes.
    expect((await read(path, 65_536)).progress).toEqual(here.progress);
  });

  it("reads the rows after a reordered repeated header by their new places, however far the thread had read ahead", async () => {
    const { text, repeatedHeaderLine, revenue } = reorderedExport(400, 40);
    const path = written("reordered.csv", text);
    const here = await expectSameInThread(path, [65_536, 1500, 120, 50, 7]);
    expect(here.summary!.repeatedHeaders).toEqual([repeatedHeaderLine]);
    expect(here.summary!.groups[0]!.revenue.reduce((a, b) => a + b, 0)).toBe(revenue);
  });

  it("reads quoted line breaks, CRLF, a BOM, exact repeats and a cut last row across chunk ends", async () => {
    const lines = ["\uFEFFName,Email,Financial Status,Currency,Total,Created at,Note"];
    for (let i = 0; i < 300; i++) {
      lines.push(`#${i},ů${i % 11}@example.cz,paid,CZK,"1${i}.00",2025-03-01 10:00:00 +0100,"line one\r\nline ""two"", ${i}"`);
      if (i % 50 === 0) lines.push(lines.at(-1)!); // an exact repeat
    }
    lines.push('#999,z@example.cz,paid,CZK,5.00,2025-03-02 10:00:00 +0100,"cut off');
    const path = written("quoted.csv", lines.join("\r\n"));
    const here = await expectSameInThread(path, [65_536, 211, 64, 9]);
    expect(here.summary!.problems.map((p) => p[1])).toEqual([...Array(6).fill("DUPLICATE_ROW"), "TRUNCATED_ROW"]);
  });

  it("reads an export that repeats the order's cells on every item row (Shoptet) as this thread does", async () => {
    // The reading thread sends a row whose kept cells are the row before's once (SAME_CELLS), and
    // the order reader reads it as that row again: exact repeats among such rows, an id Excel
    // damaged on every row of its order, an email only on a later row, a last row cut short.
    const lines = ['"code";"date";"statusName";"currencyCode";"email";"totalPriceWithVat";"itemName";"itemAmount";'];
    for (let i = 0; i < 400; i++) {
      const code = i % 97 === 5 ? "7,02255E+12" : String(1000 + i);
      const order = `"${code}";"2025-03-01 10:${String(i % 60).padStart(2, "0")}:00";"Vyřízena";"CZK";"z${i % 37}@example.cz";"${1200 + i},50"`;
      for (let item = 0; item <= i % 4; item++) {
        // Now and then an order's first row has no email (the rows after it fill it in).
        const row = `${i % 13 === 0 && item === 0 ? order.replace(/"z\d+@example.cz"/, '""') : order};"Káva ${item}";"${item + 1}";`;
        lines.push(row);
        if ((i + item) % 29 === 0) lines.push(row); // an exact repeat
      }
    }
    lines.push('"1399";"2025-03-01 10:59:00";"Vyřízena";"CZK";"z30@example.cz";"1599,50";"Káva 9"');
    const path = written("repeated-cells.csv", lines.join("\r\n"));
    const here = await expectSameInThread(path, [65_536, 509, 97, 13]);
    const codes = here.summary!.problems.map((p) => p[1]);
    expect(codes.filter((c) => c === "DUPLICATE_ROW").length).toBeGreaterThan(20);
    expect(codes.at(-1)).toBe("TRUNCATED_ROW");
    // Orders 5, 102, 199, 296 and 393 have the damaged id, on 2 + 3 + 4 + 1 + 2 rows, none of them a repeat.
    expect(here.summary!.warnings.join(" ")).toMatch(/12 rows with code in scientific notation/);
  });

  it("reads rows cut before a reordered repeated header was read by their new places, though their old cells repeat", async () => {
    // The thread reads ahead with the first header's cells kept: after the second header (email
    // and item swapped), an order's two rows keep the same cells at the old places (the email's
    // old place now holds the item, the same on both rows), while the email, now where the item
    // was, is only on the second row. Read by the new places, the order has its email.
    const lines = ['"code";"date";"statusName";"currencyCode";"email";"totalPriceWithVat";"itemName"'];
    const row = (i: number, email: string, item: string) =>
      `"${2000 + i}";"2025-03-01 10:00:00";"Vyřízena";"CZK";"${email}";"${100 + i},00";"${item}"`;
    for (let i = 0; i < 300; i++) lines.push(row(i, `a${i}@example.cz`, "Káva"));
    lines.push('"code";"date";"statusName";"currencyCode";"itemName";"totalPriceWithVat";"email"');
    const swapped = (i: number, email: string) => `"${2000 + i}";"2025-03-01 10:00:00";"Vyřízena";"CZK";"Káva";"${100 + i},00";"${email}"`;
    for (let i = 300; i < 600; i++) lines.push(swapped(i, ""), swapped(i, `b${i}@example.cz`));
    const path = written("reordered-repeats.csv", lines.join("\n"));
    const here = await expectSameInThread(path, [65_536, 777, 97]);
    expect(here.summary!.repeatedHeaders).toEqual([302]);
    // Every order has its email: none of them without one.
    expect(here.summary!.groups[0]!.node.filter((n) => n < 0)).toEqual([]);
    expect(here.summary!.groups[0]!.at.length).toBe(600);
  });

  it("tells a repeated header from a row with the same kept cells by all its cells, in either thread", async () => {
    // Line 2 holds header names in its kept cells but is no header (too few of its cells are
    // names); line 3, the same kept cells, is the header again. The thread sends line 3's cells
    // as line 2's (SAME_CELLS): the order reader must still look at it whole.
    // (After 2,000 orders: the rows before the thread is told which cells to cut go whole.)
    const header = "code;date;email;totalPriceWithVat;statusName;itemName;itemCode;a;b;c;d";
    const order = (i: number) => `${3000 + i};2025-03-01 10:00:00;z${i}@example.cz;${10 + i},00;Vyřízena;Káva;K1;;;;`;
    const rows = [header, ...Array.from({ length: 2000 }, (_, i) => order(i))];
    rows.push("code;date;email;totalPriceWithVat;statusName;x1;x2;x3;x4;x5;x6", header, header);
    for (let i = 2000; i < 2050; i++) rows.push(order(i));
    const here = await expectSameInThread(written("header-like.csv", rows.join("\n")), [65_536, 4096]);
    expect(here.summary!.repeatedHeaders).toEqual([2003, 2004]);
    expect(here.summary!.groups[0]!.at.length).toBe(2050);
  });

  it("stops at an invalid UTF-8 byte with the same error, on the same line", async () => {
    // Past the first 64 KiB, which were valid UTF-8, so the file is read as UTF-8.
    const good = Array.from({ length: 2000 }, (_, i) => `#${i},a${i}@example.com,paid,EUR,10.00,2025-03-01 10:00:00 +0100,é`);
    const text = Buffer.concat([
      Buffer.from(
        [
          "Name,Email,Financial Status,Currency,Total,Created at,Note",
          ...good,
          "#x,b@example.com,paid,EUR,1.00,2025-03-01 10:00:00 +0100,",
        ].join("\n"),
      ),
      Buffer.from([0xff, 0x0a]),
    ]);
    const path = written("invalid.csv", text);
    const here = await expectSameInThread(path, [65_536, 1000, 77]);
    expect(here.error).toMatchObject({ code: "INPUT_ENCODING", location: { file: "t.csv", line: 2002 } });
  });

  it("stops at a second header with other columns, and the thread with it", async () => {
    const a = ["Name,Email,Financial Status,Currency,Total,Created at", "#1,a@example.com,paid,EUR,10.00,2025-03-01 10:00:00 +0100"];
    const b = ["Name,Email,Financial Status,Currency,Total,Created at,Tags", "#2,b@example.com,paid,EUR,1.00,2025-03-01 10:00:00 +0100,x"];
    const many = Array.from({ length: 2000 }, (_, i) => `#${i + 10},c@example.com,paid,EUR,1.00,2025-03-01 10:00:00 +0100`);
    const path = written("two-exports.csv", [...a, ...b, ...many].join("\n"));
    const here = await expectSameInThread(path, [65_536, 100]);
    expect(here.error).toMatchObject({ code: "INPUT_HEADER", location: { line: 3 } });
  });

  it("says the same when the file is not there", async () => {
    const missing = await read(join(dir, "no-such.csv"), 65_536);
    expect(missing.error).toMatchObject({ code: "INPUT_UNREADABLE", message: "cannot read the file: no such file" });
  });
});

import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { AppError } from "../../../src/core/errors.js";
import { openCsv } from "../../../src/io/csv/read-csv.js";
import { chunked, hasSharedData, SHARED_DATA, sharedNote } from "../../helpers.js";

async function collect(input: Readable) {
  const out: { line: number; fields: readonly string[] }[] = [];
  for await (const record of (await openCsv(input, { file: "t.csv" })).records) out.push(record);
  return out;
}

/** Records as objects keyed by the header, every value a string — csv-spectrum's JSON shape. */
async function asObjects(input: Readable) {
  const [header, ...rows] = await collect(input);
  return rows.map((r) => Object.fromEntries(header!.fields.map((h, i) => [h, r.fields[i] ?? ""])));
}

const SPECTRUM = resolve(SHARED_DATA, "csv-spectrum");

describe.skipIf(!hasSharedData)(`csv-spectrum conformance${sharedNote}`, () => {
  const names = hasSharedData ? readdirSync(resolve(SPECTRUM, "csvs")).map((f) => f.replace(/\.csv$/, "")) : [];
  for (const stride of [65_536, 1]) {
    it.each(names)(`%s (chunks of ${stride} bytes)`, async (name) => {
      const bytes = readFileSync(resolve(SPECTRUM, "csvs", `${name}.csv`));
      const expected = JSON.parse(readFileSync(resolve(SPECTRUM, "json", `${name}.json`), "utf8"));
      expect(await asObjects(chunked(bytes.toString("utf8"), stride))).toEqual(expected);
    });
  }
});

describe("readCsv", () => {
  const text = 'id,note,total\r\n1,"multi\r\nline, with ""quotes""",10.00\r\n\r\n2,plain,20.00\r\n3,"a\nb\nc",30\r\n';

  it("gives each record the line it starts on, across quoted newlines and blank lines", async () => {
    const records = await collect(Readable.from([text]));
    expect(records.map((r) => r.line)).toEqual([1, 2, 5, 6]);
    expect(records[1]?.fields).toEqual(["1", 'multi\r\nline, with "quotes"', "10.00"]);
    expect(records[3]?.fields).toEqual(["3", "a\nb\nc", "30"]);
  });

  it("gives the same records when fed one byte at a time", async () => {
    expect(await collect(chunked(text, 1))).toEqual(await collect(Readable.from([text])));
  });

  it("strips a UTF-8 BOM, including one split across chunks, and keeps UTF-8 split mid-character", async () => {
    const withBom = "\uFEFFjméno,částka\nŽluťoučký kůň,1\n";
    const records = await collect(chunked(withBom, 1));
    expect(records[0]?.fields).toEqual(["jméno", "částka"]);
    expect(records[1]?.fields).toEqual(["Žluťoučký kůň", "1"]);
  });

  it.each([
    ["CRLF first, then a bare LF", "a,b\r\n1,x\n2,y\r\n3,z\r\n"],
    ["LF first, then CRLF", "a,b\n1,x\r\n2,y\n3,z\r\n"],
    ["a bare CR", "a,b\r1,x\r\n2,y\n3,z"],
  ])("reads mixed line ends (%s) as separate records on their own lines", async (_, text) => {
    const records = await collect(Readable.from([text]));
    expect(records.map((r) => r.fields)).toEqual([
      ["a", "b"],
      ["1", "x"],
      ["2", "y"],
      ["3", "z"],
    ]);
    expect(records.map((r) => r.line)).toEqual([1, 2, 3, 4]);
  });

  it("keeps a stray quote inside an unquoted field as text", async () => {
    const records = await collect(Readable.from(['name,size\nscreen,15" wide\n']));
    expect(records[1]?.fields).toEqual(["screen", '15" wide']);
  });

  it("reports an unterminated quote with the line where its record starts", async () => {
    const bad = 'a,b\n1,2\n3,"never closed\n4,5\n';
    const error = await collect(Readable.from([bad])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("INPUT_CSV");
    expect((error as AppError).toUserString()).toBe("t.csv:3: malformed CSV: a quoted field starting in this record is never closed");
  });

  it("counts blank lines before an unterminated quote in its line", async () => {
    const error = await collect(Readable.from(['a,b\n1,2\n\n\n3,"never closed\n'])).catch((e: unknown) => e);
    expect((error as AppError).toUserString()).toBe("t.csv:5: malformed CSV: a quoted field starting in this record is never closed");
  });

  it("reports a missing file as INPUT_UNREADABLE", async () => {
    const { createReadStream } = await import("node:fs");
    const error = await collect(createReadStream("/nonexistent/orders.csv")).catch((e: unknown) => e);
    expect((error as AppError).code).toBe("INPUT_UNREADABLE");
    expect((error as AppError).toUserString()).toBe("t.csv: cannot read the file: no such file");
  });
});

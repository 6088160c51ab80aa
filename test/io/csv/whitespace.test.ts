/**
 * Whitespace-separated text (issue 9, item 5): `--delimiter whitespace`, or sniffed when the
 * header has none of , ; tab | but runs of spaces between its names (CDNOW_master.txt). Runs of
 * spaces and tabs separate fields, a line is a record, and quotes are ordinary characters.
 */
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { sniffDelimiter, WHITESPACE } from "../../../src/io/csv/dialect.js";
import { openCsv } from "../../../src/io/csv/read-csv.js";
import type { TokenizedRecord } from "../../../src/io/csv/tokenizer.js";
import { WhitespaceTokenizer } from "../../../src/io/csv/whitespace-tokenizer.js";

function tokenize(text: string, chunk: number): TokenizedRecord[] {
  const records: TokenizedRecord[] = [];
  const tokenizer = new WhitespaceTokenizer({ file: "t.txt" }, (r) => records.push(r));
  for (let i = 0; i < text.length; i += chunk) tokenizer.push(text.slice(i, i + chunk));
  tokenizer.end();
  return records;
}

async function open(text: string, options: { delimiter?: string } = {}) {
  const { dialect, records } = await openCsv(Readable.from([Buffer.from(text)]), { file: "t.txt", ...options });
  const rows: (readonly string[])[] = [];
  for await (const r of records) rows.push(r.fields);
  return { dialect, rows };
}

describe("sniffing whitespace", () => {
  it.each([
    [" customer_id  date number_of_cds  dollar_value\r\n 00001 19970101  1   11.77\r\n", WHITESPACE],
    ["created_at total\n", WHITESPACE],
    ["a b,c\n", ","], // a comma anywhere in the header: CSV
    ["a b;c\n", ";"],
    ["a b\tc\n", "\t"],
    ["a b|c\n", "|"],
    ['"Order Date"\n', ","], // a quoted name is CSV's: whitespace text has no quotes
    ["single\n", ","],
    ["  single  \n", ","], // spaces around one name separate nothing
  ])("sniffs %j as %j", (text, delimiter) => {
    expect(sniffDelimiter(text).value).toBe(delimiter);
  });

  it("says why", () => {
    expect(sniffDelimiter(" customer_id  date number_of_cds  dollar_value\r\n")).toEqual({
      value: WHITESPACE,
      reason: "no , ; tab or | in the header, and runs of spaces separate its 4 columns",
      source: "content",
      line: 1,
    });
  });
});

describe("the whitespace record reader", () => {
  const text =
    '\ufeff customer_id  date\tnumber_of_cds  dollar_value\r\n 00001 19970101  1   11.77\r\n\r\n   \t \r\n00002\t19970112 1 12.00  \n\n00003 19970102 "2 20.76\rlast 1 2 3';
  const expected: TokenizedRecord[] = [
    { line: 1, fields: ["customer_id", "date", "number_of_cds", "dollar_value"] },
    { line: 2, fields: ["00001", "19970101", "1", "11.77"] },
    // lines 3 (empty) and 4 (blanks only) are no records, but count
    { line: 5, fields: ["00002", "19970112", "1", "12.00"] },
    { line: 7, fields: ["00003", "19970102", '"2', "20.76"] }, // a quote is text
    { line: 8, fields: ["last", "1", "2", "3"], cut: "no-line-end" },
  ];

  it("splits on runs of spaces and tabs, one record a line, lines counted as CSV counts them", () => {
    expect(tokenize(text, text.length)).toEqual(expected);
  });

  it("reads the same however the text is cut into chunks (a CRLF split between two included)", () => {
    for (const chunk of [1, 2, 3, 5, 7, 64]) expect(tokenize(text, chunk)).toEqual(expected);
  });

  it("a last line with its line end is not cut", () => {
    expect(tokenize("a b\n1 2\n", 3)).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 2, fields: ["1", "2"] },
    ]);
  });

  it("a line longer than the limit is an input error naming its line", () => {
    const tokenizer = new WhitespaceTokenizer({ file: "t.txt", maxRecordChars: 10 }, () => {});
    tokenizer.push("a b\n");
    expect(() => tokenizer.push("x".repeat(11))).toThrow(/line runs past/);
  });
});

describe("through the CSV reader", () => {
  it("sniffed from the header: CDNOW's layout", async () => {
    const { dialect, rows } = await open(" customer_id  date number_of_cds  dollar_value\r\n 00001 19970101  1   11.77\r\n");
    expect(dialect.delimiter.value).toBe(WHITESPACE);
    expect(dialect.spaced).toBe(false);
    expect(rows).toEqual([
      ["customer_id", "date", "number_of_cds", "dollar_value"],
      ["00001", "19970101", "1", "11.77"],
    ]);
  });

  it("--delimiter whitespace forces it on a header that would be CSV", async () => {
    const { dialect, rows } = await open('"a,b" c\n1 2\n', { delimiter: WHITESPACE });
    expect(dialect.delimiter).toEqual({ value: WHITESPACE, reason: "--delimiter", source: "option" });
    expect(rows).toEqual([
      ['"a,b"', "c"],
      ["1", "2"],
    ]);
  });

  it("--delimiter ' ' stays one space: each space separates, so runs of them make empty cells", async () => {
    const { rows } = await open("a  b\n", { delimiter: " " });
    expect(rows).toEqual([["a", "", "b"]]);
  });
});

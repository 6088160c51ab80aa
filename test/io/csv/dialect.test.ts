import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { AppError } from "../../../src/core/errors.js";
import { cellDecoder, sniffDelimiter, type TextDialect } from "../../../src/io/csv/dialect.js";
import { openCsv } from "../../../src/io/csv/read-csv.js";

/** windows-1250 bytes of `text`, for the characters the tests use (Czech and Slovak letters). */
const CP1250: Record<string, number> = {
  š: 0x9a,
  ž: 0x9e,
  č: 0xe8,
  ř: 0xf8,
  á: 0xe1,
  í: 0xed,
  é: 0xe9,
  ý: 0xfd,
  ů: 0xf9,
  Ž: 0x8e,
  Š: 0x8a,
  ľ: 0xbe,
  ô: 0xf4,
};
const cp1250 = (text: string) => Buffer.from([...text].map((c) => CP1250[c] ?? c.charCodeAt(0)));

async function open(bytes: Buffer | string, options: { encoding?: string; delimiter?: string } = {}, chunk = 7) {
  const buffer = typeof bytes === "string" ? Buffer.from(bytes) : bytes;
  const chunks: Buffer[] = [];
  for (let i = 0; i < buffer.length; i += chunk) chunks.push(buffer.subarray(i, i + chunk));
  const { dialect, records } = await openCsv(Readable.from(chunks), { file: "t.csv", ...options });
  const rows: (readonly string[])[] = [];
  for await (const r of records) rows.push(r.fields);
  return { dialect, rows };
}

describe("encoding", () => {
  it("reads windows-1250 when the bytes are not UTF-8", async () => {
    const { dialect, rows } = await open(cp1250("jméno;částka\r\nŠárka žije;1\r\n"));
    expect(dialect.encoding.value).toBe("windows-1250");
    expect(rows).toEqual([
      ["jméno", "částka"],
      ["Šárka žije", "1"],
    ]);
  });

  it("reads UTF-8 with and without a BOM, a character split across chunks included", async () => {
    for (const text of ["\uFEFFjméno,částka\nŠárka,1\n", "jméno,částka\nŠárka,1\n"]) {
      const { dialect, rows } = await open(text, {}, 1);
      expect(dialect.encoding.value).toBe("utf-8");
      expect(rows).toEqual([
        ["jméno", "částka"],
        ["Šárka", "1"],
      ]);
    }
  });

  it("reads UTF-16 with a BOM, little- and big-endian", async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("a;b\nľ;ô\n", "utf16le")]);
    expect((await open(le)).rows).toEqual([
      ["a", "b"],
      ["ľ", "ô"],
    ]);
    const be = Buffer.from(le);
    for (let i = 0; i < be.length; i += 2) [be[i], be[i + 1]] = [be[i + 1]!, be[i]!];
    const opened = await open(be);
    expect(opened.dialect.encoding.value).toBe("utf-16be");
    expect(opened.rows).toEqual([
      ["a", "b"],
      ["ľ", "ô"],
    ]);
  });

  it("is decided from the first 64 KiB, however large the pieces the stream gives", async () => {
    // A windows-1250 byte (š) past 64 KiB: UTF-8 by the first 64 KiB, so it stops there, in
    // pieces of 7 bytes or all at once (a reading thread's stream gives larger pieces).
    const bytes = Buffer.concat([Buffer.from(`a,b\n${"1,2\n".repeat(20_000)}`), Buffer.from([0x9a, 0x0a])]);
    for (const chunk of [7, 65_536, bytes.length]) {
      const error = await open(bytes, {}, chunk).catch((e: unknown) => e);
      expect((error as AppError).code, `${chunk}`).toBe("INPUT_ENCODING");
    }
  });

  it("decodes a cell of a single-byte encoding as the encoding's own decoder does, every byte", () => {
    // Every byte from 0x80 up, each next to printable ASCII and next to another high one. (Not the
    // ASCII control bytes: Node's ibm866 decoder swaps 0x1a, 0x1c and 0x7f, which a cell read as
    // bytes keeps as they are, with or without a high byte beside them.)
    const bytes = Uint8Array.from({ length: 512 }, (_, i) => (i % 2 ? 0x80 | ((i * 97) & 0x7f) : 0x20 + ((i * 7) % 95)));
    const latin1 = Buffer.from(bytes).toString("latin1");
    for (const encoding of ["windows-1250", "windows-1252", "iso-8859-2", "iso-8859-15", "koi8-r", "ibm866", "macintosh", "windows-874"]) {
      const dialect: TextDialect = {
        encoding: { value: encoding, reason: "test", source: "option" },
        delimiter: { value: ";", reason: "test", source: "option" },
        spaced: false,
      };
      expect(cellDecoder(dialect)!(latin1), encoding).toBe(new TextDecoder(encoding).decode(bytes));
      expect(cellDecoder(dialect)!("Vy\u00f8\u00edzena"), encoding).toBe(
        new TextDecoder(encoding).decode(Buffer.from("Vy\u00f8\u00edzena", "latin1")),
      );
    }
  });

  it("--encoding names UTF-8 by any of its labels: checked, its BOM dropped, its cells decoded", async () => {
    const bytes = Buffer.from("\uFEFFName,Email\n#1,ž@example.cz\n#2,š@example.cz\n");
    const detected = await open(bytes);
    expect(detected.rows).toEqual([
      ["Name", "Email"],
      ["#1", "ž@example.cz"],
      ["#2", "š@example.cz"],
    ]);
    for (const label of ["utf-8", "utf8", "UTF-8", "unicode-1-1-utf-8"]) {
      expect((await open(bytes, { encoding: label })).rows, label).toEqual(detected.rows);
      const error = await open(Buffer.concat([bytes, Buffer.from([0xff, 0x0a])]), { encoding: label }).catch((e: unknown) => e);
      expect((error as AppError).code, label).toBe("INPUT_ENCODING");
    }
  });

  it("--encoding forces one", async () => {
    const { dialect, rows } = await open(Buffer.from([0x61, 0x0a, 0xb9, 0x0a]), { encoding: "iso-8859-2" });
    expect(dialect.encoding).toEqual({ value: "iso-8859-2", reason: "--encoding", source: "option" });
    expect(rows).toEqual([["a"], ["š"]]); // 0xB9 is š in ISO-8859-2 (and ą in windows-1250)
  });

  it("stops with a clear error naming the line when UTF-8 turns invalid after the sample", async () => {
    const big = Buffer.concat([Buffer.from(`a,b\n${"x,1\n".repeat(20_000)}ok,"`), cp1250("š\n"), Buffer.from('",2\n')]);
    for (const chunk of [4096, 5]) {
      const error = await open(big, {}, chunk).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("INPUT_ENCODING");
      // header, 20,000 rows, then the bad byte on line 20,002 (in a quoted cell, before its line break)
      expect((error as AppError).toUserString()).toBe(
        "t.csv:20002: not valid UTF-8 on this line, though the first 64 KiB were, so it was read as UTF-8; pass --encoding with the file's encoding, e.g. --encoding windows-1250",
      );
    }
  });

  it("never says the sample was valid UTF-8 when --encoding utf-8 or a BOM said so", async () => {
    const bad = Buffer.concat([Buffer.from("a,b\r\n1,2\r\n"), cp1250("Šárka,3\r\n")]);
    const forced = await open(bad, { encoding: "utf-8" }).catch((e: unknown) => e);
    expect((forced as AppError).toUserString()).toBe(
      "t.csv:3: not valid UTF-8 on this line, as --encoding utf-8 says; pass the file's own encoding, e.g. --encoding windows-1250",
    );
    const bom = await open(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bad])).catch((e: unknown) => e);
    expect((bom as AppError).toUserString()).toBe(
      "t.csv:3: not valid UTF-8 on this line, though it starts with a UTF-8 byte-order mark; pass --encoding with the file's encoding, e.g. --encoding windows-1250",
    );
  });
});

describe("binary input", () => {
  it("stops at NUL bytes in the sample", async () => {
    const error = await open(Buffer.alloc(100_000), {}, 65_536).catch((e: unknown) => e);
    expect((error as AppError).code).toBe("INPUT_CSV");
    expect((error as AppError).toUserString()).toBe(
      "t.csv: NUL bytes in the first 64 KiB: this looks like a binary file, not CSV (or UTF-16 without a byte-order mark: then pass --encoding utf-16le)",
    );
  });

  it("stops at no line break in the first MiB, reading no further", async () => {
    let sent = 0;
    const endless = new Readable({
      read() {
        sent++;
        this.push(Buffer.alloc(65_536, 0x78));
      },
    });
    const error = await openCsv(endless, { file: "t.csv" }).catch((e: unknown) => e);
    expect((error as AppError).toUserString()).toBe("t.csv: no line break in the first 1 MiB: this looks like a binary file, not CSV");
    expect(sent).toBeLessThan(20);
  });

  it("stops at a first line longer than 64 KiB", async () => {
    const error = await open(`${"a,".repeat(40_000)}b\n1\n`, {}, 4096).catch((e: unknown) => e);
    expect((error as AppError).toUserString()).toBe(
      "t.csv:1: the header (the first line) is longer than 64 KiB: this is no CSV export we read",
    );
  });
});

describe("delimiter", () => {
  it.each([
    ["a,b,c\n", ","],
    ["a;b;c\n", ";"],
    ["a\tb\tc\n", "\t"],
    ["a|b|c\n", "|"],
    ['"x;y",b,c\n', ","], // the ; is inside quotes
    ["a;b,c;d\n", ";"],
    ["single\n", ","],
  ])("sniffs %j as %j", (text, delimiter) => {
    expect(sniffDelimiter(text).value).toBe(delimiter);
  });

  it("reads a semicolon file with a trailing ; on every line", async () => {
    const { dialect, rows } = await open('"code";"date";"totalPriceWithVat";\r\n"1";"2025-01-01";"99,90";\r\n');
    expect(dialect.delimiter).toEqual({ value: ";", reason: '";" separates the header\'s 4 columns', source: "content", line: 1 });
    expect(rows).toEqual([
      ["code", "date", "totalPriceWithVat", ""],
      ["1", "2025-01-01", "99,90", ""],
    ]);
  });

  it("--delimiter forces one", async () => {
    expect((await open("a;b|c\n1;2|3\n", { delimiter: "|" })).rows).toEqual([
      ["a;b", "c"],
      ["1;2", "3"],
    ]);
  });
});

describe("UTF-8 is checked on the way", () => {
  it("keeps characters split across chunks at every byte boundary", async () => {
    const text = "a,b\nŠárka 😀,1\nžluť,2\n";
    for (const chunk of [1, 2, 3, 5]) {
      const { rows } = await open(text, {}, chunk);
      expect(rows).toEqual([
        ["a", "b"],
        ["Šárka 😀", "1"],
        ["žluť", "2"],
      ]);
    }
  });

  it("still catches a file that ends in half a character", async () => {
    const cut = Buffer.concat([Buffer.from(`a,b\n${"x,1\n".repeat(20_000)}`), Buffer.from([0xc5])]);
    const error = await open(cut, {}, 4096).catch((e: unknown) => e);
    expect((error as AppError).code).toBe("INPUT_ENCODING");
  });
});

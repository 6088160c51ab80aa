import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { AppError } from "../../../src/core/errors.js";
import { KeyMap } from "../../../src/core/key-map.js";
import { type CsvRecord, hashRow, NO_KEY, openCsv, RowRepeats } from "../../../src/io/csv/read-csv.js";
import { CsvTokenizer, type TokenizedRecord } from "../../../src/io/csv/tokenizer.js";
import { chunked, hasSharedData, SHARED_DATA, sharedNote } from "../../helpers.js";
import { mulberry32 } from "../../random.js";

/** The records read, as what they say: line, cells, text and how the last ended (not where in which chunk they were). */
async function collect(input: Readable) {
  const out: CsvRecord[] = [];
  for await (const { line, fields, text, cut } of (await openCsv(input, { file: "t.csv" })).records)
    out.push(cut === undefined ? { line, fields, text } : { line, fields, text, cut });
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

  it("reports an unterminated quote with the line where it opened", async () => {
    const bad = 'a,b\n1,2\n3,"never closed\n4,5\n';
    const error = await collect(Readable.from([bad])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("INPUT_CSV");
    expect((error as AppError).toUserString()).toBe("t.csv:3: malformed CSV: a quoted field opened on line 3 is never closed");
  });

  it("counts blank lines before an unterminated quote in its line", async () => {
    const error = await collect(Readable.from(['a,b\n1,2\n\n\n3,"never closed\n'])).catch((e: unknown) => e);
    expect((error as AppError).toUserString()).toBe("t.csv:5: malformed CSV: a quoted field opened on line 5 is never closed");
  });

  it("stops at a closing quote followed by text, naming the line the field opened on, whatever the chunks", async () => {
    // One stray quote typed before a value pairs with the next quote, three lines on: csv-parse
    // with relax_quotes read lines 3-5 as one field and lost two rows without a word.
    const bad = 'id,note,total\n1,ok,10\n2,"oops,20\n3,fine,30\n4,"a, b",40\n5,x,50\n';
    for (const stride of [65_536, 1, 3]) {
      const error = await collect(chunked(bad, stride)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("INPUT_CSV");
      expect((error as AppError).toUserString()).toBe(
        't.csv:3: malformed CSV: the quoted field opened on line 3 closes, and is followed by "a, b\\",40" instead of "," or a line end (a quote inside a quoted value is written "")',
      );
    }
  });

  it('stops at `"abc"def`, with a cut and escaped excerpt, on a CRLF file counting each CRLF once', async () => {
    const bad = `a,b\r\n1,"x\r\ny"\r\n2,"abc"def\t${"z".repeat(100)}\r\n`;
    const error = await collect(Readable.from([bad])).catch((e: unknown) => e);
    expect((error as AppError).toUserString()).toBe(
      `t.csv:4: malformed CSV: the quoted field opened on line 4 closes, and is followed by "def\\t${"z".repeat(36)}"… instead of "," or a line end (a quote inside a quoted value is written "")`,
    );
  });

  it('keeps quotes inside unquoted fields as text: 15" screen, ab"c', async () => {
    const records = await collect(Readable.from(['name,size\nscreen,15" wide\nab"c,d"\n']));
    expect(records.map((r) => r.fields)).toEqual([
      ["name", "size"],
      ["screen", '15" wide'],
      ['ab"c', 'd"'],
    ]);
  });

  it("tells how the last record ended: a line end, none, or inside a quoted cell opened on the last line", async () => {
    expect((await collect(Readable.from(["a,b\n1,2\n"]))).map((r) => r.cut)).toEqual([undefined, undefined]);
    expect((await collect(Readable.from(["a,b\n1,2"]))).map((r) => r.cut)).toEqual([undefined, "no-line-end"]);
    const cut = await collect(chunked('a,b\r\n1,"x\r\ny"\r\n2,"half a ce', 2));
    expect(cut.at(-1)).toEqual({ line: 4, fields: ["2", "half a ce"], text: '2,"half a ce', cut: "open-quote" });
    expect(cut[1]).toEqual({ line: 2, fields: ["1", "x\r\ny"], text: '1,"x\r\ny"' });
  });

  it("splits a \\r\\n or a doubled quote across chunks as it reads them whole", async () => {
    const text = 'a,b\r\n"x""y","1\r\n2"\r\n\r\nlast,""""\r';
    const whole = await collect(Readable.from([text]));
    expect(whole).toEqual([
      { line: 1, fields: ["a", "b"], text: "a,b" },
      { line: 2, fields: ['x"y', "1\r\n2"], text: '"x""y","1\r\n2"' },
      { line: 5, fields: ["last", '"'], text: 'last,""""' },
    ]);
    for (let stride = 1; stride <= 8; stride++) expect(await collect(chunked(text, stride))).toEqual(whole);
  });

  it("reads a 10 MB cell in a normal row", async () => {
    const big = "x".repeat(10_000_000);
    const records = await collect(chunked(`a,b,c\n1,"${big}",3\n2,${big},4\n`, 65_536));
    expect(records.map((r) => [r.line, r.fields.length, r.fields[1]!.length])).toEqual([
      [1, 3, 1],
      [2, 3, 10_000_000],
      [3, 3, 10_000_000],
    ]);
  });

  it("stops a record that never ends at 64 MiB, naming its line", async () => {
    let sent = 0;
    const endless = new Readable({
      read() {
        this.push(sent++ === 0 ? "a,b\n1,2\n3," : "x".repeat(1 << 20));
      },
    });
    const error = await collect(endless).catch((e: unknown) => e);
    expect((error as AppError).toUserString()).toBe(
      "t.csv:3: malformed CSV: the record starting on this line runs past 64 MiB without ending: this is no CSV we can read",
    );
    expect(sent).toBeLessThan(70);
  });

  it("stops at a header longer than 64 KiB, naming a quoted field still open in it", async () => {
    // The first line ends early, inside the quoted field; the record goes on past 64 KiB.
    const error = await collect(Readable.from([`a,"b\n${",c".repeat(40_000)}\n1,2\n`])).catch((e: unknown) => e);
    expect((error as AppError).toUserString()).toBe(
      "t.csv:1: the header (the first record) is longer than 64 KiB: a quoted field opened on line 1 is still open: this is no CSV export we read",
    );
  });

  it("reports a missing file as INPUT_UNREADABLE", async () => {
    const { createReadStream } = await import("node:fs");
    const error = await collect(createReadStream("/nonexistent/orders.csv")).catch((e: unknown) => e);
    expect((error as AppError).code).toBe("INPUT_UNREADABLE");
    expect((error as AppError).toUserString()).toBe("t.csv: cannot read the file: no such file");
  });
});

describe("readCsv reads UTF-8 and single-byte files as bytes, decoding only the cells it keeps", () => {
  // Cells with characters of two, three and four bytes, cut at every byte by the chunking; the
  // decoded cells must be the text a plain decode of the whole file gives.
  const text = 'jméno,poznámka,částka\r\nJana Müller,"žluťoučký, kůň",1 234,50\r\n€uro,"中文\r\n🙂",Ő\r\n"Ďábel ""č""",;,x\r\n';
  const expected = [
    ["jméno", "poznámka", "částka"],
    ["Jana Müller", "žluťoučký, kůň", "1 234", "50"],
    ["€uro", "中文\r\n🙂", "Ő"],
    ['Ďábel "č"', ";", "x"],
  ];
  const byteChunks = (bytes: Buffer, stride: number) =>
    Readable.from(Array.from({ length: Math.ceil(bytes.length / stride) }, (_, i) => bytes.subarray(i * stride, (i + 1) * stride)));

  it("in UTF-8, whole and cut into chunks of 1 to 7 bytes", async () => {
    for (let stride = 1; stride <= 7; stride++) {
      const records = await collect(chunked(text, stride));
      expect(
        records.map((r) => r.fields),
        `stride ${stride}`,
      ).toEqual(expected);
    }
    expect((await collect(chunked(`\ufeff${text}`, 2)))[0]!.fields).toEqual(expected[0]);
  });

  it("in windows-1250, the characters Czech, Slovak and Hungarian write", async () => {
    const cz = 'číslo;stav;jméno\r\n1;"Vyřízena";Šťastný Ďurďovič\r\n2;Nevyřízená;Őrség Űrlap\r\n';
    // windows-1250 bytes, from Python's codec table for these letters (independent of TextDecoder).
    const table: Record<string, number> = {
      č: 0xe8,
      í: 0xed,
      é: 0xe9,
      ř: 0xf8,
      Š: 0x8a,
      ť: 0x9d,
      ý: 0xfd,
      Ď: 0xcf,
      ď: 0xef,
      á: 0xe1,
      Ő: 0xd5,
      Ű: 0xdb,
    };
    const encoded = Buffer.from([...cz].map((c) => (c.charCodeAt(0) < 128 ? c.charCodeAt(0) : table[c]!)));
    for (const stride of [1, 3, 1024]) {
      const opened = await openCsv(byteChunks(encoded, stride), { file: "t.csv" });
      expect(opened.dialect.encoding.value).toBe("windows-1250");
      const records: string[][] = [];
      for await (const record of opened.records) records.push([...record.fields]);
      expect(records).toEqual([
        ["číslo", "stav", "jméno"],
        ["1", "Vyřízena", "Šťastný Ďurďovič"],
        ["2", "Nevyřízená", "Őrség Űrlap"],
      ]);
    }
  });
});

describe("a delimiter from 0x80 up (--delimiter §)", () => {
  // § is C2 A7 in UTF-8 and A7 in windows-1250: the file is read as decoded text, since cut from
  // its bytes a character a byte, the A7 of every é, ç or Ч in UTF-8 would not be the delimiter.
  const rows = [
    ["Name", "Poznámka", "Total"],
    ["#1", "§ je paragraf, ç", "10,50"],
    ["#2", "Чай", "3"],
  ];
  const text = `${rows.map((r) => r.map((c) => (c.includes("§") ? `"${c}"` : c)).join("§")).join("\n")}\n`;

  it("cuts a UTF-8 file on the character, whole and in chunks of 1 to 5 bytes", async () => {
    for (const stride of [1, 2, 3, 5, 65_536]) {
      const bytes = Buffer.from(text, "utf8");
      const input = Readable.from(
        Array.from({ length: Math.ceil(bytes.length / stride) }, (_, i) => bytes.subarray(i * stride, (i + 1) * stride)),
      );
      const opened = await openCsv(input, { file: "t.csv", delimiter: "§" });
      const records: string[][] = [];
      for await (const record of opened.records) records.push([...record.fields]);
      expect(records, `stride ${stride}`).toEqual(rows);
    }
  });

  it("cuts a windows-1250 file on the character, where its byte is another character read as latin1", async () => {
    // • is 95 in windows-1250, and 95 read a character a byte is U+0095, no bullet.
    const bullets = text.replaceAll("§", "•").replace("Чай", "Čaj");
    // windows-1250 bytes for the letters used (• 95, á E1, ç E7, Č C8), independent of TextDecoder.
    const table: Record<string, number> = { "•": 0x95, á: 0xe1, ç: 0xe7, Č: 0xc8 };
    const bytes = Buffer.from([...bullets].map((c) => (c.charCodeAt(0) < 128 ? c.charCodeAt(0) : table[c]!)));
    const opened = await openCsv(Readable.from([bytes]), { file: "t.csv", delimiter: "•", encoding: "windows-1250" });
    const records: string[][] = [];
    for await (const record of opened.records) records.push([...record.fields]);
    expect(records).toEqual([rows[0], ["#1", "• je paragraf, ç", "10,50"], ["#2", "Čaj", "3"]]);
  });
});

describe("CsvTokenizer.project", () => {
  it("cuts every cell of a record by the projection it started under, though project() is called while it is cut in two", () => {
    const records: TokenizedRecord[] = [];
    const tokenizer = new CsvTokenizer({ delimiter: ",", ltrim: false, file: "t.csv" }, (r) => records.push(r));
    const keep = Uint8Array.from([1, 0, 1, 0]);
    tokenizer.push("a,b,c,d\n1,2");
    tokenizer.project(keep); // the record of line 2 started under null: all its cells
    tokenizer.push(",3,4\n5,6,");
    tokenizer.project(null); // line 3 started under keep: cells 0 and 2 only
    tokenizer.push("7,8\n9,10,11,12\n");
    tokenizer.end();
    expect(records.map((r) => [r.line, r.kept, [...r.fields]])).toEqual([
      [1, null, ["a", "b", "c", "d"]],
      [2, null, ["1", "2", "3", "4"]],
      [3, keep, ["5", undefined, "7", undefined]],
      [4, null, ["9", "10", "11", "12"]],
    ]);
  });
});

describe("RowRepeats", () => {
  it("answers, for every row, the first earlier row with its text: by key, past a key's first rows, for rows with no key, with the hash worked out in the reading thread or here", () => {
    const random = mulberry32(77);
    for (let round = 0; round < 20; round++) {
      // A few keys with many rows (past the rows a key's chain holds), many with a few, some with none ("").
      const rows = Array.from({ length: 600 }, (_, i) => {
        const key = random() < 0.1 ? "" : random() < 0.3 ? `#${Math.floor(random() * 3)}` : `#${10 + Math.floor(random() * 60)}`;
        return { line: i + 2, key, text: `${key},${Math.floor(random() * 8)}` };
      });
      // The reference: the first line of each text, by a Map of the texts.
      const firsts = new Map<string, number>();
      const expected = rows.map((r) => {
        const first = firsts.get(r.text);
        if (first === undefined) firsts.set(r.text, r.line);
        return first ?? 0;
      });
      for (const threaded of [false, true]) {
        const repeats = new RowRepeats();
        const hasher = new KeyMap();
        // What the order reader keeps: each key's last row noted (RowRepeats.head after its previous row).
        const heads = new Map<string, number>();
        const got = rows.map((r) => {
          let record: CsvRecord = { line: r.line, fields: [], text: r.text };
          if (threaded) {
            hashRow(record, hasher);
            record = { ...record, rowHash1: hasher.hash1 | 0, rowHash2: hasher.hash2 | 0 };
          }
          const first = repeats.seen(record, r.key === "" ? NO_KEY : (heads.get(r.key) ?? -1));
          if (first === 0 && r.key !== "") heads.set(r.key, repeats.head);
          return first;
        });
        expect(got, `round ${round}${threaded ? ", threaded" : ""}`).toEqual(expected);
      }
      expect(expected.filter((x) => x > 0).length).toBeGreaterThan(100);
    }
  });
});

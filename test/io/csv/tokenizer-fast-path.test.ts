/**
 * CsvTokenizer's fast path (a record's simple cells read with no state, tokenizer.ts) against its
 * state machine: the same input fed one character at a time never has a record whole in a chunk,
 * so it is read by the state machine alone. On a seeded corpus of records that mix unquoted and
 * quoted cells (`""` inside, line breaks inside, a quote inside an unquoted cell, a closing quote
 * followed by text), every line end, empty lines, trailing delimiters and spaces, wide records
 * of mostly quoted cells (long runs of cells not kept), read with and
 * without spaces dropped, with projections changed between chunks, and cut into chunks anywhere:
 * the same records, lines, cells, holes, texts and errors. And cut with CellSpans (the reading
 * thread's way: kept cells noted as spans of the chunk, made text from the chunk on the other side),
 * the same again.
 */
import { describe, expect, it } from "vitest";
import { AppError } from "../../../src/core/errors.js";
import { CellSpans, CsvTokenizer, type TokenizedRecord } from "../../../src/io/csv/tokenizer.js";
import { mulberry32 } from "../../random.js";

interface Read {
  /** Each record as a reader sees it: holes spelled out, so a hole and "" differ. */
  readonly records: unknown[];
  /** For the records cut from one chunk of bytes: whether `text` is exactly those bytes. */
  readonly inBytes: boolean[];
  readonly error: string | undefined;
  /** Cells read from spans (with `spans`). */
  readonly spanned: number;
  /** Records said to have the cells of the record before them (TokenizedRecord.sameCells). */
  readonly same: number;
}

/** The decoder the reads use: it shows where it ran, on every cell with a byte from 0x80 up, and only there. */
const decodeCell = (bytes: string) => `<${bytes}>`;

/**
 * The records of `parts`, each pushed after its projection was set (a reader sets one between
 * chunks), cut into chunks of the sizes `split` gives for its length, each with its bytes.
 */
function read(
  parts: readonly { readonly text: string; readonly keep: Uint8Array | null }[],
  split: (length: number) => number[],
  delimiter: string,
  ltrim: boolean,
  spans: CellSpans | null = null,
): Read {
  const records: unknown[] = [];
  const inBytes: boolean[] = [];
  let spanned = 0;
  let same = 0;
  let previous: { fields: string[]; cells: (string | undefined)[] } | undefined;
  /** Each record's cells as emitted: a record's array is its own to keep, which no later record changes. */
  const emitted: { record: TokenizedRecord; cells: string[] }[] = [];
  const holed = (fields: string[]) => Array.from(fields, (f, i) => (i in fields ? f : "(hole)"));
  const tokenizer = new CsvTokenizer({ delimiter, ltrim, file: "t.csv", decodeCell, spans }, (record: TokenizedRecord) => {
    const { line, text, kept, cut } = record;
    const fields = [...record.fields];
    // The spans' cells, made from the chunk as the other thread makes them (read-thread.ts).
    for (let k = record.spanFrom ?? 0; k < (record.spanTo ?? 0); k++) {
      const chunk = Buffer.from(record.bytes!.buffer, record.bytes!.byteOffset, record.bytes!.byteLength);
      const [position, start, end] = spans!.ints.subarray(3 * k, 3 * k + 3) as unknown as [number, number, number];
      expect(position in record.fields, "a cell given as a span is a hole").toBe(false);
      const cell = chunk.toString("latin1", start, end < 0 ? ~end : end);
      fields[position] = end < 0 ? decodeCell(cell) : cell;
      spanned++;
    }
    records.push({ line, fields: Array.from(fields, (f, i) => (i in fields && f !== undefined ? f : "(hole)")), text, kept, cut });
    // A record said to have the cells of the one before it has them: the same kept cells, and as
    // strings the very array where the widths agree.
    const cells = Array.from(fields, (f, i) => (i in fields ? f : undefined));
    if (record.sameCells) {
      same++;
      expect(previous, "a record before it").toBeDefined();
      expect(cells.filter((_, i) => kept!.at(i) === 1)).toEqual(previous!.cells.filter((_, i) => kept!.at(i) === 1));
      if (spans === null && record.fields.length === previous!.fields.length) expect(record.fields).toBe(previous!.fields);
    }
    previous = { fields: record.fields, cells };
    emitted.push({ record, cells: holed(record.fields) });
    if (record.bytes !== undefined) {
      const bytes = Buffer.from(record.bytes.buffer, record.bytes.byteOffset, record.bytes.byteLength);
      inBytes.push(bytes.toString("latin1", record.start, record.end) === text);
    }
  });
  try {
    for (const { text, keep } of parts) {
      tokenizer.project(keep);
      const all = Buffer.from(text, "latin1");
      let at = 0;
      for (const size of split(all.length)) {
        const bytes = all.subarray(at, at + size);
        tokenizer.push(bytes.toString("latin1"), bytes);
        at += size;
      }
    }
    tokenizer.end();
    for (const { record, cells } of emitted) expect(holed(record.fields), `line ${record.line} as emitted`).toEqual(cells);
    return { records, inBytes, error: undefined, spanned, same };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { records, inBytes, error: `${error.message} (line ${error.location?.line})`, spanned, same };
  }
}

/**
 * A record of 0..8 cells of every kind, ended by any line end or none, with empty lines before it;
 * `wide`: of 8..30 cells, most of them quoted, as an exporter that quotes every cell writes them
 * (the fast path passes over a long run of those by one match).
 */
function record(random: () => number, delimiter: string, wide: boolean): string {
  const pick = <T>(of: readonly T[]): T => of[Math.floor(random() * of.length)]!;
  const plain = ["", "a", "ab", "12.50", "x y", "é", '15" screen', " lead", "trail ", "\t", "\u00ff\u00e1"];
  // ('"""q"' opens with a quote written twice: no empty cell, though it starts like one.)
  const quoted = ['""', '"a"', '"a b"', `"1${delimiter}2"`, '"say ""hi"""', '"""q"', '"two\nlines"', '"cr\rlf\r\n"', '"é"'];
  const simple = ['""', '"a"', '"a b"', `"1${delimiter}2"`, '"é"', '"12,50"'];
  const cells = wide
    ? Array.from({ length: 8 + Math.floor(random() * 23) }, () =>
        random() < 0.03 ? pick(quoted) : random() < 0.9 ? pick(simple) : pick(plain),
      )
    : Array.from({ length: Math.floor(random() * 9) }, () => (random() < 0.35 ? pick(quoted) : pick(plain)));
  // Now and then a closing quote followed by text: malformed, the error must read the same.
  if (random() < 0.005) cells.push(pick(['"bad"x', '""x']));
  let text = cells.join(delimiter);
  if (random() < 0.2) text += delimiter.repeat(1 + Math.floor(random() * 2));
  const empty = random() < 0.15 ? pick(["\n", "\r\n", "\r", "  \n"]) : "";
  return empty + text + pick(["\n", "\n", "\r\n", "\r\n", "\r"]);
}

/** Chunk sizes that cut `length` characters anywhere: small ones, and ones that hold many records. */
function cuts(length: number, random: () => number): number[] {
  const sizes: number[] = [];
  for (let at = 0; at < length; ) {
    const size = 1 + Math.floor(random() * (random() < 0.3 ? 4 : 200));
    sizes.push(size);
    at += size;
  }
  return sizes;
}

describe("CsvTokenizer's fast path against its state machine", () => {
  for (const [delimiter, ltrim] of [
    [",", false],
    [";", false],
    ["\t", false],
    [",", true],
    ["\t", true],
    // A space delimiter with spaces dropped: a space is then the delimiter, never dropped.
    [" ", true],
  ] as const) {
    it(`reads 400 seeded inputs as fed one character at a time (delimiter ${JSON.stringify(delimiter)}${ltrim ? ", spaces dropped" : ""}), with and without projections`, () => {
      const random = mulberry32(0xfa57 + delimiter.charCodeAt(0) * 2 + (ltrim ? 1 : 0));
      let records = 0;
      let errors = 0;
      let inBytes = 0;
      let spanned = 0;
      for (let n = 0; n < 400; n++) {
        // A few parts of a few records each, the projection set before each. Every other input wide.
        const wide = n % 2 === 1;
        const texts: string[] = [];
        for (let p = 1 + Math.floor(random() * 4); p > 0; p--) {
          let text = "";
          for (let r = Math.floor(random() * 12); r > 0; r--) text += record(random, delimiter, wide);
          // A part may end inside a record.
          if (random() < 0.3) text += random() < 0.5 ? `a${delimiter}b` : `a${delimiter}"open`;
          texts.push(text);
        }
        const keep = wide
          ? Uint8Array.from({ length: Math.floor(random() * 32) }, () => (random() < 0.1 ? 1 : 0))
          : Uint8Array.from({ length: Math.floor(random() * 8) }, () => (random() < 0.4 ? 1 : 0));
        for (const keeps of [[null], [keep], [null, keep, Uint8Array.of(0, 1)]]) {
          const parts = texts.map((text, p) => ({ text, keep: keeps[p % keeps.length]! }));
          const slow = read(parts, (length) => Array(length).fill(1), delimiter, ltrim);
          for (let k = 0; k < 3; k++) {
            const chunked = read(parts, (length) => cuts(length, random), delimiter, ltrim);
            expect({ records: chunked.records, error: chunked.error }, JSON.stringify(texts)).toEqual({
              records: slow.records,
              error: slow.error,
            });
            expect(chunked.inBytes.every(Boolean), JSON.stringify(texts)).toBe(true);
            inBytes += chunked.inBytes.length;
          }
          const withSpans = read(parts, (length) => cuts(length, random), delimiter, ltrim, new CellSpans());
          expect({ records: withSpans.records, error: withSpans.error }, `spans: ${JSON.stringify(texts)}`).toEqual({
            records: slow.records,
            error: slow.error,
          });
          spanned += withSpans.spanned;
          records += slow.records.length;
          if (slow.error !== undefined) errors++;
        }
      }
      // The corpus reaches what it is for: many records, many read from one chunk's bytes, some errors.
      expect(records).toBeGreaterThan(3_000);
      expect(inBytes).toBeGreaterThan(8_000);
      expect(errors).toBeGreaterThan(100);
      expect(spanned).toBeGreaterThan(2_000);
    });
  }

  // A record whose cells up to the last kept one are, character for character, those of a record
  // before it in the chunk takes them over (a Shoptet export repeats an order's cells on each item
  // row): so records here share their first cells, from a few prefixes, some with one character
  // changed, some cut short by a line end, some with a `""` or a line break inside, high bytes
  // among them (a span that must be decoded), with tails of any cells; the projection keeps a cell
  // within the prefix last, or none, or reaches past it.
  it("takes a record's first cells from an earlier record's only where their characters are the same", () => {
    const random = mulberry32(0x9ef1);
    const pick = <T>(of: readonly T[]): T => of[Math.floor(random() * of.length)]!;
    const cellsOf = ['""', '"a"', '"ab"', '"1;2"', '"é"', '"12,50"', "x", "yz", "", "\u00e1", '"say ""hi"""', '"two\nlines"', '15" screen'];
    let records = 0;
    let repeats = 0;
    let same = 0;
    for (let n = 0; n < 600; n++) {
      const delimiter = pick([";", ","]);
      const width = 2 + Math.floor(random() * 8);
      const prefixes = Array.from({ length: 1 + Math.floor(random() * 3) }, () =>
        Array.from({ length: width }, () => (random() < 0.85 ? pick(cellsOf.slice(0, 10)) : pick(cellsOf))),
      );
      let text = "";
      let previous = "";
      for (let r = 0; r < 2 + Math.floor(random() * 30); r++) {
        const cells = [...pick(prefixes)];
        const change = random();
        // One character changed, a cell cut short by the row's end, or the cells as they are.
        if (change < 0.1) cells[Math.floor(random() * width)] += "q";
        const tail = Array.from({ length: Math.floor(random() * 6) }, () => pick(cellsOf));
        const short = change > 0.95 ? Math.floor(random() * width) : width;
        const row = [...cells.slice(0, short), ...(short === width ? tail : [])].join(delimiter);
        if (row.startsWith(previous.slice(0, 8)) && previous !== "") repeats++;
        previous = row;
        text += row + pick(["\n", "\r\n", "\r"]);
      }
      // The last kept cell within the prefix (most), none kept, or kept cells past it.
      const keep = Uint8Array.from({ length: width + Math.floor(random() * 4) }, (_, i) =>
        i < width ? (random() < 0.4 ? 1 : 0) : random() < 0.2 ? 1 : 0,
      );
      for (const k of [keep, new Uint8Array(width), null]) {
        const parts = [{ text, keep: k }];
        const slow = read(parts, (length) => Array(length).fill(1), delimiter, false);
        const chunked = read(parts, (length) => cuts(length, random), delimiter, false);
        const whole = read(parts, (length) => [length], delimiter, false);
        const spanned = read(parts, (length) => cuts(length, random), delimiter, false, new CellSpans());
        const spannedWhole = read(parts, (length) => [length], delimiter, false, new CellSpans());
        for (const [name, got] of [
          ["chunked", chunked],
          ["whole", whole],
          ["spans", spanned],
          ["spans, whole", spannedWhole],
        ] as const) {
          expect({ records: got.records, error: got.error }, `${name}: ${JSON.stringify(text)}`).toEqual({
            records: slow.records,
            error: slow.error,
          });
        }
        records += slow.records.length;
        same += whole.same + spannedWhole.same;
      }
    }
    // The corpus reaches what it is for: many records, most of them after one that starts alike,
    // many of those taking its cells over.
    expect(records).toBeGreaterThan(9_000);
    expect(repeats).toBeGreaterThan(1_500);
    expect(same).toBeGreaterThan(400);
  });

  it("stores a record's cells as the state machine does: holes for cells not kept, the row's width kept", () => {
    const records: TokenizedRecord[] = [];
    const tokenizer = new CsvTokenizer({ delimiter: ",", ltrim: false, file: "t.csv" }, (r) => records.push(r));
    const keep = Uint8Array.from([1, 0, 1]);
    tokenizer.push('h1,h2,h3\n"a",b,"c",d,\r\n\n1,"2""",3\r4,5\n');
    tokenizer.project(keep);
    tokenizer.push('"a",b,"c",d,\r\n\n1,"2""",3\r4,5\n');
    tokenizer.end();
    expect(records.map((r) => [r.line, r.kept, Array.from(r.fields, (f, i) => (i in r.fields ? f : "(hole)")), r.text])).toEqual([
      [1, null, ["h1", "h2", "h3"], "h1,h2,h3"],
      [2, null, ["a", "b", "c", "d", ""], '"a",b,"c",d'],
      [4, null, ["1", '2"', "3"], '1,"2""",3'],
      [5, null, ["4", "5"], "4,5"],
      [6, keep, ["a", "(hole)", "c", "d", ""], '"a",b,"c",d'],
      [8, keep, ["1", "(hole)", "3"], '1,"2""",3'],
      [9, keep, ["4", "(hole)"], "4,5"],
    ]);
  });
});

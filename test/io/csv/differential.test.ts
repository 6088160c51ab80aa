/**
 * Our record reader (src/io/csv/tokenizer.ts, through read-csv.ts) against csv-parse, the reader
 * it replaced (reference.ts): on csv-spectrum, on every CSV under fixtures/, and on a seeded corpus
 * of small hostile inputs. The oracle:
 * - where csv-parse strict (relax_quotes: false) succeeds, ours gives the same records and lines;
 * - where strict fails only on a quote inside an unquoted field, ours equals csv-parse with
 *   relax_quotes (both keep such a quote as text);
 * - where ours throws, strict csv-parse rejects the input too, on a closing quote followed by text
 *   or a quote never closed (when strict stopped earlier, on a quote inside an unquoted field,
 *   Python's csv module in strict mode, which keeps such quotes as text too, must reject it);
 * - a last record cut inside a quoted cell (a truncated download) reads as csv-parse reads the
 *   input with the quote closed;
 * - fed in random chunks of 1..64 characters, ours gives exactly what it gives fed whole.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { AppError } from "../../../src/core/errors.js";
import { openCsv } from "../../../src/io/csv/read-csv.js";
import { CsvTokenizer, type TokenizedRecord } from "../../../src/io/csv/tokenizer.js";
import { FIXTURES, hasSharedData, SHARED_DATA, sharedNote } from "../../helpers.js";
import { mulberry32 } from "../../random.js";
import { expected, reference } from "./reference.js";

type Ours = { ok: true; records: TokenizedRecord[] } | { ok: false; error: string; line: number | undefined };

function tokenize(chunks: readonly string[], delimiter: string, ltrim: boolean): Ours {
  const records: TokenizedRecord[] = [];
  // What a record says, not where in which chunk it was.
  const tokenizer = new CsvTokenizer({ delimiter, ltrim, file: "t.csv" }, ({ line, fields, text, cut }) =>
    records.push(cut === undefined ? { line, fields, text } : { line, fields, text, cut }),
  );
  try {
    for (const chunk of chunks) tokenizer.push(chunk);
    tokenizer.end();
    return { ok: true, records };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    expect(error.code).toBe("INPUT_CSV");
    return { ok: false, error: error.message, line: error.location?.line };
  }
}

const plain = (records: readonly { line: number; fields: readonly string[] }[]) => records.map(({ line, fields }) => ({ line, fields }));

function randomChunks(text: string, random: () => number): string[] {
  const chunks: string[] = [];
  for (let i = 0; i < text.length; ) {
    const size = 1 + Math.floor(random() * 64);
    chunks.push(text.slice(i, i + size));
    i += size;
  }
  return chunks;
}

/** Python's csv module, strict: true for each input it rejects (one process for all of them). */
function pythonRejects(inputs: readonly { text: string; delimiter: string }[]): boolean[] {
  const script = `
import csv, io, json, sys
out = []
for case in json.load(sys.stdin):
    text = case["text"]
    if text.startswith("\\ufeff"): text = text[1:]
    try:
        list(csv.reader(io.StringIO(text, newline=""), delimiter=case["delimiter"], strict=True))
        out.append(False)
    except csv.Error:
        out.append(True)
print(json.dumps(out))
`;
  const run = spawnSync("python3", ["-c", script], { input: JSON.stringify(inputs), encoding: "utf8", maxBuffer: 1 << 26 });
  if (run.status !== 0) throw new Error(`python3 failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as boolean[];
}

const hasPython = spawnSync("python3", ["--version"]).status === 0;

/** Checks ours against csv-parse for one input; returns what only Python can judge. */
function check(text: string, delimiter: string, ltrim: boolean): "python" | "checked" {
  const ours = tokenize([text], delimiter, ltrim);
  if (ours.ok) {
    const cut = ours.records.at(-1)?.cut === "open-quote";
    const want = expected(cut ? `${text}"` : text, delimiter, ltrim);
    expect(want, JSON.stringify(text)).toEqual({ ok: true, records: plain(ours.records) });
    return "checked";
  }
  const strict = reference(text, { delimiter, ltrim, relaxQuotes: false });
  expect(strict.ok, `${JSON.stringify(text)}: ours throws (${ours.error}), csv-parse strict reads it`).toBe(false);
  const code = strict.ok ? "" : strict.code;
  if (code === "CSV_INVALID_CLOSING_QUOTE" || code === "CSV_QUOTE_NOT_CLOSED") return "checked";
  expect(code, JSON.stringify(text)).toBe("INVALID_OPENING_QUOTE");
  return "python";
}

/** The hostile alphabet: quotes, the delimiter, every line end, letters, spaces, a BOM. */
function hostile(random: () => number, delimiter: string): string {
  const alphabet = ['"', '"', '"', delimiter, delimiter, "\r", "\n", "\r\n", "a", "b", "c", " ", "\t", "\uFEFF", '""'];
  const length = Math.floor(random() * 24);
  let text = random() < 0.1 ? "\uFEFF" : "";
  for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
  return text;
}

describe("our CSV reader against csv-parse", () => {
  for (const [delimiter, ltrim] of [
    [",", false],
    [";", false],
    ["\t", false],
    ["|", false],
    [",", true],
    ["\t", true],
  ] as const) {
    it(`agrees on 2,500 seeded hostile inputs (delimiter ${JSON.stringify(delimiter)}${ltrim ? ", spaces dropped" : ""}), whole and in random chunks`, () => {
      const random = mulberry32(0x5eed + delimiter.charCodeAt(0) * 2 + (ltrim ? 1 : 0));
      const forPython: { text: string; delimiter: string }[] = [];
      let thrown = 0;
      let cut = 0;
      for (let n = 0; n < 2500; n++) {
        const text = hostile(random, delimiter);
        const whole = tokenize([text], delimiter, ltrim);
        if (!whole.ok) thrown++;
        else if (whole.records.at(-1)?.cut === "open-quote") cut++;
        for (let k = 0; k < 3; k++) expect(tokenize(randomChunks(text, random), delimiter, ltrim), JSON.stringify(text)).toEqual(whole);
        if (check(text, delimiter, ltrim) === "python") forPython.push({ text, delimiter });
      }
      // The corpus reaches every branch: malformed inputs, cut last cells, inputs only Python judges.
      expect(thrown).toBeGreaterThan(100);
      expect(cut).toBeGreaterThan(20);
      expect(forPython.length).toBeGreaterThan(20);
      if (!hasPython) return;
      if (ltrim) {
        // Python's skipinitialspace is not csv-parse's ltrim (it keeps spaces at a line's start):
        // only the necessary sign is checked, that relaxed csv-parse met a closing quote followed
        // by text (it then keeps the quote at the field's start) or a quote never closed.
        for (const { text } of forPython) {
          const relaxed = reference(text, { delimiter, ltrim, relaxQuotes: true });
          if (!relaxed.ok) expect(relaxed.code).toBe("CSV_QUOTE_NOT_CLOSED");
          else
            expect(
              relaxed.records.some((r) => r.fields.some((f) => f.startsWith('"'))),
              JSON.stringify(text),
            ).toBe(true);
        }
        return;
      }
      const rejects = pythonRejects(forPython);
      expect(forPython.filter((_, i) => !rejects[i]).map((c) => c.text)).toEqual([]);
    });
  }
});

/** Our records through openCsv (the dialect detected), and csv-parse's on the same text with that dialect. */
async function compareFile(path: string): Promise<void> {
  const bytes = readFileSync(path);
  let ours: Ours;
  let dialect: { delimiter: string; spaced: boolean; encoding: string } | undefined;
  try {
    const opened = await openCsv(Readable.from([bytes]), { file: "t.csv" });
    dialect = { delimiter: opened.dialect.delimiter.value, spaced: opened.dialect.spaced, encoding: opened.dialect.encoding.value };
    const records: TokenizedRecord[] = [];
    for await (const r of opened.records) records.push(r as TokenizedRecord);
    ours = { ok: true, records };
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "INPUT_CSV") throw error;
    ours = { ok: false, error: error.message, line: error.location?.line };
  }
  if (dialect === undefined) throw new Error(`${path}: no dialect`);
  // read-csv.ts handed csv-parse UTF-8 as bytes, other encodings decoded.
  const input = dialect.encoding === "utf-8" ? bytes : new TextDecoder(dialect.encoding).decode(bytes);
  if (ours.ok) {
    const want = expected(
      ours.records.at(-1)?.cut === "open-quote" ? Buffer.concat([Buffer.from(input), Buffer.from('"')]) : input,
      dialect.delimiter,
      dialect.spaced,
    );
    expect(want).toEqual({ ok: true, records: plain(ours.records) });
  } else {
    const strict = reference(input, { delimiter: dialect.delimiter, ltrim: dialect.spaced, relaxQuotes: false });
    expect(strict.ok ? "read" : strict.code).toMatch(/^CSV_(INVALID_CLOSING_QUOTE|QUOTE_NOT_CLOSED)$/);
  }
}

function csvFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? csvFiles(path) : name.endsWith(".csv") ? [path] : [];
  });
}

describe("our CSV reader against csv-parse on files", () => {
  it.each(csvFiles(FIXTURES).map((f) => [f.slice(FIXTURES.length + 1), f]))("fixtures/%s", async (_, path) => {
    await compareFile(path);
  });
});

const SPECTRUM = resolve(SHARED_DATA, "csv-spectrum", "csvs");
describe.skipIf(!hasSharedData)(`our CSV reader against csv-parse on csv-spectrum${sharedNote}`, () => {
  it.each(hasSharedData ? readdirSync(SPECTRUM) : [])("%s", async (name) => {
    await compareFile(join(SPECTRUM, name));
  });
});

/**
 * Through openCsv, as files are read: the same seeded hostile texts with Czech, Slovak and
 * Hungarian letters, written as UTF-8, windows-1250 and UTF-16LE with its BOM, and handed over in
 * random pieces of bytes (cut inside a character too). UTF-8 and windows-1250 are cut from their
 * bytes a character a byte and decoded a kept cell at a time; UTF-16 is cut from its decoded text.
 * Each must give what the tokenizer gives on the text as written, records and errors alike, and
 * that is held to csv-parse (check, as above).
 */
describe("our CSV reader against csv-parse, through the encodings", () => {
  // windows-1250 bytes of the letters used, from its code page table (not from TextDecoder, which
  // decodes what openCsv reads).
  const CP1250: Record<string, number> = { č: 0xe8, ř: 0xf8, ž: 0x9e, Š: 0x8a, ť: 0x9d, ő: 0xf5, ű: 0xfb, á: 0xe1, "€": 0x80 };
  const letters = Object.keys(CP1250);
  const encodings = {
    "utf-8": (text: string) => Buffer.from(text, "utf8"),
    "windows-1250": (text: string) => Buffer.from([...text].map((c) => (c.charCodeAt(0) < 0x80 ? c.charCodeAt(0) : CP1250[c]!))),
    "utf-16le": (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]),
  } as const;

  /** openCsv's records (line and cells) of `bytes` handed over in random pieces, or its error. */
  async function read(bytes: Buffer, encoding: string, random: () => number): Promise<Ours> {
    const pieces: Buffer[] = [];
    for (let i = 0; i < bytes.length; ) {
      const size = 1 + Math.floor(random() * 9);
      pieces.push(bytes.subarray(i, i + size));
      i += size;
    }
    try {
      const opened = await openCsv(Readable.from(pieces), { file: "t.csv", encoding, delimiter: ";" });
      const records: TokenizedRecord[] = [];
      for await (const { line, fields } of opened.records) records.push({ line, fields: [...fields] });
      return { ok: true, records };
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== "INPUT_CSV") throw error;
      return { ok: false, error: error.message, line: error.location?.line };
    }
  }

  for (const [encoding, encode] of Object.entries(encodings)) {
    it(`reads 400 seeded texts written in ${encoding} as the text itself is read`, async () => {
      const random = mulberry32(0xc5 + encoding.length);
      let records = 0;
      let errors = 0;
      for (let n = 0; n < 400; n++) {
        // A header, then hostile rows with letters from 0x80 up mixed in, and a last line end.
        let text = "a;b;c\n";
        for (let r = 1 + Math.floor(random() * 4); r > 0; r--) {
          let row = hostile(random, ";").replaceAll("\uFEFF", "");
          for (let k = Math.floor(random() * 4); k > 0; k--) {
            const at = Math.floor(random() * (row.length + 1));
            row = row.slice(0, at) + letters[Math.floor(random() * letters.length)] + row.slice(at);
          }
          text += `${row}\n`;
        }
        const asText = tokenize([text], ";", false);
        const asRead = await read(encode(text), encoding, random);
        expect(asRead, JSON.stringify(text)).toEqual(asText.ok ? { ok: true, records: plain(asText.records) } : asText);
        check(text, ";", false);
        if (asText.ok) records += asText.records.length;
        else errors++;
      }
      // The corpus reaches both: many records read, some texts refused.
      expect(records).toBeGreaterThan(400);
      expect(errors).toBeGreaterThan(100);
    });
  }
});

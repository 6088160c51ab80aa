/**
 * The CSV reader: a byte stream in, records with their starting line out. dialect.ts decides the
 * encoding and delimiter and hands the text over chunk by chunk; tokenizer.ts, our own record
 * reader, splits it into records. The file is never held whole. Types are decoded later, by the
 * push readers, where a row's line is known.
 */
import type { Readable } from "node:stream";
import { AppError } from "../../core/errors.js";
import { KeyMap } from "../../core/key-map.js";
import { cellDecoder, type DialectOptions, type OpenedText, openText, type TextDialect, WHITESPACE } from "./dialect.js";
import {
  type CellSpans,
  CsvTokenizer,
  type RecordCut,
  type RecordTokenizer,
  type TokenizedRecord,
  type TokenizerOptions,
} from "./tokenizer.js";
import { WhitespaceTokenizer } from "./whitespace-tokenizer.js";

export interface CsvRecord {
  /** 1-based line on which the record starts (a quoted newline makes a record span lines). */
  readonly line: number;
  /** Every cell; a cell the reader said it does not read (OpenedCsv.projection) may be "". */
  readonly fields: readonly string[];
  /** The record as written, without its line end and trailing delimiters; absent where the reader has no text (whitespace files, tests). */
  readonly text?: string;
  /** Read as bytes, a record in one chunk: the chunk, and where `text` is in it (KeyMap.hashBytes). */
  readonly bytes?: DataView | undefined;
  readonly start?: number;
  readonly end?: number;
  /** Read in a second thread: the hash of its text (hashRow), both halves, worked out there. See RowRepeats. */
  readonly rowHash1?: number;
  readonly rowHash2?: number;
  /** The cells kept when it was read (Projection.project; null: all): a reader that projected otherwise since reads its text again. */
  readonly kept?: Uint8Array | null;
  /**
   * Only on the file's last record, when it did not end with a line end: "no-line-end" (most
   * files end so), or "open-quote" when the file ends inside a quoted cell opened on its last line
   * (a cut download).
   */
  readonly cut?: RecordCut;
  /** Cut with ReadCsvOptions.spans: its cells noted as spans there, [spanFrom, spanTo) (the reading thread sends them; see packBatch). */
  readonly spanFrom?: number;
  readonly spanTo?: number;
  /** Its kept cells are the record's before it, taken over by the tokenizer (TokenizedRecord.sameCells). */
  readonly sameCells?: boolean;
}

export interface ReadProgress {
  readonly records: number;
  readonly bytes: number;
}

export interface ReadCsvOptions extends DialectOptions {
  /** How the file is named in messages. */
  readonly file: string;
  readonly onProgress?: (progress: ReadProgress) => void;
  /** Where kept cells are noted as spans of their chunk, not made strings (TokenizerOptions.spans: the reading thread's). */
  readonly spans?: CellSpans;
}

export interface OpenedCsv {
  readonly dialect: TextDialect;
  /** Every record, the header included. Throws AppError INPUT_CSV / INPUT_UNREADABLE / INPUT_ENCODING. */
  readonly records: AsyncGenerator<CsvRecord>;
  /** The same records, as many at a time as a chunk of the file ends: one await a chunk, not a record. Read this or records, not both. */
  readonly batches: AsyncGenerator<readonly CsvRecord[]>;
  /** Reading fewer cells: null where the file's reader reads every cell anyway (whitespace files). */
  readonly projection: Projection | null;
}

/**
 * A reader that uses a few of a wide file's columns says which (a Shopify export has 79; the
 * metrics read about 10), and the cells of the others are never cut out of the text.
 */
export interface Projection {
  /** From the next records on, read only the cells at the positions `keep` marks 1, and all from keep.length on; null: all. */
  project(keep: Uint8Array | null): void;
  /** Every cell of one record's text (CsvRecord.text), for the rare row that needs them all. */
  cellsOf(text: string): string[];
}

/** The header, the first record, must end within this many characters. */
const MAX_HEADER_CHARS = 65_536;
const PROGRESS_EVERY = 8192;

/** Decides the file's dialect (dialect.ts), then reads its records as they stream in. */
export async function openCsv(input: Readable, options: ReadCsvOptions): Promise<OpenedCsv> {
  let text: OpenedText;
  try {
    text = await openText(input, options.file, options);
  } catch (error) {
    input.destroy();
    throw toAppError(error, options.file);
  }
  const { dialect } = text;
  let tokenizer: RecordTokenizer | undefined;
  const cutting = { ...tokenizerOptions(dialect, options.file), spans: options.spans ?? null };
  const batches = readRecords(text.chunks, input, dialect, options, cutting, (t) => {
    tokenizer = t;
  });
  const projection = projectionOf(dialect, options.file, (keep) => tokenizer?.project?.(keep));
  return { dialect, records: recordsOf(batches), batches, projection };
}

/** How the records of a file of this dialect are cut (with the text read a character a byte where dialect.ts reads it so). */
function tokenizerOptions(dialect: TextDialect, file: string): TokenizerOptions {
  return { delimiter: dialect.delimiter.value, ltrim: dialect.spaced, file, decodeCell: cellDecoder(dialect) };
}

/** OpenedCsv.projection for a file of this dialect, where `project` tells its record reader (here or in the reading thread). */
export function projectionOf(dialect: TextDialect, file: string, project: (keep: Uint8Array | null) => void): Projection | null {
  if (dialect.delimiter.value === WHITESPACE) return null;
  const options = tokenizerOptions(dialect, file);
  return {
    project,
    cellsOf: (line) => {
      let cells: string[] = [];
      const one = new CsvTokenizer(options, (record) => {
        cells = record.fields;
      });
      one.push(line);
      one.end();
      return cells;
    },
  };
}

/**
 * An empty batch. Every batch is made here, by one array literal: V8 learns at the literal that
 * its arrays come to hold records, and makes the next ones ready for them. With a second literal
 * for the batches after the first, each of those would begin as an array of small integers, and
 * the first record pushed would throw the optimised tokenizer away ("not a Smi"), at the cost of
 * compiling it again, the hottest and largest function of the read.
 */
function newBatch(): CsvRecord[] {
  return [];
}

async function* readRecords(
  chunks: AsyncIterable<string | Buffer>,
  input: Readable,
  dialect: TextDialect,
  options: ReadCsvOptions,
  tokenizerOptions: TokenizerOptions,
  made: (tokenizer: RecordTokenizer) => void,
): AsyncGenerator<CsvRecord[]> {
  const { file, onProgress } = options;
  let out = newBatch();
  const emit = (record: TokenizedRecord) => {
    out.push(record);
  };
  const tokenizer: RecordTokenizer =
    dialect.delimiter.value === WHITESPACE ? new WhitespaceTokenizer({ file }, emit) : new CsvTokenizer(tokenizerOptions, emit);
  made(tokenizer);
  let records = 0;
  let headerChars = 0;
  /** Characters read: the progress's bytes when the stream does not count them (stdin, a test). */
  let fed = 0;
  try {
    for await (const chunk of chunks) {
      const bytes = typeof chunk === "string" ? undefined : chunk;
      const text = bytes === undefined ? (chunk as string) : bytes.toString("latin1");
      fed += text.length;
      tokenizer.push(text, bytes);
      if (records === 0 && out.length === 0) {
        headerChars += text.length;
        if (headerChars > MAX_HEADER_CHARS) {
          const open = tokenizer.openQuoteLine;
          throw new AppError(
            "INPUT_CSV",
            `the header (the first record) is longer than ${MAX_HEADER_CHARS / 1024} KiB${
              open === undefined ? "" : `: a quoted field opened on line ${open} is still open`
            }: this is no CSV export we read`,
            { file, line: 1 },
          );
        }
      }
      if (out.length === 0) continue;
      if (onProgress && Math.floor((records + out.length) / PROGRESS_EVERY) > Math.floor(records / PROGRESS_EVERY))
        onProgress({ records: records + out.length, bytes: (input as Readable & { bytesRead?: number }).bytesRead ?? fed });
      records += out.length;
      yield out;
      out = newBatch();
    }
    tokenizer.end();
    if (out.length > 0) yield out;
  } catch (error) {
    // An invalid byte: dialect.ts yielded the text before it, so the tokenizer's line is its line.
    if (error instanceof AppError && error.code === "INPUT_ENCODING" && error.location?.line === undefined) {
      throw new AppError(error.code, error.message, { file, line: tokenizer.line }, { cause: error.cause });
    }
    throw toAppError(error, file);
  } finally {
    input.destroy();
  }
}

/**
 * The hash of a record's text as written (docs/rules.md: an exact repeat is the same text), into
 * `map` (KeyMap.hash1, hash2): of its bytes where the reader has them, else of its text, else of
 * its cells (records made in tests).
 */
export function hashRow(record: CsvRecord, map: KeyMap): KeyMap {
  return record.bytes !== undefined
    ? map.hashBytes(record.bytes, record.start!, record.end!)
    : record.text === undefined
      ? map.hashCells(record.fields)
      : map.hashText(record.text);
}

/**
 * The shortest slice V8 makes a view of its parent string (shorter slices are copies): a cell of
 * this length or more, sliced from a chunk's text and kept, keeps the whole chunk alive.
 */
export const SLICE_VIEW_LENGTH = 13;

/** Rows of one key looked through one by one; the key's rows after these are looked up by hash. */
const CHAIN = 8;
/** seen's head for a row with no key to chain it by: it is looked up by hash alone. */
export const NO_KEY = -2;

/**
 * Exact repeats of rows (docs/rules.md: the same text as written). A reader asks `seen` for each
 * row it would keep; it gives the line of the first earlier row it was asked about with the same
 * text, or 0, and notes this one.
 *
 * A repeat has the same cells, so the same key: the rows are noted by key, each with the previous
 * row of its key (`head`: the reader keeps each key's last row, in the map it keeps its keys in
 * anyway), and a row is compared with its key's rows only. Noted in order of reading, rows take
 * 16 bytes each, written one after another; a table of every row's hash would cost a cache miss
 * a row (it was 10 % of a read). A key's rows past its first CHAIN, and rows with no key
 * (NO_KEY), are looked up by hash in a table instead, so no key's rows are compared pairwise.
 * The row's hash is worked out in the reading thread when there is one (rowHash1, rowHash2).
 */
export class RowRepeats {
  /** The rows noted, ROW words each, in the order noted: the hash's halves, the line, the previous row of the same key (−1 none). */
  #rows = new Int32Array(ROW * 1024);
  #length = 0;
  /** Rows past their key's first CHAIN and rows with no key, by hash; also where a row is hashed. */
  readonly #more = new KeyMap();
  /** After seen: the last row noted for the row's key (−1 none), which the reader keeps for the key's next row. */
  head = -1;
  /** Set by byTextAlone: every row is looked up by hash, whatever its key. */
  #byText = false;

  /**
   * From now on a row is looked up among all rows by its hash, not among its key's: for a reader
   * whose rows' keys stop following from their text (a repeated header that moves the key's
   * column: the same text then reads as another key). The rows noted by key so far join the table
   * of hashes, in the order they were read, so each keeps its line.
   */
  byTextAlone(): void {
    if (this.#byText) return;
    this.#byText = true;
    const rows = this.#rows;
    for (let r = 0; r < this.#length; r++) this.#more.withHash(rows[ROW * r]!, rows[ROW * r + 1]!).insert(rows[ROW * r + 2]!, 0);
  }

  /** `head`: the last row noted for the row's key (this.head after its previous row), −1 for none, or NO_KEY. */
  seen(record: CsvRecord, head: number): number {
    let a = record.rowHash1;
    let b = record.rowHash2;
    if (a === undefined || b === undefined) {
      hashRow(record, this.#more);
      a = this.#more.hash1;
      b = this.#more.hash2;
    }
    this.head = head;
    if (head !== NO_KEY && !this.#byText) {
      // A row's words are together: looking through a key's rows read apart (a shuffled file) costs a cache miss a row.
      const rows = this.#rows;
      const a32 = a | 0;
      const b32 = b | 0;
      let count = 0;
      for (let r = head; r >= 0; r = rows[ROW * r + 3]!, count++) {
        if (rows[ROW * r] === a32 && rows[ROW * r + 1] === b32) return rows[ROW * r + 2]!;
      }
      if (count < CHAIN) {
        this.head = this.#add(a32, b32, record.line, head);
        return 0;
      }
    }
    const more = this.#more.withHash(a, b);
    return more.insert(record.line, 0) ? 0 : more.get(more.find(), 0);
  }

  #add(a: number, b: number, line: number, prev: number): number {
    const r = this.#length++;
    if (ROW * r === this.#rows.length) {
      const grown = new Int32Array(this.#rows.length * 2);
      grown.set(this.#rows);
      this.#rows = grown;
    }
    const rows = this.#rows;
    rows[ROW * r] = a;
    rows[ROW * r + 1] = b;
    rows[ROW * r + 2] = line;
    rows[ROW * r + 3] = prev;
    return r;
  }
}

/** Words a row takes in RowRepeats. */
const ROW = 4;

/** OpenedCsv.records from its batches: one record at a time, the batches closed when it is. */
export async function* recordsOf(batches: AsyncGenerator<readonly CsvRecord[]>): AsyncGenerator<CsvRecord> {
  try {
    for await (const batch of batches) yield* batch;
  } finally {
    await batches.return(undefined);
  }
}

/** A stream's error as the user's: a missing, unreadable or directory file is INPUT_UNREADABLE (exit 3), not a crash. */
export function toAppError(error: unknown, file: string): unknown {
  if (error instanceof AppError) return error;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === "ENOENT") return new AppError("INPUT_UNREADABLE", "cannot read the file: no such file", { file }, { cause: error });
  if (code === "EISDIR") return new AppError("INPUT_UNREADABLE", "cannot read the file: it is a directory", { file }, { cause: error });
  if (code === "EACCES" || code === "EPERM")
    return new AppError("INPUT_UNREADABLE", "cannot read the file: permission denied", { file }, { cause: error });
  if (typeof code === "string" && error instanceof Error) {
    return new AppError("INPUT_UNREADABLE", `cannot read the file: ${error.message}`, { file }, { cause: error });
  }
  return error;
}

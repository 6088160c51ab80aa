/**
 * Reading a file in a second thread. read-thread-worker.ts runs openCsv on the file there —
 * dialect, tokenizer, and each record's hash for RowRepeats — and sends the records over a chunk
 * at a time as two flat values (an Int32Array and one string); this thread rebuilds them and runs
 * the readers (orders, customers) on them, so cutting records and running the metrics' readers
 * take a core each. The records are the very ones openCsv gives in this thread: the same code
 * cuts them from the same bytes. What changes is how fast, never what: the same lines, cells,
 * problems and errors, in the same order. Used for files, not stdin (see ReadThread).
 */
import { Worker } from "node:worker_threads";
import { AppError, type ErrorCode, type Location } from "../../core/errors.js";
import type { KeyMap } from "../../core/key-map.js";
import { cellDecoder, type TextDialect } from "./dialect.js";
import {
  type CsvRecord,
  hashRow,
  type OpenedCsv,
  projectionOf,
  type ReadCsvOptions,
  type ReadProgress,
  recordsOf,
  SLICE_VIEW_LENGTH,
} from "./read-csv.js";
import { type CellSpans, type RecordCut, sameBytes } from "./tokenizer.js";

/** A file read in a second thread: its path, and how many bytes it reads at a time. */
export interface ReadThread {
  readonly path: string;
  readonly chunkBytes: number;
  /** The thread hashes a batch's rows when it may send at most this many more (HASH_CREDITS; tests: -1 never, Infinity always). */
  readonly hashCredits?: number;
}

/** What the reading thread is started with. */
export interface ThreadData {
  readonly path: string;
  readonly chunkBytes: number;
  readonly file: string;
  readonly encoding: string | undefined;
  readonly delimiter: string | undefined;
  readonly progress: boolean;
  readonly hashCredits: number;
}

/** Messages from the reading thread. */
export type FromThread =
  | { readonly type: "dialect"; readonly dialect: TextDialect }
  | { readonly type: "batch"; readonly batch: PackedBatch; readonly progress: ReadProgress | undefined }
  | { readonly type: "end" }
  | { readonly type: "error"; readonly code: ErrorCode; readonly message: string; readonly location: Location | undefined }
  | { readonly type: "crash"; readonly message: string };

/** Messages to it: the cells to cut from now on (Projection.project), and how many more batches it may send. */
export type ToThread =
  | { readonly type: "project"; readonly keep: Uint8Array | null; readonly version: number }
  | { readonly type: "credit"; readonly batches: number };

/** Batches the reading thread may be ahead by, once the header is read: enough to never wait for it. */
const AHEAD = 128;
/** Batches read here before the thread is told it may send as many more: a message a batch costs more than it says. */
const CREDIT_EVERY = 16;
/**
 * Who hashes a batch's rows for RowRepeats is decided batch by batch: the reading thread, while it
 * is ahead (it may send at most this many more batches: this thread is the slower), else this
 * thread, which has the chunk's bytes too. A Shoptet export has twice the bytes an order of a
 * Shopify one, and its reading thread would be the slower all along; the hash is the same whoever
 * works it out (KeyMap.hashBytes), so the figures are too.
 */
const HASH_CREDITS = AHEAD / 2;

/** openCsv, with the records cut in a second thread. */
export async function openCsvInThread(thread: ReadThread, options: ReadCsvOptions): Promise<OpenedCsv> {
  const data: ThreadData = {
    path: thread.path,
    chunkBytes: thread.chunkBytes,
    file: options.file,
    encoding: options.encoding,
    delimiter: options.delimiter,
    progress: options.onProgress !== undefined,
    hashCredits: thread.hashCredits ?? HASH_CREDITS,
  };
  const worker = new Worker(new URL("./read-thread-worker.js", import.meta.url), { workerData: data });
  const inbox: FromThread[] = [];
  let waiting: ((message: FromThread) => void) | undefined;
  let over = false;
  const deliver = (message: FromThread) => {
    if (over) return;
    if (message.type === "end" || message.type === "error" || message.type === "crash") over = true;
    if (waiting) {
      const wake = waiting;
      waiting = undefined;
      wake(message);
    } else inbox.push(message);
  };
  worker.on("message", deliver);
  worker.on("error", (error) => deliver({ type: "crash", message: error.stack ?? String(error) }));
  worker.on("messageerror", (error) => deliver({ type: "crash", message: `a batch could not be read: ${error.message}` }));
  worker.on("exit", (code) => deliver({ type: "crash", message: `the reading thread stopped early (exit code ${code})` }));
  const next = (): Promise<FromThread> =>
    inbox.length > 0 ? Promise.resolve(inbox.shift()!) : new Promise((resolve) => (waiting = resolve));

  const first = await next();
  if (first.type !== "dialect") {
    await worker.terminate();
    throw failure(first);
  }
  const { dialect } = first;
  const decode = cellDecoder(dialect);
  /** Every keep sent, by version: a record comes back with the version it was cut with, and gets the very array (Table compares them by identity). */
  const keeps: (Uint8Array | null)[] = [null];
  const projection = projectionOf(dialect, options.file, (keep) => {
    keeps.push(keep);
    worker.postMessage({ type: "project", keep, version: keeps.length - 1 } satisfies ToThread);
  });
  async function* batches(): AsyncGenerator<CsvRecord[]> {
    try {
      for (let taken = 0; ; taken++) {
        const message = await next();
        if (message.type === "end") return;
        if (message.type !== "batch") throw failure(message);
        if (taken > 0 && taken % CREDIT_EVERY === 0) worker.postMessage({ type: "credit", batches: CREDIT_EVERY } satisfies ToThread);
        if (message.progress && options.onProgress) options.onProgress(message.progress);
        yield unpackBatch(message.batch, keeps, decode);
        // The first batch holds the header: the reader made for it has now said which cells to
        // cut (project, posted before this), so the thread reads on with it.
        if (taken === 0) worker.postMessage({ type: "credit", batches: AHEAD } satisfies ToThread);
      }
    } finally {
      over = true;
      await worker.terminate();
    }
  }
  const all = batches();
  return { dialect, batches: all, records: recordsOf(all), projection };
}

function failure(message: FromThread): Error {
  if (message.type === "error") return new AppError(message.code, message.message, message.location);
  return new Error(`reading thread: ${message.type === "crash" ? message.message : `unexpected ${message.type}`}`);
}

// The wire format of a batch. ints, per record:
//   line, flags, the hash's first half, fields.length, start, end, cells sent, its second half,
//   then three words a cell: its position, and either −1 and its length among the strings, or
//   where it starts and ends in the chunk (~end: it needs decoding; see CellSpans)
// bytes: the chunk the batch was cut from, as read (records whose text lies in it have start and
// end there; one begun in an earlier chunk has its text first among the strings). strings: per
// record, that text if it has one, then its cells sent as text, concatenated. flags: the cut
// (1 no-line-end, 2 open-quote) in bits 0-1, IN_BYTES or SENT_TEXT, SAME_CELLS, and from bit 5
// the version of the keep it was cut with.
const CUTS = [undefined, "no-line-end", "open-quote"] as const;
const IN_BYTES = 4;
const SENT_TEXT = 8;
/**
 * The record's kept cells are the previous record's, byte for byte (no cells sent): it gets the
 * same array of cells. A Shoptet or Upgates export repeats the order's cells on each item row,
 * and the report reads only those, so most rows' cells come over once an order, not once a row.
 */
const SAME_CELLS = 16;
const VERSION_SHIFT = 5;
const HEAD = 8;
/** Words a cell sent takes. */
const CELL = 3;

export interface PackedBatch {
  readonly ints: Int32Array;
  readonly bytes: Uint8Array | undefined;
  readonly strings: string;
  /** Whether its rows were hashed (packBatch's hasher); if not, RowRepeats hashes them from the chunk. */
  readonly hashed: boolean;
}

/**
 * A batch as the reading thread sends it: every cell the record was cut with (not the holes):
 * as text, or as the span of the chunk `spans` noted it as (read before the next chunk is cut);
 * and the hash of its text (hashRow, into `hasher`; null: none), which RowRepeats looks repeats up by.
 */
export function packBatch(
  records: readonly CsvRecord[],
  hasher: KeyMap | null,
  version: (kept: Uint8Array | null) => number,
  spans: CellSpans | null = null,
): PackedBatch {
  // The keep of the last record asked about, its positions and its version: a batch is mostly cut by one keep.
  let lastKeep: Uint8Array | null = null;
  let marked = NONE;
  let lastVersion = version(null);
  const markedBy = (keep: Uint8Array | null): readonly number[] => {
    if (keep !== lastKeep) {
      lastKeep = keep;
      marked = keep === null ? NONE : keptPositions(keep);
      lastVersion = version(keep);
    }
    return marked;
  };
  // Room for the cells sent, not the row's width: a wide file sends a few of each row's cells.
  let size = 0;
  let chunk: DataView | undefined;
  for (const record of records) {
    const keep = record.kept ?? null;
    const width = record.fields.length;
    size += HEAD + CELL * (keep === null ? width : Math.min(width, markedBy(keep).length) + Math.max(0, width - keep.length));
    chunk ??= record.bytes;
  }
  const ints = new Int32Array(size);
  const parts: string[] = [];
  /** The previous record's spans, width and version, when it sent every cell it cut as a span of this chunk (else prevTo −1). */
  let prevFrom = 0;
  let prevTo = -1;
  let prevWidth = -1;
  let prevVersion = -1;
  let p = 0;
  for (let r = 0; r < records.length; r++) {
    const record = records[r]!;
    const { fields, text } = record;
    const inBytes = record.bytes !== undefined && record.bytes === chunk;
    if (!inBytes && text !== undefined) parts.push(text);
    ints[p] = record.line;
    const keep = record.kept ?? null;
    const marked = markedBy(keep);
    ints[p + 1] =
      (record.cut === undefined ? 0 : CUTS.indexOf(record.cut)) |
      (inBytes ? IN_BYTES : text === undefined ? 0 : SENT_TEXT) |
      (lastVersion << VERSION_SHIFT);
    if (hasher !== null) {
      hashRow(record, hasher);
      ints[p + 2] = hasher.hash1;
      ints[p + 7] = hasher.hash2;
    }
    ints[p + 3] = fields.length;
    ints[p + 4] = inBytes ? record.start! : 0;
    ints[p + 5] = inBytes ? record.end! : text === undefined ? 0 : text.length;
    let q = p + HEAD;
    // The cells cut: those the keep marks, then all from its length on (holes where the row is short).
    const rest = keep === null ? 0 : keep.length;
    let texts = 0;
    for (let k = 0, end = marked.length + Math.max(0, fields.length - rest); k < end; k++) {
      const i = k < marked.length ? marked[k]! : rest + k - marked.length;
      const cell = fields[i];
      if (cell === undefined) continue;
      ints[q] = i;
      ints[q + 1] = -1;
      ints[q + 2] = cell.length;
      q += CELL;
      parts.push(cell);
      texts++;
    }
    const from = record.spanFrom ?? 0;
    const to = record.spanTo ?? 0;
    const width = fields.length;
    const spansOnly = texts === 0 && inBytes && spans !== null && record.cut === undefined;
    if (
      spansOnly &&
      prevTo >= 0 &&
      width === prevWidth &&
      lastVersion === prevVersion &&
      to - from === prevTo - prevFrom &&
      // (The tokenizer says so where it took the cells over from the record before: no need to look.)
      (record.sameCells === true || sameSpans(spans!.ints, prevFrom, from, to - from, chunk!))
    ) {
      ints[p + 1] = ints[p + 1]! | SAME_CELLS;
    } else if (to > from) {
      if (!inBytes || spans === null) throw new Error("packBatch: a record's spans are not of its batch's chunk");
      // Copied word by word: a subarray a record would cost more than the copy.
      const noted = spans.ints;
      for (let w = CELL * from, end = CELL * to; w < end; w++) ints[q++] = noted[w]!;
    }
    ints[p + 6] = (q - p - HEAD) / CELL;
    p = q;
    prevTo = spansOnly ? to : -1;
    prevFrom = from;
    prevWidth = width;
    prevVersion = lastVersion;
  }
  // The chunk goes over as a copy, since whatever shares its memory may still need it: the reading
  // thread cuts each read of the file into chunks (read-thread-worker.ts), and the next chunks are
  // in it. (A chunk that is its own memory, where a character was split between two reads, could go
  // as it is; but that branch, reached late and rarely, had the optimised packBatch thrown away
  // and compiled again: a copy of 64 KiB costs less.)
  const bytes = chunk === undefined ? undefined : new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength).slice();
  return { ints: p === size ? ints : ints.slice(0, p), bytes, strings: parts.join(""), hashed: hasher !== null };
}

/** Whether spans a.. and b.. (`count` each, CellSpans' words) are the same cells: the same positions, and the same bytes of `bytes`. */
function sameSpans(spans: Int32Array, a: number, b: number, count: number, bytes: DataView): boolean {
  for (let k = 0; k < count; k++) {
    const x = CELL * (a + k);
    const y = CELL * (b + k);
    if (spans[x] !== spans[y]) return false;
    const xEnd = spans[x + 2]!;
    const yEnd = spans[y + 2]!;
    // (An end is inverted where the cell must be decoded: the same bytes are, both or neither.)
    if (xEnd < 0 !== yEnd < 0) return false;
    const i = spans[x + 1]!;
    const j = spans[y + 1]!;
    const end = xEnd < 0 ? ~xEnd : xEnd;
    if (end - i !== (yEnd < 0 ? ~yEnd : yEnd) - j || !sameBytes(bytes, i, j, end - i)) return false;
  }
  return true;
}

const NONE: readonly number[] = [];
const positions = new WeakMap<Uint8Array, readonly number[]>();
/** The positions a keep marks 1, worked out once a keep. */
function keptPositions(keep: Uint8Array): readonly number[] {
  let found = positions.get(keep);
  if (found === undefined) {
    found = [...keep.keys()].filter((i) => keep[i] === 1);
    positions.set(keep, found);
  }
  return found;
}

/** A record rebuilt from a batch: its text is read out of the chunk only if a reader asks for it (rarely: see Table). */
class ThreadRecord implements CsvRecord {
  readonly #chunk: Buffer | undefined;
  #text: string | undefined;
  constructor(
    readonly line: number,
    readonly fields: string[],
    readonly kept: Uint8Array | null,
    /** The hash worked out in the reading thread; undefined where it left it to this one (PackedBatch.hashed). */
    readonly rowHash1: number | undefined,
    readonly rowHash2: number | undefined,
    readonly cut: RecordCut | undefined,
    chunk: Buffer | undefined,
    /** The chunk, where the row is in it and its hash was left to this thread (hashRow hashes it from there). */
    readonly bytes: DataView | undefined,
    readonly start: number,
    readonly end: number,
    text: string | undefined,
  ) {
    this.#chunk = chunk;
    this.#text = text;
  }
  get text(): string | undefined {
    if (this.#text === undefined && this.#chunk !== undefined) this.#text = this.#chunk.toString("latin1", this.start, this.end);
    return this.#text;
  }
}

/** The records of a packed batch, as the tokenizer gave them: cells cut out stay holes. */
function unpackBatch(
  { ints, bytes, strings, hashed }: PackedBatch,
  keeps: readonly (Uint8Array | null)[],
  decode: ((bytes: string) => string) | null,
): CsvRecord[] {
  const chunk = bytes === undefined ? undefined : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const view = bytes === undefined || hashed ? undefined : new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  /** The chunk as text, a character a byte, made when a cell is sent as a span of it. */
  let chunkText: string | undefined;
  const records: CsvRecord[] = [];
  let p = 0;
  let t = 0;
  let previous: string[] = [];
  while (p < ints.length) {
    const flags = ints[p + 1]!;
    const width = ints[p + 3]!;
    const sent = ints[p + 6]!;
    let text: string | undefined;
    if (flags & SENT_TEXT) {
      text = strings.slice(t, t + ints[p + 5]!);
      t += text.length;
    }
    const fields = flags & SAME_CELLS ? previous : new Array<string>(width);
    previous = fields;
    let q = p + HEAD;
    for (let k = 0; k < sent; k++, q += CELL) {
      const start = ints[q + 1]!;
      const end = ints[q + 2]!;
      if (start < 0) {
        fields[ints[q]!] = strings.slice(t, t + end);
        t += end;
      } else {
        chunkText ??= chunk!.toString("latin1");
        // A long slice would be a view that keeps the whole chunk's text alive (SLICE_VIEW_LENGTH):
        // a long cell is made from the bytes, a string of its own.
        fields[ints[q]!] =
          end < 0
            ? decode!(chunkText.slice(start, ~end))
            : end - start < SLICE_VIEW_LENGTH
              ? chunkText.slice(start, end)
              : chunk!.toString("latin1", start, end);
      }
    }
    records.push(
      new ThreadRecord(
        ints[p]!,
        fields,
        keeps[flags >>> VERSION_SHIFT] ?? null,
        hashed ? ints[p + 2]! >>> 0 : undefined,
        hashed ? ints[p + 7]! >>> 0 : undefined,
        CUTS[flags & 3],
        flags & IN_BYTES ? chunk : undefined,
        flags & IN_BYTES ? view : undefined,
        ints[p + 4]!,
        ints[p + 5]!,
        text,
      ),
    );
    p = q;
  }
  return records;
}

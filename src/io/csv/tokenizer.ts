/**
 * Our CSV record reader: a push tokenizer fed text chunk by chunk, emitting records with the
 * physical line each starts on. Pure: no streams, no encoding (read-csv.ts is its async adapter).
 *
 * The dialect: one delimiter character, `"` quotes, `""` inside a quoted field is one quote, a
 * record ends at `\r\n`, `\n` or `\r` (mixed within a file), a quoted field may hold line breaks,
 * empty lines are skipped (but counted), one leading BOM is dropped, rows may have any number of
 * cells. With `ltrim`, spaces and tabs before a field are dropped (`a, "b, c"`).
 *
 * Where it is strict: a quoted field whose closing quote is followed by anything but the
 * delimiter, a line end or the end of the input is malformed (a stray `"` typed before a value
 * would otherwise pair with the next quote anywhere later and swallow every line between). A
 * quote inside an unquoted field (`15" screen`) is text. A quoted field never closed is malformed,
 * unless it opened on the last line and holds no line break: then the input was cut there and the
 * last record says so (`cut`).
 *
 * Each chunk is scanned once, with indexOf for the next delimiter, quote and line end; a field
 * that spans chunks is carried as pieces, so a 10 MB cell costs no rescans.
 */
import { AppError } from "../../core/errors.js";

/** How the last record of the input ended, when it did not end with a line end. */
export type RecordCut =
  /** The input ended after the record's last cell, with no line end. */
  | "no-line-end"
  /** The input ended inside a quoted cell opened on the last line: the cell is cut. */
  | "open-quote";

export interface TokenizedRecord {
  /** 1-based physical line on which the record starts (CRLF counts once). */
  readonly line: number;
  /** Every cell; a cell left out by project() is a hole (undefined; the row keeps its width). */
  readonly fields: string[];
  /** The record as written, without its line end and trailing delimiters: what an exact repeat of it repeats. */
  readonly text?: string;
  /** When the file is read as bytes and the record lies in one chunk: that chunk, and where `text` is in it. */
  readonly bytes?: DataView | undefined;
  readonly start?: number;
  readonly end?: number;
  /** The project() the cells were read with (null: all); a reader that changed it since reads the text again. */
  readonly kept?: Uint8Array | null;
  /** Only on the input's last record, when it was not ended by a line end. */
  readonly cut?: RecordCut;
  /** With TokenizerOptions.spans: the record's cells left as spans, [spanFrom, spanTo) of its entries (0, 0: none). */
  readonly spanFrom?: number;
  readonly spanTo?: number;
  /**
   * Its kept cells are, character for character, those of the record just before it, from which
   * it took them (see push): true only then. Read as strings, it then has that record's very array
   * of cells, where the widths agree.
   */
  readonly sameCells?: boolean;
}

export interface TokenizerOptions {
  /** One character. */
  readonly delimiter: string;
  /** Drop spaces, tabs and form feeds before a field. */
  readonly ltrim: boolean;
  /** How the file is named in errors. */
  readonly file: string;
  /** The longest record, in characters, before the input is taken for no CSV (default 64 Mi). */
  readonly maxRecordChars?: number;
  /**
   * When the chunks are bytes, a character a byte (dialect.ts): what turns a cell that holds a byte
   * from 0x80 up into its text. Record texts stay bytes.
   */
  readonly decodeCell?: ((bytes: string) => string) | null;
  /**
   * When the chunks are bytes: where a kept cell of a projected record that lies in the chunk of
   * its line end is noted as a span of the chunk (CellSpans) instead of being made a string; its
   * place in `fields` stays a hole. For the reading thread (read-thread.ts), which sends the chunk
   * over anyway: the cell's text is made on the other side, from it.
   */
  readonly spans?: CellSpans | null;
}

/**
 * Cells noted as spans of the chunk last pushed (TokenizerOptions.spans): three words each, the
 * cell's position, where it starts in the chunk, and where it ends (~end when it holds a byte from
 * 0x80 up, so it needs decodeCell). Emptied at each push: read a record's spans (spanFrom, spanTo)
 * before pushing the next chunk.
 */
export class CellSpans {
  ints = new Int32Array(3 * 4096);
  length = 0;

  add(position: number, start: number, end: number): void {
    const at = 3 * this.length++;
    if (at === this.ints.length) {
      const grown = new Int32Array(2 * this.ints.length);
      grown.set(this.ints);
      this.ints = grown;
    }
    this.ints[at] = position;
    this.ints[at + 1] = start;
    this.ints[at + 2] = end;
  }
}

/** Whether bytes[a, a + length) and bytes[b, b + length) are the same, four at a time (the first difference ends it): a record's prefix here, a cell in packBatch. */
export function sameBytes(bytes: DataView, a: number, b: number, length: number): boolean {
  let k = 0;
  for (; k + 4 <= length; k += 4) if (bytes.getInt32(a + k) !== bytes.getInt32(b + k)) return false;
  for (; k < length; k++) if (bytes.getUint8(a + k) !== bytes.getUint8(b + k)) return false;
  return true;
}

/** A byte (or character) from 0x80 up: a cell read from bytes that has one needs decoding. */
const NON_ASCII = /[\u0080-\uffff]/;

/** What read-csv.ts drives: this file's CSV tokenizer, or whitespace-tokenizer.ts for `--delimiter whitespace`. */
export interface RecordTokenizer {
  /** The next piece of the text; records are emitted as they end. `bytes`: the chunk's bytes, when `chunk` is them as latin1. */
  push(chunk: string, bytes?: Uint8Array): void;
  /** After the last chunk: emits the last record if the input did not end with a line end. */
  end(): void;
  /** The physical line the next character fed would be on. */
  readonly line: number;
  /** The line a quoted field still open opened on; undefined outside one. */
  readonly openQuoteLine: number | undefined;
  /**
   * From the next record on, only the cells at the positions `keep` marks 1 are read out of the
   * text (and all from `keep.length` on); the others are "". Null reads every cell.
   */
  project?(keep: Uint8Array | null): void;
}

const MAX_RECORD_CHARS = 64 * 1024 * 1024;
/** Cells a run must have for the fast path to pass over it by one match (#runOf): a match's call costs more than a few cells. */
const LONG_RUN = 8;

const QUOTE = 34;
const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;
const FF = 12;

enum State {
  /** Before a field's first character. */
  FieldStart,
  /** Inside an unquoted field. */
  Unquoted,
  /** Inside a quoted field. */
  Quoted,
  /** Just after a quote inside a quoted field: `""`, the field's end, or malformed. */
  QuoteSeen,
}

export class CsvTokenizer implements RecordTokenizer {
  readonly #delimiter: string;
  readonly #delim: number;
  readonly #ltrim: boolean;
  readonly #file: string;
  readonly #max: number;
  readonly #emit: (record: TokenizedRecord) => void;
  readonly #decode: ((bytes: string) => string) | null;
  readonly #spans: CellSpans | null;

  #state: State = State.FieldStart;
  /** The physical line the next character is on. */
  #line = 1;
  /** The line the record being read started on. */
  #recordLine = 1;
  /** The line the open quoted field opened on. */
  #quoteLine = 1;
  #fields: string[] = [];
  /** How many cells the record being read has so far (with project(), #fields holds only the kept ones). */
  #nf = 0;
  /** The project() in force when the record being read started (a record cut by a chunk may see another after). */
  #recordKeep: Uint8Array | null = null;
  /** The current field's text from earlier chunks (or before a `""`). */
  #pending = "";
  /** Characters of the record being read that came in earlier chunks. */
  #carried = 0;
  /** The previous chunk ended with \r (a \n starting this one is the same line end). */
  #lastCR = false;
  #started = false;
  /** The cells to read (see project); null: all. */
  #keep: Uint8Array | null = null;
  /** Of each keep array: for each position, the first kept one from it on (see #skipsOf). */
  readonly #skips = new WeakMap<Uint8Array, Int32Array>();
  /** By count: a sticky expression that passes over that many simple cells (see #runOf). */
  readonly #runs: RegExp[] = [];
  /** The text of the record being read that came in earlier chunks. */
  #carriedText = "";
  /** A closing quote followed by text was met: the line its field opened on, and the text after it so far. */
  #failing: { line: number; after: string } | undefined;
  #ended = false;

  constructor(options: TokenizerOptions, emit: (record: TokenizedRecord) => void) {
    if (options.delimiter.length !== 1) throw new Error(`the delimiter must be one character, got ${JSON.stringify(options.delimiter)}`);
    this.#delimiter = options.delimiter;
    this.#delim = options.delimiter.charCodeAt(0);
    this.#ltrim = options.ltrim;
    this.#file = options.file;
    this.#max = options.maxRecordChars ?? MAX_RECORD_CHARS;
    this.#emit = emit;
    this.#decode = options.decodeCell ?? null;
    this.#spans = options.spans ?? null;
  }

  /** The physical line the next character fed would be on (for errors found outside the tokenizer). */
  get line(): number {
    return this.#line;
  }

  /** The line a quoted field still open opened on; undefined outside one. */
  get openQuoteLine(): number | undefined {
    return this.#state === State.Quoted || this.#state === State.QuoteSeen ? this.#quoteLine : undefined;
  }

  project(keep: Uint8Array | null): void {
    this.#keep = keep;
  }

  /**
   * For each position of `keep`, the first one from it on that is kept (keep.length: none, the
   * cells from there on are all read): how far the fast path may pass over cells unread. Null
   * with ltrim, whose spaces before a quote it does not look for.
   */
  #skipsOf(keep: Uint8Array | null): Int32Array | null {
    if (keep === null || this.#ltrim) return null;
    let skips = this.#skips.get(keep);
    if (skips === undefined) {
      skips = new Int32Array(keep.length);
      for (let k = keep.length - 1, next = keep.length; k >= 0; k--) {
        if (keep[k] === 1) next = k;
        skips[k] = next;
      }
      this.#skips.set(keep, skips);
    }
    return skips;
  }

  /**
   * How many cells make a record's prefix under `keep`: those up to its last kept one, which a
   * record repeating an earlier one's prefix takes from it (see push); 0 for none (no projection,
   * nothing kept, or ltrim, whose cells the fast path cuts differently).
   */
  #prefixCellsOf(keep: Uint8Array | null): number {
    // Asked once or twice a push (a chunk), not a record: no need to keep it.
    return keep === null || this.#ltrim ? 0 : keep.lastIndexOf(1) + 1;
  }

  /**
   * A sticky expression for `count` cells in a row, each unquoted or quoted with no quote or line
   * break inside, the delimiter between them, no line end (the cells the fast path passes over).
   * Its match ends where the last cell does; it fails wherever the loop it stands for would stop
   * cell by cell, so the loop takes over from the run's start. One native match for a run of
   * cells where the loop makes one call a cell: a Shoptet row (53 quoted cells, then a `;`)
   * passes over 47 of its 54.
   */
  #runOf(count: number): RegExp {
    const d = `\\u${this.#delim.toString(16).padStart(4, "0")}`;
    const cell = `(?:"[^"\\r\\n]*"|[^"${d}\\r\\n][^${d}\\r\\n]*|)`;
    const run = new RegExp(count === 1 ? cell : `(?:${cell}${d}){${count - 1}}${cell}`, "y");
    this.#runs[count] = run;
    return run;
  }

  /** Where a run of `count` simple cells from `at` ends (#runOf), or −1 where it does not match. */
  #passRun(s: string, at: number, count: number): number {
    const run = this.#runs[count] ?? this.#runOf(count);
    run.lastIndex = at;
    return run.test(s) ? run.lastIndex : -1;
  }

  push(chunk: string, bytes?: Uint8Array): void {
    if (this.#ended) throw new Error("push() after end()");
    if (this.#failing) {
      this.#failWith(chunk.slice(0, EXCERPT + 1), false);
      return;
    }
    let s = chunk;
    if (!this.#started) {
      if (s.length === 0) return;
      this.#started = true;
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    }
    const n = s.length;
    if (n === 0) return;
    const d = this.#delimiter;
    const delim = this.#delim;
    const ltrim = this.#ltrim;
    const emit = this.#emit;
    const prevCR = this.#lastCR;
    let fields = this.#fields;
    let nf = this.#nf;
    let pending = this.#pending;
    let state = this.#state;
    let line = this.#line;
    let recordLine = this.#recordLine;
    // The next delimiter, quote, \n and \r at or after where they were looked for from; n when
    // the chunk has none. Looked for again only once the scan has passed them, by `indexOf`
    // written out at each place (the fast path's and the state machine's look alike on purpose):
    // a helper for it was not inlined, and its positions came back boxed, compared as doubles
    // in the hottest loop (docs/performance.md).
    let nd = -1;
    let nq = -1;
    let nl = -1;
    let ncr = -1;
    let i = 0;
    /** Where the record being read started in this chunk (0: in an earlier one). */
    let recStart = 0;
    let carried = this.#carried;
    let carriedText = this.#carriedText;
    const keep = this.#keep;
    let recordKeep = this.#recordKeep;
    // (The keeps compared first: a comparison that runs at every push has the type feedback that
    // the optimised code needs, where one behind the rarely true conditions would deoptimise it.)
    if (recordKeep !== keep && state === State.FieldStart && nf === 0) {
      // project() was called between records: the next one is cut by it, into an array made for it.
      recordKeep = keep;
      fields = keep === null ? [] : new Array<string>(fields.length);
    }
    const decode = this.#decode;
    const spans = this.#spans;
    const keepSkips = this.#skipsOf(keep);
    let skips = recordKeep === keep ? keepSkips : this.#skipsOf(recordKeep);
    const keepPrefix = this.#prefixCellsOf(keep);
    let prefixCells = recordKeep === keep ? keepPrefix : this.#prefixCellsOf(recordKeep);
    // The prefix of the last record in this chunk that was cut from its start by the fast path to
    // past its prefix (#prefixCellsOf): where the record starts, the prefix's length (to the
    // delimiter after its last cell), and its cells' spans [preFrom, preTo) or its array of cells
    // (preStart −1: none yet). Every record that starts in this chunk is cut by `keep` (project()
    // is called between chunks), so two such records' prefixes are of one keep.
    let preStart = -1;
    let preLength = 0;
    let preFrom = 0;
    let preTo = 0;
    let preFields = fields;
    /** Where the last record emitted from this chunk starts, and its cells (−1: none yet). */
    let lastStart = -1;
    let lastFields = fields;
    /** The record being read took its prefix from the record just before it (see sameCells). */
    let repeats = false;
    if (spans !== null) spans.length = 0;
    /** The first of the spans of the record being read (they are spans.length − recordSpans). */
    let recordSpans = 0;
    /** A cell's text: as read, or decoded when read from bytes and not ASCII. */
    const cell = (v: string): string => (decode !== null && NON_ASCII.test(v) ? decode(v) : v);
    // Every cell of a record is cut by the projection in force when it started (recordKeep, which
    // its `kept` says), though project() may have been called since, while it was cut in two.
    /** Whether cell k of the record being read is read out (see project). */
    const wants = (k: number): boolean => recordKeep === null || k >= recordKeep.length || recordKeep[k] === 1;
    /** Whether the cell being read is. */
    let wanted = wants(nf);
    /** Stores cell nf (wanted). With project(), the record's array is made to its expected width and only kept cells are set. */
    const store = (v: string): void => {
      if (recordKeep === null) fields.push(v);
      else fields[nf] = v;
    };
    /** After a record's line end: the next record starts at `next`, on the next line. */
    const nextRecord = (next: number): void => {
      fields = keep === null ? [] : new Array<string>(nf);
      nf = 0;
      recordKeep = keep;
      skips = keepSkips;
      prefixCells = keepPrefix;
      wanted = wants(0);
      line++;
      recStart = next;
      carried = 0;
      carriedText = "";
      recordLine = line;
      spanning = spansHere && keep !== null;
    };
    /** The record's text, from its start (in this chunk or carried) to `end`. */
    // A BOM dropped from the text (never from bytes: dialect.ts drops it there) would shift positions.
    const view = bytes !== undefined && bytes.length === s.length ? new DataView(bytes.buffer, bytes.byteOffset, bytes.length) : undefined;
    /** Whether this push notes cells as spans (TokenizerOptions.spans), and whether those of the record being read: a projected one that began in this chunk. */
    const spansHere = spans !== null && view !== undefined;
    let spanning = carriedText === "" && spansHere && recordKeep !== null;
    /** The record that ends at `end`: its line, cells and text (and bytes). */
    const record = (end: number): TokenizedRecord => {
      const spanFrom = recordSpans;
      recordSpans = spans === null ? 0 : spans.length;
      let e = end;
      while (e > recStart && s.charCodeAt(e - 1) === delim) e--;
      if (recStart === 0 && carriedText !== "") {
        fields.length = nf;
        return {
          line: recordLine,
          fields,
          text: trimDelimiters(carriedText + s.slice(0, e), delim),
          bytes: undefined,
          start: 0,
          end: 0,
          kept: recordKeep,
          spanFrom: 0,
          spanTo: 0,
        };
      }
      // No cell kept past the prefix (the row is no wider than the projection): its kept cells are those it took over.
      const sameCells = repeats && nf <= recordKeep!.length;
      if (sameCells && !spanning && nf === lastFields.length) fields = lastFields;
      fields.length = nf;
      repeats = false;
      lastStart = recStart;
      lastFields = fields;
      return {
        line: recordLine,
        fields,
        text: s.slice(recStart, e),
        bytes: view,
        start: recStart,
        end: e,
        kept: recordKeep,
        spanFrom,
        spanTo: recordSpans,
        sameCells,
      };
    };

    try {
      while (i < n) {
        if (state === State.FieldStart) {
          // The fast path, for the common record: from here to its line end, cell after cell, each
          // unquoted or quoted with no `""` or line break in it, found with one indexOf (the next
          // delimiter, or the closing quote) and no state. It hands over at the start of any other
          // cell, or of a record not ended in this chunk, or of an empty line, and the state
          // machine below reads on from there: both cut and store a cell alike, so where one
          // hands over to the other changes nothing.
          fast: for (;;) {
            if (nl < i) {
              nl = s.indexOf("\n", i);
              if (nl < 0) nl = n;
            }
            if (ncr < i) {
              ncr = s.indexOf("\r", i);
              if (ncr < 0) ncr = n;
            }
            const e = Math.min(nl, ncr);
            if (e === n) break;
            // A record cut from its start here may note its prefix for the next ones (below).
            let fromStart = nf === 0 && carriedText === "" && prefixCells > 0 && view !== undefined;
            if (fromStart && preStart >= 0 && i + preLength <= e && sameBytes(view!, preStart, i, preLength)) {
              // Its prefix is, character for character, the prefix of a record before it in this
              // chunk, with no line end in it (a Shoptet or Upgates export repeats the order's cells
              // on each of its item rows): cut by the same code from the same characters, its cells
              // are that record's cells at the same places from its start. They are taken over, and
              // the scan goes on after the delimiter that ends the prefix.
              const delta = i - preStart;
              repeats = preStart === lastStart;
              if (spanning) {
                const from = spans!.length;
                for (let w = preFrom; w < preTo; w++) {
                  const noted = spans!.ints;
                  const end = noted[3 * w + 2]!;
                  spans!.add(noted[3 * w]!, noted[3 * w + 1]! + delta, end < 0 ? ~(~end + delta) : end + delta);
                }
                preFrom = from;
                preTo = spans!.length;
              } else {
                for (let k = skips![0]!; k < prefixCells; k = k + 1 < prefixCells ? skips![k + 1]! : prefixCells) fields[k] = preFields[k]!;
                preFields = fields;
              }
              preStart = i;
              nf = prefixCells;
              i += preLength;
              wanted = wants(nf);
              fromStart = false;
            }
            for (;;) {
              if (!wanted && skips !== null && i < e) {
                // A run of cells not read: passed over up to the next kept one, each unquoted or
                // quoted with no `""` or line break in it, with no state kept. Any other quoted
                // cell (or a malformed one) is the cell-by-cell path's below, from its start.
                const stop = skips[nf]!;
                let p = i;
                let k = nf;
                // A long run of quoted cells (an exporter that quotes every cell) by one match, if it
                // matches whole: to the record's end, or to the delimiter before the next kept cell.
                // (`| 0`: a position that came back as any number would make the loop's positions doubles.)
                const ran = stop - nf >= LONG_RUN && s.charCodeAt(i) === QUOTE ? this.#passRun(s, i, stop - nf) | 0 : -1;
                if (ran >= 0 && (ran === e || s.charCodeAt(ran) === delim)) {
                  p = ran;
                  k = stop;
                } else
                  for (;;) {
                    const c = s.charCodeAt(p);
                    if (c === QUOTE) {
                      if (nq <= p) {
                        nq = s.indexOf('"', p + 1);
                        if (nq < 0) nq = n;
                      }
                      // The closing quote: anything but the delimiter or the line end after it is a `""` or malformed.
                      if (nq > e || (nq + 1 < e && s.charCodeAt(nq + 1) !== delim)) break;
                      p = nq + 1;
                    } else if (c !== delim) {
                      if (nd < p) {
                        nd = s.indexOf(d, p);
                        if (nd < 0) nd = n;
                      }
                      p = Math.min(nd, e);
                    }
                    k++;
                    if (p >= e || k === stop) break;
                    p++;
                  }
                nf = k;
                if (p >= e) {
                  // The record ends in the run.
                  i = e + 1;
                  if (e === ncr && i < n && s.charCodeAt(i) === LF) i++;
                  emit(record(e));
                  nextRecord(i);
                  if (i === n) break fast;
                  break;
                }
                wanted = wants(k);
                if (k === stop) {
                  i = p + 1;
                  continue;
                }
                i = p;
              }
              let j = i;
              let c = s.charCodeAt(j);
              if (ltrim) while ((c === SPACE || c === TAB || c === FF) && c !== delim) c = s.charCodeAt(++j);
              let to: number;
              let next: number;
              if (c === QUOTE) {
                j++;
                // An empty quoted cell ("") closes at once: no search (a Shoptet row has dozens).
                if (s.charCodeAt(j) === QUOTE) to = j;
                else {
                  if (nq < j) {
                    nq = s.indexOf('"', j);
                    if (nq < 0) nq = n;
                  }
                  to = nq;
                }
                next = to + 1;
                // A line break inside, or anything but the delimiter or the line end after it, is the state machine's.
                if (to > e || (next < e && s.charCodeAt(next) !== delim)) break fast;
              } else if (c === delim) {
                // An empty cell: no need to look for its end.
                to = j;
                next = j;
              } else {
                // An empty line (or the \n of a \r\n) is the state machine's: it counts lines.
                if (j === e && nf === 0) break fast;
                if (nd < j) {
                  nd = s.indexOf(d, j);
                  if (nd < 0) nd = n;
                }
                to = Math.min(nd, e);
                next = to;
              }
              if (wanted) {
                if (spanning) {
                  spans!.add(nf, j, decode !== null && highByte(bytes!, j, to) ? ~to : to);
                } else store(cell(s.slice(j, to)));
              }
              wanted = wants(++nf);
              i = next + 1;
              if (next < e) {
                if (nf === prefixCells && fromStart) {
                  preStart = recStart;
                  preLength = i - recStart;
                  preFrom = recordSpans;
                  preTo = spans === null ? 0 : spans.length;
                  preFields = fields;
                }
                continue;
              }
              // The \n of a \r\n, when in this chunk: the same line end.
              if (e === ncr && i < n && s.charCodeAt(i) === LF) i++;
              emit(record(e));
              nextRecord(i);
              if (i === n) break fast;
              break;
            }
          }
          if (i === n) break;
          let c = s.charCodeAt(i);
          if (ltrim && (c === SPACE || c === TAB || c === FF) && c !== delim) {
            do {
              if (++i === n) break;
              c = s.charCodeAt(i);
            } while ((c === SPACE || c === TAB || c === FF) && c !== delim);
            if (i === n) break;
          }
          if (c === QUOTE) {
            state = State.Quoted;
            this.#quoteLine = line;
            pending = "";
            i++;
            continue;
          }
          if (c === delim) {
            if (wanted) store("");
            wanted = wants(++nf);
            i++;
            continue;
          }
          if (c === LF || c === CR) {
            if (nf === 0) {
              // An empty line, or the \n of a \r\n whose \r ended the record before.
              if (c === CR || !(i > 0 ? s.charCodeAt(i - 1) === CR : prevCR)) line++;
              i++;
              recStart = i;
              carried = 0;
              carriedText = "";
              recordLine = line;
              spanning = spansHere && recordKeep !== null;
              continue;
            }
            if (wanted) store("");
            nf++;
            emit(record(i));
            nextRecord(++i);
            continue;
          }
          state = State.Unquoted;
          pending = "";
          // on into the unquoted scan from i
        }

        if (state === State.Unquoted) {
          if (nd < i) {
            nd = s.indexOf(d, i);
            if (nd < 0) nd = n;
          }
          if (nl < i) {
            nl = s.indexOf("\n", i);
            if (nl < 0) nl = n;
          }
          if (ncr < i) {
            ncr = s.indexOf("\r", i);
            if (ncr < 0) ncr = n;
          }
          const e = Math.min(nd, nl, ncr);
          if (e === n) {
            if (wanted) pending += s.slice(i);
            i = n;
            break;
          }
          if (wanted) store(cell(pending === "" ? s.slice(i, e) : pending + s.slice(i, e)));
          wanted = wants(++nf);
          pending = "";
          i = e + 1;
          state = State.FieldStart;
          if (e === nd) continue;
          emit(record(e));
          nextRecord(i);
          continue;
        }

        if (state === State.Quoted) {
          if (nq < i) {
            nq = s.indexOf('"', i);
            if (nq < 0) nq = n;
          }
          const q = nq;
          // The line breaks inside the quoted text: each \r, each \n not after a \r.
          if (ncr < i) {
            ncr = s.indexOf("\r", i);
            if (ncr < 0) ncr = n;
          }
          while (ncr < q) {
            line++;
            ncr = s.indexOf("\r", ncr + 1);
            if (ncr < 0) ncr = n;
          }
          if (nl < i) {
            nl = s.indexOf("\n", i);
            if (nl < 0) nl = n;
          }
          while (nl < q) {
            if (!(nl > 0 ? s.charCodeAt(nl - 1) === CR : prevCR)) line++;
            nl = s.indexOf("\n", nl + 1);
            if (nl < 0) nl = n;
          }
          if (q === n) {
            if (wanted) pending += s.slice(i);
            i = n;
            break;
          }
          if (q > i && wanted) pending += s.slice(i, q);
          i = q + 1;
          state = State.QuoteSeen;
          if (i === n) break;
        }

        // State.QuoteSeen: s[i] follows a quote inside a quoted field.
        const c = s.charCodeAt(i);
        if (c === QUOTE) {
          if (wanted) pending += '"';
          i++;
          state = State.Quoted;
          continue;
        }
        if (c === delim) {
          if (wanted) store(cell(pending));
          wanted = wants(++nf);
          pending = "";
          i++;
          state = State.FieldStart;
          continue;
        }
        if (c === LF || c === CR) {
          if (wanted) store(cell(pending));
          nf++;
          pending = "";
          emit(record(i));
          nextRecord(++i);
          state = State.FieldStart;
          continue;
        }
        // Malformed: the error waits for its excerpt to be whole (40 characters or a line end),
        // so that it reads the same however the input is cut into chunks.
        this.#failing = { line: this.#quoteLine, after: "" };
        this.#failWith(s.slice(i, i + EXCERPT + 1), false);
        i = n;
      }
    } finally {
      this.#state = state;
      this.#line = line;
      this.#recordLine = recordLine;
      this.#fields = fields;
      this.#nf = nf;
      this.#recordKeep = recordKeep;
      this.#pending = pending;
      this.#carried = carried;
      this.#carriedText = carriedText;
    }
    this.#lastCR = s.charCodeAt(n - 1) === CR;
    // Spaces before a record's first cell, dropped at the chunk's end with ltrim, are its text too.
    if (recStart < n && state === State.FieldStart && nf === 0) this.#carriedText += s.slice(recStart);
    else if (state !== State.FieldStart || nf > 0) {
      // A record that goes on in the next chunk keeps no spans of this one: its cells become text.
      if (spans !== null && spans.length > recordSpans) this.#textOfSpans(s, spans, recordSpans);
      this.#carriedText += recStart === 0 ? s : s.slice(recStart);
      this.#carried += n - recStart;
      if (this.#carried > this.#max) {
        throw new AppError(
          "INPUT_CSV",
          `malformed CSV: the record starting on this line runs past ${Math.round(this.#max / 1048576)} MiB without ending${
            state === State.Quoted ? ` (a quoted field opened on line ${this.#quoteLine} is never closed)` : ""
          }: this is no CSV we can read`,
          { file: this.#file, line: recordLine },
        );
      }
    }
  }

  /** After the last chunk: emits the last record if the input did not end with a line end. */
  end(): void {
    if (this.#ended) return;
    this.#ended = true;
    if (this.#failing) {
      this.#failWith("", true);
      return;
    }
    const fields = this.#fields;
    const nf = this.#nf;
    const last = (v: string): void => {
      const keep = this.#recordKeep;
      if (keep === null || nf >= keep.length || keep[nf] === 1) fields[nf] = v;
      fields.length = nf + 1;
    };
    switch (this.#state) {
      case State.FieldStart:
        if (nf === 0) return;
        last("");
        break;
      case State.Unquoted:
      case State.QuoteSeen:
        last(this.#cell(this.#pending));
        break;
      case State.Quoted:
        if (this.#line !== this.#quoteLine) {
          throw new AppError("INPUT_CSV", `malformed CSV: a quoted field opened on line ${this.#quoteLine} is never closed`, {
            file: this.#file,
            line: this.#quoteLine,
          });
        }
        last(this.#cell(this.#pending));
        this.#emit({
          line: this.#recordLine,
          fields,
          text: trimDelimiters(this.#carriedText, this.#delim),
          kept: this.#recordKeep,
          cut: "open-quote",
        });
        return;
    }
    this.#emit({
      line: this.#recordLine,
      fields,
      text: trimDelimiters(this.#carriedText, this.#delim),
      kept: this.#recordKeep,
      cut: "no-line-end",
    });
  }

  /** The spans from `from` on (the record being read's) as text in #fields, and gone from `spans`. */
  #textOfSpans(s: string, spans: CellSpans, from: number): void {
    const at = spans.ints;
    for (let k = from; k < spans.length; k++) {
      const end = at[3 * k + 2]!;
      this.#fields[at[3 * k]!] = this.#cell(s.slice(at[3 * k + 1]!, end < 0 ? ~end : end));
    }
    spans.length = from;
  }

  /** A cell's text (see decodeCell). */
  #cell(v: string): string {
    return this.#decode !== null && NON_ASCII.test(v) ? this.#decode(v) : v;
  }

  /** Adds `more` to the malformed close's excerpt; throws once it is whole or the input ends. */
  #failWith(more: string, final: boolean): void {
    const failing = this.#failing!;
    let after = failing.after + more;
    let cut = after.length > EXCERPT;
    const br = after.search(/[\r\n]/);
    if (br >= 0 && br <= EXCERPT) {
      after = after.slice(0, br);
      cut = false;
    } else if (cut) after = after.slice(0, EXCERPT);
    if (!final && !cut && br < 0) {
      failing.after = after;
      return;
    }
    after = this.#cell(after);
    const delimiter = this.#delimiter === "\t" ? "tab" : `"${this.#delimiter}"`;
    throw new AppError(
      "INPUT_CSV",
      `malformed CSV: the quoted field opened on line ${failing.line} closes, and is followed by ${quoted(after)}${cut ? "…" : ""} instead of ${delimiter} or a line end (a quote inside a quoted value is written "")`,
      { file: this.#file, line: failing.line },
    );
  }
}

/** Whether bytes[from, to) holds a byte from 0x80 up. */
function highByte(bytes: Uint8Array, from: number, to: number): boolean {
  let any = 0;
  for (let i = from; i < to; i++) any |= bytes[i]!;
  return any >= 0x80;
}

/** How many characters after a misplaced closing quote the error shows. */
const EXCERPT = 40;

/** `text` without the delimiters it ends with: a row written with and without trailing separators is the same row. */
function trimDelimiters(text: string, delim: number): string {
  let e = text.length;
  while (e > 0 && text.charCodeAt(e - 1) === delim) e--;
  return e === text.length ? text : text.slice(0, e);
}

/** `text` in double quotes, control and invisible characters escaped (it is cut before it gets here). */
function quoted(text: string): string {
  return JSON.stringify(text).replace(
    /[\u007f-\u009f\u00ad\u2028\u2029\ufeff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/**
 * The file's text dialect, decided once per file from its first 64 KiB: the encoding and the
 * field delimiter. Flags force either. The rest of the file streams through the same decoder.
 *
 * Encoding: a BOM says UTF-8 or UTF-16; otherwise the sample must be valid UTF-8, else the file
 * is windows-1250 (Shoptet, Upgates and Czech/Slovak Excel write it). A file read as UTF-8 that
 * turns invalid later stops with an error naming --encoding (and, through the record reader, the line).
 * Delimiter: the most frequent of , ; tab | in the header line, outside quotes; when it has none
 * of them but runs of spaces between its names, whitespace (runs of spaces and tabs separate
 * fields: CDNOW's `customer_id  date number_of_cds  dollar_value`).
 * Binary input stops here: NUL characters in the sample, or no line break in the first MiB (a
 * header longer than 64 KiB is no CSV export either).
 */
import { isUtf8 } from "node:buffer";
import type { Readable } from "node:stream";
import type { Decided } from "../../core/decided.js";
import { AppError } from "../../core/errors.js";

export interface TextDialect {
  /** WHATWG encoding label: utf-8, utf-16le, utf-16be, windows-1250, or what --encoding said. */
  readonly encoding: Decided<string>;
  /** One character, or WHITESPACE: runs of spaces and tabs (whitespace-tokenizer.ts). */
  readonly delimiter: Decided<string>;
  /** The header puts a space after most delimiters (`a, "b"`): spaces before a field are dropped. */
  readonly spaced: boolean;
}

export interface DialectOptions {
  /** --encoding: any WHATWG label (utf-8, windows-1250, iso-8859-2, …). */
  readonly encoding?: string;
  /** --delimiter: one character (`\t` may be written as "tab"), or WHITESPACE. */
  readonly delimiter?: string;
}

/** The delimiter value of whitespace-separated text: runs of spaces and tabs separate fields, no quoting. */
export const WHITESPACE = "whitespace";

const SAMPLE_BYTES = 65_536;
const DELIMITERS = [",", ";", "\t", "|"] as const;

/** True when `label` names an encoding TextDecoder knows. */
export function isEncodingLabel(label: string): boolean {
  try {
    new TextDecoder(label);
    return true;
  } catch {
    return false;
  }
}

export interface OpenedText {
  readonly dialect: TextDialect;
  /**
   * The file's text chunk by chunk (a UTF-8 BOM kept: the record reader drops it), or its bytes
   * where cellDecoder(dialect) is not null. Throws AppError
   * INPUT_ENCODING, without a line, after yielding the text before the first invalid byte: the
   * reader that counted the lines adds it.
   */
  readonly chunks: AsyncIterable<string | Buffer>;
}

/**
 * Encodings whose every character but ASCII is written with bytes from 0x80 up (WHATWG names):
 * UTF-8 and the single-byte ones. Not UTF-16, nor the East Asian multi-byte encodings, some of
 * whose second bytes are ASCII (Shift_JIS and Big5 write `|` inside characters).
 */
/** How a file's records are cut: from its bytes a character a byte (see cellDecoder), or from its decoded text; and why. */
export interface ReadPath {
  readonly bytes: boolean;
  readonly reason: string;
}

/**
 * UTF-8 and single-byte encodings with an ASCII delimiter are cut from their bytes: quotes,
 * delimiters and line ends are single ASCII bytes there, which no other character uses. A
 * delimiter from 0x80 up (`§`, `•`) is written as other bytes than its character (two in UTF-8,
 * `§` C2 A7), and other encodings (UTF-16) write every character in more than one byte: such a
 * file is cut from its decoded text.
 */
export function readPath(dialect: TextDialect): ReadPath {
  const delimiter = dialect.delimiter.value;
  const name = new TextDecoder(dialect.encoding.value).encoding;
  if (delimiter === WHITESPACE) return { bytes: false, reason: "split on runs of spaces and tabs, from its decoded text" };
  if (delimiter.charCodeAt(0) >= 0x80)
    return {
      bytes: false,
      reason: `cut from its decoded text: the delimiter ${JSON.stringify(delimiter)} is no ASCII character, so no single byte`,
    };
  if (name === "utf-8" || SINGLE_BYTE.test(name))
    return { bytes: true, reason: `cut from its bytes (${name} writes quotes, delimiters and line ends as single ASCII bytes)` };
  return { bytes: false, reason: `cut from its decoded text: ${name} writes quotes, delimiters and line ends in more than one byte` };
}
const SINGLE_BYTE = /^(windows-125\d|windows-874|iso-8859-\d+|koi8-[ru]|ibm866|macintosh|x-mac-cyrillic)$/;

/**
 * Null where a file of this dialect is read as text. Otherwise its chunks are its bytes (Buffers,
 * read by the record reader one character per byte, as latin1), and this decodes a cell holding a
 * character from 0x80 up into its text: UTF-8 and single-byte encodings write `"`, delimiters and
 * line ends as the ASCII bytes, and no other character uses those bytes, so records and cells are
 * found in the bytes as in the text — and turning a byte into a character costs a tenth of
 * decoding UTF-8 or windows-1250, which is then done for the few cells read that need it (see
 * tokenizer.ts).
 */
export function cellDecoder(dialect: TextDialect): ((bytes: string) => string) | null {
  const encoding = dialect.encoding.value;
  if (!readPath(dialect).bytes) return null;
  // By the encoding's name, not the label it was given by (--encoding utf8, UTF-8 …).
  if (new TextDecoder(encoding).encoding === "utf-8") return (bytes) => Buffer.from(bytes, "latin1").toString("utf8");
  // A single-byte encoding: each byte from 0x80 up is one character, looked up in a table made
  // by the encoding's own decoder (as decoding the bytes would; no Buffer a cell). ASCII bytes stay
  // as they are, as in a cell without a high byte (Node's ibm866 decoder alone would swap the
  // control bytes 0x1a, 0x1c and 0x7f).
  // Every byte of these encodings is one character of the Basic Multilingual Plane: 128 of them.
  const high = new TextDecoder(encoding).decode(Uint8Array.from({ length: 128 }, (_, i) => 0x80 + i));
  return (bytes) => {
    let out = "";
    let from = 0;
    for (let i = 0; i < bytes.length; i++) {
      const c = bytes.charCodeAt(i);
      if (c < 0x80) continue;
      out += bytes.slice(from, i) + high[c - 0x80];
      from = i + 1;
    }
    return out + bytes.slice(from);
  };
}

/** Read beyond the sample, looking for a line break, before a file is taken for binary. */
const LINE_BREAK_BYTES = 1024 * 1024;

export async function openText(input: Readable, file: string, options: DialectOptions): Promise<OpenedText> {
  const iterator = input[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const head: Buffer[] = [];
  let size = 0;
  let ended = false;
  const read = async (until: number, stop?: (chunk: Buffer) => boolean): Promise<void> => {
    while (!ended && size < until) {
      const next = await iterator.next();
      if (next.done) {
        ended = true;
        break;
      }
      const chunk = typeof next.value === "string" ? Buffer.from(next.value) : next.value;
      head.push(chunk);
      size += chunk.length;
      if (stop?.(chunk)) break;
    }
  };
  await read(SAMPLE_BYTES);
  let sample = Buffer.concat(head);
  // Decided from the first SAMPLE_BYTES whatever the pieces the stream gives (a reading thread's are larger).
  const probe = sample.subarray(0, SAMPLE_BYTES);
  const decidedEncoding: Decided<string> = options.encoding
    ? { value: options.encoding, reason: "--encoding", source: "option" }
    : detectEncoding(probe);
  const encoding = decidedEncoding.value;
  checkText(probe, encoding, ended && probe.length === sample.length, file);
  if (!(ended && probe.length === sample.length) && !hasLineBreak(new TextDecoder(encoding).decode(probe, { stream: true }))) {
    // No line break in 64 KiB: read on (up to 1 MiB) to tell a huge header from a binary file.
    const isBreak = (chunk: Buffer) => hasLineBreak(new TextDecoder(encoding).decode(chunk, { stream: true }));
    await read(LINE_BREAK_BYTES, isBreak);
    sample = Buffer.concat(head);
    const text = new TextDecoder(encoding).decode(sample, { stream: true });
    if (!hasLineBreak(text) && !ended) {
      throw new AppError(
        "INPUT_CSV",
        `no line break in the first ${LINE_BREAK_BYTES / 1048576} MiB: this looks like a binary file, not CSV`,
        {
          file,
        },
      );
    }
    throw new AppError(
      "INPUT_CSV",
      `the header (the first line) is longer than ${SAMPLE_BYTES / 1024} KiB: this is no CSV export we read`,
      {
        file,
        line: 1,
      },
    );
  }
  const rest = async function* (): AsyncGenerator<Buffer> {
    if (ended) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield typeof next.value === "string" ? Buffer.from(next.value) : next.value;
    }
  };
  // The header line, decoded, for sniffing the delimiter.
  const first = afterPreamble(new TextDecoder(encoding).decode(sample.subarray(0, Math.min(sample.length, 8192)), { stream: true }));
  const delimiter: Decided<string> = options.delimiter
    ? { value: options.delimiter, reason: "--delimiter", source: "option" }
    : sniffDelimiter(first);
  const spaced = delimiter.value !== WHITESPACE && isSpaced(first, delimiter.value);
  const dialect: TextDialect = { encoding: decidedEncoding, delimiter, spaced };
  const asBytes = readPath(dialect).bytes;

  if (new TextDecoder(encoding).encoding === "utf-8") {
    // UTF-8, however --encoding labels it, is checked as it passes (whole characters only, the
    // last few bytes of a chunk held for the next) and decoded with its BOM kept, which the record
    // reader drops.
    const invalid = () => new AppError("INPUT_ENCODING", invalidUtf8(decidedEncoding), { file });
    const text = asBytes ? (bytes: Buffer) => bytes : utf8;
    async function* checked(): AsyncGenerator<string | Buffer> {
      let carry = Buffer.alloc(0);
      // As bytes, the BOM is dropped here; as text, the record reader drops U+FEFF.
      const bom = asBytes && sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf ? 3 : 0;
      for (const piece of after(head, bom)) yield* pass(piece, false);
      for await (const bytes of rest()) yield* pass(bytes, false);
      yield* pass(Buffer.alloc(0), true);
      function* pass(bytes: Buffer, final: boolean): Generator<string | Buffer> {
        const all = carry.length > 0 ? Buffer.concat([carry, bytes]) : bytes;
        const cut = final ? all.length : completeLength(all);
        const whole = all.subarray(0, cut);
        if (!isUtf8(whole)) {
          // The text before the first bad byte, so that the reader knows its line.
          const bad = firstInvalidUtf8(whole);
          if (bad > 0) yield text(whole.subarray(0, bad));
          throw invalid();
        }
        carry = Buffer.from(all.subarray(cut));
        if (whole.length > 0) yield text(whole);
      }
    }
    return { dialect, chunks: checked() };
  }

  if (asBytes) {
    async function* bytes(): AsyncGenerator<Buffer> {
      yield* after(head, 0);
      yield* rest();
    }
    return { dialect, chunks: bytes() };
  }

  const decoder = new TextDecoder(encoding);
  async function* decoded(): AsyncGenerator<string> {
    const head = decoder.decode(sample, { stream: true });
    if (head !== "") yield head;
    for await (const bytes of rest()) {
      const text = decoder.decode(bytes, { stream: true });
      if (text !== "") yield text;
    }
    const tail = decoder.decode();
    if (tail !== "") yield tail;
  }
  return { dialect, chunks: decoded() };
}

/**
 * The sample's pieces as they came, less their first `skip` bytes (a BOM, which tiny pieces may
 * split): a reader that cuts out fewer cells starts with the piece after the header's.
 */
function* after(pieces: readonly Buffer[], skip: number): Generator<Buffer> {
  let left = skip;
  for (const piece of pieces) {
    if (left >= piece.length) {
      left -= piece.length;
      continue;
    }
    yield left > 0 ? piece.subarray(left) : piece;
    left = 0;
  }
}

function utf8(bytes: Buffer): string {
  return bytes.toString("utf8");
}

/** Why the bytes were read as UTF-8, in the error for an invalid byte: never "the sample was valid" when a flag said so. */
function invalidUtf8(encoding: Decided<string>): string {
  const why =
    encoding.source === "option"
      ? "as --encoding utf-8 says"
      : encoding.reason === "valid UTF-8"
        ? `though the first ${SAMPLE_BYTES / 1024} KiB were, so it was read as UTF-8`
        : `though it starts with a UTF-8 byte-order mark`;
  const hint =
    encoding.source === "option"
      ? "pass the file's own encoding, e.g. --encoding windows-1250"
      : "pass --encoding with the file's encoding, e.g. --encoding windows-1250";
  return `not valid UTF-8 on this line, ${why}; ${hint}`;
}

/** Binary input, told from the sample: NUL characters, which no CSV export writes. */
function checkText(sample: Buffer, encoding: string, ended: boolean, file: string): void {
  const text = new TextDecoder(encoding).decode(sample, { stream: !ended });
  if (text.indexOf("\0") >= 0) {
    const utf16 = /^utf-16/i.test(encoding) ? "" : " (or UTF-16 without a byte-order mark: then pass --encoding utf-16le)";
    throw new AppError("INPUT_CSV", `NUL bytes in the first ${SAMPLE_BYTES / 1024} KiB: this looks like a binary file, not CSV${utf16}`, {
      file,
    });
  }
}

function hasLineBreak(text: string): boolean {
  return text.indexOf("\n") >= 0 || text.indexOf("\r") >= 0;
}

/** The offset of the first byte that is not part of a valid UTF-8 character (bytes.length if none). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const c = bytes[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    const need = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : 0;
    if (need === 0 || i + need >= n) return i;
    const c1 = bytes[i + 1]!;
    if ((c === 0xe0 && c1 < 0xa0) || (c === 0xed && c1 > 0x9f) || (c === 0xf0 && c1 < 0x90) || (c === 0xf4 && c1 > 0x8f)) return i;
    for (let k = 1; k <= need; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return n;
}

/** True when most delimiters of the first line, outside quotes, are followed by a space. */
function isSpaced(text: string, delimiter: string): boolean {
  let quoted = false;
  let delimiters = 0;
  let spaced = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === "\n" || c === "\r")) break;
    else if (!quoted && c === delimiter) {
      delimiters++;
      if (text[i + 1] === " ") spaced++;
    }
  }
  return delimiters > 0 && spaced * 2 > delimiters;
}

/** How many leading bytes of `bytes` hold whole UTF-8 characters (a cut sequence at the end waits). */
function completeLength(bytes: Buffer): number {
  const n = bytes.length;
  let i = n - 1;
  while (i >= 0 && n - i < 4 && (bytes[i]! & 0xc0) === 0x80) i--;
  if (i < 0) return n;
  const lead = bytes[i]!;
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return n - i < need ? i : n;
}

function detectEncoding(sample: Buffer): Decided<string> {
  const found = (value: string, reason: string): Decided<string> => ({ value, reason, source: "content" });
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return found("utf-8", "UTF-8 byte-order mark");
  if (sample[0] === 0xff && sample[1] === 0xfe) return found("utf-16le", "UTF-16 (little-endian) byte-order mark");
  if (sample[0] === 0xfe && sample[1] === 0xff) return found("utf-16be", "UTF-16 (big-endian) byte-order mark");
  try {
    // stream: true, so a character cut at the sample's end is not mistaken for an error.
    new TextDecoder("utf-8", { fatal: true }).decode(sample, { stream: true });
    return found("utf-8", "valid UTF-8");
  } catch {
    return found("windows-1250", "not valid UTF-8, so windows-1250 (Central European Windows and Excel)");
  }
}

/**
 * The most frequent of , ; tab | in the first line, outside quotes; ties go to the earlier one.
 * A line with none of them whose names are separated by runs of spaces is whitespace-separated.
 */
export function sniffDelimiter(text: string): Decided<string> {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === "\n" || c === "\r")) break;
    else if (!quoted && counts.has(c)) counts.set(c, counts.get(c)! + 1);
  }
  let best: string = ",";
  let most = 0;
  for (const [d, n] of counts) {
    if (n > most) {
      best = d;
      most = n;
    }
  }
  if (most === 0) {
    // Not when the header quotes a name: quotes are CSV's, and whitespace text has none.
    const header = firstLine(text);
    const names = header.trim().split(/[ \t]+/).length;
    if (names > 1 && !header.includes('"')) {
      return {
        value: WHITESPACE,
        reason: `no , ; tab or | in the header, and runs of spaces separate its ${names} columns`,
        source: "content",
        line: 1,
      };
    }
    return { value: best, reason: "one column: no delimiter in the header", source: "default" };
  }
  const name = best === "\t" ? "tab" : `"${best}"`;
  return { value: best, reason: `${name} separates the header's ${most + 1} columns`, source: "content", line: 1 };
}

/**
 * The text from its header on: analytics exports (Google Analytics) start with a preamble of
 * comment lines — `#` then a space, a dash or the line's end — and blank lines, which would make
 * the delimiter the preamble's. A header whose first name is `#` (Typeform's `#,…`) is no comment.
 */
function afterPreamble(text: string): string {
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  if (!isPreambleLine(body)) return text;
  const line = /[^\r\n]*(?:\r\n|\r|\n|$)/y;
  let at = 0;
  while (at < body.length) {
    line.lastIndex = at;
    const next = line.exec(body)![0];
    if (!isPreambleLine(next) && next.trim() !== "") break;
    at += next.length;
  }
  return body.slice(at);
}

/**
 * A line of an analytics export's preamble (or a record's first cell): `#` then a space, a tab, a
 * dash or the line's end. A header's `#` cell (Typeform's `#,…`) starts no preamble line.
 */
export function isPreambleLine(line: string): boolean {
  return /^#(?:[ \t\r\n-]|$)/.test(line);
}

/** The text up to its first line end. */
function firstLine(text: string): string {
  const end = text.search(/[\r\n]/);
  return end < 0 ? text : text.slice(0, end);
}

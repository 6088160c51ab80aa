/**
 * The file's text dialect, decided once per file from its first 64 KiB: the encoding and the
 * field delimiter. Flags force either. The rest of the file streams through the same decoder.
 *
 * Encoding: a BOM says UTF-8 or UTF-16; otherwise the sample must be valid UTF-8, else the file
 * is windows-1250 (Shoptet, Upgates and Czech/Slovak Excel write it). A file declared UTF-8 by
 * its sample that turns invalid later stops with an error naming --encoding.
 * Delimiter: the most frequent of , ; tab | in the header line, outside quotes.
 */
import { isUtf8 } from "node:buffer";
import type { Readable } from "node:stream";
import type { Decided } from "../../core/decided.js";
import { AppError } from "../../core/errors.js";

export interface TextDialect {
  /** WHATWG encoding label: utf-8, utf-16le, utf-16be, windows-1250, or what --encoding said. */
  readonly encoding: Decided<string>;
  readonly delimiter: Decided<string>;
  /** The header puts a space after most delimiters (`a, "b"`): spaces before a field are dropped. */
  readonly spaced: boolean;
}

export interface DialectOptions {
  /** --encoding: any WHATWG label (utf-8, windows-1250, iso-8859-2, …). */
  readonly encoding?: string;
  /** --delimiter: one character (`\t` may be written as "tab"). */
  readonly delimiter?: string;
}

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
  /** The file chunk by chunk: UTF-8 bytes as they are (BOM included), other encodings decoded to text. */
  readonly chunks: AsyncIterable<Buffer | string>;
}

export async function openText(input: Readable, file: string, options: DialectOptions): Promise<OpenedText> {
  const iterator = input[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const head: Buffer[] = [];
  let size = 0;
  let ended = false;
  while (size < SAMPLE_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    const chunk = typeof next.value === "string" ? Buffer.from(next.value) : next.value;
    head.push(chunk);
    size += chunk.length;
  }
  const sample = Buffer.concat(head);
  const decidedEncoding: Decided<string> = options.encoding
    ? { value: options.encoding, reason: "--encoding", source: "option" }
    : detectEncoding(sample);
  const encoding = decidedEncoding.value;
  const invalid = (offset: number, cause?: unknown) =>
    new AppError(
      "INPUT_ENCODING",
      `not valid UTF-8 beyond its first ${Math.floor(offset / 1024)} KiB, though the first ${SAMPLE_BYTES / 1024} KiB were, so it was read as UTF-8; pass --encoding with the file's encoding, e.g. --encoding windows-1250`,
      { file },
      { cause },
    );
  const rest = async function* (): AsyncGenerator<Buffer> {
    if (ended) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield typeof next.value === "string" ? Buffer.from(next.value) : next.value;
    }
  };
  // The header line, decoded, for sniffing the delimiter.
  const first = new TextDecoder(encoding).decode(sample.subarray(0, Math.min(sample.length, 8192)), { stream: true });
  const delimiter: Decided<string> = options.delimiter
    ? { value: options.delimiter, reason: "--delimiter", source: "option" }
    : sniffDelimiter(first);
  const dialect: TextDialect = { encoding: decidedEncoding, delimiter, spaced: isSpaced(first, delimiter.value) };

  if (encoding === "utf-8") {
    // UTF-8 goes to csv-parse as bytes (re-encoding decoded text costs a tenth of a run), checked
    // as it passes: whole characters only, the last few bytes of a chunk held for the next.
    async function* checked(): AsyncGenerator<Buffer | string> {
      let carry = Buffer.alloc(0);
      let offset = 0;
      for (const bytes of [sample]) yield* pass(bytes, false);
      for await (const bytes of rest()) yield* pass(bytes, false);
      yield* pass(Buffer.alloc(0), true);
      function* pass(bytes: Buffer, final: boolean): Generator<Buffer> {
        const all = carry.length > 0 ? Buffer.concat([carry, bytes]) : bytes;
        const cut = final ? all.length : completeLength(all);
        const whole = all.subarray(0, cut);
        if (!isUtf8(whole)) throw invalid(offset);
        offset += cut;
        carry = Buffer.from(all.subarray(cut));
        if (whole.length > 0) yield whole;
      }
    }
    return { dialect, chunks: checked() };
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

/** The most frequent of , ; tab | in the first line, outside quotes; ties go to the earlier one. */
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
  if (most === 0) return { value: best, reason: "one column: no delimiter in the header", source: "default" };
  const name = best === "\t" ? "tab" : `"${best}"`;
  return { value: best, reason: `${name} separates the header's ${most + 1} columns`, source: "content", line: 1 };
}

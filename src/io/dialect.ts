/**
 * The file's text dialect, decided once per file from its first 64 KiB: the encoding and the
 * field delimiter. Flags force either. The rest of the file streams through the same decoder.
 *
 * Encoding: a BOM says UTF-8 or UTF-16; otherwise the sample must be valid UTF-8, else the file
 * is windows-1250 (Shoptet, Upgates and Czech/Slovak Excel write it). A file declared UTF-8 by
 * its sample that turns invalid later stops with an error naming --encoding.
 * Delimiter: the most frequent of , ; tab | in the header line, outside quotes.
 */
import type { Readable } from "node:stream";
import { AppError } from "../errors.js";

export interface TextDialect {
  /** WHATWG encoding label: utf-8, utf-16le, utf-16be, windows-1250, or what --encoding said. */
  readonly encoding: string;
  readonly encodingReason: string;
  readonly delimiter: string;
  readonly delimiterReason: string;
}

export interface DialectOptions {
  /** --encoding: any WHATWG label (utf-8, windows-1250, iso-8859-2, …). */
  readonly encoding?: string;
  /** --delimiter: one character (`\t` may be written as "tab"). */
  readonly delimiter?: string;
}

const SAMPLE_BYTES = 65_536;
export const DELIMITERS = [",", ";", "\t", "|"] as const;

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
  /** The file as decoded text, chunk by chunk, without a BOM. */
  readonly chunks: AsyncIterable<string>;
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
  const { encoding, reason } = options.encoding ? { encoding: options.encoding, reason: "--encoding" } : detectEncoding(sample);
  const decoder = new TextDecoder(encoding, { fatal: encoding === "utf-8" });
  let offset = 0;
  const decode = (bytes: Buffer, stream: boolean): string => {
    try {
      const text = decoder.decode(bytes, { stream });
      offset += bytes.length;
      return text;
    } catch (error) {
      throw new AppError(
        "INPUT_ENCODING",
        `not valid UTF-8 beyond its first ${Math.floor(offset / 1024)} KiB, though the first ${SAMPLE_BYTES / 1024} KiB were, so it was read as UTF-8; pass --encoding with the file's encoding, e.g. --encoding windows-1250`,
        { file },
        { cause: error },
      );
    }
  };
  const first = decode(sample, true);
  const { delimiter, reason: delimiterReason } = options.delimiter
    ? { delimiter: options.delimiter, reason: "--delimiter" }
    : sniffDelimiter(first);
  async function* chunks(): AsyncGenerator<string> {
    if (first !== "") yield first;
    if (!ended) {
      for (;;) {
        const next = await iterator.next();
        if (next.done) break;
        const text = decode(typeof next.value === "string" ? Buffer.from(next.value) : next.value, true);
        if (text !== "") yield text;
      }
    }
    const rest = decode(Buffer.alloc(0), false);
    if (rest !== "") yield rest;
  }
  return { dialect: { encoding, encodingReason: reason, delimiter, delimiterReason }, chunks: chunks() };
}

function detectEncoding(sample: Buffer): { encoding: string; reason: string } {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return { encoding: "utf-8", reason: "UTF-8 byte-order mark" };
  if (sample[0] === 0xff && sample[1] === 0xfe) return { encoding: "utf-16le", reason: "UTF-16 (little-endian) byte-order mark" };
  if (sample[0] === 0xfe && sample[1] === 0xff) return { encoding: "utf-16be", reason: "UTF-16 (big-endian) byte-order mark" };
  try {
    // stream: true, so a character cut at the sample's end is not mistaken for an error.
    new TextDecoder("utf-8", { fatal: true }).decode(sample, { stream: true });
    return { encoding: "utf-8", reason: "valid UTF-8" };
  } catch {
    return { encoding: "windows-1250", reason: "not valid UTF-8, so windows-1250 (Central European Windows and Excel)" };
  }
}

/** The most frequent of , ; tab | in the first line, outside quotes; ties go to the earlier one. */
export function sniffDelimiter(text: string): { delimiter: string; reason: string } {
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
  const name = best === "\t" ? "tab" : `"${best}"`;
  return { delimiter: best, reason: most === 0 ? "one column: no delimiter in the header" : `${name} separates the header's ${most + 1} columns` };
}

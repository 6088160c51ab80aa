/**
 * The record reader for whitespace-separated text (`--delimiter whitespace`, or sniffed when the
 * header has none of , ; tab |): CDNOW's `CDNOW_master.txt`, fixed-width dumps, `column -t`
 * output. A record is one physical line; its fields are the runs of characters between runs of
 * spaces and tabs, so leading and trailing whitespace is no field and `a   b` is two fields.
 *
 * No quoting: a `"` is an ordinary character, so a value can't hold a space, and no record spans
 * lines. Line ends are `\r\n`, `\n` or `\r`; lines of only whitespace are skipped (but counted);
 * one leading BOM is dropped. Same interface as the CSV tokenizer (tokenizer.ts), which stays the
 * comma path's only code.
 */
import { AppError } from "../../core/errors.js";
import type { RecordTokenizer, TokenizedRecord, TokenizerOptions } from "./tokenizer.js";

const MAX_RECORD_CHARS = 64 * 1024 * 1024;
const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;

export class WhitespaceTokenizer implements RecordTokenizer {
  readonly #file: string;
  readonly #max: number;
  readonly #emit: (record: TokenizedRecord) => void;
  /** The physical line the next character is on. */
  #line = 1;
  /** The current line's text from earlier chunks. */
  #pending = "";
  /** The previous chunk ended with \r (a \n starting this one is the same line end). */
  #lastCR = false;
  #started = false;
  #ended = false;

  constructor(options: Pick<TokenizerOptions, "file" | "maxRecordChars">, emit: (record: TokenizedRecord) => void) {
    this.#file = options.file;
    this.#max = options.maxRecordChars ?? MAX_RECORD_CHARS;
    this.#emit = emit;
  }

  get line(): number {
    return this.#line;
  }

  /** No quoting here: never inside a quoted field. */
  get openQuoteLine(): undefined {
    return undefined;
  }

  push(chunk: string): void {
    if (this.#ended) throw new Error("push() after end()");
    let s = chunk;
    if (!this.#started) {
      if (s.length === 0) return;
      this.#started = true;
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    }
    const n = s.length;
    if (n === 0) return;
    let i = 0;
    if (this.#lastCR && s.charCodeAt(0) === LF) i = 1; // the \n of a \r\n cut between chunks
    while (i < n) {
      let e = i;
      while (e < n) {
        const c = s.charCodeAt(e);
        if (c === LF || c === CR) break;
        e++;
      }
      if (e === n) {
        this.#pending += s.slice(i);
        if (this.#pending.length > this.#max) {
          throw new AppError(
            "INPUT_CSV",
            `malformed text: the line runs past ${Math.round(this.#max / 1048576)} MiB without ending: this is no export we can read`,
            { file: this.#file, line: this.#line },
          );
        }
        break;
      }
      const text = this.#pending === "" ? s.slice(i, e) : this.#pending + s.slice(i, e);
      this.#pending = "";
      this.#record(text, undefined);
      this.#line++;
      i = e + 1;
      if (s.charCodeAt(e) === CR && i < n && s.charCodeAt(i) === LF) i++;
    }
    this.#lastCR = s.charCodeAt(n - 1) === CR;
  }

  end(): void {
    if (this.#ended) return;
    this.#ended = true;
    if (this.#pending !== "") this.#record(this.#pending, "no-line-end");
    this.#pending = "";
  }

  /** Splits a line on runs of spaces and tabs; a line of only whitespace is no record. */
  #record(text: string, cut: "no-line-end" | undefined): void {
    const fields: string[] = [];
    const n = text.length;
    let i = 0;
    while (i < n) {
      while (i < n && isBlank(text.charCodeAt(i))) i++;
      if (i === n) break;
      const start = i;
      while (i < n && !isBlank(text.charCodeAt(i))) i++;
      fields.push(text.slice(start, i));
    }
    if (fields.length === 0) return;
    this.#emit(cut === undefined ? { line: this.#line, fields } : { line: this.#line, fields, cut });
  }
}

function isBlank(c: number): boolean {
  return c === SPACE || c === TAB;
}

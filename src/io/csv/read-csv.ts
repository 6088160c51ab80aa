/**
 * The CSV reader: a byte stream in, records with their starting line out, through csv-parse's
 * stream API, so a file is never held whole. Types are decoded later, by the push readers, where a
 * row's line is known (csv-parse's `cast` stays off).
 */
import { Readable } from "node:stream";
import { CsvError, type Options, parse } from "csv-parse";
import { AppError } from "../../core/errors.js";
import { type DialectOptions, type OpenedText, openText, type TextDialect } from "./dialect.js";

export interface CsvRecord {
  /** 1-based line on which the record starts (a quoted newline makes a record span lines). */
  readonly line: number;
  readonly fields: readonly string[];
}

export interface ReadProgress {
  readonly records: number;
  readonly bytes: number;
}

export interface ReadCsvOptions extends DialectOptions {
  /** How the file is named in messages. */
  readonly file: string;
  readonly onProgress?: (progress: ReadProgress) => void;
}

export interface OpenedCsv {
  readonly dialect: TextDialect;
  /** Every record, the header included. Throws AppError INPUT_CSV / INPUT_UNREADABLE / INPUT_ENCODING. */
  readonly records: AsyncGenerator<CsvRecord>;
}

/** Decides the file's dialect (dialect.ts), then parses its records as they stream in. */
export async function openCsv(input: Readable, options: ReadCsvOptions): Promise<OpenedCsv> {
  let text: OpenedText;
  try {
    text = await openText(input, options.file, options);
  } catch (error) {
    input.destroy();
    throw toAppError(error, options.file, 1);
  }
  return { dialect: text.dialect, records: parseRecords(text.chunks, input, text.dialect, options) };
}

async function* parseRecords(
  chunks: AsyncIterable<Buffer | string>,
  input: Readable,
  dialect: TextDialect,
  options: ReadCsvOptions,
): AsyncGenerator<CsvRecord> {
  // Line numbers are counted here, not taken from csv-parse's info.lines, which counts the
  // \r and the \n of a CRLF inside a quoted field as two lines. Counting happens in on_record,
  // synchronously, so the position is right even when a later record in the same chunk fails.
  let lastLine = 0; // the line on which the previous record ended
  let lastEmpty = 0;
  let records = 0;
  const csvOptions: Options<CsvRecord, string[]> = {
    delimiter: dialect.delimiter.value,
    // UTF-8 arrives as bytes, with its BOM if it has one.
    bom: true,
    // Rows may be shorter or longer than the header (trimmed exports, trailing separators);
    // the adapters read missing cells as empty.
    relax_column_count: true,
    // A stray quote inside an unquoted field (`5" screen`) is kept as text; an unterminated
    // quoted field is still an error.
    relax_quotes: true,
    skip_empty_lines: true,
    // Spaces after a delimiter before a quoted field (`a, "b, c"`, one Ecwid variant) are not part
    // of it. Only for files whose header is written so: it costs ~7% of a large read.
    ltrim: dialect.spaced,
    // Any of the three line ends, mixed within a file (csv-parse otherwise fixes on the first
    // one it meets, and an LF row inside a CRLF file would swallow the next row).
    record_delimiter: ["\r\n", "\n", "\r"],
    on_record(record, context) {
      const line = lastLine + 1 + (context.empty_lines - lastEmpty);
      lastLine = line + countLineBreaks(record);
      lastEmpty = context.empty_lines;
      if (options.onProgress && ++records % 8192 === 0)
        options.onProgress({ records, bytes: (input as Readable & { bytesRead?: number }).bytesRead ?? context.bytes });
      return { line, fields: record };
    },
  };
  // parse()'s overloads want on_record to return the record type unchanged; ours wraps it.
  const parser = parse(csvOptions as unknown as Options);
  const source = Readable.from(chunks);
  source.on("error", (error) => parser.destroy(error));
  source.pipe(parser);
  try {
    for await (const record of parser as AsyncIterable<CsvRecord>) yield record;
  } catch (error) {
    // Blank lines skipped since the last record move the failing record down.
    const empty = error instanceof CsvError ? Number((error as CsvError & { empty_lines?: number }).empty_lines ?? lastEmpty) : lastEmpty;
    throw toAppError(error, options.file, lastLine + 1 + Math.max(0, empty - lastEmpty));
  } finally {
    source.unpipe(parser);
    source.destroy();
    input.destroy();
  }
}

/** Line breaks inside a record's quoted fields: CRLF, lone LF and lone CR each count once. */
function countLineBreaks(fields: readonly string[]): number {
  let breaks = 0;
  for (const field of fields) {
    if (field.length < 1 || (field.indexOf("\n") < 0 && field.indexOf("\r") < 0)) continue;
    for (let i = 0; i < field.length; i++) {
      const c = field.charCodeAt(i);
      if (c === 10 /* \n */) breaks++;
      else if (c === 13 /* \r */ && field.charCodeAt(i + 1) !== 10) breaks++;
    }
  }
  return breaks;
}

function toAppError(error: unknown, file: string, line: number): unknown {
  if (error instanceof AppError) return error;
  if (error instanceof CsvError) {
    switch (error.code) {
      case "CSV_QUOTE_NOT_CLOSED":
        return new AppError(
          "INPUT_CSV",
          "malformed CSV: a quoted field starting in this record is never closed",
          { file, line },
          { cause: error },
        );
      case "CSV_INVALID_CLOSING_QUOTE":
        return new AppError(
          "INPUT_CSV",
          "malformed CSV: a closing quote is followed by more text in the same field",
          { file, line },
          { cause: error },
        );
      default:
        return new AppError("INPUT_CSV", `malformed CSV: ${error.message}`, { file, line }, { cause: error });
    }
  }
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

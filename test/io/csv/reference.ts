/**
 * csv-parse, the CSV reader shopmetrics used before its own (src/io/csv/tokenizer.ts), as the
 * reference the differential tests hold ours against: the options read-csv.ts passed it, and its
 * line numbers counted as read-csv.ts counted them (csv-parse's own info.lines counts the \r and
 * the \n of a CRLF inside a quoted field twice).
 */
import { CsvError, parse } from "csv-parse/sync";

export interface ReferenceRecord {
  readonly line: number;
  readonly fields: readonly string[];
}

export interface ReferenceOptions {
  readonly delimiter: string;
  readonly ltrim: boolean;
  /** false: strict (a quote inside an unquoted field is an error); true: what read-csv.ts used. */
  readonly relaxQuotes: boolean;
}

export type ReferenceResult = { readonly ok: true; readonly records: ReferenceRecord[] } | { readonly ok: false; readonly code: string };

/** csv-parse's records (UTF-8 bytes or decoded text), or its error code. */
export function reference(input: string | Buffer, options: ReferenceOptions): ReferenceResult {
  let lastLine = 0;
  let lastEmpty = 0;
  try {
    const records = parse(input, {
      delimiter: options.delimiter,
      bom: true,
      relax_column_count: true,
      relax_quotes: options.relaxQuotes,
      skip_empty_lines: true,
      ltrim: options.ltrim,
      record_delimiter: ["\r\n", "\n", "\r"],
      on_record(record: string[], context: { empty_lines: number }) {
        const line = lastLine + 1 + (context.empty_lines - lastEmpty);
        lastLine = line + countLineBreaks(record);
        lastEmpty = context.empty_lines;
        return { line, fields: record };
      },
    } as never) as unknown as ReferenceRecord[];
    return { ok: true, records };
  } catch (error) {
    if (error instanceof CsvError) return { ok: false, code: error.code };
    throw error;
  }
}

function countLineBreaks(fields: readonly string[]): number {
  let breaks = 0;
  for (const field of fields) {
    for (let i = 0; i < field.length; i++) {
      const c = field.charCodeAt(i);
      if (c === 10) breaks++;
      else if (c === 13 && field.charCodeAt(i + 1) !== 10) breaks++;
    }
  }
  return breaks;
}

/**
 * What our reader must give for `input`, by the rule: csv-parse strict where it succeeds; where
 * strict fails only on a quote inside an unquoted field, csv-parse with relax_quotes (which keeps
 * it as text, as ours does). `undefined` when strict fails otherwise.
 */
export function expected(input: string | Buffer, delimiter: string, ltrim: boolean): ReferenceResult {
  const strict = reference(input, { delimiter, ltrim, relaxQuotes: false });
  if (strict.ok || strict.code !== "INVALID_OPENING_QUOTE") return strict;
  return reference(input, { delimiter, ltrim, relaxQuotes: true });
}

/**
 * What every reader of a record kind shares, csv-parse style: a push core fed one CSV record at a
 * time (`PushReader`), and the plumbing under it (`Table`) — the header resolved to fields, each
 * row counted, a row with more filled cells than the header skipped as SHIFTED_ROW, problems
 * logged. An orders reader, a customers reader, and later a survey or tickets reader are each a
 * platform table (platforms/) plus a push core on a Table; io/read-file.ts feeds any of them
 * from a stream, and a test from an array.
 */
import type { Decided } from "../core/decided.js";
import type { Problem } from "../core/problems.js";
import { type ColumnIndex, type ColumnSpec, resolveColumns } from "./columns.js";
import type { CsvRecord } from "./csv/read-csv.js";
import { ProblemLog } from "./problems.js";

/** A reader of one record kind: the file's records after the header, pushed one by one, then ended. */
export interface PushReader<R> {
  push(record: CsvRecord): void;
  /** After the last record: the result, or an AppError for what only the whole file shows. */
  end(): R;
}

export interface TableOptions {
  /** The file's name as shown in messages (`-` for stdin). */
  readonly file: string;
  /** Throw on the first row that cannot be used instead of skipping it. */
  readonly strict: boolean;
  /** Called for every skipped row (the CLI warns on stderr). */
  readonly onProblem?: (problem: Problem) => void;
}

export class Table<F extends string> {
  /** Field → the position of its column. */
  readonly index: ColumnIndex<F>;
  /** Field → the header it is read from, as written (trimmed). */
  readonly columnNames: Readonly<Partial<Record<F, string>>>;
  /** Field → its column, and why: a map flag, or one of the names the platform writes it under. */
  readonly columns: Readonly<Partial<Record<F, Decided<string>>>>;
  /** The header's width: its cells up to the last named one. */
  readonly width: number;
  readonly problems: ProblemLog;
  /** Records after the header. */
  rowsRead = 0;
  readonly #fields: readonly F[];

  /**
   * Resolves the header to `fields` (throws AppError INPUT_HEADER when a required or mapped
   * column is missing). `what` completes "unrecognised header: … needs", e.g. "a Shopify orders
   * export".
   */
  constructor(
    header: readonly string[],
    fields: readonly F[],
    spec: ColumnSpec<F>,
    /** The map flag's name and entries (--map, --customers-map), and the export's label, for the columns' reasons. */
    overrides: { readonly flag: string; readonly maps: ReadonlyMap<F, string>; readonly label: string },
    what: string,
    options: TableOptions,
  ) {
    this.index = resolveColumns(header, spec, overrides, { file: options.file, what });
    this.#fields = fields;
    const names: Partial<Record<F, string>> = {};
    const columns: Partial<Record<F, Decided<string>>> = {};
    for (const field of fields) {
      if (this.index[field] === undefined) continue;
      const name = header[this.index[field]!]!.trim();
      names[field] = name;
      const mapped = overrides.maps.get(field);
      columns[field] =
        mapped === undefined
          ? { value: name, reason: `the ${overrides.label}'s name for it`, source: "platform", line: 1 }
          : { value: name, reason: `${overrides.flag} ${field}=${mapped}`, source: "option" };
    }
    this.columnNames = names;
    this.columns = columns;
    this.width = headerWidth(header);
    this.problems = new ProblemLog(options.file, options.strict, options.onProblem);
  }

  /**
   * Counts the record and returns its cells by field — "" for a cell the row is too short to
   * have, null for a field the file has no column for — or null when the row was skipped because
   * it has more filled cells than the header.
   */
  cells(record: CsvRecord): Record<F, string | null> | null {
    this.rowsRead++;
    const { fields: values } = record;
    for (let i = this.width; i < values.length; i++) {
      if (values[i]!.trim() !== "") {
        // A value beyond the header means the columns have shifted (an unquoted `1,234.50`, or a
        // `;` in a note): reading the row would take wrong values silently.
        this.problems.skip(record.line, 1, {
          code: "SHIFTED_ROW",
          message: `${values.length} cells but the header has ${this.width}: a separator inside an unquoted value shifts the columns`,
        });
        return null;
      }
    }
    const cells = {} as Record<F, string | null>;
    for (const field of this.#fields) {
      const at = this.index[field];
      cells[field] = at === undefined ? null : (values[at] ?? "");
    }
    return cells;
  }
}

/**
 * The header's width: its cells up to the last named one. A trailing separator (Shoptet ends every
 * line with `;`, the header too) adds an empty cell that is no column.
 */
function headerWidth(header: readonly string[]): number {
  let width = header.length;
  while (width > 0 && header[width - 1]!.trim() === "") width--;
  return width;
}

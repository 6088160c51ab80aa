/**
 * What every reader of a record kind shares, csv-parse style: a push core fed one CSV record at a
 * time (`PushReader`), and the plumbing under it (`Table`) — the header resolved to fields, each
 * row counted, a row with more filled cells than the header skipped as SHIFTED_ROW, problems
 * logged. An orders reader, a customers reader, and later a survey or tickets reader are each a
 * platform table (platforms/) plus a push core on a Table; io/read-file.ts feeds any of them
 * from a stream, and a test from an array.
 */
import type { Decided } from "../core/decided.js";
import { AppError } from "../core/errors.js";
import type { Problem } from "../core/problems.js";
import { type ColumnIndex, type ColumnSpec, resolveColumns } from "./columns.js";
import type { CsvRecord, Projection } from "./csv/read-csv.js";
import type { DateOrder } from "./parse/date.js";
import { ProblemLog } from "./problems.js";

/** A reader of one record kind: the file's records after the header, pushed one by one, then ended. */
export interface PushReader<R> {
  push(record: CsvRecord): void;
  /** True once the reader needs no more records: the rest of the file is not read. */
  readonly done?: boolean;
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
  /** How the file can be read for fewer cells (read-file.ts): see Table.project. */
  readonly projection?: Projection | null;
}

/**
 * What every engagement input's reader (reviews, tickets, traffic) says of its file besides its
 * records: the format and why, each field's column and why, its rows and what became of them.
 */
export interface InputRead<F extends string> {
  /** The format: its name and label, and why. */
  readonly platform: Decided<{ readonly name: string; readonly label: string }>;
  /** Field → its column (or element), and why. */
  readonly columns: Readonly<Partial<Record<F, Decided<string>>>>;
  /** Rows read: CSV records after the header (an XML file's review elements). */
  readonly rowsRead: number;
  readonly repeatedHeaders: readonly number[];
  readonly problems: ProblemLog;
  /** Rows read and not counted, by why (spam, hidden; deleted; totals). */
  readonly excluded: Readonly<Record<string, number>>;
  readonly dateOrder: Decided<DateOrder> | null;
}

/**
 * The Table of a platform's export, as each reader of a record kind opens one: `platform` the
 * format the header was detected as (or forced; null: none, an INPUT_HEADER error saying
 * `unrecognised`), its columns resolved with the map flag's entries, read for its fields only
 * (Table.project) where `options.projection` allows.
 */
export function platformTable<F extends string, P extends ColumnSpec<F> & { readonly label: string }>(
  header: readonly string[],
  fields: readonly F[],
  platform: Decided<P> | null,
  unrecognised: string,
  map: { readonly flag: string; readonly maps: ReadonlyMap<F, string> },
  options: TableOptions,
): { readonly platform: Decided<P>; readonly table: Table<F> } {
  if (!platform) throw new AppError("INPUT_HEADER", unrecognised, { file: options.file, line: 1 });
  const { label } = platform.value;
  const table = new Table(header, fields, platform.value, { ...map, label }, `a ${label}`, options);
  table.project(options.projection);
  return { platform, table };
}

export class Table<F extends string> {
  /** Field → the position of its column (a second header with the columns reordered moves them). */
  index: ColumnIndex<F>;
  /** Field → the header it is read from, as written (trimmed). */
  readonly columnNames: Readonly<Partial<Record<F, string>>>;
  /** Field → its column, and why: a map flag, or one of the names the platform writes it under. */
  readonly columns: Readonly<Partial<Record<F, Decided<string>>>>;
  /** The header's width: its cells up to the last named one. */
  readonly width: number;
  readonly problems: ProblemLog;
  /** Records after the header. */
  rowsRead = 0;
  /** Lines that repeat the header (exports pasted together): neither used nor skipped. */
  readonly repeatedHeaders: number[] = [];
  readonly #fields: readonly F[];
  /** The header's names, trimmed and lower-cased, sorted: what a repeated header must equal. */
  readonly #names: readonly string[];
  readonly #nameSet: ReadonlySet<string>;
  /** Where the resolved fields' columns are: a row whose cells there are header names may be a header. */
  #probes: readonly number[];
  readonly #resolve: (header: readonly string[]) => ColumnIndex<F>;
  readonly #file: string;
  /** Whether a row before had fewer cells than the header. */
  #shortRows = false;
  /** Set by project(): only the resolved fields' cells are read out of the file's text. */
  #projection: Projection | null = null;
  /** A row's cells by field from its values (follows the index): see cellsBuilder. */
  #build: (values: readonly string[]) => Record<F, string | null>;
  /** The fields the header has (a repeated header has the same names, so the same fields). */
  #present: readonly F[] = [];
  /**
   * Sets each field the header has that is blank (empty or spaces) in `into` to its value in
   * `from`, where that is not blank: how the rows of one order fill each other (see blanksFiller).
   * With `first`, every field not blank in `from` is set, whatever `into` holds (a row whose values
   * come first, read after the others). Each value set is `take(value)`, where `take` is given.
   */
  readonly fillBlanks: (
    into: Record<F, string | null>,
    from: Readonly<Record<F, string | null>>,
    take?: (value: string) => string,
    first?: boolean,
  ) => void;
  /** Sets each field the header has to `take` of its value, where that is not null (see blanksFiller). */
  readonly mapCells: (cells: Record<F, string | null>, take: (value: string) => string) => void;
  /** The cells project() asked for last. */
  #keep: Uint8Array | null = null;
  /** See lookedLikeHeader. */
  #probed = false;
  /** The first character (lower-cased) of each header name: a probed cell starting otherwise is no name. */
  #initials: Uint8Array = new Uint8Array(128);

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
    this.#resolve = (h) => resolveColumns(h, spec, overrides, { file: options.file, what });
    this.index = this.#resolve(header);
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
    this.#names = headerNames(header);
    this.#nameSet = new Set(this.#names);
    this.#probes = this.#probePositions();
    this.#build = cellsBuilder(fields, this.index);
    this.#present = fields.filter((field) => this.index[field] !== undefined);
    this.fillBlanks = blanksFiller(this.#present);
    this.mapCells = cellsMapper(this.#present);
    this.#initials = initials(this.#names);
    this.#file = options.file;
  }

  /**
   * From the next record on, reads only the cells of the resolved fields (and any beyond the
   * header's width, where a shifted row shows) out of the file's text: a reader that uses a few of
   * a wide export's columns calls this, one that looks at every cell (a generic file's column
   * hints) does not. The cells left out are "". Nothing else changes: a row is still skipped for
   * the same reasons, a repeated header is still told by all its cells (read again from its text),
   * and an exact repeat of a row by its text.
   */
  project(projection: Projection | null | undefined): void {
    this.#projection = projection ?? null;
    this.#projectIndex();
  }

  #projectIndex(): void {
    if (!this.#projection) return;
    const keep = new Uint8Array(this.width);
    for (const field of this.#fields) {
      const at = this.index[field];
      if (at !== undefined && at < keep.length) keep[at] = 1;
    }
    // A repeated header with the columns where they were keeps the cells cut as they were (the
    // rows already cut with it, perhaps many chunks ahead in a reading thread, are read as cut).
    const same = this.#keep !== null && this.#keep.length === keep.length && this.#keep.every((v, i) => v === keep[i]);
    if (same) return;
    this.#keep = keep;
    this.#projection.project(keep);
  }

  /**
   * The record's cells. Records come a chunk at a time, so those after a repeated header in its
   * chunk were cut out for the columns before it: they are read again from their text.
   */
  #values(record: CsvRecord): readonly string[] {
    return this.readsAsCut(record) ? record.fields : this.#allCells(record);
  }

  /**
   * Whether the last row cells() gave cells for had a header name in a probed column, so that it
   * was told from a header by all its cells, read from its text: another row with the same kept
   * cells may then be told otherwise. (Every row that cells() does not skip as cut is probed.)
   */
  get lookedLikeHeader(): boolean {
    return this.#probed;
  }

  /**
   * Whether a record's cells are read as they were cut, its `fields`: not when it was cut by
   * another projection than this one's (a reader ahead of a repeated header that moved the
   * columns), whose cells are read again from its text.
   */
  readsAsCut(record: CsvRecord): boolean {
    const { kept } = record;
    return kept === undefined || kept === null || kept === this.#keep || !this.#projection || record.text === undefined;
  }

  /** Every cell of a projected record, from its text (whose trailing delimiters are cut: the empty cells are put back). */
  #allCells(record: CsvRecord): string[] {
    const cells = this.#projection!.cellsOf(record.text!);
    while (cells.length < record.fields.length) cells.push("");
    return cells;
  }

  /**
   * Counts the record and returns its cells by field — "" for a cell the row is too short to
   * have, null for a field the file has no column for — or null when the row was skipped because
   * it has more filled cells than the header, or the file was cut inside it (the last row, with no
   * line end and fewer cells than the header, or ending inside a quoted cell).
   */
  cells(record: CsvRecord): Record<F, string | null> | null {
    this.rowsRead++;
    const values = this.#values(record);
    // A short last row is a cut one, unless the file writes short rows anyway (an export that
    // leaves out trailing empty cells): then the missing line end is all there is to go by.
    if (record.cut === "open-quote" || (record.cut === "no-line-end" && values.length < this.width && !this.#shortRows)) {
      // The file ends inside this row (a cut download): what it holds is not what was written.
      this.problems.skip(record.line, 1, {
        code: "TRUNCATED_ROW",
        message:
          record.cut === "open-quote"
            ? "the file ends inside a quoted cell of its last row"
            : `the file ends after ${values.length} of the header's ${this.width} cells, with no line end`,
      });
      return null;
    }
    if (this.#isRepeatedHeader(record, values)) return null;
    if (values.length < this.width) this.#shortRows = true;
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
    return this.#build(values);
  }

  /**
   * Two exports pasted into one file bring a second header row. One with the same columns is
   * passed over (in the same order) or read on with its positions (reordered); one with other
   * columns stops the read: the rows after it can't be read with this header. A row is taken for
   * a header when a resolved field's cell holds a header name and at least half its filled cells do.
   */
  #isRepeatedHeader(record: CsvRecord, cells: readonly string[]): boolean {
    let probed = false;
    for (const at of this.#probes) {
      const value = cells[at];
      if (value !== undefined && this.#mayBeName(value) && this.#nameSet.has(value.trim().toLowerCase())) probed = true;
    }
    this.#probed = probed;
    if (!probed) return false;
    const { line } = record;
    const values = this.#projection && record.text !== undefined && cells === record.fields ? this.#allCells(record) : cells;
    let filled = 0;
    let named = 0;
    for (const value of values) {
      const name = value.trim().toLowerCase();
      if (name === "") continue;
      filled++;
      if (this.#nameSet.has(name)) named++;
    }
    if (named * 2 < filled) return false;
    const names = headerNames(values);
    if (names.length !== this.#names.length || names.some((name, i) => name !== this.#names[i])) {
      throw new AppError(
        "INPUT_HEADER",
        "a second header row with other columns than the first (two different exports pasted together?): the rows after it can't be read with the first header; split the file",
        { file: this.#file, line },
      );
    }
    this.repeatedHeaders.push(line);
    this.index = this.#resolve(values);
    this.#probes = this.#probePositions();
    this.#build = cellsBuilder(this.#fields, this.index);
    this.#projectIndex();
    return true;
  }

  /**
   * False when `value` can't be a header name after trimming and lower-casing: too long, or its
   * first character begins no name. A key (`#1001`) or a date in the probed cells fails here with
   * no string built.
   */
  #mayBeName(value: string): boolean {
    if (value.length > MAX_NAME) return false;
    const c = value.charCodeAt(0);
    // Spaces and non-ASCII characters (trim() and toLowerCase() may change them) go the long way.
    if (c <= 32 || c >= 128) return true;
    return this.#initials[c >= 65 && c <= 90 ? c + 32 : c] === 1;
  }

  /** The fields the file has a column for: a row's other fields are always null. */
  get present(): readonly F[] {
    return this.#present;
  }

  /** The first two resolved fields' columns (the key and the date, for an orders file): two lookups a row. */
  #probePositions(): number[] {
    return this.#fields
      .map((field) => this.index[field])
      .filter((at): at is number => at !== undefined)
      .slice(0, 2);
  }
}

/**
 * The function that makes a row's cells by field from its values: one object literal naming every
 * field, `values[position] ?? ""` where the file has its column, null where not. A row's cells are
 * read by field name all along the reader; made by one literal, every row's object has one shape,
 * where a copy written field by field took a store by computed name a cell (megamorphic in V8). The
 * names are the reader's own field names and the positions whole numbers: no text of the file
 * goes into the function. Where Node runs with code generation from strings turned off
 * (`--disallow-code-generation-from-strings`), the copy it replaced makes the same cells.
 */
function cellsBuilder<F extends string>(
  fields: readonly F[],
  index: ColumnIndex<F>,
): (values: readonly string[]) => Record<F, string | null> {
  const entries = fields.map((field) => {
    const at = index[field];
    if (at !== undefined && !Number.isSafeInteger(at)) throw new Error(`column position ${at} of ${field}`);
    return `${JSON.stringify(field)}: ${at === undefined ? "null" : `v[${at}] ?? ""`}`;
  });
  try {
    return new Function("v", `return { ${entries.join(", ")} };`) as (values: readonly string[]) => Record<F, string | null>;
  } catch (error) {
    if (!(error instanceof EvalError)) throw error;
    const blank = Object.fromEntries(fields.map((field) => [field, null])) as Record<F, string | null>;
    const read = fields.filter((field) => index[field] !== undefined).map((field) => [field, index[field]!] as const);
    return (values) => {
      const cells = { ...blank };
      for (const [field, at] of read) cells[field] = values[at] ?? "";
      return cells;
    };
  }
}

/**
 * Table.fillBlanks for these fields: made as a function that names each field (as cellsBuilder
 * does), so that each load and store is of one known property. A loop over the fields' names
 * makes every one a lookup by a key that changes (megamorphic: a fifth of an orders file's read).
 */
function blanksFiller<F extends string>(fields: readonly F[]): Table<F>["fillBlanks"] {
  const steps = fields.map((field) => {
    const f = JSON.stringify(field);
    return `v = from[${f}]; if (v !== null && !blank(v) && (first || into[${f}] === null || blank(into[${f}]))) into[${f}] = take === undefined ? v : take(v);`;
  });
  try {
    return new Function("blank", `return (into, from, take, first) => { let v; ${steps.join(" ")} };`)(isBlank) as Table<F>["fillBlanks"];
  } catch (error) {
    if (!(error instanceof EvalError)) throw error;
    return (into, from, take, first) => {
      for (const field of fields) {
        const value = from[field];
        if (value !== null && !isBlank(value) && (first || into[field] === null || isBlank(into[field])))
          into[field] = take === undefined ? value : take(value);
      }
    };
  }
}

/** Table.mapCells for these fields, made as blanksFiller's function is (a load and a store of one known property a field). */
function cellsMapper<F extends string>(fields: readonly F[]): Table<F>["mapCells"] {
  const steps = fields.map((field) => {
    const f = JSON.stringify(field);
    return `v = cells[${f}]; if (v !== null) cells[${f}] = take(v);`;
  });
  try {
    return new Function(`return (cells, take) => { let v; ${steps.join(" ")} };`)() as Table<F>["mapCells"];
  } catch (error) {
    if (!(error instanceof EvalError)) throw error;
    return (cells, take) => {
      for (const field of fields) {
        const value = cells[field];
        if (value !== null) cells[field] = take(value);
      }
    };
  }
}

/** Whether `text` is empty or spaces (trim() would leave nothing), without trimming one that starts with a letter or digit. */
function isBlank(text: string): boolean {
  if (text === "") return true;
  const c = text.charCodeAt(0);
  return (c <= 32 || c >= 128) && text.trim() === "";
}

/** Longer cells are no header name worth comparing (names are short; a long note is not one). */
const MAX_NAME = 200;

/**
 * The first characters of header names, lower-cased, that are ASCII: 1 at each, what #mayBeName
 * looks a cell's first character up in (one that is not ASCII goes the long way there).
 */
function initials(names: readonly string[]): Uint8Array {
  const marked = new Uint8Array(128);
  for (const name of names) {
    const c = name.charCodeAt(0);
    if (c < 128) marked[c] = 1;
  }
  return marked;
}

/** A header's names as compared with a repeated one: trimmed, lower-cased, empty ones left out, sorted. */
function headerNames(header: readonly string[]): string[] {
  return header
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== "")
    .sort();
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

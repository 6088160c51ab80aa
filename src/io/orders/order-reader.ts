/**
 * The orders push core: CSV records (after the header) in, one at a time; orders out, into a
 * ledger. Between the two it
 *   - skips an exact repeat of a row already read (DUPLICATE_ROW: two overlapping exports pasted
 *     together), so nothing counts twice;
 *   - groups the rows of a line-item order (Shopify, Shoptet…) into one, forward-filling fields,
 *     wherever its rows stand in the file (sorted by product, by customer, shuffled): rows that
 *     come together are gathered as a run; a later run of the same order joins it (key-map.ts
 *     remembers, per order key, what became of the order, with no text kept);
 *   - skips an order key that comes back with another order's date or total (DUPLICATE_KEY);
 *   - defers an order whose amount or date could be read two ways (`1,234`, `01/02/2025`) until a
 *     later value settles its column's convention, and fails naming the flag if none does;
 *   - decodes each order (decode-order.ts) or skips it with its problem.
 * Every record is accounted for: used in an order, or skipped with a problem. No stream here: a
 * test pushes arrays; io/read-file.ts pushes a file.
 */
import type { Decided } from "../../core/decided.js";
import { AppError } from "../../core/errors.js";
import type { IdentityGraph } from "../../core/identity.js";
import { KeyMap } from "../../core/key-map.js";
import { OrderLedger } from "../../core/ledger.js";
import { OffsetTally } from "../../core/offsets.js";
import type { Order, OrderStatus } from "../../core/order.js";
import { PROBLEM_CODES, type ProblemCode } from "../../core/problems.js";
import type { RevenueBasis } from "../../core/revenue-basis.js";
import { trim } from "../../core/trim.js";
import type { Zone } from "../../core/zone.js";
import { listColumns } from "../columns.js";
import { type CsvRecord, NO_KEY, RowRepeats, SLICE_VIEW_LENGTH } from "../csv/read-csv.js";
import { parseBoolean } from "../parse/boolean.js";
import { normaliseCustomerId, normaliseEmail } from "../parse/identity.js";
import { generic } from "../platforms/generic.js";
import {
  detectOrderPlatform,
  ORDER_FIELDS,
  ORDER_PLATFORMS,
  type OrderCells,
  type OrderField,
  type OrderPlatform,
} from "../platforms/index.js";
import type { ProblemLog } from "../problems.js";
import { type PushReader, Table, type TableOptions } from "../table.js";
import { type ColumnHint, ColumnHints, describeHint, HINTED_FIELDS, headerHoldsValues, mapFlag } from "./column-hints.js";
import { Conventions, type ForcedConventions, type OrderLine } from "./conventions.js";
import { type DecodeContext, decodeOrder, roundLineSum } from "./decode-order.js";

export interface OrderReaderOptions extends TableOptions, ForcedConventions {
  /** --platform; undefined to detect it from the header. */
  readonly platform?: string;
  /** --map FIELD=Column */
  readonly maps: ReadonlyMap<OrderField, string>;
  /** --status-map 'Text=status': lower-cased status text → our vocabulary. */
  readonly statusMap: ReadonlyMap<string, OrderStatus>;
  readonly zone: Zone;
  /** --currency: for amounts when the file has no currency column or the cell is empty. */
  readonly currency: string | null;
  /** Called for every order decoded (inspect shows the first few). */
  readonly onOrder?: (order: Order) => void;
  /** The identity graph to join into: a customers file's, when there is one. */
  readonly identity?: IdentityGraph;
  /** --revenue: net-sales reads each order's subtotal and discount instead of its total and refund; total when absent. */
  readonly revenue?: RevenueBasis;
  /**
   * A generic file whose header lacks a required field (created_at): "throw" (the default) stops
   * with an error that suggests the columns that look like it; "describe" (inspect) reads the rows
   * the suggestions need, no more, and ends with `missing` saying what the error would be.
   */
  readonly onMissingColumns?: "throw" | "describe";
  /** --attribution: the answer an attribution file gives for an order key (it wins over the file's source columns). */
  readonly attribution?: (key: string) => string | null;
}

/** What the file lacks, for the metrics that need it: null when it has it, else why not. */
export interface OrderInputs {
  /** Customers told apart: an email or customer id column. */
  readonly identity: string | null;
  /** Order amounts: a total column (or line items to sum). */
  readonly amounts: string | null;
  /** Which orders were guest checkouts. */
  readonly guest: string | null;
}

export interface OrdersRead {
  readonly ledger: OrderLedger;
  readonly platform: Decided<OrderPlatform>;
  /** Field → the header it was read from. */
  readonly columnNames: Readonly<Partial<Record<OrderField, string>>>;
  /** Field → its column, and why (a --map, or the platform's name for it). */
  readonly columns: Readonly<Partial<Record<OrderField, Decided<string>>>>;
  /** The decimal marks and date order read, and why. */
  readonly conventions: Conventions;
  /** Records after the header. */
  readonly rowsRead: number;
  /** Lines that repeat the header (exports pasted together): neither used nor skipped. */
  readonly repeatedHeaders: readonly number[];
  /** Rows not used in any order, and why. */
  readonly problems: ProblemLog;
  /** The UTC offsets the order dates carry, checked against the report's zone. */
  readonly offsets: OffsetTally;
  readonly unavailable: OrderInputs;
  readonly warnings: readonly string[];
  /** Generic files: the columns that look like the fields the file has no column for (column-hints.ts). */
  readonly hints: readonly ColumnHint[];
  /**
   * With onMissingColumns "describe": the required fields the header lacks, and the error a
   * report stops with. No row was read as an order. Null when the header has them.
   */
  readonly missing: { readonly fields: readonly OrderField[]; readonly message: string } | null;
}

/** Detects the platform from the header (or takes --platform) and resolves its columns. */
export function createOrderReader(header: readonly string[], options: OrderReaderOptions): PushReader<OrdersRead> {
  return new OrdersFromRows(header, options);
}

/** Ids Excel may have turned into numbers: a mantissa with an exponent, such as 7.02255E+12. */
type IdField = Extract<OrderField, "order_id" | "customer_id">;
const EXCEL_NUMBER = /^\s*'?\d+([.,]\d+)?E\+\d+\s*$/i;

/**
 * The lines of a row of a platform whose total is not its lines' sum: none. Shared, and never
 * added to (a run's lines only ever take a row's lines, and these are none).
 */
const NO_LINES: OrderLine[] = [];

/** How many orders may wait for their column's convention before the ambiguity is an error. */
const MAX_DEFERRED = 100_000;

/** Rows of one order that came together, gathered: the first line, how many rows, the fields, each row's line item. */
interface Gathered {
  readonly key: string | null;
  line: number;
  rows: number;
  readonly cells: Record<OrderField, string | null>;
  /** Each row's quantity and unit price, for platforms whose total is the sum of its lines. */
  readonly lines: OrderLine[];
  /** Waiting for a later value to settle its column's convention (it is in #deferred). */
  deferred?: boolean;
  /** The last of its key's rows noted in #repeats (RowRepeats.seen), −1 for none. */
  head: number;
}

/*
 * What became of an order key, in the key map's first word: a kind in the top two bits (none yet,
 * read, held, skipped), then
 * for a read order whether it had an email and a customer id, and its number in the ledger; for
 * a held one, its number in #held; for a skipped one, its problem code. The second word holds the
 * hash of the order's date and total (read), or its first line (skipped).
 */
const UNCLAIMED = 0;
const READ = 1 << 30;
const HELD = 2 << 30;
const SKIPPED = 3 << 30;
const KIND = 3 << 30;
const HAD_EMAIL = 1 << 29;
const HAD_CUSTOMER_ID = 1 << 28;
const PAYLOAD = (1 << 28) - 1;
const CODES = Object.keys(PROBLEM_CODES) as ProblemCode[];

class OrdersFromRows implements PushReader<OrdersRead> {
  readonly platform: Decided<OrderPlatform>;
  readonly #options: OrderReaderOptions;
  readonly #table: Table<OrderField>;
  readonly #conventions: Conventions;
  readonly #context: DecodeContext;
  readonly #offsets: OffsetTally;
  readonly #ledger: OrderLedger;
  /** What became of each order key read (see READ, HELD, SKIPPED), and its last row noted in #repeats, plus one (0: none). */
  readonly #keys = new KeyMap(3, { numbered: true });
  /** Every row read, by its text: an exact repeat is skipped. */
  readonly #repeats = new RowRepeats();
  /** The order key's column as the rows so far were read (a repeated header may move it). */
  #keyColumn: number | undefined;
  /** The line-item order whose rows are being gathered. */
  #gathering: Gathered | null = null;
  /** Orders holding a value that only a later row can settle; read as soon as one does. */
  #deferred: Gathered[] = [];
  /** Orders not read yet, by number: deferred, or line-item rows waiting for their order's total row. */
  // An array by number, not a Map: a shuffled file holds hundreds of thousands, and a Map's set
  // and delete were 3 % of its read. Numbers are never given twice (up to PAYLOAD), so a slot
  // emptied stays empty; the array takes 8 bytes an order ever held.
  readonly #held: (Gathered | undefined)[] = [];
  #nextHeld = 0;
  /** Where the total is the lines' sum: each order's sum so far, exact (decode-order.ts), by ledger number. */
  #lineSums = new Float64Array(0);
  /**
   * Whether rows without the order's total wait for the row that has it: Shopify writes the total
   * on an order's first row only, its other rows are line items (Shoptet and Ecwid repeat it on
   * every row, so theirs never wait). Not where the total is the lines' sum (UCI).
   */
  readonly #itemRowsWait: boolean;
  readonly #unreadableGuest = new Map<string, number>();
  /** Ids Excel turned into scientific notation have lost digits: per field, a count and an example. */
  readonly #excelIds = new Map<OrderField, { count: number; example: string }>();
  readonly #header: readonly string[];
  /** How the header's error names what it is read as ("a generic orders file"). */
  readonly #what: string;
  /** Generic files: evidence for the columns that look like the fields the file lacks. */
  readonly #hints: ColumnHints | null;
  /** Generic files whose header lacks a required field: the rows are only looked at for #hints. */
  readonly #missing: readonly OrderField[];
  /** The reader needs no more rows (describing a header that lacks a required field): read-file.ts stops. */
  done = false;
  /** Rows looked at for the hints when the header lacks a required field. */
  #rowsSampled = 0;
  /**
   * The cells of the last row read into the open run, and what Table made of them: a next row
   * with this very array of cells (read-thread.ts gives a row whose kept cells are its
   * predecessor's the same array) is that row again as far as the fields go.
   */
  #lastFields: readonly string[] | null = null;
  #lastCells: OrderCells | null = null;

  constructor(header: readonly string[], options: OrderReaderOptions) {
    this.#options = options;
    this.platform = detectOrderPlatform(header, options.platform);
    const platform = this.platform.value;
    const what =
      platform === generic && this.platform.source !== "option"
        ? `it matches no platform's export (${ORDER_PLATFORMS.filter((p) => p !== generic)
            .map((p) => p.name)
            .join(", ")}), and a ${generic.label}`
        : `a ${platform.label}`;
    const netSales = options.revenue === "net-sales";
    const spec = netSales ? platform : withoutNetSalesColumns(platform);
    // A generic file's missing fields are said after a look at its values (#missingMessage).
    this.#table = new Table(
      header,
      ORDER_FIELDS,
      platform === generic ? { ...spec, required: [] } : spec,
      { flag: "--map", maps: options.maps, label: platform.label },
      what,
      options,
    );
    this.#header = header;
    this.#what = what;
    const { index } = this.#table;
    this.#missing = platform === generic ? spec.required.filter((field) => index[field] === undefined) : [];
    const lacking = HINTED_FIELDS.filter((field) => index[field] === undefined);
    this.#hints =
      platform === generic && lacking.length > 0
        ? new ColumnHints(header, lacking, new Set(Object.values(index).filter((at): at is number => at !== undefined)))
        : null;
    if (netSales && this.#missing.length === 0) checkNetSalesColumns(platform, this.#table, options.file);
    this.#conventions = new Conventions(
      options,
      platform.dateOrder ? { value: platform.dateOrder, reason: `${platform.label}s write month/day/year`, source: "platform" } : undefined,
    );
    this.#offsets = new OffsetTally(options.zone);
    this.#context = {
      platform,
      zone: options.zone,
      currency: options.currency ?? platform.defaultCurrency ?? null,
      columnNames: this.#table.columnNames,
      conventions: this.#conventions,
      statusMap: options.statusMap,
      offsets: this.#offsets,
      ...(options.revenue === undefined ? {} : { revenue: options.revenue }),
      ...(options.attribution === undefined ? {} : { attribution: options.attribution }),
    };
    this.#ledger = new OrderLedger(options.identity);
    // A generic file's column hints look at every cell; otherwise only the fields' cells are read.
    if (this.#hints === null && this.#missing.length === 0) this.#table.project(options.projection);
    this.#itemRowsWait = platform.grain === "line-item" && !platform.lineTotal && this.#table.index.total !== undefined;
    this.#keyColumn = this.#table.index.order_id;
  }

  push(record: CsvRecord): void {
    const open = this.#gathering;
    if (record.fields === this.#lastFields && open !== null && record.cut === undefined) {
      // Another row of the open run with the same cells: the same checks pass, the same key, and
      // the blanks it would fill are blank in it too. What differs is only the row itself: it is
      // counted, and may be an exact repeat.
      this.#table.rowsRead++;
      if (this.#repeated(record, this.#repeats.seen(record, open.head))) return;
      this.#noteExcelIds(this.#lastCells!);
      open.rows++;
      open.head = this.#repeats.head;
      return;
    }
    this.#lastFields = null;
    const hints = this.#hints;
    if (this.#missing.length > 0) {
      // No row can be read without the field: its values are only looked at, for the error's hints.
      this.#rowsSampled++;
      hints?.observe(record.fields);
      if (!hints?.wantsRows) this.#sampled();
      return;
    }
    const cells = this.#table.cells(record);
    if (cells === null) return;
    if (this.#table.index.order_id !== this.#keyColumn) {
      // A repeated header moved the key's column: a row's text no longer tells its key, so an
      // exact repeat of an earlier row may come under another key (RowRepeats.byTextAlone).
      this.#keyColumn = this.#table.index.order_id;
      this.#repeats.byTextAlone();
    }
    if (hints?.wantsRows) hints.observe(record.fields);
    // Shopify and Excel users guard ids with a leading apostrophe ('7210448301122): one is dropped.
    const key = cells.order_id === null ? null : withoutApostrophe(trim(cells.order_id));
    // Without an order key nothing tells a repeated row from a second order with the same cells.
    if (key !== null && this.#repeated(record, this.#repeats.seen(record, this.#lastRow(key)))) return;
    const head = this.#repeats.head;
    this.#noteExcelIds(cells);
    if (key === "") {
      this.#table.problems.skip(record.line, 1, { code: "EMPTY_KEY", message: `empty ${this.#table.columnNames.order_id ?? "order_id"}` });
      return;
    }
    const platform = this.platform.value;
    const lines: OrderLine[] = platform.lineTotal
      ? [{ line: record.line, quantity: cells.quantity ?? "", unitPrice: cells.unit_price ?? "" }]
      : NO_LINES;
    // Where the total is the sum of the lines (UCI), each line stands alone: a line that can't be
    // read is skipped by itself, so the order is the same however its lines are ordered.
    if (platform.grain === "order" || key === null || platform.lineTotal) {
      this.#finish({ key, line: record.line, rows: 1, cells, lines, head });
      return;
    }
    // (Not where each row brings a line of its own, nor for a generic file's hints.)
    const again = lines.length === 0 && hints === null;
    if (open && open.key === key) {
      // Forward-fill: a field keeps the first non-empty value among the order's rows.
      open.rows++;
      open.head = head;
      if (lines.length > 0) open.lines.push(...lines);
      this.#table.fillBlanks(open.cells, cells);
      if (again) this.#again(record, cells);
      return;
    }
    if (open) this.#finish(open);
    this.#gathering = { key, line: record.line, rows: 1, cells, lines, head };
    if (again) this.#again(record, cells);
  }

  /** Skips `record` as an exact repeat of line `first` (RowRepeats.seen), where there is one (`first` > 0). */
  #repeated(record: CsvRecord, first: number): boolean {
    if (first <= 0) return false;
    this.#table.problems.skip(record.line, 1, { code: "DUPLICATE_ROW", message: `an exact repeat of line ${first}` });
    return true;
  }

  /**
   * The row just read into the open run: a next one with its very cells is read as it (see
   * #lastFields). Not when its cells were read again from its text (Table.readsAsCut): the same
   * cells at the places it was cut by may be other cells at the places read now. Nor when it
   * looked like a header (Table.lookedLikeHeader): whether a row is one is told by all its cells.
   */
  #again(record: CsvRecord, cells: OrderCells): void {
    if (!this.#table.readsAsCut(record) || this.#table.lookedLikeHeader) return;
    this.#lastFields = record.fields;
    this.#lastCells = cells;
  }

  /** The last row of `key` noted in #repeats (RowRepeats.seen's head): the open run's, else the key map's. */
  #lastRow(key: string): number {
    if (key === "") return NO_KEY;
    const open = this.#gathering;
    if (open !== null && open.key === key) return open.head;
    const slot = this.#keys.hash(key).find();
    return slot < 0 ? -1 : this.#keys.get(slot, 2) - 1;
  }

  end(): OrdersRead {
    if (this.#missing.length > 0) this.#sampled();
    if (this.#gathering) this.#finish(this.#gathering);
    this.#gathering = null;
    if (this.#deferred.length > 0) throw this.#ambiguity(this.#deferred[0]!, "the whole file");
    // Line items whose order's total row never came.
    for (const order of this.#held.filter((held) => held !== undefined).sort((a, b) => a.line - b.line)) {
      const total = this.#table.columnNames.total ?? "total";
      this.#table.problems.skip(order.line, order.rows, {
        code: "EMPTY_AMOUNT",
        message: `empty ${total}: no row of order ${JSON.stringify(order.key)} has its ${total} (the order's first row is not in the file)`,
      });
    }
    this.#held.length = 0;
    const unavailable = this.#unavailable();
    return {
      ledger: this.#ledger,
      platform: this.platform,
      columnNames: this.#table.columnNames,
      columns: this.#table.columns,
      conventions: this.#conventions,
      rowsRead: this.#missing.length > 0 ? this.#rowsSampled : this.#table.rowsRead,
      repeatedHeaders: this.#table.repeatedHeaders,
      problems: this.#table.problems,
      offsets: this.#offsets,
      unavailable,
      warnings: this.#missing.length > 0 ? [] : this.#warnings(),
      hints: this.#hints?.hints ?? [],
      missing: this.#missing.length > 0 ? { fields: this.#missing, message: this.#missingMessage() } : null,
    };
  }

  /** A header that lacks a required field has been looked at enough: stop with the error, or (describing) stop reading. */
  #sampled(): void {
    if (this.#options.onMissingColumns !== "describe") {
      throw new AppError("INPUT_HEADER", this.#missingMessage(), { file: this.#options.file, line: 1 });
    }
    this.done = true;
  }

  /**
   * The error for a generic file without a required field: each missing field with the column
   * that looks like it and the --map that reads it, or that none does; a first line of values
   * (no header row) is said as such.
   */
  #missingMessage(): string {
    const hints = this.#hints?.hints ?? [];
    const header = this.#header;
    const found = `Columns found: ${listColumns(header)}`;
    const needs = `unrecognised header: ${this.#what} needs ${this.#missing.join(", ")}`;
    if (headerHoldsValues(header)) {
      return `${needs}, and its first line holds values, not column names (${listColumns(header.slice(0, 5))}${header.length > 5 ? ", …" : ""}): the file has no header row. Add one naming its columns as the first line, then point the fields at them with --map FIELD=COLUMN`;
    }
    const said = this.#missing.map((field) => {
      const hint = hints.find((h) => h.field === field);
      if (!hint) return `no column looks like ${field} by name or by value`;
      const others =
        hint.others.length === 0
          ? ""
          : ` (so ${hint.others.length === 1 ? "does" : "do"} ${listColumns(hint.others.slice(0, 3))}${hint.others.length > 3 ? `, and ${hint.others.length - 3} more` : ""})`;
      return `${describeHint(hint)}${others}: ${mapFlag(field, hint.column)}`;
    });
    const advice =
      hints.length > 0
        ? "shopmetrics inspect on the file suggests a --map for every field"
        : "Point a field at a column with --map FIELD=COLUMN";
    return `${needs}: ${said.join("; ")}. ${found}. ${advice}`;
  }

  /**
   * A run of an order's rows is in: the order is new (read, or held until its total row or a
   * convention comes), or it joins what became of the order's earlier rows.
   */
  #finish(run: Gathered): void {
    const { key } = run;
    if (key === null) {
      this.#accept(run);
      return;
    }
    const keys = this.#keys;
    const slot = keys.hash(key).find();
    // The run's rows are its key's last (#lastRow).
    if (slot >= 0) keys.set(slot, 2, run.head + 1);
    if (slot < 0 || keys.get(slot, 0) === UNCLAIMED) {
      if (this.#itemRowsWait && !hasTotal(run)) {
        keys.insert(HELD | this.#hold(run), 0, run.head + 1);
        return;
      }
      // Claimed; #accept says what became of it.
      if (slot < 0) keys.insert(HELD | PAYLOAD, 0, run.head + 1);
      else keys.set(slot, 0, HELD | PAYLOAD);
      this.#accept(run);
      return;
    }
    const state = keys.get(slot, 0);
    const second = keys.get(slot, 1);
    switch (state & KIND) {
      case HELD: {
        const held = this.#held[state & PAYLOAD];
        if (!held) return; // unreachable: a claimed key is settled by #accept before the next run
        if (hasTotal(run) && hasTotal(held) && orderHash(run) !== orderHash(held)) {
          this.#duplicateKey(run);
          return;
        }
        // The total row's values come first; the item rows before it fill what it leaves empty.
        merge(held, run, hasTotal(run) && !hasTotal(held), this.#table);
        if (held.deferred) {
          if (this.#conventions.observe(run.cells, run.line, run.lines)) this.#release();
          return;
        }
        if (this.#itemRowsWait && !hasTotal(held)) return;
        this.#unhold(state & PAYLOAD);
        this.#accept(held);
        return;
      }
      case READ:
        if (this.platform.value.grain === "order" || (hasTotal(run) && orderHash(run) !== second)) {
          // Another row for a one-row order, or another date or total: two orders share the key.
          this.#duplicateKey(run);
          return;
        }
        this.#accept(run);
        return;
      case SKIPPED: {
        const code = CODES[state & PAYLOAD]!;
        this.#table.problems.skip(run.line, run.rows, {
          code,
          message: `order ${JSON.stringify(key)} could not be read at line ${second} (${code})`,
        });
        return;
      }
    }
  }

  /** Holds a run that can't be read yet; returns its number. */
  #hold(run: Gathered): number {
    detach(run, this.#table);
    const id = this.#nextHeld++ & PAYLOAD;
    this.#held[id] = run;
    return id;
  }

  /** Forgets held run `id`: PAYLOAD, a claimed key's, was never held (and must not grow the array). */
  #unhold(id: number): void {
    if (id < this.#held.length) this.#held[id] = undefined;
  }

  #duplicateKey(run: Gathered): void {
    this.#table.problems.skip(run.line, run.rows, {
      code: "DUPLICATE_KEY",
      message: `order ${JSON.stringify(run.key)} was already read with another date or total (two orders with one key, or an order exported twice at different times)`,
    });
  }

  /** Reads the run now, or defers it until a later value settles its column's convention. */
  #accept(run: Gathered): void {
    if (this.#conventions.observe(run.cells, run.line, run.lines) && this.#deferred.length > 0) this.#release();
    if (this.#conventions.undecided(run.cells, run.lines)) {
      if (this.#deferred.length >= MAX_DEFERRED) {
        throw this.#ambiguity(this.#deferred[0]!, `the first ${MAX_DEFERRED.toLocaleString("en-US")} such orders`);
      }
      run.deferred = true;
      detach(run, this.#table);
      this.#deferred.push(run);
      if (run.key !== null) {
        const slot = this.#keys.hash(run.key).find();
        if ((this.#keys.get(slot, 0) & KIND) === HELD) this.#keys.set(slot, 0, HELD | this.#hold(run));
      }
      return;
    }
    this.#decode(run);
  }

  /** Reads the waiting orders a new decision has settled; the rest keep waiting. */
  #release(): void {
    const waiting = this.#deferred;
    this.#deferred = [];
    for (const order of waiting) {
      if (this.#conventions.undecided(order.cells, order.lines)) this.#deferred.push(order);
      else {
        order.deferred = false;
        this.#decode(order);
      }
    }
  }

  /** Decodes a run: a new order into the ledger, or a later run into the order it belongs to. */
  #decode(run: Gathered): void {
    const { key } = run;
    const slot = key === null ? -1 : this.#keys.hash(key).find();
    const state = slot < 0 ? 0 : this.#keys.get(slot, 0);
    if ((state & KIND) === READ) {
      this.#join(run, slot, state);
      return;
    }
    if ((state & KIND) === HELD) this.#unhold(state & PAYLOAD);
    const result = decodeOrder(run.cells, key, run.line, this.#context, run.lines);
    if ("problem" in result) {
      this.#table.problems.skip(run.line, run.rows, result.problem);
      if (slot < 0) return;
      if (this.platform.value.lineTotal) {
        // Each line stands alone: the order is its readable lines, wherever they stand.
        this.#keys.set(slot, 0, UNCLAIMED);
      } else {
        this.#keys.set(slot, 0, SKIPPED | CODES.indexOf(result.problem.code));
        this.#keys.set(slot, 1, run.line);
      }
      return;
    }
    const { order } = result;
    const guest = run.cells.guest?.trim() ?? "";
    if (this.platform.value.guest.kind === "column" && guest !== "" && parseBoolean(guest) === null) {
      this.#unreadableGuest.set(guest, (this.#unreadableGuest.get(guest) ?? 0) + 1);
    }
    this.#options.onOrder?.(order);
    let ordinal: number;
    try {
      ordinal = this.#ledger.add(order);
    } catch (error) {
      throw this.#located(error, run.line);
    }
    if (result.lineSum !== undefined) {
      if (ordinal >= this.#lineSums.length) {
        const grown = new Float64Array(Math.max(1024, 2 * this.#lineSums.length));
        grown.set(this.#lineSums);
        this.#lineSums = grown;
      }
      this.#lineSums[ordinal] = result.lineSum;
    }
    if (slot >= 0) {
      const flags = (order.email === null ? 0 : HAD_EMAIL) | (order.customerId === null ? 0 : HAD_CUSTOMER_ID);
      this.#keys.set(slot, 0, READ | flags | ordinal);
      this.#keys.set(slot, 1, orderHash(run));
    }
  }

  /**
   * A later run of an order already read: its line items add to the total where the total is
   * their sum (UCI Online Retail), and an email or customer id the order's earlier rows lacked
   * joins its customer. Its other fields are the order's already (the first non-empty value wins).
   */
  #join(run: Gathered, slot: number, state: number): void {
    const ordinal = state & PAYLOAD;
    let revenue = 0;
    if (this.platform.value.lineTotal) {
      const result = decodeOrder(run.cells, run.key, run.line, this.#context, run.lines);
      if ("problem" in result) {
        this.#table.problems.skip(run.line, run.rows, result.problem);
        return;
      }
      // The order's total stays its lines' exact sum rounded once, as if its lines had come together.
      const before = this.#lineSums[ordinal]!;
      const after = before + result.lineSum!;
      if (!Number.isSafeInteger(after)) {
        this.#table.problems.skip(run.line, run.rows, {
          code: "AMOUNT_TOO_LARGE",
          message: "the order's total is too large to add up exactly",
        });
        return;
      }
      this.#lineSums[ordinal] = after;
      revenue = roundLineSum(after) - roundLineSum(before);
    }
    const email = state & HAD_EMAIL ? null : normaliseEmail(run.cells.email);
    const customerId = state & HAD_CUSTOMER_ID ? null : normaliseCustomerId(run.cells.customer_id);
    try {
      this.#ledger.amend(ordinal, revenue, email, customerId);
    } catch (error) {
      throw this.#located(error, run.line);
    }
    const flags = (email === null ? 0 : HAD_EMAIL) | (customerId === null ? 0 : HAD_CUSTOMER_ID);
    if (flags !== 0) this.#keys.set(slot, 0, state | flags);
  }

  /** A ledger's error (the sums would stop being exact), naming the file and the line. */
  #located(error: unknown, line: number): unknown {
    if (error instanceof AppError && error.location === undefined) {
      return new AppError(error.code, error.message, { file: this.#options.file, line }, { cause: error });
    }
    return error;
  }

  /** Notes the row's ids that Excel wrote in scientific notation (each field by name: this runs for every row, see Conventions.observe). */
  #noteExcelIds(cells: OrderCells): void {
    this.#noteExcelId("order_id", cells.order_id);
    this.#noteExcelId("customer_id", cells.customer_id);
  }

  #noteExcelId(field: IdField, id: string | null): void {
    // Scientific notation has an E+ in it: an id without a + is looked at no further.
    if (id === null || id.indexOf("+") < 0 || !EXCEL_NUMBER.test(id)) return;
    const seen = this.#excelIds.get(field);
    if (seen) seen.count++;
    else this.#excelIds.set(field, { count: 1, example: id.trim() });
  }

  #ambiguity(order: Gathered, scope: string): AppError {
    const { field, text } = this.#conventions.undecided(order.cells, order.lines)!;
    const column = this.#table.columnNames[field] ?? field;
    const message =
      field === "created_at"
        ? `ambiguous dates in ${column}: ${JSON.stringify(text)} could be day/month or month/day, and no date in ${scope} has a day over 12 to tell; pass --date-format dmy or --date-format mdy`
        : `ambiguous amounts in ${column}: ${JSON.stringify(text)} could be a thousands separator or a decimal mark, and no value in ${scope} tells; pass --decimal . or --decimal ,`;
    return new AppError("INPUT_AMBIGUOUS", message, { file: this.#options.file, line: order.line });
  }

  #unavailable(): OrderInputs {
    const platform = this.platform.value;
    const { index } = this.#table;
    const hint = (...fields: OrderField[]) => {
      const found = this.#hints?.hints.filter((h) => (fields as string[]).includes(h.field)) ?? [];
      return found.length === 0 ? null : found.map((h) => `${describeHint(h)}: ${mapFlag(h.field, h.column)}`).join("; ");
    };
    const identity =
      index.email === undefined && index.customer_id === undefined
        ? `the ${platform === generic ? "file" : platform.label} has no email or customer id column, so customers can't be told apart${platform === generic ? ` (${hint("email", "customer_id") ?? "point at one with --map email=COLUMN or --map customer_id=COLUMN"})` : ""}`
        : null;
    // With --revenue net-sales the subtotal column is there (checkNetSalesColumns).
    const amounts =
      index.total === undefined && !platform.lineTotal && this.#context.revenue !== "net-sales"
        ? `the file has no amount column (${hint("total") ?? "point at one with --map total=COLUMN"})`
        : null;
    const guestHint = platform === generic && index.guest === undefined ? hint("guest") : null;
    const guest = guestUnknownReason(platform, this.#table);
    return { identity, amounts, guest: guest !== null && guestHint !== null ? `${guest} (${guestHint})` : guest };
  }

  #warnings(): string[] {
    const { file } = this.#options;
    const { index, columnNames } = this.#table;
    const platform = this.platform.value;
    const ledger = this.#ledger;
    const s = (n: number) => (n === 1 ? "" : "s");
    const warnings: string[] = [];
    if (this.#context.currency === null && ledger.groups.has(null)) {
      warnings.push(
        index.currency === undefined
          ? `${file}: no currency column and no --currency; amounts are reported without a currency (pass --currency CODE)`
          : `${file}: some orders have an empty currency cell and there is no --currency; they are reported in a group without a currency`,
      );
    }
    if (index.status === undefined && index.cancelled_at === undefined && !platform.keyPrefixStatus) {
      warnings.push(`${file}: no status column; every order is counted as a sale`);
    }
    for (const [text, count] of ledger.unknownStatuses) {
      warnings.push(
        text === ""
          ? `${file}: ${count} order${s(count)} with an empty status counted as completed`
          : `${file}: ${count} order${s(count)} with unrecognised status ${JSON.stringify(text)} counted as completed; if that is wrong, map it, e.g. --status-map ${JSON.stringify(`${text}=cancelled`)}`,
      );
    }
    for (const [text, count] of this.#unreadableGuest) {
      warnings.push(
        `${file}: ${count} order${s(count)} with unrecognised guest value ${JSON.stringify(text)} (expected true/false, 1/0, yes/no); their guest status is unknown`,
      );
    }
    for (const [field, { count, example }] of this.#excelIds) {
      warnings.push(
        `${file}: ${count} row${s(count)} with ${columnNames[field] ?? field} in scientific notation (like ${JSON.stringify(example)}): Excel dropped digits, so ${field === "order_id" ? "different orders may share a key" : "different customers may be joined or one split"}; export again without saving in Excel`,
      );
    }
    return warnings;
  }
}

/** The fields --revenue net-sales reads, and nothing else does. */
const NET_SALES_FIELDS = ["subtotal", "discount"] as const satisfies readonly OrderField[];

/**
 * The platform's columns without its subtotal and discount: with --revenue total they are not
 * read, so that neither an unreadable nor an ambiguous value in them changes what a file gives.
 * A --map for them is still read (and its column must exist).
 */
function withoutNetSalesColumns(platform: OrderPlatform): OrderPlatform {
  const columns = { ...platform.columns };
  for (const field of NET_SALES_FIELDS) delete columns[field];
  return { ...platform, columns };
}

/**
 * --revenue net-sales needs each order's subtotal, and its discount unless the platform's
 * subtotal is already after discounts (Shopify): a file without them is an input error naming
 * the file and the missing columns, before any row is read.
 */
function checkNetSalesColumns(platform: OrderPlatform, table: Table<OrderField>, file: string): void {
  const where = { file, line: 1 };
  if (platform.lineTotal) {
    throw new AppError(
      "INPUT_HEADER",
      `--revenue net-sales needs each order's subtotal and discount, and a ${platform.label} has neither: its amounts are quantity × unit price; use --revenue total`,
      where,
    );
  }
  const needed = platform.subtotalAfterDiscounts ? (["subtotal"] as const) : NET_SALES_FIELDS;
  const missing = needed.filter((field) => table.index[field] === undefined);
  if (missing.length === 0) return;
  const named = missing.map((field) => {
    const header = platform.columns[field]?.[0];
    return header === undefined || header === field ? field : `${header} (${field})`;
  });
  const known = missing.every((field) => platform.columns[field] !== undefined);
  const maps = missing.map((field) => `--map ${field}=COLUMN`).join(" ");
  const needs = platform.subtotalAfterDiscounts
    ? "each order's subtotal (its items after discounts, before shipping and taxes)"
    : "each order's subtotal (its items before discounts, shipping and taxes) and discount";
  throw new AppError(
    "INPUT_HEADER",
    `--revenue net-sales needs ${needs}, and this ${platform.label} has no ${named.join(" or ")} column${missing.length === 1 ? "" : "s"}` +
      `${known ? "" : " that shopmetrics knows of"}: point at ${missing.length === 1 ? "it" : "them"} with ${maps}, or use --revenue total`,
    where,
  );
}

/**
 * Makes a run's cells own their text before it is held. A cell is a slice of the chunk of text
 * it was read from, and V8 keeps a slice's whole chunk (64 KiB or more) alive: one held order would
 * keep its chunk, and a shuffled file holds hundreds of thousands (1.85 GB at 1M orders). Adding a
 * character and slicing it off again makes a flat copy the size of the cell.
 */
function detach(run: Gathered, table: Table<OrderField>): void {
  table.mapCells(run.cells, owned);
  for (let i = 0; i < run.lines.length; i++) run.lines[i] = ownedLine(run.lines[i]!);
}

/** `text` as a flat copy of its own where V8 would keep a slice (SLICE_VIEW_LENGTH). */
function owned(text: string): string {
  return text.length >= SLICE_VIEW_LENGTH ? `${text} `.slice(0, -1) : text;
}

function ownedLine({ line, quantity, unitPrice }: OrderLine): OrderLine {
  return { line, quantity: owned(quantity), unitPrice: owned(unitPrice) };
}

/** A key without the one leading apostrophe that guards it from Excel. */
function withoutApostrophe(key: string): string {
  return key.charCodeAt(0) === 39 ? key.slice(1) : key;
}

/** Whether a run holds its order's total (Shopify writes it on the order's first row only). */
function hasTotal(run: Gathered): boolean {
  return trim(run.cells.total ?? "") !== "";
}

/** A 32-bit hash of an order's date and total as written: a later row of the order that has them agrees. */
function orderHash(run: Gathered): number {
  // FNV-1a of the date, a U+0000 and the total, with no joined string built (trim() of a trimmed text makes none either).
  const h = fnv(0x811c9dc5, trim(run.cells.created_at ?? ""));
  return fnv(Math.imul(h, 0x01000193) >>> 0, trim(run.cells.total ?? ""));
}

/** FNV-1a from `h` on over `text`. */
function fnv(h: number, text: string): number {
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/**
 * Adds a later run's rows to the held rows of its order: a field keeps the first non-empty value,
 * except that a total row's values come first when `first` (its order's item rows came before it).
 */
function merge(into: Gathered, run: Gathered, first: boolean, table: Table<OrderField>): void {
  into.rows += run.rows;
  // What joins a held run is held with it: detached as it was (see detach).
  for (const line of run.lines) into.lines.push(ownedLine(line));
  table.fillBlanks(into.cells, run.cells, owned, first);
  into.line = Math.min(into.line, run.line);
}

function guestUnknownReason(platform: OrderPlatform, table: Table<OrderField>): string | null {
  const { index } = table;
  switch (platform.guest.kind) {
    case "unknown":
      return platform.guest.reason;
    case "customer-id-zero":
      return index.customer_id === undefined
        ? `the file has no customer id column, which is what marks a guest checkout (0 or empty) in a ${platform.label}`
        : null;
    case "column":
      return index.guest === undefined
        ? "the file has no guest column; add one (true/false, 1/0, yes/no) or point at one with --map guest=COLUMN"
        : null;
    case "column-equals":
      return index.guest === undefined
        ? `the file has no ${platform.columns.guest?.[0] ?? "guest"} column, which marks guest checkouts in a ${platform.label}`
        : null;
  }
}

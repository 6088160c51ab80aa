/**
 * The orders push core: CSV records (after the header) in, one at a time; orders out, into a
 * ledger. Between the two it
 *   - groups the rows of a line-item order (Shopify, Shoptet…) into one, forward-filling fields;
 *   - skips an order key that comes back later in the file (DUPLICATE_KEY), so nothing counts twice;
 *   - defers an order whose amount or date could be read two ways (`1,234`, `01/02/2025`) until a
 *     later value settles its column's convention, and fails naming the flag if none does;
 *   - decodes each order (decode-order.ts) or skips it with its problem.
 * Every record is accounted for: used in an order, or skipped with a problem. No stream here: a
 * test pushes arrays; io/read-file.ts pushes a file.
 */
import type { Decided } from "../../core/decided.js";
import { AppError } from "../../core/errors.js";
import type { IdentityGraph } from "../../core/identity.js";
import { OrderLedger } from "../../core/ledger.js";
import type { Order, OrderStatus } from "../../core/order.js";
import type { Zone } from "../../core/zone.js";
import type { CsvRecord } from "../csv/read-csv.js";
import { parseBoolean } from "../parse/boolean.js";
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
import { Conventions, type ForcedConventions, type OrderLine } from "./conventions.js";
import { type DecodeContext, decodeOrder } from "./decode-order.js";
import { KeySet } from "./key-set.js";

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
  /** Rows not used in any order, and why. */
  readonly problems: ProblemLog;
  readonly unavailable: OrderInputs;
  readonly warnings: readonly string[];
}

/** Detects the platform from the header (or takes --platform) and resolves its columns. */
export function createOrderReader(header: readonly string[], options: OrderReaderOptions): PushReader<OrdersRead> {
  return new OrdersFromRows(header, options);
}

/** Ids Excel may have turned into numbers: a mantissa with an exponent, such as 7.02255E+12. */
const ID_FIELDS = ["order_id", "customer_id"] as const satisfies readonly OrderField[];
const EXCEL_NUMBER = /^\s*'?\d+([.,]\d+)?E\+\d+\s*$/i;

/** How many orders may wait for their column's convention before the ambiguity is an error. */
const MAX_DEFERRED = 100_000;

/** One order's rows, gathered: its first line, how many rows, the fields, each row's line item. */
interface Gathered {
  readonly key: string | null;
  readonly line: number;
  rows: number;
  readonly cells: Record<OrderField, string | null>;
  /** Each row's quantity and unit price, for platforms whose total is the sum of its lines. */
  readonly lines: OrderLine[];
}

class OrdersFromRows implements PushReader<OrdersRead> {
  readonly platform: Decided<OrderPlatform>;
  readonly #options: OrderReaderOptions;
  readonly #table: Table<OrderField>;
  readonly #conventions: Conventions;
  readonly #context: DecodeContext;
  readonly #ledger: OrderLedger;
  /** Order keys already read: a key that comes back later in the file would count twice. */
  readonly #seenKeys = new KeySet();
  /** The line-item order whose rows are being gathered. */
  #gathering: Gathered | null = null;
  /** Orders holding a value that only a later row can settle; read as soon as one does. */
  #deferred: Gathered[] = [];
  readonly #unreadableGuest = new Map<string, number>();
  /** Ids Excel turned into scientific notation have lost digits: per field, a count and an example. */
  readonly #excelIds = new Map<OrderField, { count: number; example: string }>();

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
    this.#table = new Table(header, ORDER_FIELDS, platform, { flag: "--map", maps: options.maps, label: platform.label }, what, options);
    this.#conventions = new Conventions(
      options,
      platform.dateOrder ? { value: platform.dateOrder, reason: `${platform.label}s write month/day/year`, source: "platform" } : undefined,
    );
    this.#context = {
      platform,
      zone: options.zone,
      currency: options.currency ?? platform.defaultCurrency ?? null,
      columnNames: this.#table.columnNames,
      conventions: this.#conventions,
      statusMap: options.statusMap,
    };
    this.#ledger = new OrderLedger(options.identity);
  }

  push(record: CsvRecord): void {
    const cells = this.#table.cells(record);
    if (cells === null) return;
    this.#noteExcelIds(cells);
    // Shopify and Excel users guard ids with a leading apostrophe ('7210448301122): one is dropped.
    const key = cells.order_id === null ? null : cells.order_id.trim().replace(/^'/, "");
    if (key === "") {
      this.#table.problems.skip(record.line, 1, { code: "EMPTY_KEY", message: `empty ${this.#table.columnNames.order_id ?? "order_id"}` });
      return;
    }
    const platform = this.platform.value;
    const lines: OrderLine[] = platform.lineTotal
      ? [{ line: record.line, quantity: cells.quantity ?? "", unitPrice: cells.unit_price ?? "" }]
      : [];
    if (platform.grain === "order" || key === null) {
      this.#finish({ key, line: record.line, rows: 1, cells, lines });
      return;
    }
    const open = this.#gathering;
    if (open && open.key === key) {
      // Forward-fill: a field keeps the first non-empty value among the order's rows.
      open.rows++;
      open.lines.push(...lines);
      for (const field of ORDER_FIELDS) {
        const value = cells[field];
        if (value !== null && value.trim() !== "" && (open.cells[field] ?? "").trim() === "") open.cells[field] = value;
      }
      return;
    }
    if (open) this.#finish(open);
    this.#gathering = { key, line: record.line, rows: 1, cells, lines };
  }

  end(): OrdersRead {
    if (this.#gathering) this.#finish(this.#gathering);
    this.#gathering = null;
    if (this.#deferred.length > 0) throw this.#ambiguity(this.#deferred[0]!, "the whole file");
    const unavailable = this.#unavailable();
    return {
      ledger: this.#ledger,
      platform: this.platform,
      columnNames: this.#table.columnNames,
      columns: this.#table.columns,
      conventions: this.#conventions,
      rowsRead: this.#table.rowsRead,
      problems: this.#table.problems,
      unavailable,
      warnings: this.#warnings(),
    };
  }

  /** An order's rows are all in: skip it as a repeat, defer it, or read it. */
  #finish(order: Gathered): void {
    if (order.key !== null && !this.#seenKeys.add(order.key)) {
      this.#table.problems.skip(order.line, order.rows, {
        code: "DUPLICATE_KEY",
        message: `order ${JSON.stringify(order.key)} was already read earlier in the file (a repeated row, or rows of one order that are not together)`,
      });
      return;
    }
    if (this.#conventions.observe(order.cells, order.line, order.lines) && this.#deferred.length > 0) this.#release();
    if (this.#conventions.undecided(order.cells, order.lines)) {
      if (this.#deferred.length >= MAX_DEFERRED) {
        throw this.#ambiguity(this.#deferred[0]!, `the first ${MAX_DEFERRED.toLocaleString("en-US")} such orders`);
      }
      this.#deferred.push(order);
      return;
    }
    this.#decode(order);
  }

  /** Reads the waiting orders a new decision has settled; the rest keep waiting. */
  #release(): void {
    const waiting = this.#deferred;
    this.#deferred = [];
    for (const order of waiting) {
      if (this.#conventions.undecided(order.cells, order.lines)) this.#deferred.push(order);
      else this.#decode(order);
    }
  }

  #decode(order: Gathered): void {
    const result = decodeOrder(order.cells, order.key, order.line, this.#context, order.lines);
    if ("problem" in result) {
      this.#table.problems.skip(order.line, order.rows, result.problem);
      return;
    }
    const guest = order.cells.guest?.trim() ?? "";
    if (this.platform.value.guest.kind === "column" && guest !== "" && parseBoolean(guest) === null) {
      this.#unreadableGuest.set(guest, (this.#unreadableGuest.get(guest) ?? 0) + 1);
    }
    this.#options.onOrder?.(result.order);
    this.#ledger.add(result.order);
  }

  #noteExcelIds(cells: OrderCells): void {
    for (const field of ID_FIELDS) {
      const id = cells[field];
      if (id === null || !EXCEL_NUMBER.test(id)) continue;
      const seen = this.#excelIds.get(field);
      if (seen) seen.count++;
      else this.#excelIds.set(field, { count: 1, example: id.trim() });
    }
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
    const identity =
      index.email === undefined && index.customer_id === undefined
        ? `the ${platform === generic ? "file" : platform.label} has no email or customer id column, so customers can't be told apart${platform === generic ? " (point at one with --map email=COLUMN or --map customer_id=COLUMN)" : ""}`
        : null;
    const amounts =
      index.total === undefined && !platform.lineTotal ? "the file has no amount column (point at one with --map total=COLUMN)" : null;
    return { identity, amounts, guest: guestUnknownReason(platform, this.#table) };
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

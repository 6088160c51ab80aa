/**
 * The single pass over an orders file: CSV records → (grouped) rows → decoded orders → ledger.
 * Every record after the header is accounted for: used in an order, or skipped with a problem.
 */
import type { Readable } from "node:stream";
import { AppError } from "../../core/errors.js";
import type { IdentityGraph } from "../../core/identity.js";
import { OrderLedger } from "../../core/ledger.js";
import type { Order, OrderStatus } from "../../core/order.js";
import type { Problem } from "../../core/problems.js";
import type { Zone } from "../../core/zone.js";
import { type ColumnIndex, matchSignature, resolveColumns } from "../columns.js";
import type { DialectOptions, TextDialect } from "../csv/dialect.js";
import { type CsvRecord, extraCells, headerWidth, openCsv, type ReadProgress } from "../csv/read-csv.js";
import { parseBoolean } from "../parse/boolean.js";
import { generic } from "../platforms/generic.js";
import {
  detectOrderFormat,
  ORDER_FIELDS,
  ORDER_FORMATS,
  type OrderCells,
  type OrderField,
  type OrderFormat,
  orderFormatByName,
} from "../platforms/index.js";
import { ProblemLog } from "../problems.js";
import { type ForcedFormats, type OrderLine, ValueFormats } from "./conventions.js";
import { type DecodeContext, decodeOrder } from "./decode-order.js";
import { KeySet } from "./key-set.js";

export interface IngestOptions extends DialectOptions, ForcedFormats {
  /** The file's name as shown in messages and the report (`-` for stdin). */
  readonly file: string;
  readonly input: Readable;
  /** --platform; undefined to detect from the header. */
  readonly platform?: string;
  /** --map FIELD=Column */
  readonly maps: ReadonlyMap<OrderField, string>;
  /** --status-map 'Text=status': lower-cased status text → our vocabulary. */
  readonly statusMap: ReadonlyMap<string, OrderStatus>;
  readonly zone: Zone;
  readonly currency: string | null;
  /** Throw on the first row that cannot be decoded instead of skipping it. */
  readonly strict: boolean;
  readonly onProgress?: (progress: ReadProgress) => void;
  /** Called for every skipped row (the CLI warns on stderr). */
  readonly onProblem?: (problem: Problem) => void;
  /** Called for every order decoded (inspect shows the first few). */
  readonly onOrder?: (order: Order) => void;
  /** The identity graph to join into: a customers file's, when there is one. */
  readonly identity?: IdentityGraph;
}

export interface IngestResult {
  readonly ledger: OrderLedger;
  /** The encoding and delimiter read, and why. */
  readonly dialect: TextDialect;
  /** The decimal marks and date order read, and why. */
  readonly formats: ValueFormats;
  readonly format: OrderFormat;
  /** Why this format: --platform, the header signature, or the generic fallback. */
  readonly formatReason: string;
  /** Field → the header it was read from. */
  readonly columnNames: Readonly<Partial<Record<OrderField, string>>>;
  /** Records after the header. */
  readonly rowsRead: number;
  /** Rows not used in any order, and why. */
  readonly problems: ProblemLog;
  /** Why guest status is unknown for this file; null when the file can tell. */
  readonly guestUnknownReason: string | null;
  /** Why customers can't be told apart in this file (no email or customer id column); null when they can. */
  readonly identityUnknownReason: string | null;
  /** Why amounts are unknown (no total column); null when the file has them. */
  readonly amountUnknownReason: string | null;
  readonly warnings: readonly string[];
}

/** Rows of one order, waiting for the order's last row. */
interface PendingOrder {
  key: string;
  line: number;
  rows: number;
  cells: Record<OrderField, string | null>;
  /** Each row's quantity and unit price, for formats whose total is the sum of its lines. */
  lines: OrderLine[];
}

export async function ingestOrders(options: IngestOptions): Promise<IngestResult> {
  const { file } = options;
  const { dialect, records } = await openCsv(options.input, {
    file,
    onProgress: options.onProgress,
    encoding: options.encoding,
    delimiter: options.delimiter,
  });
  const first = await records.next();
  if (first.done) throw new AppError("INPUT_HEADER", "the file is empty: expected a header row", { file });
  const header = first.value.fields;

  const format = chooseFormat(header, options);
  const formatReason =
    options.platform !== undefined
      ? "--platform"
      : format === generic
        ? detectOrderFormat(header) === generic
          ? "the header has the generic columns created_at and total"
          : "no platform's header matched; read as a generic file"
        : `the header has ${matchSignature(header, format.signatures)!.join(", ")}`;
  const formatName =
    format === generic && options.platform === undefined
      ? `it matches no platform's export (${ORDER_FORMATS.filter((f) => f !== generic)
          .map((f) => f.platform)
          .join(", ")}), and a ${generic.label}`
      : `a ${format.label}`;
  const index = resolveColumns(header, format, options.maps, { file, formatName });
  const columnNames: Partial<Record<OrderField, string>> = {};
  for (const field of ORDER_FIELDS) {
    const at = index[field];
    if (at !== undefined) columnNames[field] = header[at]!.trim();
  }
  const formats = new ValueFormats(
    options,
    format.dateOrder ? { value: format.dateOrder, reason: `${format.label}s write month/day/year` } : undefined,
  );
  const context: DecodeContext = {
    format,
    zone: options.zone,
    currency: options.currency ?? format.defaultCurrency ?? null,
    columnNames,
    formats,
    statusMap: options.statusMap,
  };

  const ledger = new OrderLedger(options.identity);
  const width = headerWidth(header);
  const log = new ProblemLog(file, options.strict, options.onProblem);
  const unreadableGuest = new Map<string, number>();
  // Ids Excel turned into scientific notation (7.02255E+12) have lost digits: per field, a count and an example.
  const excelIds = new Map<OrderField, { count: number; example: string }>();
  let rowsRead = 0;

  // Order keys already read: a key that comes back later in the file would count twice.
  const seenKeys = new KeySet();
  // Orders holding a value that only a later row can settle (`1,234`, `01/02/2025`): they wait,
  // and are read as soon as a later value settles their column.
  const deferred: (Omit<PendingOrder, "key"> & { key: string | null })[] = [];
  const finish = (key: string | null, line: number, rows: number, cells: OrderCells, lines: OrderLine[]) => {
    if (key !== null && !seenKeys.add(key)) {
      log.skip(line, rows, {
        code: "DUPLICATE_KEY",
        message: `order ${JSON.stringify(key)} was already read earlier in the file (a repeated row, or rows of one order that are not together)`,
      });
      return;
    }
    if (formats.observe(cells, line, lines) && deferred.length > 0) release();
    if (formats.undecided(cells, lines)) {
      if (deferred.length >= MAX_DEFERRED)
        throw ambiguity(file, deferred[0]!, formats, columnNames, `the first ${MAX_DEFERRED.toLocaleString("en-US")} such orders`);
      deferred.push({ key, line, rows, cells: { ...cells }, lines });
      return;
    }
    decode(key, line, rows, cells, lines);
  };
  /** Reads the waiting orders a new decision has settled; the rest keep waiting. */
  const release = () => {
    const waiting = [...deferred];
    deferred.length = 0;
    for (const order of waiting) {
      if (formats.undecided(order.cells, order.lines)) deferred.push(order);
      else decode(order.key, order.line, order.rows, order.cells, order.lines);
    }
  };
  const decode = (key: string | null, line: number, rows: number, cells: OrderCells, lines: readonly OrderLine[]) => {
    const result = decodeOrder(cells, key, line, context, lines);
    if ("problem" in result) {
      log.skip(line, rows, result.problem);
      return;
    }
    if (format.guest.kind === "column" && cells.guest !== null && cells.guest.trim() !== "" && parseBoolean(cells.guest) === null) {
      unreadableGuest.set(cells.guest.trim(), (unreadableGuest.get(cells.guest.trim()) ?? 0) + 1);
    }
    options.onOrder?.(result.order);
    ledger.add(result.order);
  };

  let pending: PendingOrder | null = null;
  for await (const record of records) {
    rowsRead++;
    if (extraCells(record.fields, width) > 0) {
      log.skip(record.line, 1, {
        code: "SHIFTED_ROW",
        message: `${record.fields.length} cells but the header has ${width}: a separator inside an unquoted value shifts the columns`,
      });
      continue;
    }
    const cells = readCells(record, index);
    for (const field of ID_FIELDS) {
      const id = cells[field];
      if (id !== null && EXCEL_NUMBER.test(id)) {
        const seen = excelIds.get(field);
        if (seen) seen.count++;
        else excelIds.set(field, { count: 1, example: id.trim() });
      }
    }
    // Shopify and Excel users guard ids with a leading apostrophe ('7210448301122): one is dropped.
    const keyText = cells.order_id === null ? null : cells.order_id.trim().replace(/^'/, "");
    if (keyText === "") {
      log.skip(record.line, 1, { code: "EMPTY_KEY", message: `empty ${columnNames.order_id ?? "order_id"}` });
      continue;
    }
    const lines: OrderLine[] = format.lineTotal
      ? [{ line: record.line, quantity: cells.quantity ?? "", unitPrice: cells.unit_price ?? "" }]
      : [];
    if (format.grain === "order" || keyText === null) {
      finish(keyText, record.line, 1, cells, lines);
      continue;
    }
    if (pending && pending.key === keyText) {
      // Forward-fill: a field keeps the first non-empty value among the order's rows.
      pending.rows++;
      pending.lines.push(...lines);
      for (const field of ORDER_FIELDS) {
        const value = cells[field];
        if (value !== null && value.trim() !== "" && (pending.cells[field] ?? "").trim() === "") pending.cells[field] = value;
      }
      continue;
    }
    if (pending) finish(pending.key, pending.line, pending.rows, pending.cells, pending.lines);
    pending = { key: keyText, line: record.line, rows: 1, cells, lines };
  }
  if (pending) finish(pending.key, pending.line, pending.rows, pending.cells, pending.lines);
  if (deferred.length > 0) throw ambiguity(file, deferred[0]!, formats, columnNames, "the whole file");

  return {
    ledger,
    dialect,
    formats,
    format,
    formatReason,
    columnNames,
    rowsRead,
    problems: log,
    guestUnknownReason: guestUnknownReason(format, index),
    amountUnknownReason:
      index.total === undefined && !format.lineTotal ? "the file has no amount column (point at one with --map total=COLUMN)" : null,
    identityUnknownReason:
      index.email === undefined && index.customer_id === undefined
        ? `the ${format === generic ? "file" : format.label} has no email or customer id column, so customers can't be told apart${format === generic ? " (point at one with --map email=COLUMN or --map customer_id=COLUMN)" : ""}`
        : null,
    warnings: [
      ...fileWarnings(file, format, index, context.currency, ledger, unreadableGuest),
      ...[...excelIds].map(
        ([field, { count, example }]) =>
          `${file}: ${count} row${count === 1 ? "" : "s"} with ${columnNames[field] ?? field} in scientific notation (like ${JSON.stringify(example)}): Excel dropped digits, so ${field === "order_id" ? "different orders may share a key" : "different customers may be joined or one split"}; export again without saving in Excel`,
      ),
    ],
  };
}

/** Ids Excel may have turned into numbers: a mantissa with an exponent, such as 7.02255E+12. */
const ID_FIELDS = ["order_id", "customer_id"] as const satisfies readonly OrderField[];
const EXCEL_NUMBER = /^\s*'?\d+([.,]\d+)?E\+\d+\s*$/i;

/** How many orders may wait for their column's format before the ambiguity is an error. */
const MAX_DEFERRED = 100_000;

function ambiguity(
  file: string,
  order: Pick<PendingOrder, "line" | "cells" | "lines">,
  formats: ValueFormats,
  columnNames: Partial<Record<OrderField, string>>,
  scope: string,
): AppError {
  const { field, text } = formats.undecided(order.cells, order.lines)!;
  const column = columnNames[field] ?? field;
  const message =
    field === "created_at"
      ? `ambiguous dates in ${column}: ${JSON.stringify(text)} could be day/month or month/day, and no date in ${scope} has a day over 12 to tell; pass --date-format dmy or --date-format mdy`
      : `ambiguous amounts in ${column}: ${JSON.stringify(text)} could be a thousands separator or a decimal mark, and no value in ${scope} tells; pass --decimal . or --decimal ,`;
  return new AppError("INPUT_AMBIGUOUS", message, { file, line: order.line });
}

function chooseFormat(header: readonly string[], options: IngestOptions): OrderFormat {
  if (options.platform !== undefined) {
    const format = orderFormatByName(options.platform);
    // The CLI has checked the name; another caller passing an unknown one is a bug.
    if (!format) throw new Error(`unknown platform ${JSON.stringify(options.platform)}`);
    return format;
  }
  // Detected, or generic, whose required-column check then names what is missing.
  return detectOrderFormat(header) ?? generic;
}

function readCells(record: CsvRecord, index: ColumnIndex<OrderField>): Record<OrderField, string | null> {
  const cells = {} as Record<OrderField, string | null>;
  for (const field of ORDER_FIELDS) {
    const at = index[field];
    cells[field] = at === undefined ? null : (record.fields[at] ?? "");
  }
  return cells;
}

function fileWarnings(
  file: string,
  format: OrderFormat,
  index: ColumnIndex<OrderField>,
  currency: string | null,
  ledger: OrderLedger,
  unreadableGuest: ReadonlyMap<string, number>,
): string[] {
  const warnings: string[] = [];
  const s = (n: number) => (n === 1 ? "" : "s");
  if (currency === null && ledger.groups.has(null)) {
    warnings.push(
      index.currency === undefined
        ? `${file}: no currency column and no --currency; amounts are reported without a currency (pass --currency CODE)`
        : `${file}: some orders have an empty currency cell and there is no --currency; they are reported in a group without a currency`,
    );
  }
  if (index.status === undefined && index.cancelled_at === undefined && !format.keyPrefixStatus) {
    warnings.push(`${file}: no status column; every order is counted as a sale`);
  }
  if (index.total === undefined && index.unit_price === undefined) {
    warnings.push(
      `${file}: no amount column; revenue, aov, clv and the repeat-customer revenue multiple are null (point at one with --map total=COLUMN)`,
    );
  }
  for (const [text, count] of ledger.unknownStatuses) {
    warnings.push(
      text === ""
        ? `${file}: ${count} order${s(count)} with an empty status counted as completed`
        : `${file}: ${count} order${s(count)} with unrecognised status ${JSON.stringify(text)} counted as completed; if that is wrong, map it, e.g. --status-map ${JSON.stringify(`${text}=cancelled`)}`,
    );
  }
  for (const [text, count] of unreadableGuest) {
    warnings.push(
      `${file}: ${count} order${s(count)} with unrecognised guest value ${JSON.stringify(text)} (expected true/false, 1/0, yes/no); their guest status is unknown`,
    );
  }
  return warnings;
}

function guestUnknownReason(format: OrderFormat, index: ColumnIndex<OrderField>): string | null {
  switch (format.guest.kind) {
    case "unknown":
      return format.guest.reason;
    case "customer-id-zero":
      return index.customer_id === undefined
        ? `the file has no customer id column, which is what marks a guest checkout (0 or empty) in a ${format.label}`
        : null;
    case "column":
      return index.guest === undefined
        ? "the file has no guest column; add one (true/false, 1/0, yes/no) or point at one with --map guest=COLUMN"
        : null;
    case "column-equals":
      return index.guest === undefined
        ? `the file has no ${format.columns.guest?.[0] ?? "guest"} column, which marks guest checkouts in a ${format.label}`
        : null;
  }
}

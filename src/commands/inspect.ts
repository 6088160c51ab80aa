/**
 * `shopmetrics inspect FILE`: what was read and why — platform, encoding, delimiter, each money
 * column's decimal mark, the date order, the row grain, the column mapping, the statuses found
 * with their mapping and counts, and the first few orders as the metrics see them. The file is
 * read once, exactly as `report` reads it.
 */
import { minorDigits, toMajor } from "../core/money.js";
import type { Order } from "../core/order.js";
import type { DialectOptions } from "../io/csv/dialect.js";
import { type ForcedFormats, MONEY_FIELDS } from "../io/orders/conventions.js";
import { ingestOrders } from "../io/orders/read-orders.js";
import type { OrderField } from "../io/platforms/index.js";
import { type Explained, INSPECTION_SCHEMA_VERSION, type Inspection } from "../report/inspection.js";
import type { ReportOptions } from "./report.js";

/** How many normalised orders inspect shows. */
const SAMPLE_ORDERS = 5;

/** The reading options of a report: inspect reads a file exactly as report does. */
export type InspectOptions = Pick<
  ReportOptions,
  | keyof DialectOptions
  | keyof ForcedFormats
  | "orders"
  | "platform"
  | "maps"
  | "statusMap"
  | "currency"
  | "zone"
  | "strict"
  | "onProgress"
  | "onProblem"
>;

export async function inspectFile(options: InspectOptions): Promise<Inspection> {
  const sample: Order[] = [];
  const ingest = await ingestOrders({
    ...options,
    file: options.orders.file,
    input: options.orders.input,
    onOrder: (order) => {
      if (sample.length < SAMPLE_ORDERS * 4) sample.push(order);
    },
  });
  const { zone } = options;
  const decimal: Partial<Record<OrderField, Explained<"." | "," | null>>> = {};
  for (const field of MONEY_FIELDS) {
    if (ingest.columnNames[field] === undefined) continue;
    const decided = ingest.formats.decimal.get(field);
    decimal[field] = decided
      ? { value: decided.value, reason: decided.reason }
      : { value: null, reason: "no value has a decimal mark (whole numbers only)" };
  }
  const order = ingest.formats.dateOrder;
  return {
    schemaVersion: INSPECTION_SCHEMA_VERSION,
    kind: "inspection",
    file: options.orders.file,
    timezone: zone.name,
    platform: { value: ingest.format.platform, label: ingest.format.label, reason: ingest.formatReason },
    encoding: { value: ingest.dialect.encoding, reason: ingest.dialect.encodingReason },
    delimiter: { value: ingest.dialect.delimiter, reason: ingest.dialect.delimiterReason },
    grain: ingest.format.grain,
    columns: ingest.columnNames,
    decimal,
    dateOrder: order ? { value: order.value, reason: order.reason } : { value: null, reason: "no slash dates that need a day/month order" },
    statuses: [...ingest.ledger.statusTexts.values()]
      .map(({ text, status, count }) => ({ text, status: status === "unknown-status" ? "unknown: counted as completed" : status, count }))
      .sort((a, b) => b.count - a.count || a.text.localeCompare(b.text)),
    rows: ingest.rowsRead,
    rowsSkipped: ingest.problems.rowsSkipped,
    orders: ingest.ledger.ordersRead,
    // Orders that waited for a decimal or date decision are read later: show the file's first.
    sample: sample
      .sort((a, b) => a.line - b.line)
      .slice(0, SAMPLE_ORDERS)
      .map((o) => {
        const digits = minorDigits(o.currency);
        return {
          key: o.key,
          line: o.line,
          createdAt: zone.formatInstant(o.at),
          currency: o.currency,
          total: toMajor(o.total, digits),
          refunded: toMajor(o.refunded, digits),
          status: o.status,
          email: o.email,
          customerId: o.customerId,
          guest: o.guest,
        };
      }),
    problems: ingest.problems.problems.slice(0, 20),
    warnings: ingest.warnings,
  };
}

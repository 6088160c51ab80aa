/**
 * `shopmetrics inspect FILE`: what was read and why — platform, encoding, delimiter, each money
 * column's decimal mark, the date order, the row grain, the column mapping, the statuses found
 * with their mapping and counts, and the first few orders as the metrics see them. The file is
 * read once, exactly as `report` reads it.
 */
import type { ChalkInstance } from "chalk";
import type { Decided } from "../core/decided.js";
import { minorDigits, toMajor } from "../core/money.js";
import { formatOffset, type OffsetTally } from "../core/offsets.js";
import type { Order } from "../core/order.js";
import { MONEY_FIELDS } from "../io/orders/conventions.js";
import type { DecimalMark } from "../io/parse/amount.js";
import type { DateOrder } from "../io/parse/date.js";
import type { Source } from "../io/read-file.js";
import { METRICS } from "../metrics/index.js";
import { INSPECTION_SCHEMA_VERSION, type Inspection } from "../report/inspection.js";
import { renderInspection } from "../report/render-inspection.js";
import { fittingZones, missingInputWarnings, type OrderReadingOptions, readOrders, zoneWarnings } from "./read-shop.js";

/** How many normalised orders inspect shows. */
const SAMPLE_ORDERS = 5;

export async function inspectFile(source: Source, options: OrderReadingOptions): Promise<Inspection> {
  const sample: Order[] = [];
  const read = await readOrders(source, {
    ...options,
    onOrder: (order) => {
      if (sample.length < SAMPLE_ORDERS * 4) sample.push(order);
    },
  });
  const { zone } = options;
  const { conventions } = read;
  const decimal: Record<string, Decided<DecimalMark | null>> = {};
  for (const field of MONEY_FIELDS) {
    if (read.columnNames[field] === undefined) continue;
    decimal[field] = conventions.decimal.get(field) ?? {
      value: null,
      reason: "no value has a decimal mark (whole numbers only)",
      source: "default",
    };
  }
  const dateOrder: Decided<DateOrder | null> = conventions.dateOrder ?? {
    value: null,
    reason: "no slash dates that need a day/month order",
    source: "default",
  };
  const platform = read.platform;
  return {
    schemaVersion: INSPECTION_SCHEMA_VERSION,
    kind: "inspection",
    file: source.file,
    timezone: zone.name,
    timezoneSource: options.zoneSource,
    offsets: offsetsSeen(read.offsets),
    platform: { ...platform, value: platform.value.name, label: platform.value.label },
    encoding: read.dialect.encoding,
    delimiter: read.dialect.delimiter,
    grain: platform.value.grain,
    columns: read.columnNames,
    columnChoices: read.columns,
    decimal,
    dateOrder,
    statuses: [...read.ledger.statusTexts.values()]
      .map(({ text, status, count }) => ({ text, status: status === "unknown-status" ? "unknown: counted as completed" : status, count }))
      .sort((a, b) => b.count - a.count || a.text.localeCompare(b.text)),
    rows: read.rowsRead,
    rowsSkipped: read.problems.rowsSkipped,
    orders: read.ledger.ordersRead,
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
    problems: read.problems.problems.slice(0, 20),
    warnings: [...zoneWarnings(read, options), ...read.warnings, ...missingInputWarnings(source.file, read.unavailable, METRICS)],
  };
}

/** The UTC offsets the order dates carry, how many the zone contradicts, and the zones that fit them all. */
function offsetsSeen(offsets: OffsetTally): Inspection["offsets"] {
  return {
    seen: offsets.offsets.map((o) => ({ offset: formatOffset(o.minutes), count: o.count })),
    contradicted: offsets.contradicted,
    zonesFitting: offsets.total === 0 ? [] : fittingZones(offsets),
  };
}

/** The inspection as the chosen output format prints it. */
export function renderInspect(inspection: Inspection, format: "table" | "json", chalk: ChalkInstance): string {
  return format === "json" ? `${JSON.stringify(inspection, null, 2)}\n` : renderInspection(inspection, chalk);
}

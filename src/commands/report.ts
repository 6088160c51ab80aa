/**
 * `shopmetrics report`: read the orders file once, fix the window, compute every metric per
 * currency, and assemble the Report. No argv, env or exit codes here (that is cli/).
 */
import type { Readable } from "node:stream";
import { computeGroups } from "../core/compute.js";
import { formatDay } from "../core/calendar.js";
import { SCHEMA_VERSION, type Problem, type Report } from "../core/report.js";
import { resolveWindow, type AsOfSpec, type WindowSpec } from "../core/window.js";
import type { Zone } from "../core/zone.js";
import { ingestOrders } from "../io/ingest-orders.js";
import type { OrderField } from "../io/platforms/index.js";
import type { ReadProgress } from "../io/read-csv.js";
import { METRICS, type MetricId } from "../metrics/index.js";

export interface ReportOptions {
  readonly orders: { readonly file: string; readonly input: Readable };
  readonly platform?: string;
  readonly maps: ReadonlyMap<OrderField, string>;
  readonly currency: string | null;
  readonly zone: Zone;
  readonly window: WindowSpec;
  readonly asOf: AsOfSpec;
  readonly strict: boolean;
  /** The clock (epoch ms), injected for reproducible tests. */
  readonly now: number;
  readonly onProgress?: (progress: ReadProgress) => void;
  readonly onProblem?: (problem: Problem) => void;
}

export async function buildReport(options: ReportOptions): Promise<Report> {
  const { zone } = options;
  const ingest = await ingestOrders({ ...options, file: options.orders.file, input: options.orders.input });

  const { ledger } = ingest;
  const dataDays = Number.isNaN(ledger.firstAt) ? null : { first: zone.dayOf(ledger.firstAt), last: zone.dayOf(ledger.lastAt) };
  const window = resolveWindow(options.window, options.asOf, zone, dataDays, options.now);
  const groups = computeGroups(ledger, window, METRICS, { guestUnknownReason: ingest.guestUnknownReason });

  const warnings = [...ingest.warnings];
  if (ledger.ordersRead === 0) warnings.push(`${options.orders.file}: no orders could be read`);
  else if (ledger.counted === 0) warnings.push(`${options.orders.file}: no counted orders (every order was excluded by status)`);
  if (dataDays && options.window.kind !== "all" && window.firstDay < dataDays.first) {
    warnings.push(
      `the window starts on ${formatDay(window.firstDay)} but the data starts on ${formatDay(dataDays.first)}: customers who bought before the export began look new`,
    );
  }

  return {
    schemaVersion: SCHEMA_VERSION,
    asOf: formatDay(window.asOf),
    timezone: zone.name,
    window: { spec: window.spec, from: zone.formatInstant(window.from), to: zone.formatInstant(window.to), days: window.days },
    inputs: [{ kind: "orders", file: options.orders.file, platform: ingest.format.platform, rows: ingest.rowsRead }],
    groups,
    dataQuality: {
      rowsRead: ingest.rowsRead,
      rowsSkipped: ingest.problems.rowsSkipped,
      ordersRead: ledger.ordersRead,
      ordersExcluded: Object.fromEntries([...ledger.excluded].sort(([a], [b]) => a.localeCompare(b))),
      unidentifiedOrders: ledger.unidentified,
      problems: ingest.problems.problems,
      problemsOmitted: ingest.problems.omitted,
    },
    warnings,
    definitions: Object.fromEntries(METRICS.map((m) => [m.id, m.definition])) as Record<MetricId, string>,
  };
}

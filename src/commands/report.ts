/**
 * `shopmetrics report`: read the orders file once, fix the window(s), compute every metric per
 * currency, and assemble the Report. No argv, env or exit codes here (that is cli/).
 * However many windows are asked for (--compare, --every), the file is read once: the pass
 * fills the ledger, and every window is computed from its timelines.
 */
import type { Readable } from "node:stream";
import { daysFromCivil, formatDay, MIN_YEAR } from "../core/calendar.js";
import { usageError } from "../core/errors.js";
import { IdentityGraph } from "../core/identity.js";
import { markGuestsByRegistration, type OrderLedger } from "../core/ledger.js";
import type { MetricInfo } from "../core/metric-info.js";
import { minorDigits } from "../core/money.js";
import type { OrderStatus } from "../core/order.js";
import type { Problem, ProblemCode } from "../core/problems.js";
import { buildTimeline, type Timeline } from "../core/timeline.js";
import {
  type AsOfSpec,
  type Period,
  periodEnds,
  previousWindow,
  type ReportWindow,
  resolveWindow,
  type WindowSpec,
  windowEndingOn,
} from "../core/window.js";
import type { Zone } from "../core/zone.js";
import type { DialectOptions } from "../io/csv/dialect.js";
import type { ReadProgress } from "../io/csv/read-csv.js";
import { ingestCustomers } from "../io/customers/read-customers.js";
import type { ForcedFormats } from "../io/orders/conventions.js";
import { ingestOrders } from "../io/orders/read-orders.js";
import type { CustomerField } from "../io/platforms/customer-platforms.js";
import type { OrderField } from "../io/platforms/index.js";
import { MAX_PROBLEMS, type ProblemLog } from "../io/problems.js";
import { computeEmptyGroup, computeGroups, type GroupResult } from "../metrics/compute.js";
import { METRICS, type MetricId } from "../metrics/index.js";
import type { Registry } from "../metrics/registry.js";
import { type Change, type GroupReport, type MetricValues, type Report, SCHEMA_VERSION, type WindowInfo } from "../report/model.js";
import { type Condition, type ConditionOutcome, checkConditions } from "./fail-if.js";

export interface ReportOptions<Id extends string = MetricId> extends DialectOptions, ForcedFormats {
  readonly orders: { readonly file: string; readonly input: Readable };
  /** --customers: a customers export to join on email and customer id. */
  readonly customers?: { readonly file: string; readonly input: Readable };
  /** --customers-map FIELD=Column for the customers file. */
  readonly customerMaps: ReadonlyMap<CustomerField, string>;
  readonly platform?: string;
  readonly maps: ReadonlyMap<OrderField, string>;
  /** --status-map: lower-cased status text → our vocabulary. */
  readonly statusMap: ReadonlyMap<string, OrderStatus>;
  readonly currency: string | null;
  readonly zone: Zone;
  readonly window: WindowSpec;
  readonly asOf: AsOfSpec;
  /** --margin: profit share of revenue, for clv. */
  readonly margin: number;
  /** --compare previous: also compute the previous window and the change. */
  readonly compare: boolean;
  /** --every PERIOD --periods N: a series of windows ending at the last N period ends. */
  readonly every: { readonly period: Period; readonly periods: number } | null;
  /** --fail-if conditions, checked on the report's window. */
  readonly failIf: readonly Condition<Id>[];
  readonly strict: boolean;
  /** The clock (epoch ms), injected for reproducible tests. */
  readonly now: number;
  readonly onProgress?: (progress: ReadProgress) => void;
  readonly onProblem?: (problem: Problem) => void;
}

export interface ReportRun<Id extends string = MetricId> {
  readonly report: Report<Id>;
  /** Each --fail-if condition for each currency group (or the one empty group of a report without orders). */
  readonly failIf: readonly ConditionOutcome<Id>[];
}

/** `metrics`: the report's metrics; every metric file in src/metrics/ unless a test says otherwise. */
export function buildReport(options: ReportOptions): Promise<ReportRun>;
export function buildReport<Id extends string>(options: ReportOptions<Id>, metrics: Registry<Id>): Promise<ReportRun<Id>>;
export async function buildReport(options: ReportOptions<string>, metrics: Registry<string> = METRICS): Promise<ReportRun<string>> {
  const { zone } = options;
  // A customers file is read first, into the identity graph the orders then join.
  const identity = new IdentityGraph();
  // --encoding and --delimiter are for the orders file; the customers file's dialect is its own.
  const customers = options.customers
    ? await ingestCustomers({
        ...options,
        ...options.customers,
        encoding: undefined,
        delimiter: undefined,
        maps: options.customerMaps,
        identity,
      })
    : null;
  const ingest = await ingestOrders({ ...options, file: options.orders.file, input: options.orders.input, identity });
  const { ledger } = ingest;
  let { guestUnknownReason } = ingest;
  if (customers && guestUnknownReason !== null) {
    if (ingest.identityUnknownReason !== null)
      guestUnknownReason = `${guestUnknownReason}; and ${ingest.identityUnknownReason}, so the customers file can't be joined`;
    else if (customers.registered) {
      markGuestsByRegistration(ledger, customers.registered);
      guestUnknownReason = null;
    } else guestUnknownReason = `${guestUnknownReason}; and ${customers.registrationUnknownReason}`;
  }
  const timelines = new Map<string | null, Timeline>();
  for (const [currency, columns] of ledger.groups) timelines.set(currency, buildTimeline(columns, ledger.identity));

  const dataDays = Number.isNaN(ledger.firstAt) ? null : { first: zone.dayOf(ledger.firstAt), last: zone.dayOf(ledger.lastAt) };
  const requested = resolveWindow(options.window, options.asOf, zone, dataDays, options.now);
  const unavailable = { identity: ingest.identityUnknownReason, amounts: ingest.amountUnknownReason, guest: guestUnknownReason };
  const evaluate = (window: ReportWindow): GroupResult[] =>
    computeGroups(timelines, window, previousWindow(options.window, window, zone), metrics, { unavailable, margin: options.margin });

  // With --every, the report's own window is the latest point of the series.
  const points = options.every
    ? periodEnds(options.every.period, requested.asOf, options.every.periods).map((day) =>
        windowEndingOn(options.window, day, zone, dataDays),
      )
    : [requested];
  const window = points[points.length - 1]!;
  const previous = previousWindow(options.window, window, zone);
  // Every window the report shows, and the previous window each one's lifecycle metrics use.
  const shown = options.compare ? [...points, previous] : points;
  const earliestStart = Math.min(...shown.map((w) => previousWindow(options.window, w, zone).firstDay));
  if (earliestStart < daysFromCivil(MIN_YEAR, 1, 1)) {
    throw usageError(
      `the windows reach back to ${formatDay(earliestStart)}; they must start in ${MIN_YEAR} or later (fewer --periods, or a shorter --window)`,
    );
  }

  const series = points.map((w) => ({ window: w, groups: evaluate(w) }));
  let groups: GroupReport[] = series[series.length - 1]!.groups;
  if (options.compare) {
    const before = new Map(evaluate(previous).map((g) => [g.currency, g]));
    groups = groups.map((g) => {
      const then = before.get(g.currency)!.metrics;
      return {
        ...g,
        previous: { window: windowInfo(previous, zone), metrics: then },
        change: changes(metrics.metrics, g.metrics, then, g.currency),
      };
    });
  }

  const warnings = [...ingest.warnings];
  if (ledger.ordersRead === 0) warnings.push(`${options.orders.file}: no orders could be read`);
  else if (ledger.counted === 0) warnings.push(`${options.orders.file}: no counted orders (every order was excluded by status)`);
  if (dataDays && options.window.kind !== "all") {
    const firstShown = Math.min(...shown.map((w) => w.firstDay));
    if (firstShown < dataDays.first) {
      warnings.push(
        `a window starts on ${formatDay(firstShown)} but the data starts on ${formatDay(dataDays.first)}: customers who bought before the export began look new`,
      );
    }
    if (earliestStart < dataDays.first) {
      warnings.push(
        `a previous window starts on ${formatDay(earliestStart)} but the data starts on ${formatDay(dataDays.first)}: customersAtStart is understated, and retention, churn and clv with it`,
      );
    }
  }

  const report: Report = {
    schemaVersion: SCHEMA_VERSION,
    asOf: formatDay(window.asOf),
    timezone: zone.name,
    window: windowInfo(window, zone),
    margin: options.margin,
    inputs: [
      {
        kind: "orders",
        file: options.orders.file,
        platform: ingest.format.platform,
        rows: ingest.rowsRead,
        encoding: ingest.dialect.encoding,
        delimiter: ingest.dialect.delimiter,
      },
      ...(customers
        ? [
            {
              kind: "customers" as const,
              file: options.customers!.file,
              platform: customers.format.platform,
              rows: customers.rowsRead,
              encoding: customers.dialect.encoding,
              delimiter: customers.dialect.delimiter,
            },
          ]
        : []),
    ],
    groups,
    ...(options.every
      ? {
          series: series.map((point) => ({
            asOf: formatDay(point.window.asOf),
            window: windowInfo(point.window, zone),
            groups: point.groups,
          })),
        }
      : {}),
    dataQuality: {
      rowsRead: ingest.rowsRead + (customers?.rowsRead ?? 0),
      rowsSkipped: ingest.problems.rowsSkipped + (customers?.problems.rowsSkipped ?? 0),
      skippedByCode: countsByCode([ingest.problems, ...(customers ? [customers.problems] : [])]),
      ordersRead: ledger.ordersRead,
      ordersExcluded: Object.fromEntries([...ledger.excluded].sort(([a], [b]) => a.localeCompare(b))),
      unidentifiedOrders: ledger.unidentified,
      problems: [...(customers?.problems.problems ?? []), ...ingest.problems.problems].slice(0, MAX_PROBLEMS),
      problemsOmitted:
        ingest.problems.omitted +
        (customers?.problems.omitted ?? 0) +
        Math.max(0, ingest.problems.problems.length + (customers?.problems.problems.length ?? 0) - MAX_PROBLEMS),
      ...(customers ? customerCounts(ledger, customers.nodes) : {}),
    },
    warnings,
    definitions: Object.fromEntries(metrics.metrics.map((m) => [m.id, m.definition])),
  };
  const checked = groups.length > 0 ? groups : [computeEmptyGroup(window, previous, metrics, options.margin)];
  return { report, failIf: checkConditions(options.failIf, checked) };
}

/** Skipped rows by problem code, over the logs of every input; codes sorted. */
function countsByCode(logs: readonly ProblemLog[]): Partial<Record<ProblemCode, number>> {
  const counts = new Map<ProblemCode, number>();
  for (const log of logs) for (const [code, rows] of log.skippedByCode) counts.set(code, (counts.get(code) ?? 0) + rows);
  return Object.fromEntries([...counts].sort(([a], [b]) => a.localeCompare(b)));
}

/** Distinct customers in the customers file, and those of them with no order in the orders file. */
function customerCounts(ledger: OrderLedger, nodes: readonly number[]): { customersRead: number; customersWithoutOrders: number } {
  const { identity } = ledger;
  const ordered = new Set([...ledger.orderNodes].map((node) => identity.find(node)));
  const listed = new Set(nodes.map((node) => identity.find(node)));
  let without = 0;
  for (const root of listed) if (!ordered.has(root)) without++;
  return { customersRead: listed.size, customersWithoutOrders: without };
}

function windowInfo(window: ReportWindow, zone: Zone): WindowInfo {
  return { spec: window.spec, from: zone.formatInstant(window.from), to: zone.formatInstant(window.to), days: window.days };
}

/** Current minus previous; relative to |previous|. Null where either side is null (or previous is 0, for relative). */
function changes<Id extends string>(
  metrics: readonly MetricInfo<Id>[],
  current: MetricValues<Id>,
  previous: MetricValues<Id>,
  currency: string | null,
): Record<Id, Change> {
  const scale = 10 ** minorDigits(currency);
  const out = {} as Record<Id, Change>;
  for (const metric of metrics) {
    const now = current[metric.id];
    const then = previous[metric.id];
    if (now === null || then === null) {
      out[metric.id] = { absolute: null, relative: null };
      continue;
    }
    // Money differences are rounded to the minor unit so 52.83 − 52.37 is 0.46, not 0.4599….
    const absolute = metric.unit === "money" ? Math.round((now - then) * scale) / scale : now - then;
    out[metric.id] = { absolute, relative: then === 0 ? null : (now - then) / Math.abs(then) };
  }
  return out;
}

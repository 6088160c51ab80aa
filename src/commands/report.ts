/**
 * `shopmetrics report`: read the shop's files once, fix the window(s), compute every metric per
 * currency, assemble the Report, and check --fail-if. No argv, env or exit codes here (cli/).
 * However many windows are asked for (--compare, --every), the files are read once: the pass
 * fills the ledger, and every window is computed from its timelines.
 */
import type { ChalkInstance } from "chalk";
import { daysFromCivil, formatDay, MIN_YEAR } from "../core/calendar.js";
import { AppError, usageError } from "../core/errors.js";
import type { OrderLedger } from "../core/ledger.js";
import type { MetricInfo } from "../core/metric-info.js";
import { minorDigits } from "../core/money.js";
import { REVENUE_BASIS } from "../core/revenue-basis.js";
import { buildTimeline, type Timeline } from "../core/timeline.js";
import type { OrderDays, TrafficDay, TrafficInput } from "../core/traffic.js";
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
import { channelsOf, computeReferrals } from "../metrics/breakdowns/referrals.js";
import { computeEmptyGroup, computeGroups, type GroupResult } from "../metrics/compute.js";
import { ENGAGEMENT_METRICS, type SurveyOptions } from "../metrics/engagement/index.js";
import { METRICS, type MetricId } from "../metrics/index.js";
import type { Registry } from "../metrics/registry.js";
import { pageFormat } from "../report/html/format.js";
import { renderReportHtml } from "../report/html/report.js";
import { type Change, type GroupReport, type MetricValues, type Report, SCHEMA_VERSION, type WindowInfo } from "../report/model.js";
import { renderCsv } from "../report/render-csv.js";
import { renderJson } from "../report/render-json.js";
import { renderTable, type TableOptions } from "../report/render-table.js";
import { type EngagementInputs, engagementBlock, engagementFigures, engagementInstants } from "./engagement.js";
import { type Condition, type ConditionOutcome, checkConditions, checkEngagementConditions } from "./fail-if.js";
import {
  dataQuality,
  inputSummaries,
  missingInputWarnings,
  readShop,
  type Shop,
  type ShopReadingOptions,
  type ShopSources,
  shopWarnings,
  zoneWarnings,
} from "./read-shop.js";

export interface ReportOptions<Id extends string = MetricId> extends ShopReadingOptions {
  readonly window: WindowSpec;
  readonly asOf: AsOfSpec;
  /** --margin: profit share of revenue, for clv. */
  readonly margin: number;
  /** --compare previous: also compute the previous window and the change. */
  readonly compare: boolean;
  /**
   * --every PERIOD --periods N: a series of windows ending at the last N period ends; the report's
   * own window is the latest of them, unless `keepWindow` (the dashboard: the requested window,
   * the series beside it).
   */
  readonly every: { readonly period: Period; readonly periods: number; readonly keepWindow?: boolean } | null;
  /** --fail-if conditions, checked on the report's window. */
  readonly failIf: readonly Condition<Id>[];
  /** The clock (epoch ms), for --as-of today; injected for reproducible tests. */
  readonly now: number;
  /** How survey answers are counted: --survey-dedupe, --min-responses. */
  readonly surveyOptions?: SurveyOptions;
  /** --source-map / the config's sourceMap: a word of a source's text → its channel (referrals). */
  readonly sourceMap?: ReadonlyMap<string, string>;
  /** --frt-target: the first response target, in hours (default 24). */
  readonly frtTargetHours?: number;
  /** --sessions N: the window's sessions, instead of --traffic files. */
  readonly sessions?: number;
  /** --web-orders-only: the conversion rate leaves out POS and draft orders. */
  readonly webOrdersOnly?: boolean;
}

export interface ReportRun<Id extends string = MetricId> {
  readonly report: Report<Id>;
  /** The report's metrics, in report order: what the renderers print. */
  readonly metrics: readonly MetricInfo<Id>[];
  /** Each --fail-if condition for each currency group (or the one empty group of a report without orders). */
  readonly failIf: readonly ConditionOutcome<Id>[];
}

/** `metrics`: the report's metrics; every metric file in src/metrics/ unless a test says otherwise. */
export function buildReport(sources: ShopSources, options: ReportOptions): Promise<ReportRun>;
export function buildReport<Id extends string>(
  sources: ShopSources,
  options: ReportOptions<Id>,
  metrics: Registry<Id>,
): Promise<ReportRun<Id>>;
export async function buildReport(
  sources: ShopSources,
  options: ReportOptions<string>,
  metrics: Registry<string> = METRICS,
): Promise<ReportRun<string>> {
  const shop = await readShop(sources, options);
  return reportOn(shop, options, metrics);
}

export function reportOn(shop: Shop, options: ReportOptions<string>, metrics: Registry<string>): ReportRun<string> {
  const { zone } = options;
  const ledger = shop.orders?.ledger;
  const timelines = new Map<string | null, Timeline>();
  if (ledger) for (const [currency, columns] of ledger.groups) timelines.set(currency, buildTimeline(columns, ledger.identity));
  const dated = {
    questions: shop.surveys.flatMap((survey) => survey.questions),
    reviews: shop.reviews.map((file) => file.ratings),
    tickets: shop.tickets.map((file) => file.tickets),
  };
  const surveyOptions = options.surveyOptions ?? { dedupe: "none", minResponses: null };
  const previousOf = (w: ReportWindow) => previousWindow(options.window, w, zone);

  // The data's days: the orders' (the default as-of is the latest order's day); without orders, the survey answers' and reviews'.
  const answers = engagementInstants(dated);
  const dataDays = ledger
    ? Number.isNaN(ledger.firstAt)
      ? null
      : { first: zone.dayOf(ledger.firstAt), last: zone.dayOf(ledger.lastAt) }
    : answers && { first: zone.dayOf(answers.first), last: zone.dayOf(answers.last) };
  const requested = resolveWindow(options.window, options.asOf, zone, dataDays, options.now);
  const computeOptions = { unavailable: shop.unavailable, margin: options.margin };
  const evaluate = (window: ReportWindow): GroupResult[] =>
    computeGroups(timelines, window, previousWindow(options.window, window, zone), metrics, computeOptions);

  // With --every, the report's own window is the latest point of the series (unless kept).
  const points = options.every
    ? periodEnds(options.every.period, requested.asOf, options.every.periods).map((day) =>
        windowEndingOn(options.window, day, zone, dataDays),
      )
    : [requested];
  const latest = points[points.length - 1]!;
  const window =
    options.every?.keepWindow && (requested.asOf !== latest.asOf || requested.firstDay !== latest.firstDay) ? requested : latest;
  const windows = window === latest ? points : [...points, window];
  const previous = previousWindow(options.window, window, zone);
  const traffic = trafficInput(shop, options, window);
  const inputs: EngagementInputs = {
    ...dated,
    support: supportOptions(shop, options),
    traffic,
    // The orders by day only the conversion rate needs: not counted without traffic.
    orderDays: ledger && traffic ? orderDays(ledger, zone) : null,
    webOrdersOnly: options.webOrdersOnly === true,
  };
  // Every window the report shows, and the previous window each one's lifecycle metrics use.
  const shown = options.compare ? [...windows, previous] : windows;
  const earliestStart = Math.min(...shown.map((w) => previousWindow(options.window, w, zone).firstDay));
  if (earliestStart < daysFromCivil(MIN_YEAR, 1, 1)) {
    throw usageError(
      `the windows reach back to ${formatDay(earliestStart)}; they must start in ${MIN_YEAR} or later (fewer --periods, or a shorter --window)`,
    );
  }

  // Where each window's orders came from, per currency, when the orders say.
  const channels = ledger && ledger.sources.length > 0 ? channelsOf(ledger.sources, options.sourceMap ?? new Map()) : null;
  const basis = channels === null ? "" : referralBasis(shop);
  const withReferrals = (w: ReportWindow, results: GroupResult[]): GroupResult[] =>
    channels === null
      ? results
      : results.map((g) => {
          const timeline = timelines.get(g.currency)!;
          return timeline.source === null
            ? g
            : { ...g, referrals: computeReferrals(timeline, w, channels, ledger!.sources, g.currency, basis) };
        });
  const series = points.map((w) => ({ window: w, groups: withReferrals(w, evaluate(w)) }));
  let groups: GroupReport[] = window === latest ? series[series.length - 1]!.groups : withReferrals(window, evaluate(window));
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

  const { orders } = shop;
  const warnings = [
    ...(orders
      ? [...zoneWarnings(orders, options), ...orders.warnings, ...missingInputWarnings(orders.file, shop.unavailable, metrics)]
      : []),
    ...shopWarnings(shop),
  ];
  const engagement = engagementBlock(
    inputs,
    { range: window, info: windowInfo(window, zone) },
    options.compare ? { range: previous, info: windowInfo(previous, zone) } : null,
    previousOf,
    surveyOptions,
  );
  // Without orders, nothing is said of customers who bought before the data began.
  if (dataDays)
    warnings.push(
      ...windowWarnings(
        points,
        window === latest ? null : window,
        shown,
        earliestStart,
        dataDays,
        options.window.kind === "all" || !ledger,
      ),
    );

  const report: Report = {
    schemaVersion: SCHEMA_VERSION,
    asOf: formatDay(window.asOf),
    timezone: zone.name,
    timezoneSource: options.zoneSource,
    window: windowInfo(window, zone),
    margin: options.margin,
    revenue: options.revenue ?? "total",
    inputs: inputSummaries(shop),
    groups,
    ...(engagement ? { engagement } : {}),
    ...(options.every
      ? {
          series: series.map((point) => ({
            asOf: formatDay(point.window.asOf),
            window: windowInfo(point.window, zone),
            groups: point.groups,
            ...(engagement ? { engagement: engagementFigures(inputs, point.window, previousOf, surveyOptions) } : {}),
          })),
        }
      : {}),
    dataQuality: dataQuality(shop),
    warnings,
    definitions: Object.fromEntries(
      metrics.metrics.map((m) => [m.id, m.id === "revenue" ? REVENUE_BASIS[options.revenue ?? "total"].definition : m.definition]),
    ),
  };
  const checked = groups.length > 0 ? groups : [computeEmptyGroup(window, previous, metrics, computeOptions)];
  const failIf = [
    ...checkConditions(
      options.failIf.filter((c) => !c.engagement),
      checked,
    ),
    ...checkEngagementConditions(
      options.failIf.filter((c) => c.engagement),
      engagement,
    ),
  ];
  return { report, metrics: metrics.metrics, failIf };
}

/** The tickets' target and basis, and what to say when no file has a first-reply time (osTicket). */
function supportOptions(shop: Shop, options: ReportOptions<string>): EngagementInputs["support"] {
  const targetHours = options.frtTargetHours ?? 24;
  const basis = options.tickets?.basis ?? "calendar";
  const untimed = shop.tickets.filter((file) => file.answers !== "times");
  if (untimed.length === 0) return { targetHours, basis };
  const files = untimed.map((file) => file.file).join(", ");
  const all = untimed.length === shop.tickets.length;
  return {
    targetHours,
    basis,
    note: all
      ? `${files}: no first-reply time in the export (osTicket writes none): firstResponse and withinTarget are null; answered comes from its Answered column`
      : `${files}: no first-reply time in the export: its tickets count in tickets and answered, not in the response times`,
  };
}

/**
 * The traffic the conversion rate divides by: --sessions (the report's window's), the files'
 * days, or one aggregate file over its range (which must be the report's window).
 */
function trafficInput(shop: Shop, options: ReportOptions<string>, window: ReportWindow): TrafficInput | null {
  if (options.sessions !== undefined)
    return {
      kind: "range",
      firstDay: window.firstDay,
      lastDay: window.asOf,
      total: { sessions: options.sessions, visitors: null, converted: null },
      reported: null,
      from: "--sessions",
    };
  if (shop.traffic.length === 0) return null;
  const aggregates = shop.traffic.filter((file) => file.aggregate !== null);
  if (aggregates.length > 0) {
    const file = aggregates[0]!;
    if (shop.traffic.length > 1)
      throw new AppError(
        "INPUT_REFUSED",
        "an aggregate traffic file (sessions without a date column) is the window's whole traffic: give it alone, not with other --traffic files",
        { file: file.file },
      );
    if (file.range === null)
      throw new AppError(
        "INPUT_REFUSED",
        "the traffic table has no date column and the file states no date range (# Start date / # End date): which days its sessions cover can't be told; export it by day, or give the window's sessions with --sessions N",
        { file: file.file, line: file.headerLine },
      );
    checkAggregateRange(file.range, window, file.file);
    return { kind: "range", ...file.range, total: file.aggregate!, reported: file.reported, from: "files" };
  }
  const days = new Map<number, TrafficDay>();
  for (const file of shop.traffic) for (const [day, value] of file.days) days.set(day, value);
  const definitions = new Set(shop.traffic.map((file) => file.reported?.definition ?? ""));
  return { kind: "days", days, reported: definitions.size === 1 ? shop.traffic[0]!.reported : null };
}

/** An aggregate traffic file is read only when its range is the report's window. */
function checkAggregateRange(traffic: { readonly firstDay: number; readonly lastDay: number }, window: ReportWindow, file: string): void {
  if (traffic.firstDay === window.firstDay && traffic.lastDay === window.asOf) return;
  throw new AppError(
    "INPUT_REFUSED",
    `the traffic file is an aggregate over ${formatDay(traffic.firstDay)} … ${formatDay(traffic.lastDay)} (no date column), but the window is ${formatDay(window.firstDay)} … ${formatDay(window.asOf)}: its sessions can't be split by day; export it by day (a Date column), or over the window, or pass --window ${formatDay(traffic.firstDay)}..${formatDay(traffic.lastDay)}`,
    { file },
  );
}

/** Counted orders per local day, every currency, and those from no web store. */
function orderDays(ledger: OrderLedger, zone: Zone): OrderDays | null {
  if (Number.isNaN(ledger.firstAt)) return null;
  const orders = new Map<number, number>();
  const offline = new Map<number, number>();
  for (const columns of ledger.groups.values()) {
    for (let i = 0; i < columns.length; i++) {
      const day = zone.dayOf(columns.at[i]!);
      orders.set(day, (orders.get(day) ?? 0) + 1);
      if (columns.offline?.[i] === 1) offline.set(day, (offline.get(day) ?? 0) + 1);
    }
  }
  return { orders, offline, firstDay: zone.dayOf(ledger.firstAt), lastDay: zone.dayOf(ledger.lastAt) };
}

/** What an order's source is, as the inputs define it: a self-reported answer, the last touch, a sales channel. */
function referralBasis(shop: Shop): string {
  const platform = shop.orders?.platform.value.name;
  const own =
    platform === "shopify"
      ? "Shopify's sales channel (Source: web, pos, shopify_draft_order, an app id), or the discount code the order used (code …)"
      : platform === "woocommerce"
        ? "last touch: WooCommerce's order attribution (the session that placed the order), or the coupon the order used (code …)"
        : "the orders file's source column, as the tool that wrote it defines it, or the discount code the order used (code …)";
  if (shop.attribution.length === 0) return own;
  return `${shop.attribution[0]!.basis}, where an --attribution answer joins the order; else ${own}`;
}

/**
 * What the windows say about the data, once per run: windows that lie wholly outside the data's
 * days (`--as-of today` on an old export), and windows that start before the data does — where
 * customers who bought before the export began look new, and customersAtStart is understated.
 */
function windowWarnings(
  points: readonly ReportWindow[],
  /** The report's own window when it is not a point of the series (every.keepWindow), else null. */
  kept: ReportWindow | null,
  shown: readonly ReportWindow[],
  earliestStart: number,
  data: { readonly first: number; readonly last: number },
  all: boolean,
): string[] {
  const warnings: string[] = [];
  const span = `the data runs from ${formatDay(data.first)} to ${formatDay(data.last)}`;
  const outside = (w: ReportWindow) => w.asOf < data.first || w.firstDay > data.last;
  const hint = "(--as-of DATE or --window FROM..TO picks a window with data)";
  const lies = (w: ReportWindow) => `the window ${formatDay(w.firstDay)} … ${formatDay(w.asOf)} lies`;
  if (kept !== null && outside(kept)) warnings.push(`${lies(kept)} wholly outside the data: ${span} ${hint}`);
  const empty = points.filter(outside);
  const series = kept === null ? "windows" : "windows of the series";
  if (empty.length === points.length) {
    const only = points.length === 1 ? lies(points[0]!) : `all ${points.length} ${series} lie`;
    warnings.push(`${only} wholly outside the data: ${span} ${hint}`);
  } else if (empty.length > 0) {
    warnings.push(`${empty.length} of ${points.length} ${series} lie wholly outside the data (${span}): their figures are empty`);
  }
  if (all || (empty.length === points.length && (kept === null || outside(kept)))) return warnings;
  const firstShown = Math.min(...shown.map((w) => w.firstDay));
  const starts = formatDay(data.first);
  if (firstShown < data.first) {
    warnings.push(
      `a window starts on ${formatDay(firstShown)} (its previous window on ${formatDay(earliestStart)}), before the data (${starts}): customers who bought before the export began look new, and customersAtStart is understated, and retention, churn and clv with it`,
    );
  } else if (earliestStart < data.first) {
    warnings.push(
      `the previous window the lifecycle metrics compare with starts on ${formatDay(earliestStart)}, before the data (${starts}): customersAtStart is understated, and retention, churn and clv with it`,
    );
  }
  return warnings;
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

/**
 * The report as the chosen output format prints it; `chalk` colours the table (level 0: none),
 * `table.width` fits it to a terminal (none: no limit).
 */
export function renderReport<Id extends string>(
  { report, metrics }: ReportRun<Id>,
  format: "table" | "json" | "csv" | "html",
  chalk: ChalkInstance,
  table: TableOptions = {},
  locale = "en-US",
): string {
  if (format === "json") return renderJson(report);
  if (format === "html") return renderReportHtml(report, metrics, ENGAGEMENT_METRICS, pageFormat(locale));
  if (format === "csv") return renderCsv(report, metrics, ENGAGEMENT_METRICS);
  return renderTable(report, metrics, chalk, { ...table, engagementMetrics: ENGAGEMENT_METRICS });
}

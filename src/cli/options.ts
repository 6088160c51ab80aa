/**
 * commander's loose option values — the flags over a config file's settings, with the defaults
 * (config.ts; the table of settings is settings.ts) — → the typed options a command accepts, in
 * two layers: the reading options every command that reads an export shares, and each command's
 * own on top. Usage errors (exit 2) are raised here, before any input is read — all but one that
 * only the data can show: --every windows reaching back before 1900 from the latest order's day
 * (commands/report.ts).
 */

import { resolve } from "node:path";
import type { ClvOptions } from "../commands/clv.js";
import type { CohortsOptions } from "../commands/cohorts.js";
import type { DashboardOptions } from "../commands/dashboard.js";
import { parseCondition } from "../commands/fail-if.js";
import type { InspectOptions } from "../commands/inspect.js";
import type { OrderReadingOptions, ShopReadingOptions } from "../commands/read-shop.js";
import type { ReportOptions } from "../commands/report.js";
import type { RfmOptions } from "../commands/rfm.js";
import { type BusinessHours, parseBusinessHours } from "../core/business-hours.js";
import { type ClvModelName, parseSpan, type TimeUnit } from "../core/clv.js";
import type { CohortMetric } from "../core/cohort.js";
import { AppError, usageError } from "../core/errors.js";
import { ORDER_STATUSES, type OrderStatus } from "../core/order.js";
import type { CohortPeriod } from "../core/period.js";
import { quoted } from "../core/printable.js";
import type { RevenueBasis } from "../core/revenue-basis.js";
import { builtInGrid, parseGrid, type RfmGridName, type RfmScale, type SegmentGrid } from "../core/rfm.js";
import type { CesDirection, SurveyDedupe } from "../core/survey.js";
import { type Period, parseAsOf, parseWindowSpec, type WindowSpec } from "../core/window.js";
import { isValidTimeZone, Zone } from "../core/zone.js";
import { isEncodingLabel, WHITESPACE } from "../io/csv/dialect.js";
import { CUSTOMER_FIELDS, type CustomerField } from "../io/platforms/customer-platforms.js";
import { ORDER_FIELDS } from "../io/platforms/index.js";
import { REVIEW_FIELDS } from "../io/platforms/review-platforms.js";
import { SURVEY_FIELDS, type SurveyField } from "../io/platforms/survey-platforms.js";
import { TICKET_FIELDS } from "../io/platforms/ticket-platforms.js";
import { TRAFFIC_FIELDS } from "../io/platforms/traffic-platforms.js";
import { ATTRIBUTION_FIELDS } from "../io/surveys/attribution-reader.js";
import { METRICS } from "../metrics/index.js";
import { localeFrom } from "../report/html/format.js";
import type { Env } from "./color.js";
import { chooseZone } from "./zone-choice.js";

/**
 * The reading settings as commander (or a config file) gives them, by commander's names for the
 * flags (`statusMap` for --status-map). Repeatable flags are absent when not given.
 */
export interface RawReading {
  out?: string;
  locale?: string;
  platform?: string;
  map?: string[];
  statusMap?: string[];
  currency?: string;
  tz?: string;
  encoding?: string;
  delimiter?: string;
  decimal?: string;
  dateFormat?: string;
  customersMap?: string[];
  surveyMap?: string[];
  surveyPlatform?: string;
  csatScale?: string;
  cesScale?: string;
  cesDirection?: string;
  reviewsMap?: string[];
  reviewsPlatform?: string;
  attributionMap?: string[];
  attributionPlatform?: string;
  ticketsMap?: string[];
  ticketsPlatform?: string;
  /** --business-hours. */
  businessHours?: boolean;
  /** The config's businessHours schedule, as JSON text (config.ts). */
  businessHoursSchedule?: string;
  trafficMap?: string[];
  trafficPlatform?: string;
  strict?: boolean;
  verbose?: boolean;
  config?: string;
  /** Where `tz` came from, when it was given: the flag (the default) or the config file. */
  tzFrom?: "flag" | "config";
}

/** `window`, `format`, `margin` and `revenue` always have a value: their defaults are applied with the config (config.ts). */
export interface RawReportOptions extends RawReading {
  orders?: string;
  customers?: string;
  survey?: string[];
  reviews?: string[];
  attribution?: string[];
  tickets?: string[];
  traffic?: string[];
  frtTarget?: string;
  sessions?: string;
  webOrdersOnly?: boolean;
  sourceMap?: string[];
  surveyDedupe?: string;
  minResponses?: string;
  window: string;
  asOf?: string;
  format: string;
  margin: string;
  revenue: string;
  compare?: string;
  every?: string;
  periods?: string;
  failIf?: string[];
  progress: boolean;
  quiet?: boolean;
}

/** `cohorts`' and `rfm`'s options as commander gives them: the reading settings, the orders file, and each one's own. */
export interface RawAnalysisOptions extends RawReading {
  orders?: string;
  customers?: string;
  window?: string;
  asOf?: string;
  format: string;
  revenue: string;
  progress: boolean;
  quiet?: boolean;
  /** A config's report settings, checked as report checks them. */
  margin?: string;
  compare?: string;
  every?: string;
  /** --scale (rfm), or a config's; and a config's rfmSegments (JSON text), checked by every command. */
  scale?: string;
  rfmSegments?: string;
}

export interface RawCohortsOptions extends RawAnalysisOptions {
  period: string;
  periods?: string;
  metric: string;
}

export interface RawRfmOptions extends RawAnalysisOptions {
  segments?: string;
  customersOut?: string;
}

export interface RawClvOptions extends RawAnalysisOptions {
  model: string;
  timeUnit: string;
  horizon: string;
  holdout?: string;
  discount: string;
  penalizer: string;
  segments?: string;
  customersOut?: string;
}

/** A config's report settings reach inspect too, to be checked as report checks them. */
export interface RawInspectOptions extends RawReading, Partial<Omit<RawReportOptions, keyof RawReading | "format">> {
  file: string;
  format: string;
}

/** What to read and how to print it: decided by the CLI, not the command. */
export interface Printing<F extends string> {
  readonly format: F;
  /** --no-progress turns the progress line off. */
  readonly progress: boolean;
  /** --verbose: how each file is read, on stderr. */
  readonly verbose: boolean;
}

/** Where the output goes (--out: a file, written whole or not at all) and the locale of an HTML page's numbers. */
export interface Output {
  readonly out?: string;
  /** --locale, else LANG's, else en-US. */
  readonly locale: string;
}

export type OutputFormat = "table" | "json" | "csv" | "html";

/** The files report (and the dashboard) read. */
export interface InputFiles {
  /** None when only survey files are read. */
  readonly ordersFile?: string;
  readonly customersFile?: string;
  readonly surveyFiles: readonly string[];
  readonly reviewFiles: readonly string[];
  readonly attributionFiles: readonly string[];
  readonly ticketFiles: readonly string[];
  readonly trafficFiles: readonly string[];
}

export interface ReportCli extends Printing<OutputFormat>, Output, InputFiles {
  /** --quiet: no warnings on stderr (they stay in the JSON). */
  readonly quiet: boolean;
  readonly options: Omit<ReportOptions, "now" | "onProgress" | "onProblem">;
}

export interface AnalysisCli<O> extends Printing<OutputFormat>, Output {
  readonly quiet: boolean;
  readonly ordersFile: string;
  readonly customersFile?: string;
  readonly options: Omit<O, "now" | "onProgress" | "onProblem">;
}

export interface CohortsCli extends AnalysisCli<CohortsOptions> {
  readonly metric: CohortMetric;
}

export interface RfmCli extends AnalysisCli<RfmOptions> {
  /** --customers-out: the file (or - for stdout). */
  readonly customersOut?: string;
}

export interface ClvCli extends AnalysisCli<ClvOptions> {
  readonly customersOut?: string;
}

export interface DashboardCli extends Output, InputFiles {
  readonly progress: boolean;
  readonly verbose: boolean;
  readonly quiet: boolean;
  readonly ordersFile: string;
  readonly options: Omit<DashboardOptions, "now" | "onProgress" | "onProblem">;
}

export type RawDashboardOptions = RawReportOptions & { rfmSegments?: string };

/** report's reading and settings, without its output choices; rfm's grid from the config, else the default. */
export function parseDashboardOptions(raw: RawDashboardOptions, env: Env, now: number): DashboardCli {
  if (raw.orders === undefined) throw usageError("dashboard reads an orders export: name it with --orders FILE");
  if (raw.orders === "-") throw usageError("dashboard reads --orders from a file, not stdin");
  const { format: _format, options, ...cli } = parseReportOptions({ ...raw, format: "html" }, env, now);
  const { compare: _compare, every: _every, failIf: _failIf, ...rest } = options;
  const { grid } = parseSegments({ ...raw, format: "html", revenue: raw.revenue ?? "total" } as RawAnalysisOptions);
  return { ...cli, ordersFile: raw.orders, options: { ...rest, grid } };
}

export interface InspectCli extends Printing<"table" | "json"> {
  readonly file: string;
  readonly options: Omit<InspectOptions, "onProgress" | "onProblem">;
}

export function parseReportOptions(raw: RawReportOptions, env: Env, now: number): ReportCli {
  const surveyFiles = raw.survey ?? [];
  const reviewFiles = raw.reviews ?? [];
  const attributionFiles = raw.attribution ?? [];
  const ticketFiles = raw.tickets ?? [];
  const trafficFiles = raw.traffic ?? [];
  if (raw.orders === undefined && attributionFiles.length > 0)
    throw usageError("--attribution needs --orders: its answers are joined to the orders");
  for (const [flag, given] of [
    ["--traffic", trafficFiles.length > 0],
    ["--sessions", raw.sessions !== undefined],
    ["--web-orders-only", raw.webOrdersOnly === true],
  ] as const) {
    if (given && raw.orders === undefined) throw usageError(`${flag} needs --orders: the conversion rate is the orders over the sessions`);
  }
  if (raw.sessions !== undefined && trafficFiles.length > 0)
    throw usageError("--sessions and --traffic both give the sessions: pass one (--sessions is the window's total, --traffic the days')");
  if (raw.webOrdersOnly === true && raw.sessions === undefined && trafficFiles.length === 0)
    throw usageError("--web-orders-only is for the conversion rate: it needs --traffic FILE or --sessions N");
  if (raw.orders === undefined && surveyFiles.length === 0 && reviewFiles.length === 0 && ticketFiles.length === 0) {
    throw usageError(
      "name the orders export with --orders FILE (or - for stdin), or survey, review or ticket exports with --survey FILE, --reviews FILE, --tickets FILE",
    );
  }
  if (raw.orders !== undefined) fileNamed("--orders", raw.orders, "the orders export, or - for stdin");
  for (const [flag, files] of [
    ["--survey", surveyFiles],
    ["--reviews", reviewFiles],
    ["--attribution", attributionFiles],
    ["--tickets", ticketFiles],
    ["--traffic", trafficFiles],
  ] as const) {
    for (const file of files) {
      fileNamed(flag, file, `an export for ${flag}`);
      if (file === "-") throw usageError(`${flag} must name a file (stdin is for --orders -)`);
    }
  }
  if (raw.orders === undefined && raw.customers !== undefined) throw usageError("--customers needs --orders: it is joined to the orders");
  const reading = parseShopReading(raw, env);
  const { window = parseWindowSpec("365d")!, margin = 1, every } = parseReportSettings(raw);
  parseSegments(raw as RawAnalysisOptions);
  const asOf = parseAsOf(raw.asOf, reading.zone, now);
  if (!asOf) throw usageError(`invalid --as-of ${quoted(raw.asOf ?? "")}: expected YYYY-MM-DD or today`);
  if (window.kind === "range" && raw.asOf !== undefined) {
    throw usageError("--as-of cannot be combined with a --window date range: the range's last day is the as-of date");
  }
  let minResponses: number | null = null;
  if (raw.minResponses !== undefined) {
    minResponses = /^[0-9]+$/.test(String(raw.minResponses).trim()) ? Number(raw.minResponses) : Number.NaN;
    if (!Number.isInteger(minResponses) || minResponses < 1) {
      throw usageError(`invalid --min-responses ${quoted(String(raw.minResponses))}: expected a whole number of responses, 1 or more`);
    }
  }
  const frtTarget = raw.frtTarget === undefined ? 24 : Number(raw.frtTarget);
  if (raw.frtTarget !== undefined && (!/^\s*(\d+(\.\d*)?|\.\d+)\s*$/.test(String(raw.frtTarget)) || frtTarget <= 0)) {
    throw usageError(`invalid --frt-target ${quoted(String(raw.frtTarget))}: expected hours above 0 (e.g. 24, or 0.5 for 30 minutes)`);
  }
  let sessions: number | undefined;
  if (raw.sessions !== undefined) {
    sessions = /^\s*[0-9]+\s*$/.test(String(raw.sessions)) ? Number(raw.sessions) : Number.NaN;
    if (!Number.isSafeInteger(sessions) || sessions < 1)
      throw usageError(`invalid --sessions ${quoted(String(raw.sessions))}: expected the window's sessions, a whole number, 1 or more`);
  }
  return {
    ...(raw.orders === undefined ? {} : { ordersFile: raw.orders }),
    ...(raw.customers === undefined ? {} : { customersFile: raw.customers }),
    surveyFiles,
    reviewFiles,
    attributionFiles,
    ticketFiles,
    trafficFiles,
    format: outputFormat(raw.format),
    ...parseOutput(raw, env),
    progress: raw.progress,
    verbose: raw.verbose === true,
    quiet: raw.quiet === true,
    options: {
      ...reading,
      window,
      asOf,
      margin,
      compare: raw.compare === "previous",
      every,
      revenue: (raw.revenue === "net-sales" ? "net-sales" : "total") satisfies RevenueBasis,
      sourceMap: parseSourceMap(raw.sourceMap ?? []),
      frtTargetHours: frtTarget,
      ...(sessions === undefined ? {} : { sessions }),
      webOrdersOnly: raw.webOrdersOnly === true,
      surveyOptions: { dedupe: (raw.surveyDedupe === "latest" ? "latest" : "none") satisfies SurveyDedupe, minResponses },
      failIf: (raw.failIf ?? []).map((text) => echoingLess(text, () => parseCondition(text, METRICS))),
    },
  };
}

/**
 * The report's own settings that a config may hold, checked: for report, and for inspect, which
 * checks a config's as report would (it has none of these flags), so that one config is valid or
 * not for every command. A setting not given is undefined. Choices (--every, --compare, --format,
 * --revenue) were checked by commander or when the config was read.
 */
function parseReportSettings(raw: Partial<RawReportOptions>): {
  window?: WindowSpec;
  margin?: number;
  every: ReportOptions["every"];
} {
  if (raw.customers !== undefined) {
    fileNamed("--customers", raw.customers, "the customers export");
    if (raw.customers === "-") throw usageError("--customers must name a file (stdin is for --orders -)");
  }
  const window = raw.window === undefined ? undefined : parseWindowSpec(raw.window);
  if (window === null) {
    throw usageError(
      `invalid --window ${quoted(raw.window ?? "")}: expected Nd, Nm, Ny, all, or YYYY-MM-DD..YYYY-MM-DD (e.g. 365d, 3m, 1y)`,
    );
  }
  const margin = raw.margin === undefined ? undefined : Number(raw.margin);
  if (raw.margin !== undefined && (!/^\s*(\d+(\.\d*)?|\.\d+)\s*$/.test(raw.margin) || margin! <= 0 || margin! > 1)) {
    throw usageError(
      `invalid --margin ${quoted(raw.margin)}: expected the share of revenue that is profit, above 0 and at most 1 (e.g. 0.3)`,
    );
  }
  if (raw.periods !== undefined && raw.every === undefined) throw usageError("--periods needs --every (day, week, month, quarter or year)");
  let every: ReportOptions["every"] = null;
  if (raw.every !== undefined) {
    if (window?.kind === "range") throw usageError("--every needs a window length (Nd, Nm, Ny or all), not a date range");
    // Decimal digits only: Number() would also take 0x10, 1e3, " 5", +5 and 5.0.
    const periods = raw.periods === undefined ? 12 : /^[0-9]+$/.test(raw.periods) ? Number(raw.periods) : Number.NaN;
    if (!Number.isInteger(periods) || periods < 1 || periods > 1000) {
      throw usageError(`invalid --periods ${quoted(raw.periods ?? "")}: expected a whole number from 1 to 1000`);
    }
    every = { period: raw.every as Period, periods };
  }
  return { ...(window === undefined ? {} : { window }), ...(margin === undefined ? {} : { margin }), every };
}

function outputFormat(format: string): OutputFormat {
  return format === "json" || format === "csv" || format === "html" ? format : "table";
}

/** --out and --locale (LANG when not given). */
function parseOutput(raw: RawReading, env: Env): Output {
  if (raw.out !== undefined) {
    fileNamed("--out", raw.out, "the file to write the output to");
    if (raw.out === "-") throw usageError("--out names a file; without --out the output goes to stdout");
  }
  let locale = localeFrom(env.LC_ALL || env.LC_NUMERIC || env.LANG);
  if (raw.locale !== undefined) {
    let tags: string[] = [];
    try {
      tags = /^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/.test(raw.locale) ? Intl.getCanonicalLocales(raw.locale.replace(/_/g, "-")) : [];
    } catch {
      tags = [];
    }
    if (tags.length === 0)
      throw usageError(`invalid --locale ${quoted(raw.locale)}: expected a language tag such as cs-CZ, sk-SK, hu-HU or en-GB`);
    locale = tags[0]!;
  }
  return { ...(raw.out === undefined ? {} : { out: raw.out }), locale };
}

/** What cohorts and rfm share: the orders (and customers) files, the reading settings, --window, --as-of. */
function parseAnalysis(raw: RawAnalysisOptions, env: Env, now: number, command: "cohorts" | "rfm" | "clv") {
  if (raw.orders === undefined) throw usageError(`${command} reads an orders export: name it with --orders FILE (or - for stdin)`);
  fileNamed("--orders", raw.orders, "the orders export, or - for stdin");
  // The config's report settings are checked as report checks them (its window and periods are the report's own).
  parseReportSettings({ ...raw, window: undefined, periods: undefined } as Partial<RawReportOptions>);
  const reading = parseShopReading(raw, env);
  const window = raw.window === undefined ? null : parseWindowSpec(raw.window);
  if (window === null && raw.window !== undefined)
    throw usageError(`invalid --window ${quoted(raw.window)}: expected Nd, Nm, Ny, all, or YYYY-MM-DD..YYYY-MM-DD (e.g. 90d, 6m, 1y)`);
  const asOf = parseAsOf(raw.asOf, reading.zone, now);
  if (!asOf) throw usageError(`invalid --as-of ${quoted(raw.asOf ?? "")}: expected YYYY-MM-DD or today`);
  return {
    ordersFile: raw.orders,
    ...(raw.customers === undefined ? {} : { customersFile: raw.customers }),
    format: outputFormat(raw.format),
    ...parseOutput(raw, env),
    progress: raw.progress,
    verbose: raw.verbose === true,
    quiet: raw.quiet === true,
    reading: { ...reading, window, asOf, revenue: (raw.revenue === "net-sales" ? "net-sales" : "total") satisfies RevenueBasis },
  } as const;
}

export function parseCohortsOptions(raw: RawCohortsOptions, env: Env, now: number): CohortsCli {
  const { reading, ...cli } = parseAnalysis(raw, env, now, "cohorts");
  parseSegments(raw);
  let periods: number | undefined;
  if (raw.periods !== undefined) {
    periods = /^[0-9]+$/.test(raw.periods) ? Number(raw.periods) : Number.NaN;
    if (!Number.isInteger(periods) || periods < 1 || periods > 1000)
      throw usageError(`invalid --periods ${quoted(raw.periods)}: expected how many cohorts to show, a whole number from 1 to 1000`);
  }
  return {
    ...cli,
    metric: raw.metric as CohortMetric,
    options: { ...reading, period: raw.period as CohortPeriod, ...(periods === undefined ? {} : { periods }) },
  };
}

/** --customers-out FILE, or - for stdout when the summary is not also going there (a table, or --out); never --out's file. */
function checkCustomersOut(customersOut: string | undefined, cli: { readonly format: string; readonly out?: string }): void {
  if (customersOut === undefined) return;
  fileNamed("--customers-out", customersOut, "the file to write the customers to, or - for stdout");
  if (cli.out !== undefined && resolve(customersOut) === resolve(cli.out))
    throw usageError(`--customers-out and --out both name ${customersOut}: the list and the summary need a file each`);
  if (customersOut === "-" && cli.format !== "table" && cli.out === undefined)
    throw usageError(
      `--customers-out - writes the list to stdout, where --format ${cli.format} writes the summary: write the list to a file, or the summary with --out`,
    );
}

export function parseRfmOptions(raw: RawRfmOptions, env: Env, now: number): RfmCli {
  const { reading, ...cli } = parseAnalysis(raw, env, now, "rfm");
  checkCustomersOut(raw.customersOut, cli);
  const { scale, grid } = parseSegments(raw);
  return {
    ...cli,
    ...(raw.customersOut === undefined ? {} : { customersOut: raw.customersOut }),
    options: { ...reading, scale, grid, customersList: raw.customersOut !== undefined },
  };
}

export function parseClvOptions(raw: RawClvOptions, env: Env, now: number): ClvCli {
  const { reading, ...cli } = parseAnalysis({ ...raw, window: undefined }, env, now, "clv");
  const { window: _window, ...options } = reading;
  checkCustomersOut(raw.customersOut, cli);
  const horizon = parseSpan(raw.horizon);
  if (horizon === null)
    throw usageError(`invalid --horizon ${quoted(raw.horizon)}: expected Nm (months), Nw (weeks) or Nd (days), e.g. 12m`);
  const holdout = raw.holdout === undefined ? null : parseSpan(raw.holdout);
  if (holdout === null && raw.holdout !== undefined)
    throw usageError(`invalid --holdout ${quoted(raw.holdout)}: expected Nw (weeks), Nm (months) or Nd (days), e.g. 39w`);
  const discount = Number(raw.discount);
  if (!/^\s*(\d+(\.\d*)?|\.\d+)\s*$/.test(String(raw.discount)) || discount >= 1)
    throw usageError(`invalid --discount ${quoted(String(raw.discount))}: expected a monthly rate from 0 to below 1 (0.01 = 1 % a month)`);
  const penalizer = Number(raw.penalizer);
  if (!/^\s*(\d+(\.\d*)?|\.\d+)\s*$/.test(String(raw.penalizer)))
    throw usageError(`invalid --penalizer ${quoted(String(raw.penalizer))}: expected a coefficient of 0 or more (0.001, 0.1)`);
  const { margin = 1 } = parseReportSettings({ margin: raw.margin } as Partial<RawReportOptions>);
  // The customers' RFM segment is the one `shopmetrics rfm` gives them: its scale and grid, from the config or the defaults.
  const { grid } = parseSegments(raw);
  return {
    ...cli,
    ...(raw.customersOut === undefined ? {} : { customersOut: raw.customersOut }),
    options: {
      ...options,
      model: raw.model as ClvModelName,
      timeUnit: raw.timeUnit as TimeUnit,
      horizon,
      holdout,
      discount,
      margin,
      penalizer,
      grid,
    },
  };
}

/**
 * --scale and --segments, with a config's rfmSegments checked against the scale: for rfm, and for
 * every other command, so that a config is valid or not for all of them.
 */
function parseSegments(raw: RawAnalysisOptions & { segments?: string }): { scale: RfmScale; grid: SegmentGrid } {
  const scale = (raw.scale === undefined ? 5 : Number(raw.scale)) as RfmScale;
  let own: SegmentGrid | null = null;
  if (raw.rfmSegments !== undefined) {
    const parsed = parseGrid(JSON.parse(raw.rfmSegments), scale);
    if (typeof parsed === "string") throw usageError(`the config's rfmSegments ${parsed}`);
    own = parsed;
  }
  const name = (raw.segments ?? (own === null ? "default" : "config")) as RfmGridName;
  if (name === "config") {
    if (own === null)
      throw usageError('--segments config needs an "rfmSegments" grid in the config file (docs/metrics.md, "RFM segments")');
    return { scale, grid: own };
  }
  const grid = builtInGrid(name, scale);
  if (typeof grid === "string") throw usageError(grid);
  return { scale, grid };
}

export function parseInspectOptions(raw: RawInspectOptions, env: Env): InspectCli {
  fileNamed("inspect's <file>", raw.file, "the export to inspect, or - for stdin");
  // inspect reads no customers file and makes no report, but a config's customers-map and report
  // settings are checked as report checks them, so that one config is valid or not for every command.
  parseCustomerMaps(raw);
  parseReportSettings(raw);
  parseSegments(raw as RawAnalysisOptions);
  return {
    file: raw.file,
    format: raw.format === "json" ? "json" : "table",
    progress: true,
    verbose: raw.verbose === true,
    options: parseInspectReading(raw, env),
  };
}

/** inspect reads one file of any kind, so every kind's reading options. */
function parseInspectReading(raw: RawInspectOptions, env: Env): InspectCli["options"] {
  const orders = parseOrderReading(raw, env);
  return {
    ...orders,
    surveys: parseSurveyReading(raw),
    reviews: parseReviewReading(raw),
    attributionReading: parseAttributionReading(raw),
    tickets: parseTicketReading(raw, orders.zone),
    traffic: parseTrafficReading(raw),
  };
}

/** An empty file name would be read as the working directory: say which flag is empty instead. */
function fileNamed(flag: string, file: string, what: string): void {
  if (file === "") throw usageError(`${flag} is empty: name ${what}`);
}

/**
 * Runs `parse`; a usage error that echoes all of a long `value` echoes its first characters
 * instead (quoted()), for messages written where the value is not at hand to cut.
 */
function echoingLess<T>(value: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    const whole = JSON.stringify(value);
    if (!(error instanceof AppError) || !error.message.includes(whole)) throw error;
    throw new AppError(error.code, error.message.replaceAll(whole, quoted(value)), error.location);
  }
}

function parseShopReading(raw: RawReading, env: Env): Omit<ShopReadingOptions, "onProgress" | "onProblem"> {
  const orders = parseOrderReading(raw, env);
  return {
    ...orders,
    customerMaps: parseCustomerMaps(raw),
    surveys: parseSurveyReading(raw),
    reviews: parseReviewReading(raw),
    attributionReading: parseAttributionReading(raw),
    tickets: parseTicketReading(raw, orders.zone),
    traffic: parseTrafficReading(raw),
  };
}

/** --tickets-map, --tickets-platform, --business-hours and the config's schedule (checked here, in its zone: its own, else the report's). */
function parseTicketReading(raw: RawReading, zone: Zone): NonNullable<ShopReadingOptions["tickets"]> {
  let schedule: BusinessHours | null = null;
  if (raw.businessHoursSchedule !== undefined) {
    const parsed = parseBusinessHours(JSON.parse(raw.businessHoursSchedule), (name) => {
      if (name === undefined) return zone;
      return isValidTimeZone(name) ? new Zone(name) : `"timezone" ${quoted(name)} is no IANA time zone (e.g. Europe/Prague)`;
    });
    if (typeof parsed === "string") throw usageError(`the config's businessHours ${parsed}`);
    schedule = parsed;
  }
  return {
    maps: parseMaps(raw.ticketsMap ?? [], TICKET_FIELDS, "--tickets-map", "first_response=First answer"),
    ...(raw.ticketsPlatform === undefined ? {} : { platform: raw.ticketsPlatform }),
    basis: raw.businessHours === true ? "business" : "calendar",
    schedule,
  };
}

/** --traffic-map, --traffic-platform. */
function parseTrafficReading(raw: RawReading): NonNullable<ShopReadingOptions["traffic"]> {
  return {
    maps: parseMaps(raw.trafficMap ?? [], TRAFFIC_FIELDS, "--traffic-map", "sessions=Návštěvy"),
    ...(raw.trafficPlatform === undefined ? {} : { platform: raw.trafficPlatform }),
  };
}

/** --attribution-map, --attribution-platform. */
function parseAttributionReading(raw: RawReading): NonNullable<ShopReadingOptions["attributionReading"]> {
  return {
    maps: parseMaps(raw.attributionMap ?? [], ATTRIBUTION_FIELDS, "--attribution-map", "answer=Odpověď"),
    ...(raw.attributionPlatform === undefined ? {} : { platform: raw.attributionPlatform }),
  };
}

/** --source-map TEXT=CHANNEL: a word of a source's text (any case) → the channel its orders count in. */
function parseSourceMap(entries: readonly string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const entry of entries) {
    const at = entry.lastIndexOf("=");
    const text = entry.slice(0, Math.max(at, 0)).trim();
    const channel = entry.slice(at + 1).trim();
    if (at < 1 || text === "" || channel === "") {
      throw usageError(`invalid --source-map ${quoted(entry)}: expected 'TEXT=CHANNEL', e.g. 'anna10=referral'`);
    }
    map.set(text.toLowerCase(), channel);
  }
  return map;
}

/** --reviews-map, --reviews-platform. */
function parseReviewReading(raw: RawReading): NonNullable<ShopReadingOptions["reviews"]> {
  return {
    maps: parseMaps(raw.reviewsMap ?? [], REVIEW_FIELDS, "--reviews-map", "rating=Stars"),
    ...(raw.reviewsPlatform === undefined ? {} : { platform: raw.reviewsPlatform }),
  };
}

/** --survey-map, --survey-platform, --csat-scale, --ces-scale, --ces-direction (choices checked by commander or config.ts). */
function parseSurveyReading(raw: RawReading): NonNullable<ShopReadingOptions["surveys"]> {
  const scales: { csat?: number; ces?: number } = {};
  if (raw.csatScale !== undefined) scales.csat = Number(raw.csatScale);
  if (raw.cesScale !== undefined) scales.ces = Number(raw.cesScale);
  return {
    maps: parseSurveyMaps(raw.surveyMap ?? []),
    ...(raw.surveyPlatform === undefined ? {} : { platform: raw.surveyPlatform }),
    scales,
    ...(raw.cesDirection === undefined ? {} : { cesDirection: raw.cesDirection as CesDirection }),
  };
}

/** --survey-map: a FIELD=Column, or a question kind = its column's header (quotes around it are taken off). */
function parseSurveyMaps(entries: readonly string[]): Map<SurveyField, string> {
  const maps = parseMaps(entries, SURVEY_FIELDS, "--survey-map", 'nps="How likely are you to recommend us?"');
  for (const [field, column] of maps) {
    const unquoted = /^(["'])(.*)\1$/s.exec(column);
    if (unquoted) maps.set(field, unquoted[2]!.trim());
  }
  return maps;
}

function parseCustomerMaps(raw: RawReading): Map<CustomerField, string> {
  return parseMaps(raw.customersMap ?? [], CUSTOMER_FIELDS, "--customers-map", "email=customer_unique_id");
}

function parseOrderReading(raw: RawReading, env: Env): Omit<OrderReadingOptions, "onProgress" | "onProblem"> {
  const { zone, source: zoneSource, warning: zoneWarning } = chooseZone(raw.tz, raw.tzFrom ?? "flag", env);
  let currency: string | null = null;
  if (raw.currency !== undefined) {
    if (!/^[A-Za-z]{3}$/.test(raw.currency.trim()))
      throw usageError(`invalid --currency ${quoted(raw.currency)}: expected a 3-letter ISO 4217 code such as EUR`);
    currency = raw.currency.trim().toUpperCase();
  }
  if (raw.encoding !== undefined && !isEncodingLabel(raw.encoding)) {
    throw usageError(`invalid --encoding ${quoted(raw.encoding)}: expected an encoding label such as utf-8, windows-1250 or iso-8859-2`);
  }
  const named = raw.delimiter?.toLowerCase();
  const delimiter =
    raw.delimiter === undefined
      ? undefined
      : named === "tab" || raw.delimiter === "\\t"
        ? "\t"
        : named === WHITESPACE
          ? WHITESPACE
          : raw.delimiter;
  // A quote or a line break can't separate fields: CSV gives them their own meanings. One UTF-16
  // code unit: a character beyond the Basic Multilingual Plane (an emoji) is none we cut on.
  if (delimiter !== undefined && delimiter !== WHITESPACE && (delimiter.length !== 1 || /["\r\n]/.test(delimiter))) {
    throw usageError(
      `invalid --delimiter ${quoted(raw.delimiter ?? "")}: expected one character such as , ; | or the word tab or whitespace, not a quote or a line break`,
    );
  }
  // Choices (--decimal, --date-format, --platform) are checked by commander on the command line,
  // and when a config file is read (config.ts).
  return {
    ...(raw.decimal === undefined ? {} : { decimal: raw.decimal as "." | "," }),
    ...(raw.dateFormat === undefined ? {} : { dateOrder: raw.dateFormat as "dmy" | "mdy" }),
    ...(raw.encoding === undefined ? {} : { encoding: raw.encoding }),
    ...(delimiter === undefined ? {} : { delimiter }),
    ...(raw.platform === undefined ? {} : { platform: raw.platform }),
    maps: parseMaps(raw.map ?? [], ORDER_FIELDS, "--map", "created_at=InvoiceDate"),
    statusMap: parseStatusMap(raw.statusMap ?? []),
    currency,
    zone,
    zoneSource,
    ...(zoneWarning === undefined ? {} : { zoneWarning }),
    strict: raw.strict === true,
  };
}

function parseStatusMap(entries: readonly string[]): Map<string, OrderStatus> {
  const map = new Map<string, OrderStatus>();
  for (const entry of entries) {
    const at = entry.lastIndexOf("=");
    const text = entry.slice(0, Math.max(at, 0)).trim();
    const status = entry
      .slice(at + 1)
      .trim()
      .toLowerCase();
    if (at < 1 || text === "" || !(ORDER_STATUSES as readonly string[]).includes(status)) {
      throw usageError(
        `invalid --status-map ${quoted(entry)}: expected 'Shop status=one of ${ORDER_STATUSES.join(", ")}', e.g. 'Čeká na platbu=pending-payment'`,
      );
    }
    map.set(text.toLowerCase(), status as OrderStatus);
  }
  return map;
}

/** FIELD=Column entries of --map (order fields) or --customers-map (customer fields). */
function parseMaps<F extends string>(entries: readonly string[], fields: readonly F[], flag: string, example: string): Map<F, string> {
  const maps = new Map<F, string>();
  for (const entry of entries) {
    const at = entry.indexOf("=");
    const field = (at < 0 ? entry : entry.slice(0, at)).trim().toLowerCase();
    const column = at < 0 ? "" : entry.slice(at + 1).trim();
    if (at < 0 || column === "") throw usageError(`invalid ${flag} ${quoted(entry)}: expected FIELD=Column, e.g. ${flag} ${example}`);
    if (!(fields as readonly string[]).includes(field)) {
      throw usageError(`invalid ${flag} ${quoted(entry)}: unknown field ${quoted(field)}; fields are ${fields.join(", ")}`);
    }
    maps.set(field as F, column);
  }
  return maps;
}

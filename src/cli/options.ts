/**
 * commander's loose option values → the typed options a command accepts, in two layers: the
 * reading options every command that reads an export shares (READING_SETTINGS, which are also the
 * config file's keys), and each command's own on top. Usage errors (exit 2) are raised here,
 * before any input is read — all but one that only the data can show: --every windows reaching
 * back before 1900 from the latest order's day (commands/report.ts).
 */
import { parseCondition } from "../commands/fail-if.js";
import type { OrderReadingOptions, ShopReadingOptions } from "../commands/read-shop.js";
import type { ReportOptions } from "../commands/report.js";
import { AppError, usageError } from "../core/errors.js";
import { ORDER_STATUSES, type OrderStatus } from "../core/order.js";
import { quoted } from "../core/printable.js";
import { type Period, parseAsOf, parseWindowSpec } from "../core/window.js";
import { isEncodingLabel } from "../io/csv/dialect.js";
import { CUSTOMER_FIELDS, type CustomerField } from "../io/platforms/customer-platforms.js";
import { ORDER_FIELDS, PLATFORM_NAMES } from "../io/platforms/index.js";
import { METRICS } from "../metrics/index.js";
import type { Env } from "./color.js";
import { chooseZone } from "./zone-choice.js";

/**
 * How to read a shop's exports: each of these is a flag (`--status-map` for statusMap, as
 * commander names it) and the same key in a config file. "entries" settings are repeatable
 * `A=B` flags, and objects of strings in a config file.
 */
export const READING_SETTINGS = {
  platform: "string",
  map: "entries",
  statusMap: "entries",
  currency: "string",
  tz: "string",
  encoding: "string",
  delimiter: "string",
  decimal: "string",
  dateFormat: "string",
  customersMap: "entries",
} as const satisfies Record<string, "string" | "entries">;
export type ReadingSetting = keyof typeof READING_SETTINGS;

/** The flag of a setting: `statusMap` → `--status-map`. */
export const flagOf = (key: string): string => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** The reading settings as commander (or a config file) gives them. */
export type RawReading = {
  -readonly [K in ReadingSetting]?: (typeof READING_SETTINGS)[K] extends "entries" ? string[] : string;
} & {
  strict?: boolean;
  config?: string;
  /** Where `tz` came from, when it was given: the flag (the default) or the config file. */
  tzFrom?: "flag" | "config";
};

export interface RawReportOptions extends RawReading {
  orders: string;
  customers?: string;
  window: string;
  asOf?: string;
  format: string;
  margin: string;
  compare?: string;
  every?: string;
  periods?: string;
  failIf: string[];
  progress: boolean;
  quiet?: boolean;
}

export interface RawInspectOptions extends RawReading {
  file: string;
  format: string;
}

/** What to read and how to print it: decided by the CLI, not the command. */
export interface Printing<F extends string> {
  readonly format: F;
  /** --no-progress turns the progress line off. */
  readonly progress: boolean;
}

export interface ReportCli extends Printing<"table" | "json" | "csv"> {
  /** --quiet: no warnings on stderr (they stay in the JSON). */
  readonly quiet: boolean;
  readonly ordersFile: string;
  readonly customersFile?: string;
  readonly options: Omit<ReportOptions, "now" | "onProgress" | "onProblem">;
}

export interface InspectCli extends Printing<"table" | "json"> {
  readonly file: string;
  readonly options: Omit<OrderReadingOptions, "onProgress" | "onProblem">;
}

export function parseReportOptions(raw: RawReportOptions, env: Env, now: number): ReportCli {
  fileNamed("--orders", raw.orders, "the orders export, or - for stdin");
  if (raw.customers !== undefined) fileNamed("--customers", raw.customers, "the customers export");
  const reading = parseShopReading(raw, env);
  const window = parseWindowSpec(raw.window);
  if (!window) {
    throw usageError(`invalid --window ${quoted(raw.window)}: expected Nd, Nm, Ny, all, or YYYY-MM-DD..YYYY-MM-DD (e.g. 365d, 3m, 1y)`);
  }
  const asOf = parseAsOf(raw.asOf, reading.zone, now);
  if (!asOf) throw usageError(`invalid --as-of ${quoted(raw.asOf ?? "")}: expected YYYY-MM-DD or today`);
  if (window.kind === "range" && raw.asOf !== undefined) {
    throw usageError("--as-of cannot be combined with a --window date range: the range's last day is the as-of date");
  }
  const margin = Number(raw.margin);
  if (!/^\s*(\d+(\.\d*)?|\.\d+)\s*$/.test(raw.margin) || margin <= 0 || margin > 1) {
    throw usageError(
      `invalid --margin ${quoted(raw.margin)}: expected the share of revenue that is profit, above 0 and at most 1 (e.g. 0.3)`,
    );
  }
  if (raw.periods !== undefined && raw.every === undefined) throw usageError("--periods needs --every (day, week, month, quarter or year)");
  let every: ReportOptions["every"] = null;
  if (raw.every !== undefined) {
    if (window.kind === "range") throw usageError("--every needs a window length (Nd, Nm, Ny or all), not a date range");
    // Decimal digits only: Number() would also take 0x10, 1e3, " 5", +5 and 5.0.
    const periods = raw.periods === undefined ? 12 : /^[0-9]+$/.test(raw.periods) ? Number(raw.periods) : Number.NaN;
    if (!Number.isInteger(periods) || periods < 1 || periods > 1000) {
      throw usageError(`invalid --periods ${quoted(raw.periods ?? "")}: expected a whole number from 1 to 1000`);
    }
    every = { period: raw.every as Period, periods };
  }
  if (raw.customers === "-") throw usageError("--customers must name a file (stdin is for --orders -)");
  return {
    ordersFile: raw.orders,
    ...(raw.customers === undefined ? {} : { customersFile: raw.customers }),
    format: raw.format === "json" || raw.format === "csv" ? raw.format : "table",
    progress: raw.progress,
    quiet: raw.quiet === true,
    options: {
      ...reading,
      window,
      asOf,
      margin,
      compare: raw.compare === "previous",
      every,
      failIf: raw.failIf.map((text) => echoingLess(text, () => parseCondition(text, METRICS))),
    },
  };
}

export function parseInspectOptions(raw: RawInspectOptions, env: Env): InspectCli {
  fileNamed("inspect's <file>", raw.file, "the export to inspect, or - for stdin");
  // inspect reads no customers file, but a config's customersMap is checked as report checks it,
  // so that one config is valid or not for every command.
  parseCustomerMaps(raw);
  return { file: raw.file, format: raw.format === "json" ? "json" : "table", progress: true, options: parseOrderReading(raw, env) };
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
  return { ...parseOrderReading(raw, env), customerMaps: parseCustomerMaps(raw) };
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
  const delimiter =
    raw.delimiter === undefined ? undefined : raw.delimiter.toLowerCase() === "tab" || raw.delimiter === "\\t" ? "\t" : raw.delimiter;
  // A quote or a line break can't separate fields: CSV gives them their own meanings.
  if (delimiter !== undefined && ([...delimiter].length !== 1 || /["\r\n]/.test(delimiter))) {
    throw usageError(
      `invalid --delimiter ${quoted(raw.delimiter ?? "")}: expected one character such as , ; | or the word tab, not a quote or a line break`,
    );
  }
  // commander checks these choices on the command line; a config file's values are checked here.
  if (raw.decimal !== undefined && raw.decimal !== "." && raw.decimal !== ",")
    throw usageError(`invalid --decimal ${quoted(raw.decimal)}: expected . or ,`);
  if (raw.dateFormat !== undefined && raw.dateFormat !== "dmy" && raw.dateFormat !== "mdy") {
    throw usageError(`invalid --date-format ${quoted(raw.dateFormat)}: expected dmy or mdy`);
  }
  if (raw.platform !== undefined && !PLATFORM_NAMES.includes(raw.platform)) {
    throw usageError(`invalid --platform ${quoted(raw.platform)}: expected one of ${PLATFORM_NAMES.join(", ")}`);
  }
  return {
    ...(raw.decimal === undefined ? {} : { decimal: raw.decimal }),
    ...(raw.dateFormat === undefined ? {} : { dateOrder: raw.dateFormat }),
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

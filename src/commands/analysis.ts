/**
 * What `cohorts` and `rfm` share: the shop read as `report` reads it (orders, a customers file to
 * join), a timeline per currency, the as-of day and the window, and the header of their JSON
 * (inputs, data-quality ledger, warnings). The as-of day is --as-of, else a --window range's last
 * day, else the latest order's; a window ends on it (Nd, Nm) or is the range, which may then end
 * before an --as-of but not after it.
 */
import { type DayNumber, formatDay } from "../core/calendar.js";
import { usageError } from "../core/errors.js";
import { buildTimeline, type Timeline } from "../core/timeline.js";
import { type AsOfSpec, type ReportWindow, type WindowSpec, windowEndingOn } from "../core/window.js";
import { sortedCurrencies } from "../metrics/compute.js";
import type { AnalysisHeader } from "../report/model.js";
import {
  dataQuality,
  inputSummaries,
  readShop,
  type Shop,
  type ShopReadingOptions,
  type ShopSources,
  shopWarnings,
  zoneWarnings,
} from "./read-shop.js";

export interface AnalysisOptions extends ShopReadingOptions {
  /** --window; null: the whole history up to the as-of day. */
  readonly window: WindowSpec | null;
  readonly asOf: AsOfSpec;
  /** The clock (epoch ms), for --as-of today and a file without orders. */
  readonly now: number;
}

export interface Analysis {
  readonly shop: Shop;
  /** Counted orders per currency, in report order (by code, an unknown currency last). */
  readonly timelines: ReadonlyMap<string | null, Timeline>;
  readonly asOf: DayNumber;
  readonly window: ReportWindow | null;
  /** The JSON's header, but for the definitions (each command has its own). */
  readonly header: Omit<AnalysisHeader, "definitions">;
}

/** `what`: what the command shows, for the warning when no customer is identified ("cohorts", "segments"). */
export async function readForAnalysis(sources: ShopSources, options: AnalysisOptions, what: string): Promise<Analysis> {
  return analysisOf(await readShop(sources, options), options, what);
}

/** The analysis of a shop already read (the dashboard reads once for all of them). */
export function analysisOf(shop: Shop, options: AnalysisOptions, what: string): Analysis {
  const { zone } = options;
  const ledger = shop.orders!.ledger;
  const timelines = new Map<string | null, Timeline>();
  for (const currency of sortedCurrencies(ledger.groups))
    timelines.set(currency, buildTimeline(ledger.groups.get(currency)!, ledger.identity));
  const dataDays = Number.isNaN(ledger.firstAt) ? null : { first: zone.dayOf(ledger.firstAt), last: zone.dayOf(ledger.lastAt) };
  const spec = options.window;
  const asOf =
    options.asOf.kind === "day" ? options.asOf.day : spec?.kind === "range" ? spec.last : (dataDays?.last ?? zone.dayOf(options.now));
  if (spec?.kind === "range" && spec.last > asOf)
    throw usageError(
      `the --window range ends on ${formatDay(spec.last)}, after --as-of ${formatDay(asOf)}: nothing after the as-of day is read; end the range by then`,
    );
  const window =
    spec === null || spec.kind === "all" ? null : windowEndingOn(spec, spec.kind === "range" ? spec.last : asOf, zone, dataDays);

  const warnings = [...zoneWarnings(shop.orders!, options), ...shop.orders!.warnings, ...shopWarnings(shop)];
  const identified = [...timelines.values()].some((t) => t.customerId.length > 0);
  // The file can't tell customers apart (report's customer metrics are null, with this reason), or no order names one.
  const unidentifiable = shop.unavailable.identity;
  if (unidentifiable !== null) warnings.push(`${unidentifiable}: there are no ${what} to show`);
  else if (ledger.counted > 0 && !identified)
    warnings.push(`no counted order names its customer (an email or a customer id): there are no ${what} to show`);
  if (dataDays && asOf < dataDays.first)
    warnings.push(
      `the as-of day ${formatDay(asOf)} is before the data (${formatDay(dataDays.first)} … ${formatDay(dataDays.last)}): nothing to show`,
    );
  return {
    shop,
    timelines,
    asOf,
    window,
    header: {
      schemaVersion: 1,
      asOf: formatDay(asOf),
      timezone: zone.name,
      timezoneSource: options.zoneSource,
      window:
        window === null
          ? null
          : { spec: window.spec, from: zone.formatInstant(window.from), to: zone.formatInstant(window.to), days: window.days },
      revenue: options.revenue ?? "total",
      inputs: inputSummaries(shop),
      dataQuality: dataQuality(shop),
      warnings,
    },
  };
}

/**
 * A command's JSON document, its fields in one order for all of them: what and when (schema,
 * command, as-of, zone), the command's own settings, the window (where the command has one), what
 * was read, the figures, and the ledger, warnings and definitions.
 */
export function analysisDocument<D>(
  header: Analysis["header"],
  command: string,
  own: Readonly<Record<string, unknown>>,
  body: {
    readonly groups: readonly unknown[];
    readonly warnings: readonly string[];
    readonly definitions: Readonly<Record<string, string>>;
  },
  { window = true }: { readonly window?: boolean } = {},
): D {
  return {
    schemaVersion: header.schemaVersion,
    command,
    asOf: header.asOf,
    timezone: header.timezone,
    timezoneSource: header.timezoneSource,
    ...own,
    ...(window ? { window: header.window } : {}),
    revenue: header.revenue,
    inputs: header.inputs,
    groups: body.groups,
    dataQuality: header.dataQuality,
    warnings: body.warnings,
    definitions: body.definitions,
  } as D;
}

/**
 * `shopmetrics dashboard`: every analysis on one HTML page from one read of the files — the
 * report with the previous window and the last 12 month-end windows (cards, sparklines, trends),
 * the monthly cohorts (the latest 12), the RFM segments (the config's grid, else the default on
 * 1–5) and the predicted CLV (BG/NBD + Gamma-Gamma, 12 months, 1 % a month) with the same fit on
 * all but the last 26 weeks as its holdout check, each exactly as its own command with those
 * settings computes it. The page embeds the documents.
 */
import { parseDay } from "../core/calendar.js";
import type { Span } from "../core/clv.js";
import type { SegmentGrid } from "../core/rfm.js";
import { ENGAGEMENT_METRICS } from "../metrics/engagement/index.js";
import { METRICS } from "../metrics/index.js";
import { dashboardWarnings, renderDashboardHtml } from "../report/html/dashboard.js";
import { pageFormat } from "../report/html/format.js";
import type { ClvDocument, CohortsDocument, Report, RfmDocument } from "../report/model.js";
import { analysisOf } from "./analysis.js";
import { clvOf } from "./clv.js";
import { cohortsOf } from "./cohorts.js";
import { readShop, type ShopSources } from "./read-shop.js";
import { type ReportOptions, reportOn } from "./report.js";
import { rfmOf } from "./rfm.js";

export interface DashboardOptions extends Omit<ReportOptions, "compare" | "every" | "failIf"> {
  /** RFM's grid: the config's `rfmSegments`, else the default on 1–5. */
  readonly grid: SegmentGrid;
}

/** What the page is drawn from, and embeds. */
export interface DashboardDocument {
  readonly schemaVersion: 1;
  readonly command: "dashboard";
  readonly report: Report;
  readonly cohorts: CohortsDocument;
  readonly rfm: RfmDocument;
  readonly clv: ClvDocument;
  /** The same fit with the last 26 weeks held out: the holdout check. */
  readonly clvHoldout: ClvDocument;
}

const TWELVE_MONTHS: Span = { count: 12, kind: "months" };

export async function buildDashboard(sources: ShopSources, options: DashboardOptions): Promise<DashboardDocument> {
  const shop = await readShop(sources, { ...options, keepCustomerText: true });
  // The cards and the metrics table are the requested window and the one before it; the sparklines
  // and trends are the last 12 month-end windows on or before the as-of day.
  const { report } = reportOn(
    shop,
    { ...options, compare: true, every: { period: "month", periods: 12, keepWindow: true }, failIf: [] },
    METRICS,
  );
  // The analyses look at the whole history up to the report's as-of day, as their commands do by
  // default, and at the orders and customers only: their documents are those of their commands.
  const base = { ...options, asOf: { kind: "day" as const, day: parseDay(report.asOf)! }, window: null };
  const orders = { ...shop, attribution: [], surveys: [], reviews: [], tickets: [], traffic: [] };
  const cohorts = cohortsOf(analysisOf(orders, base, "cohorts"), { ...base, period: "month", periods: 12 });
  const rfm = rfmOf(analysisOf(orders, base, "segments"), { ...base, scale: options.grid.scale, grid: options.grid, customersList: false });
  const predictions = analysisOf(orders, base, "predictions");
  const clvOptions = {
    ...base,
    model: "bg-nbd" as const,
    timeUnit: "week" as const,
    horizon: TWELVE_MONTHS,
    holdout: null,
    discount: 0.01,
    penalizer: 0,
    margin: options.margin,
    grid: options.grid,
    strict: false,
  };
  const clv = clvOf(predictions, clvOptions).document;
  const clvHoldout = clvOf(predictions, { ...clvOptions, holdout: { count: 26, kind: "weeks" } }).document;
  return { schemaVersion: 1, command: "dashboard", report, cohorts, rfm: rfm.document, clv, clvHoldout };
}

export function renderDashboard(docs: DashboardDocument, locale: string): string {
  return renderDashboardHtml(docs, METRICS.metrics, ENGAGEMENT_METRICS, pageFormat(locale));
}

export { dashboardWarnings };

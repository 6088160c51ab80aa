/**
 * `shopmetrics clv`: predicted customer lifetime value per currency — BG/NBD or Pareto/NBD for
 * purchases, Gamma-Gamma for spend — fitted on the shop read as `report` reads it, with an
 * optional holdout check; each customer's predictions for the table's top and --customers-out,
 * with the RFM segment `shopmetrics rfm` gives them.
 */
import type { ChalkInstance } from "chalk";
import { formatDay } from "../core/calendar.js";
import {
  type ClvCustomerRow,
  type ClvModelName,
  formatSpan,
  type Span,
  spanStart,
  spanUnits,
  type TimeUnit,
  WEEKS_PER_MONTH,
} from "../core/clv.js";
import { type SegmentGrid, segmentTable } from "../core/rfm.js";
import { computeClv } from "../metrics/analyses/clv.js";
import { customerSummary } from "../metrics/analyses/clv-summary.js";
import { computeRfm, customerLabels } from "../metrics/analyses/rfm.js";
import { renderAnalysisHtml } from "../report/html/analyses.js";
import { pageFormat } from "../report/html/format.js";
import type { ClvDocument } from "../report/model.js";
import { CLV_DEFINITIONS, renderClvCsv, renderClvTable } from "../report/render-clv.js";
import { renderJson } from "../report/render-json.js";
import { type Analysis, type AnalysisOptions, analysisDocument, readForAnalysis } from "./analysis.js";
import type { ShopSources } from "./read-shop.js";

export interface ClvOptions extends Omit<AnalysisOptions, "window"> {
  readonly model: ClvModelName;
  readonly timeUnit: TimeUnit;
  readonly horizon: Span;
  readonly holdout: Span | null;
  readonly discount: number;
  readonly margin: number;
  readonly penalizer: number;
  /** The segment grid for the customers' RFM segment (scale 5): the default, or the config's. */
  readonly grid: SegmentGrid;
}

export interface ClvRun {
  readonly document: ClvDocument;
  /** Every customer, a list per currency (in the groups' order). */
  readonly customers: readonly { readonly length: number; row(i: number): ClvCustomerRow }[];
}

export async function buildClv(sources: ShopSources, options: ClvOptions): Promise<ClvRun> {
  return clvOf(await readForAnalysis(sources, { ...options, window: null, keepCustomerText: true }, "predictions"), options);
}

/** `analysis` of the whole history (no window), with the customers' text kept (the list's emails). */
export function clvOf({ shop, timelines, asOf, header }: Analysis, options: ClvOptions): ClvRun {
  const { zone, timeUnit, horizon, holdout } = options;
  const unitDays = timeUnit === "week" ? 7 : 1;
  const holdoutStart = holdout === null ? null : spanStart(holdout, asOf);
  const calibrationEnd = holdoutStart === null ? asOf : holdoutStart - 1;
  const labels = customerLabels(shop.orders!.ledger, zone.startOfDay(asOf + 1));
  const segments = segmentTable(options.grid);
  const rfmScope = { zone, asOf, firstDay: null, scale: options.grid.scale, segments };
  const results = [...timelines].map(([currency, timeline]) => {
    const summary = customerSummary(timeline, currency, { zone, calibrationEnd, asOf, unitDays });
    // Its segments only: no customer list, so no labels.
    const rfm = computeRfm(timeline, currency, rfmScope, null);
    return computeClv(
      summary,
      currency,
      {
        model: options.model,
        penalizer: options.penalizer,
        horizonUnits: spanUnits(horizon, unitDays),
        unitsPerMonth: (WEEKS_PER_MONTH * 7) / unitDays,
        discount: options.discount,
        margin: options.margin,
        holdout:
          holdoutStart === null
            ? null
            : { units: (asOf + 1 - holdoutStart) / unitDays, from: formatDay(holdoutStart), to: formatDay(asOf) },
      },
      labels,
      (root) => rfm.segmentOf(root) ?? "",
    );
  });
  const warnings = [...header.warnings];
  for (const { group } of results) for (const note of group.notes) warnings.push(`${group.currency ?? "(no currency)"}: ${note}`);
  // clv reads the whole history up to its calibration's end: no window.
  const document = analysisDocument<ClvDocument>(
    header,
    "clv",
    {
      timeUnit,
      horizon: formatSpan(horizon),
      discount: options.discount,
      margin: options.margin,
      model: options.model,
      penalizer: options.penalizer,
      calibration: { to: formatDay(calibrationEnd), holdout: holdout === null ? null : formatSpan(holdout) },
    },
    { groups: results.map((r) => r.group), warnings, definitions: CLV_DEFINITIONS },
    { window: false },
  );
  return { document, customers: results.map((r) => r.customers) };
}

/** The groups whose fit was refused (the --strict exit says which). */
export function refusedGroups(document: ClvDocument): string[] {
  return document.groups
    .filter((g) => g.model === null || g.model.refused !== null || g.spend?.refused)
    .map((g) => g.currency ?? "(no currency)");
}

export function renderClv(
  document: ClvDocument,
  format: "table" | "json" | "csv" | "html",
  chalk: ChalkInstance,
  width?: number,
  locale = "en-US",
): string {
  if (format === "json") return renderJson(document);
  if (format === "html") return renderAnalysisHtml(document, pageFormat(locale));
  if (format === "csv") return renderClvCsv(document);
  return renderClvTable(document, chalk, width);
}

/**
 * `shopmetrics rfm`: recency, frequency and monetary scores per identified customer, their
 * segments, and a summary per segment and currency (metrics/analyses/rfm.ts); with
 * --customers-out, every customer's line for an email tool.
 */
import type { ChalkInstance } from "chalk";
import type { CustomerList, RfmScale, SegmentGrid } from "../core/rfm.js";
import { segmentTable } from "../core/rfm.js";
import { computeRfm, customerLabels } from "../metrics/analyses/rfm.js";
import { renderAnalysisHtml } from "../report/html/analyses.js";
import { pageFormat } from "../report/html/format.js";
import type { RfmDocument } from "../report/model.js";
import { renderJson } from "../report/render-json.js";
import { RFM_DEFINITIONS, renderRfmCsv, renderRfmTable } from "../report/render-rfm.js";
import { type Analysis, type AnalysisOptions, analysisDocument, readForAnalysis } from "./analysis.js";
import type { ShopSources } from "./read-shop.js";

export interface RfmOptions extends AnalysisOptions {
  readonly scale: RfmScale;
  readonly grid: SegmentGrid;
  /** --customers-out: list every customer (their email and id are kept while reading). */
  readonly customersList: boolean;
}

export interface RfmRun {
  readonly document: RfmDocument;
  /** With customersList: every customer, a list per currency (in the groups' order). */
  readonly customers: readonly CustomerList[] | null;
}

export async function buildRfm(sources: ShopSources, options: RfmOptions): Promise<RfmRun> {
  return rfmOf(await readForAnalysis(sources, { ...options, keepCustomerText: options.customersList }, "segments"), options);
}

export function rfmOf({ shop, timelines, asOf, window, header }: Analysis, options: RfmOptions): RfmRun {
  const { zone, scale, grid } = options;
  const scope = { zone, asOf, firstDay: window?.firstDay ?? null, scale, segments: segmentTable(grid) };
  const labels = options.customersList ? customerLabels(shop.orders!.ledger, zone.startOfDay(asOf + 1)) : null;
  const results = [...timelines].map(([currency, timeline]) => computeRfm(timeline, currency, scope, labels));
  const warnings = [...header.warnings];
  for (const { group } of results) {
    if (group.customers > 0 && group.customers < scale)
      warnings.push(
        `${group.currency ?? "(no currency)"}: ${group.customers} customers, fewer than the ${scale} scores of --scale ${scale}: each still gets its scores, but ranks among so few customers mean little`,
      );
  }
  const document = analysisDocument<RfmDocument>(
    header,
    "rfm",
    { scale, segmentation: grid.name, grid: { description: grid.description, rules: grid.rules, fallback: grid.fallback } },
    { groups: results.map((r) => r.group), warnings, definitions: RFM_DEFINITIONS },
  );
  return { document, customers: labels === null ? null : results.map((r) => r.customers!) };
}

export function renderRfm(
  document: RfmDocument,
  format: "table" | "json" | "csv" | "html",
  chalk: ChalkInstance,
  width?: number,
  locale = "en-US",
): string {
  if (format === "json") return renderJson(document);
  if (format === "html") return renderAnalysisHtml(document, pageFormat(locale));
  if (format === "csv") return renderRfmCsv(document);
  return renderRfmTable(document, chalk, width);
}

/**
 * The dashboard page: the report's headline cards and trends, the cohort heat map, the RFM
 * segment grid, the predicted-CLV fit with its P(alive) histogram and the holdout check, the
 * data-quality ledger (once: the four documents read the same files) and every definition. The
 * page embeds all the documents as one JSON object, and each value's `data-path` starts with
 * its document's key (`report.groups.0.metrics.aov`, `clv.groups.1.totals.clv`).
 */
import type { EngagementMetricInfo } from "../../core/engagement.js";
import type { MetricInfo } from "../../core/metric-info.js";
import type { ClvDocument, CohortsDocument, Report, RfmDocument } from "../model.js";
import { clvSection, cohortsSection, DEFINITION_LABELS, holdoutSection, rfmSection } from "./analyses.js";
import type { PageFormat } from "./format.js";
import { renderPage } from "./page.js";
import { definitionsOf, definitionsSection, headerLine, reportSections } from "./report.js";

export interface DashboardDocuments {
  readonly report: Report;
  readonly cohorts: CohortsDocument;
  readonly rfm: RfmDocument;
  readonly clv: ClvDocument;
  /** The same fit with the last 26 weeks held out: the holdout check. */
  readonly clvHoldout: ClvDocument;
}

/** Every warning of the documents, each once (they read the same files): what stderr says, and the page's ledger. */
export function dashboardWarnings(docs: DashboardDocuments): string[] {
  return [...new Set([docs.report, docs.cohorts, docs.rfm, docs.clv, docs.clvHoldout].flatMap((d) => d.warnings))];
}

export function renderDashboardHtml(
  docs: DashboardDocuments,
  metrics: readonly MetricInfo[],
  engagement: readonly EngagementMetricInfo[],
  f: PageFormat,
): string {
  const report = reportSections(docs.report, metrics, engagement, f, "report.", dashboardWarnings(docs));
  return renderPage({
    title: "Customer engagement dashboard",
    locale: f.locale,
    header: headerLine(docs.report, f, docs.report.window),
    body: [
      report.cards,
      report.trends,
      cohortsSection(docs.cohorts, f, "cohorts."),
      rfmSection(docs.rfm, f, "rfm."),
      clvSection(docs.clv, f, "clv."),
      holdoutSection(docs.clvHoldout, f, "clvHoldout."),
      report.metrics,
      report.ledger,
      definitionsSection([
        { title: "Report", anchor: "", definitions: definitionsOf(docs.report, engagement), labels: report.labels },
        { title: "Cohorts", anchor: "cohorts-", definitions: docs.cohorts.definitions, labels: DEFINITION_LABELS.cohorts },
        { title: "RFM segments", anchor: "rfm-", definitions: docs.rfm.definitions, labels: DEFINITION_LABELS.rfm },
        { title: "Predicted CLV", anchor: "clv-", definitions: docs.clv.definitions, labels: DEFINITION_LABELS.clv },
      ]),
    ].join("\n"),
    data: { schemaVersion: 1, command: "dashboard", ...docs },
  });
}

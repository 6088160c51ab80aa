/**
 * The HTML sections of `cohorts`, `rfm` and `clv`, and each command's page: the cohort heat map
 * (retention, shaded) with its figures, the RFM segment grid with counts and revenue, and the
 * predicted-CLV fit with its P(alive) histogram and holdout check. Values carry `data-path` into
 * the embedded document, as on the report's page (report.ts).
 */
import type { HoldoutCheck } from "../../core/clv.js";
import { COHORT_METRIC_FIELD, type CohortCell, type CohortMetric } from "../../core/cohort.js";
import type { ClvDocument, CohortsDocument, RfmDocument } from "../model.js";
import { actualAgainstPredicted, bars, columns, figure, heatmap } from "./charts.js";
import type { PageFormat } from "./format.js";
import { html, renderPage } from "./page.js";
import { currencyName, definitionsSection, headerLine, ledgerSection, shown } from "./report.js";

/** Cohorts beyond this many offsets are in the figures table only (the heat map would not fit a page). */
const HEATMAP_OFFSETS = 13;

/** What a cohort cell shows under `--metric`: its caption, its text (tooltip, table) and the shorter one written in the heat map's cell. */
interface CohortFigure {
  readonly title: string;
  readonly caption: string;
  text(value: number, f: PageFormat, currency: string | null): string;
  short(value: number, f: PageFormat): string;
}

const COHORT_FIGURE: Readonly<Record<CohortMetric, CohortFigure>> = {
  retention: {
    title: "Retention",
    caption: "the share of each cohort's customers who ordered again in each PERIOD after the first",
    text: (value, f) => f.percent(value),
    short: (value, f) => f.percent(value),
  },
  revenue: {
    title: "Cumulative revenue per customer",
    // A cell is too narrow for the currency and the minor units: whole units there, in full in the tooltip and the table.
    caption: "each cohort's revenue up to the end of each PERIOD, over its customers, in whole units of CURRENCY",
    text: (value, f, currency) => f.money(value, currency),
    short: (value, f) => f.number(value, 0),
  },
  orders: {
    title: "Cumulative orders per customer",
    caption: "each cohort's orders up to the end of each PERIOD, over its customers",
    text: (value, f) => f.fixed(value, 2),
    short: (value, f) => f.fixed(value, 2),
  },
};

/** The cohorts' heat map and figures, of `metric` (`cohorts --metric`; the dashboard's is retention). */
export function cohortsSection(doc: CohortsDocument, f: PageFormat, path = "", metric: CohortMetric = "retention"): string {
  const field = COHORT_METRIC_FIELD[metric];
  const shows = COHORT_FIGURE[metric];
  const cellValue = (cell: CohortCell) => cell[field] as number;
  const out: string[] = [];
  doc.groups.forEach((group, g) => {
    const cohorts = group.cohorts.filter((c) => c.customers > 0);
    if (cohorts.length === 0) {
      out.push(`<h3>${html(currencyName(group.currency))}</h3><p class="muted">No cohorts.</p>`);
      return;
    }
    const offsets = Math.min(HEATMAP_OFFSETS, Math.max(...cohorts.map((c) => c.cells.length)));
    const cells = cohorts.flatMap((c) =>
      c.cells
        .filter((cell) => cell.offset < offsets)
        .map((cell) => ({
          cohort: c.cohort,
          offset: cell.offset,
          value: cellValue(cell),
          text: shows.text(cellValue(cell), f, group.currency),
          short: shows.short(cellValue(cell), f),
          mature: cell.mature,
        })),
    );
    const widest = Math.max(...group.cohorts.map((c) => c.cells.length));
    const head = `<tr><th>Cohort</th><th class="num">Customers</th>${Array.from({ length: widest }, (_, i) => `<th class="num">+${i}</th>`).join("")}</tr>`;
    const rows = group.cohorts.map((c) => {
      const k = doc.groups[g]!.cohorts.indexOf(c);
      const tds = c.cells.map((cell, j) =>
        shown(
          `${shows.text(cellValue(cell), f, group.currency)}${cell.mature ? "" : "*"}`,
          `${path}groups.${g}.cohorts.${k}.cells.${j}.${field}`,
          cellValue(cell),
          "td",
          "num",
        ),
      );
      return `<tr><td>${html(c.cohort)}</td>${shown(f.count(c.customers), `${path}groups.${g}.cohorts.${k}.customers`, c.customers, "td", "num")}${tds.join("")}</tr>`;
    });
    const label = `${shows.title} by ${doc.period} cohort, ${currencyName(group.currency)}`;
    out.push(
      `<h3>${html(currencyName(group.currency))}</h3>${figure(
        heatmap(
          cells,
          cohorts.map((c) => c.cohort),
          offsets,
          label,
          metric === "retention" ? 1 : 0,
        ),
        `${label}: ${shows.caption.replace("PERIOD", doc.period).replace("CURRENCY", currencyName(group.currency))} (* the period is not over yet)`,
        `<table><thead>${head}</thead><tbody>${rows.join("")}</tbody></table>`,
        `cohorts-${field}`,
      )}`,
    );
  });
  return `<section class="page" id="cohorts"><h2>Cohorts</h2>${out.join("")}</section>`;
}

export function rfmSection(doc: RfmDocument, f: PageFormat, path = ""): string {
  const out: string[] = [];
  doc.groups.forEach((group, g) => {
    const currency = group.currency;
    const segments = [...group.segments].filter((s) => s.customers > 0);
    if (segments.length === 0) {
      out.push(`<h3>${html(currencyName(currency))}</h3><p class="muted">No customers, so no segments.</p>`);
      return;
    }
    const rows = group.segments.map(
      (s, i) =>
        `<tr><td>${html(s.name)}</td>${shown(f.count(s.customers), `${path}groups.${g}.segments.${i}.customers`, s.customers, "td", "num")}<td class="num" data-value="${s.customerShare}">${html(f.percent(s.customerShare))}</td>${shown(f.money(s.revenue, currency), `${path}groups.${g}.segments.${i}.revenue`, s.revenue, "td", "num")}<td class="num" data-value="${s.revenueShare ?? ""}">${html(f.percent(s.revenueShare))}</td><td class="num" data-value="${s.meanRecencyDays ?? ""}">${html(f.number(s.meanRecencyDays, 1))}</td><td class="num" data-value="${s.meanFrequency ?? ""}">${html(f.number(s.meanFrequency, 2))}</td><td class="num" data-value="${s.aov ?? ""}">${html(f.money(s.aov, currency))}</td></tr>`,
    );
    const label = `Customers by RFM segment, ${currencyName(currency)}`;
    out.push(
      `<h3>${html(currencyName(currency))} · ${html(f.count(group.customers))} customers</h3>${figure(
        bars(
          segments.map((s) => ({ label: s.name, value: s.customers, text: `${f.count(s.customers)} · ${f.money(s.revenue, currency)}` })),
          label,
          f.ticks,
        ),
        `${label}, with each segment's revenue`,
        `<table class="sortable"><thead><tr><th>Segment</th><th class="num">Customers</th><th class="num">Share</th><th class="num">Revenue</th><th class="num">Revenue share</th><th class="num">Mean recency (days)</th><th class="num">Mean orders</th><th class="num">AOV</th></tr></thead><tbody>${rows.join("")}</tbody></table>`,
        "rfm-segment",
      )}`,
    );
  });
  return `<section class="page" id="rfm"><h2>RFM segments</h2><p class="muted">${html(doc.grid.description)} Scores 1–${doc.scale}.</p>${out.join("")}</section>`;
}

export function clvSection(doc: ClvDocument, f: PageFormat, path = ""): string {
  const out: string[] = [];
  doc.groups.forEach((group, g) => {
    const currency = group.currency;
    const p = `${path}groups.${g}`;
    const parts: string[] = [
      `<h3>${html(currencyName(currency))} · ${html(f.count(group.customers))} customers, ${html(f.count(group.repeatCustomers))} with repeat purchases</h3>`,
    ];
    for (const note of group.notes) parts.push(`<p class="note">${html(note)}</p>`);
    const params: string[] = [];
    for (const [fit, key, name] of [
      [group.model, "model", group.model?.name === "pareto-nbd" ? "Pareto/NBD" : "BG/NBD"],
      [group.spend, "spend", "Gamma-Gamma"],
    ] as const) {
      if (!fit?.params) continue;
      for (const [k, v] of Object.entries(fit.params))
        params.push(
          `<tr><td>${html(name)} ${html(k)}</td>${shown(f.number(v, 4), `${p}.${key}.params.${k}`, v, "td", "num")}<td class="num">${html(fit.stdErrors?.[k] === undefined ? "" : f.number(fit.stdErrors[k]!, 4))}</td></tr>`,
        );
      if (fit.logLikelihood !== null)
        params.push(
          `<tr><td>${html(name)} log-likelihood</td>${shown(f.number(fit.logLikelihood, 2), `${p}.${key}.logLikelihood`, fit.logLikelihood, "td", "num")}<td></td></tr>`,
        );
    }
    if (params.length > 0)
      parts.push(
        `<div class="scroll"><table><thead><tr><th>Parameter</th><th class="num">Value</th><th class="num">Std. error</th></tr></thead><tbody>${params.join("")}</tbody></table></div>`,
      );
    const t = group.totals;
    if (t.expectedPurchases !== null)
      parts.push(
        `<div class="cards"><div class="card"><div class="label"><a href="#def-clv-expectedPurchases">Expected purchases, ${html(doc.horizon)}</a></div>${shown(f.number(t.expectedPurchases, 1), `${p}.totals.expectedPurchases`, t.expectedPurchases, "div", "value")}</div><div class="card"><div class="label">Expected revenue</div>${shown(f.money(t.expectedRevenue, currency), `${p}.totals.expectedRevenue`, t.expectedRevenue, "div", "value")}</div><div class="card"><div class="label"><a href="#def-clv-clv">Predicted CLV</a></div>${shown(f.money(t.clv, currency), `${p}.totals.clv`, t.clv, "div", "value")}</div></div>`,
      );
    if (group.model && group.model.refused === null) {
      const bins = group.pAliveHistogram.map((n, i) => ({ label: `${(i / 10).toFixed(1)}–${((i + 1) / 10).toFixed(1)}`, value: n }));
      const label = `Customers by P(alive), ${currencyName(currency)}`;
      parts.push(
        figure(
          columns(bins, label, f.ticks),
          `${label} at the calibration end (${f.day(doc.calibration.to)})`,
          `<table><thead><tr><th>P(alive)</th><th class="num">Customers</th></tr></thead><tbody>${bins.map((b, i) => `<tr><td>${html(b.label)}</td>${shown(f.count(b.value), `${p}.pAliveHistogram.${i}`, b.value, "td", "num")}</tr>`).join("")}</tbody></table>`,
          "clv-pAlive",
        ),
      );
    }
    if (group.holdout) parts.push(holdoutFigure(group.holdout, currency, f, p));
    if (group.top.length > 0)
      parts.push(
        `<h4>Top customers by predicted CLV</h4><div class="scroll"><table class="sortable"><thead><tr><th>Customer</th><th class="num">x</th><th class="num">P(alive)</th><th class="num">Purchases</th><th class="num">AOV</th><th class="num">CLV</th><th>Segment</th></tr></thead><tbody>${group.top
          .map(
            (c, i) =>
              `<tr><td>${html(c.customer)}</td><td class="num" data-value="${c.x}">${html(f.count(c.x))}</td><td class="num" data-value="${c.pAlive}">${html(f.number(c.pAlive, 3))}</td><td class="num" data-value="${c.expectedPurchases}">${html(f.number(c.expectedPurchases, 2))}</td><td class="num" data-value="${c.expectedAov ?? ""}">${html(f.money(c.expectedAov, currency))}</td>${shown(f.money(c.clv, currency), `${p}.top.${i}.clv`, c.clv, "td", "num")}<td>${html(c.segment)}</td></tr>`,
          )
          .join("")}</tbody></table></div>`,
      );
    out.push(parts.join(""));
  });
  const calibration = doc.calibration.holdout
    ? `calibration to ${f.day(doc.calibration.to)}, holdout ${doc.calibration.holdout}`
    : `calibration to ${f.day(doc.calibration.to)}`;
  return `<section class="page" id="clv"><h2>Predicted CLV</h2><p class="muted">${html(`${doc.model === "pareto-nbd" ? "Pareto/NBD" : "BG/NBD"} + Gamma-Gamma; ${calibration}; horizon ${doc.horizon}, discount ${doc.discount} a month, margin ${doc.margin}`)}</p>${out.join("")}</section>`;
}

/** Actual against predicted repeat purchases per calibration frequency; `p`: the group's path. */
function holdoutFigure(h: HoldoutCheck, currency: string | null, f: PageFormat, p: string): string {
  const label = `Holdout ${h.from} … ${h.to}, ${currencyName(currency)}: repeat purchases, actual (columns) and predicted (ticks)`;
  const rows = h.byFrequency.map(
    (b, i) =>
      `<tr><td>${html(b.x)}</td><td class="num">${html(f.count(b.customers))}</td>${shown(f.number(b.predicted, 2), `${p}.holdout.byFrequency.${i}.predicted`, b.predicted, "td", "num")}${shown(f.count(b.actual), `${p}.holdout.byFrequency.${i}.actual`, b.actual, "td", "num")}</tr>`,
  );
  return figure(
    actualAgainstPredicted(
      h.byFrequency.map((b) => ({ label: b.x, actual: b.actual, predicted: b.predicted })),
      label,
      f.ticks,
    ),
    `${label}; in all ${f.number(h.predicted, 1)} predicted, ${f.count(h.actual)} actual, mean absolute error ${f.number(h.mae, 3)} per customer`,
    `<table><thead><tr><th>Repeat purchases in calibration</th><th class="num">Customers</th><th class="num">Predicted</th><th class="num">Actual</th></tr></thead><tbody>${rows.join("")}</tbody></table>`,
    "clv-holdout",
  );
}

/** The holdout check of a `clv --holdout` document on its own (the dashboard's, beside the full fit). */
export function holdoutSection(doc: ClvDocument, f: PageFormat, path = ""): string {
  const parts = doc.groups.map((group, g) =>
    group.holdout
      ? `<h3>${html(currencyName(group.currency))}</h3>${holdoutFigure(group.holdout, group.currency, f, `${path}groups.${g}`)}`
      : `<h3>${html(currencyName(group.currency))}</h3><p class="note">${html(group.notes.join("; ") || "no holdout check")}</p>`,
  );
  return `<section class="page" id="holdout"><h2>Holdout check</h2><p class="muted">${html(`The same fit on the orders up to ${doc.calibration.to}, its predictions for the ${doc.calibration.holdout} after it against what the customers did`)}</p>${parts.join("")}</section>`;
}

type AnalysisDocument = CohortsDocument | RfmDocument | ClvDocument;

/** What each definition of each analysis's document is called on its page (the keys are the JSON's). */
export const DEFINITION_LABELS: Readonly<Record<AnalysisDocument["command"], ReadonlyMap<string, string>>> = {
  cohorts: new Map([
    ["cohort", "Cohort"],
    ["customers", "Customers"],
    ["activeCustomers", "Active customers"],
    ["retention", "Retention"],
    ["revenue", "Revenue"],
    ["cumulativeRevenuePerCustomer", "Cumulative revenue per customer"],
    ["cumulativeOrdersPerCustomer", "Cumulative orders per customer"],
    ["mature", "Mature (* when not)"],
  ]),
  rfm: new Map([
    ["recencyDays", "Recency (days)"],
    ["frequency", "Frequency"],
    ["monetary", "Monetary"],
    ["score", "R, F and M scores"],
    ["fm", "FM score"],
    ["segment", "Segment"],
    ["customerShare", "Customer share"],
    ["revenueShare", "Revenue share"],
    ["aov", "AOV"],
  ]),
  clv: new Map([
    ["x", "x (repeat purchases)"],
    ["tx", "tx (last purchase)"],
    ["T", "T (age)"],
    ["zbar", "Mean spend (z̄)"],
    ["pAlive", "P(alive)"],
    ["expectedPurchases", "Expected purchases"],
    ["expectedAov", "Expected AOV"],
    ["clv", "Predicted CLV"],
    ["holdout", "Holdout check"],
  ]),
};

const TITLES: Readonly<Record<AnalysisDocument["command"], string>> = {
  cohorts: "Acquisition cohorts",
  rfm: "RFM segments",
  clv: "Predicted customer lifetime value",
};

/** A page of one analysis: its section, the ledger, the definitions; a cohorts page shows `metric`. */
export function renderAnalysisHtml(doc: AnalysisDocument, f: PageFormat, metric: CohortMetric = "retention"): string {
  const section =
    doc.command === "cohorts" ? cohortsSection(doc, f, "", metric) : doc.command === "rfm" ? rfmSection(doc, f) : clvSection(doc, f);
  return renderPage({
    title: TITLES[doc.command],
    locale: f.locale,
    header: headerLine(doc, f, "window" in doc ? doc.window : null),
    body: [
      section,
      ledgerSection(doc.dataQuality, doc.inputs, doc.warnings, f),
      definitionsSection([{ anchor: `${doc.command}-`, definitions: doc.definitions, labels: DEFINITION_LABELS[doc.command] }]),
    ].join("\n"),
    data: doc,
  });
}

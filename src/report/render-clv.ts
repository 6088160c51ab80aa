/**
 * Predicted CLV → for people: per currency the fitted parameters with their standard errors and
 * the log-likelihood, the holdout check, P(alive) as a histogram, the top customers by CLV, the
 * totals over the horizon; → CSV rows of every figure; → the --customers-out list.
 */
import type { ChalkInstance } from "chalk";
import type { ClvCustomerRow, ClvGroup } from "../core/clv.js";
import { printable } from "../core/printable.js";
import { count, plural } from "../core/words.js";
import { formatValue, NOT_AVAILABLE } from "./format-value.js";
import type { ClvDocument } from "./model.js";
import { csvCell, csvLines } from "./render-csv.js";
import { dataLines, inputLines, newTable } from "./render-table.js";
import { wrap, wrapParts } from "./text-layout.js";

export const CLV_DEFINITIONS: Readonly<Record<string, string>> = {
  x: "repeat purchases: distinct local purchase days by the calibration end − 1",
  tx: "the first to the last purchase day, in the time unit",
  T: "the first purchase day to the calibration end, in the time unit",
  zbar: "the mean revenue of a repeat purchase day (same-day orders summed, the first day left out)",
  pAlive: "the model's probability that the customer is still active at the calibration end",
  expectedPurchases: "expected purchases (purchase days) over the horizon, given x, tx and T",
  expectedAov: "Gamma-Gamma's conditional expected order value, given x and zbar",
  clv: "Σ over the horizon's months (of 4.345 weeks) of expected purchases in the month × expectedAov × margin / (1 + discount)^month",
  holdout:
    "predicted against actual repeat purchases in the holdout, for the customers of the calibration; mae: mean |predicted − actual| per customer",
};

const INDENT = 2;
const BAR = "█";
const decimals = (digits: number) => new Intl.NumberFormat("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const D2 = decimals(2);
const D3 = decimals(3);
const D4 = decimals(4);

export function renderClvTable(document: ClvDocument, chalk: ChalkInstance, width?: number): string {
  const out: string[] = [];
  const title = [
    `shopmetrics clv · ${document.model === "bg-nbd" ? "BG/NBD" : "Pareto/NBD"} + Gamma-Gamma as of ${document.asOf}`,
    `(${document.timezone}) ·`,
    `horizon ${document.horizon}, discount ${document.discount} a month, margin ${document.margin}`,
  ];
  out.push(...wrapParts(title, " ", width, INDENT).map((line) => chalk.bold(line)));
  out.push(...inputLines(document, width));
  const holdout = document.calibration.holdout;
  out.push(
    ...wrap(
      `calibration: every order up to ${document.calibration.to}${holdout ? `; holdout ${holdout} up to ${document.asOf}` : ""}; time unit: ${document.timeUnit}`,
      width,
      INDENT,
    ),
  );
  for (const group of document.groups) out.push("", ...groupLines(group, document, chalk, width));
  out.push("", ...dataLines(document, width));
  return `${out.join("\n")}\n`;
}

function groupLines(group: ClvGroup, document: ClvDocument, chalk: ChalkInstance, width: number | undefined): string[] {
  const currency = group.currency === null ? "(no currency)" : printable(group.currency);
  const out = [chalk.bold(`${currency} · ${plural(group.customers, "customer")}, ${count(group.repeatCustomers)} with repeat purchases`)];
  const params = newTable(["Parameter", "Value", "Std. error"]);
  const fits = [
    [group.model?.name === "pareto-nbd" ? "Pareto/NBD" : "BG/NBD", group.model],
    ["Gamma-Gamma", group.spend],
  ] as const;
  for (const [label, fit] of fits) {
    if (!fit?.params) continue;
    for (const [key, value] of Object.entries(fit.params))
      params.push([`${label} ${key}`, D4.format(value), fit.stdErrors ? D4.format(fit.stdErrors[key]!) : NOT_AVAILABLE]);
    params.push([`${label} log-likelihood`, fit.logLikelihood === null ? NOT_AVAILABLE : D2.format(fit.logLikelihood), ""]);
  }
  if (params.length > 0) out.push(params.toString());
  if (group.spend?.correlation !== null && group.spend?.correlation !== undefined)
    out.push(
      ...wrap(`frequency–spend correlation r = ${D3.format(group.spend.correlation)} (Gamma-Gamma assumes none)`, width, INDENT).map((l) =>
        chalk.dim(l),
      ),
    );
  for (const note of group.notes) out.push(...wrap(`! ${printable(note)}`, width, INDENT).map((l) => chalk.yellow(l)));
  if (group.holdout) {
    const h = group.holdout;
    const check = newTable(["Repeat purchases in calibration", "Customers", "Predicted", "Actual"]);
    for (const b of h.byFrequency)
      check.push([b.x, formatValue(b.customers, "count", null), D2.format(b.predicted), formatValue(b.actual, "count", null)]);
    check.push(["all", formatValue(h.customers, "count", null), D2.format(h.predicted), formatValue(h.actual, "count", null)]);
    out.push(
      ...wrap(
        `Holdout ${h.from} … ${h.to}: repeat purchases predicted and actual; mean absolute error ${D3.format(h.mae)} per customer`,
        width,
        INDENT,
      ),
    );
    out.push(check.toString());
  }
  if (group.model && group.model.refused === null) {
    out.push(...wrap("P(alive) at the calibration end:", width, INDENT));
    const most = Math.max(1, ...group.pAliveHistogram);
    group.pAliveHistogram.forEach((count, bin) => {
      const bar = BAR.repeat(Math.round((count / most) * 30));
      out.push(`  ${(bin / 10).toFixed(1)}–${((bin + 1) / 10).toFixed(1)} ${bar} ${formatValue(count, "count", null)}`);
    });
    const totals = group.totals;
    out.push(
      ...wrap(
        `Over ${document.horizon}: ${totals.expectedPurchases === null ? NOT_AVAILABLE : D2.format(totals.expectedPurchases)} expected purchases, revenue ${formatValue(totals.expectedRevenue, "money", group.currency)}, CLV ${formatValue(totals.clv, "money", group.currency)}`,
        width,
        INDENT,
      ),
    );
    const top = newTable(
      ["Top customers", "x", "P(alive)", "Purchases", "AOV", "CLV", "Segment"],
      ["left", "right", "right", "right", "right", "right", "left"],
    );
    for (const row of group.top)
      top.push([
        printable(row.customer),
        String(row.x),
        D3.format(row.pAlive),
        D2.format(row.expectedPurchases),
        row.expectedAov === null ? NOT_AVAILABLE : D2.format(row.expectedAov),
        row.clv === null ? NOT_AVAILABLE : D2.format(row.clv),
        printable(row.segment),
      ]);
    if (group.top.length > 0) out.push(top.toString());
  }
  return out;
}

/** One row per currency and figure: currency, figure (model.r, spend.p, holdout.mae, totals.clv, …), value. */
export function renderClvCsv(document: ClvDocument): string {
  const lines = ["currency,figure,value"];
  const push = (currency: string | null, figure: string, value: number | null | undefined) =>
    lines.push([csvCell(currency ?? ""), figure, value === null || value === undefined ? "" : csvCell(String(value), "number")].join(","));
  for (const g of document.groups) {
    push(g.currency, "customers", g.customers);
    push(g.currency, "repeatCustomers", g.repeatCustomers);
    for (const [prefix, fit] of [
      ["model", g.model],
      ["spend", g.spend],
    ] as const) {
      if (!fit?.params) continue;
      for (const [key, value] of Object.entries(fit.params)) {
        push(g.currency, `${prefix}.${key}`, value);
        push(g.currency, `${prefix}.${key}.stdError`, fit.stdErrors?.[key] ?? null);
      }
      push(g.currency, `${prefix}.logLikelihood`, fit.logLikelihood);
    }
    if (g.holdout) {
      push(g.currency, "holdout.predicted", g.holdout.predicted);
      push(g.currency, "holdout.actual", g.holdout.actual);
      push(g.currency, "holdout.mae", g.holdout.mae);
    }
    push(g.currency, "totals.expectedPurchases", g.totals.expectedPurchases);
    push(g.currency, "totals.expectedRevenue", g.totals.expectedRevenue);
    push(g.currency, "totals.clv", g.totals.clv);
  }
  return `${lines.join("\n")}\n`;
}

const CLV_LIST_HEADER = [
  "customer",
  "email",
  "customerId",
  "currency",
  "x",
  "t_x",
  "T",
  "zbar",
  "pAlive",
  "expectedPurchases",
  "expectedAov",
  "clv",
  "segment",
];

/** The clv --customers-out list, as rfm's: a header and a line per customer, OWASP-safe text cells, written line by line. */
export function clvCustomerListLines(lists: readonly { readonly length: number; row(i: number): ClvCustomerRow }[]): Generator<string> {
  const num = (value: number | null) => (value === null || Number.isNaN(value) ? "" : csvCell(String(value), "number"));
  return csvLines(CLV_LIST_HEADER, lists, (row) =>
    [
      csvCell(row.customer),
      csvCell(row.email ?? ""),
      csvCell(row.customerId ?? ""),
      csvCell(row.currency ?? ""),
      num(row.x),
      num(row.tx),
      num(row.T),
      num(row.zbar),
      num(row.pAlive),
      num(row.expectedPurchases),
      num(row.expectedAov),
      num(row.clv),
      csvCell(row.segment),
    ].join(","),
  );
}

/**
 * Cohorts → the classic triangle for people (one row per cohort, one column per offset, the
 * `--metric` figure in each cell, partial cells marked), shaded as a heat map when colour is on;
 * → tidy CSV (currency, cohort, offset, metric, value, mature) for spreadsheets.
 */
import type { ChalkInstance } from "chalk";
import { COHORT_METRIC_FIELD, type CohortCell, type CohortGroup, type CohortMetric } from "../core/cohort.js";
import { printable } from "../core/printable.js";
import { count } from "../core/words.js";
import { formatValue } from "./format-value.js";
import { type CohortsDocument, lastDayOf } from "./model.js";
import { csvCell } from "./render-csv.js";
import { dataLines, inputLines, newTable } from "./render-table.js";
import { displayWidth, wrap, wrapParts } from "./text-layout.js";

export const COHORT_DEFINITIONS: Readonly<Record<string, string>> = {
  cohort:
    "the customers (per currency) whose first counted order up to the as-of day falls in the period (local calendar month, ISO week Monday–Sunday, or quarter)",
  customers: "the cohort's customers",
  activeCustomers: "cohort customers with at least one counted order in the period cohort + offset",
  retention: "activeCustomers / the cohort's customers",
  revenue: "the revenue of the cohort's counted orders in the period cohort + offset",
  cumulativeRevenuePerCustomer: "the cohort's revenue in periods 0 … offset / the cohort's customers, rounded to the minor unit",
  cumulativeOrdersPerCustomer: "the cohort's counted orders in periods 0 … offset / the cohort's customers",
  mature: "false while the period has not ended by the end of the as-of day: the cell is partial",
};

const TITLE: Readonly<Record<CohortMetric, string>> = {
  retention: "retention (share of the cohort that ordered in the period)",
  revenue: "cumulative revenue per customer",
  orders: "cumulative orders per customer",
};
const PARTIAL = "*";
const INDENT = 2;
const FIXED = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function renderCohortsTable(document: CohortsDocument, metric: CohortMetric, chalk: ChalkInstance, width?: number): string {
  const out: string[] = [];
  const title = [`shopmetrics cohorts · ${document.period} cohorts as of ${document.asOf}`, `(${document.timezone}) ·`, TITLE[metric]];
  out.push(...wrapParts(title, " ", width, INDENT).map((line) => chalk.bold(line)));
  out.push(...inputLines(document, width));
  if (document.window)
    out.push(...wrap(`acquired in the window ${document.window.from.slice(0, 10)} … ${lastDayOf(document.window)}`, width, INDENT));
  if (document.groups.every((g) => g.cohorts.length === 0))
    out.push("", chalk.dim("No identified customers acquired: no cohorts to show."));
  for (const group of document.groups) {
    if (group.cohorts.length === 0) continue;
    const currency = group.currency === null ? "(no currency)" : printable(group.currency);
    out.push("", chalk.bold(currency));
    out.push(...triangle(group, metric, chalk, width));
  }
  out.push("", ...dataLines(document, width));
  return `${out.join("\n")}\n`;
}

/** The cohort rows, as many offsets as fit the width (the highest left out first, with a note). */
function triangle(group: CohortGroup, metric: CohortMetric, chalk: ChalkInstance, width: number | undefined): string[] {
  const field = COHORT_METRIC_FIELD[metric];
  const offsets = Math.max(...group.cohorts.map((c) => c.cells.length));
  const text = (cell: CohortCell) => `${formatCell(cell[field] as number, metric, group.currency)}${cell.mature ? "" : PARTIAL}`;
  const rows = group.cohorts.map((c) => [c.cohort, count(c.customers), ...c.cells.map(text)]);
  const heads = ["Cohort", "Customers", ...Array.from({ length: offsets }, (_, k) => String(k))];
  // Column widths: the widest text in each (its head's too), plus cli-table3's padding and border.
  const columnWidth = (i: number) => Math.max(displayWidth(heads[i]!), ...rows.map((row) => displayWidth(row[i] ?? ""))) + 3;
  let shown = offsets;
  if (width !== undefined) {
    let used = 1 + columnWidth(0) + columnWidth(1);
    shown = 0;
    while (shown < offsets && used + columnWidth(shown + 2) <= width) used += columnWidth(2 + shown++);
    shown = Math.max(shown, 1);
  }
  const shade = heat(group, field, metric);
  const table = newTable(heads.slice(0, shown + 2));
  for (const [i, cohort] of group.cohorts.entries()) {
    const cells = cohort.cells.slice(0, shown).map((cell, k) => shade(cell, rows[i]![k + 2]!, chalk));
    table.push([rows[i]![0]!, rows[i]![1]!, ...cells, ...Array<string>(shown - cells.length).fill("")]);
  }
  const notes: string[] = [];
  if (group.cohorts.some((c) => c.cells.some((cell) => !cell.mature)))
    notes.push(`${PARTIAL} partial: the period had not ended by the as-of day`);
  if (shown < offsets) notes.push(`offsets ${shown}–${offsets - 1} left out to fit the terminal (--format csv or json has every cell)`);
  return [table.toString(), ...notes.flatMap((note) => wrap(note, width, INDENT).map((line) => chalk.dim(line)))];
}

function formatCell(value: number, metric: CohortMetric, currency: string | null): string {
  if (metric === "retention") return formatValue(value, "rate", currency);
  if (metric === "orders") return FIXED.format(value);
  // The currency is the group's heading: the cells are the amounts alone.
  return formatValue(value, "money", null);
}

/**
 * The heat map: a cell's background from light to dark blue by its value over the highest of
 * the group's cells (retention: over offsets from 1, since offset 0 is always 100%); in three
 * steps on a 16-colour terminal. Without colour (chalk level 0) the text alone.
 */
function heat(group: CohortGroup, field: keyof CohortCell, metric: CohortMetric) {
  const from = metric === "retention" ? 1 : 0;
  const values = group.cohorts.flatMap((c) => c.cells.slice(from).map((cell) => cell[field] as number));
  const high = Math.max(0, ...values);
  return (cell: CohortCell, text: string, chalk: ChalkInstance): string => {
    if (chalk.level === 0 || (metric === "retention" && cell.offset === 0) || high <= 0) return text;
    const share = Math.max(0, Math.min(1, (cell[field] as number) / high));
    // 16 colours (TERM=xterm, a Linux console): three steps, for a gradient would round to white.
    if (chalk.level < 2) {
      if (share === 0) return text;
      if (share < 1 / 3) return chalk.bgWhite.black(text);
      return share < 2 / 3 ? chalk.bgCyan.black(text) : chalk.bgBlue.whiteBright(text);
    }
    // #eff6ff (light) … #1d4ed8 (dark): dark text on the light half, light text on the dark.
    const mix = (a: number, b: number) => Math.round(a + (b - a) * share);
    const background = chalk.bgRgb(mix(0xef, 0x1d), mix(0xf6, 0x4e), mix(0xff, 0xd8));
    return share > 0.5 ? background.whiteBright(text) : background.black(text);
  };
}

/** One row per cohort figure: currency, cohort, offset, metric, value, mature (the cohort's size is metric `customers` at offset 0). */
export function renderCohortsCsv(document: CohortsDocument): string {
  const lines = [["currency", "cohort", "offset", "metric", "value", "mature"].join(",")];
  const figures = ["activeCustomers", "retention", "revenue", "cumulativeRevenuePerCustomer", "cumulativeOrdersPerCustomer"] as const;
  for (const group of document.groups) {
    const currency = csvCell(group.currency ?? "");
    for (const cohort of group.cohorts) {
      const label = csvCell(cohort.cohort);
      lines.push([currency, label, "0", "customers", String(cohort.customers), ""].join(","));
      for (const cell of cohort.cells) {
        for (const figure of figures)
          lines.push(
            [currency, label, String(cell.offset), figure, csvCell(String(cell[figure]), "number"), String(cell.mature)].join(","),
          );
      }
    }
  }
  return `${lines.join("\n")}\n`;
}

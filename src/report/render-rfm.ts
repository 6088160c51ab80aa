/**
 * RFM → a summary per segment and currency for people (customers, share, revenue, share,
 * mean recency, mean orders, AOV), as CSV rows of the same, and the per-customer list that
 * `--customers-out` writes for an email tool's import.
 */
import type { ChalkInstance } from "chalk";
import { formatMinor, minorDigits } from "../core/money.js";
import { printable } from "../core/printable.js";
import type { CustomerList, RfmCustomerRow } from "../core/rfm.js";
import { plural } from "../core/words.js";
import { formatValue, NOT_AVAILABLE } from "./format-value.js";
import type { RfmDocument } from "./model.js";
import { csvCell, csvLines } from "./render-csv.js";
import { dataLines, inputLines, newTable } from "./render-table.js";
import { wrap, wrapParts } from "./text-layout.js";

export const RFM_DEFINITIONS: Readonly<Record<string, string>> = {
  recencyDays: "whole local days from the customer's last counted order's day to the as-of day",
  frequency: "the customer's counted orders (up to the as-of day; in the window with --window)",
  monetary: "the customer's net revenue over those orders, exact to the minor unit",
  score:
    "1 + floor(scale × W / n), W the customers of the currency with a strictly worse value (a larger recencyDays, a smaller frequency or monetary), n all of them: ties share a score",
  fm: "(f + m) / 2",
  segment: "the first rule of the grid that the scores match (grid.rules), else grid.fallback",
  customerShare: "the segment's customers / the currency's",
  revenueShare: "the segment's revenue / the currency's; null when that is 0",
  aov: "the segment's revenue / its orders, rounded to the minor unit",
};

const INDENT = 2;
const FIXED = new Intl.NumberFormat("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export function renderRfmTable(document: RfmDocument, chalk: ChalkInstance, width?: number): string {
  const out: string[] = [];
  const title = [`shopmetrics rfm · as of ${document.asOf}`, `(${document.timezone}) ·`, `scores 1–${document.scale}`];
  out.push(...wrapParts(title, " ", width, INDENT).map((line) => chalk.bold(line)));
  out.push(...inputLines(document, width));
  out.push(...wrap(`segments: ${document.grid.description}`, width, INDENT));
  if (document.window) out.push(...wrap(`orders in the window ${document.window.from.slice(0, 10)} … ${document.asOf}`, width, INDENT));
  if (document.groups.every((g) => g.customers === 0)) out.push("", chalk.dim("No identified customers: no segments to show."));
  for (const group of document.groups) {
    if (group.customers === 0) continue;
    const currency = group.currency === null ? "(no currency)" : printable(group.currency);
    out.push("", chalk.bold(`${currency} · ${plural(group.customers, "customer")}`));
    const table = newTable(["Segment", "Customers", "Share", "Revenue", "Share", "Recency", "Orders", "AOV"]);
    for (const s of group.segments) {
      const dim = (text: string) => (text === NOT_AVAILABLE || s.customers === 0 ? chalk.dim(text) : text);
      table.push(
        [
          printable(s.name),
          formatValue(s.customers, "count", null),
          formatValue(s.customerShare, "rate", null),
          formatValue(s.revenue, "money", null),
          formatValue(s.revenueShare, "rate", null),
          s.meanRecencyDays === null ? NOT_AVAILABLE : `${FIXED.format(s.meanRecencyDays)} d`,
          s.meanFrequency === null ? NOT_AVAILABLE : FIXED.format(s.meanFrequency),
          formatValue(s.aov, "money", null),
        ].map(dim),
      );
    }
    out.push(table.toString());
    out.push(...wrap("Recency: mean days since the last order; Orders: mean orders per customer", width, INDENT).map((l) => chalk.dim(l)));
  }
  out.push("", ...dataLines(document, width));
  return `${out.join("\n")}\n`;
}

/** One row per currency and segment. */
export function renderRfmCsv(document: RfmDocument): string {
  const head = ["currency", "segment", "customers", "customerShare", "revenue", "revenueShare", "meanRecencyDays", "meanFrequency", "aov"];
  const lines = [head.join(",")];
  const number = (value: number | null) => (value === null ? "" : csvCell(String(value), "number"));
  for (const group of document.groups) {
    for (const s of group.segments) {
      lines.push(
        [
          csvCell(group.currency ?? ""),
          csvCell(s.name),
          number(s.customers),
          number(s.customerShare),
          number(s.revenue),
          number(s.revenueShare),
          number(s.meanRecencyDays),
          number(s.meanFrequency),
          number(s.aov),
        ].join(","),
      );
    }
  }
  return `${lines.join("\n")}\n`;
}

const CUSTOMER_LIST_HEADER = [
  "customer",
  "email",
  "customerId",
  "currency",
  "firstOrder",
  "lastOrder",
  "recencyDays",
  "frequency",
  "monetary",
  "r",
  "f",
  "m",
  "segment",
] as const;

/** The --customers-out list: its header and a line per customer and currency, as UTF-8 CSV once written (csvLines). */
export function customerListLines(lists: readonly CustomerList[]): Generator<string> {
  return csvLines(CUSTOMER_LIST_HEADER, lists, customerLine);
}

function customerLine(row: RfmCustomerRow): string {
  const customer = csvCell(row.customer);
  const email = row.email === row.customer ? customer : csvCell(row.email ?? "");
  const id = row.customerId === row.customer ? customer : csvCell(row.customerId ?? "");
  const monetary = csvCell(formatMinor(row.monetary, minorDigits(row.currency)), "number");
  return `${customer},${email},${id},${csvCell(row.currency ?? "")},${row.firstOrder},${row.lastOrder},${row.recencyDays},${row.frequency},${monetary},${row.r},${row.f},${row.m},${csvCell(row.segment)}`;
}

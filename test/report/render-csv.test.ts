/**
 * The tidy CSV against spreadsheet formula injection (issue 8, item 8), read back with csv-parse:
 * a text cell starting with = + - @, tab or CR gets a leading '; value cells stay numbers.
 */
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import type { MetricInfo } from "../../src/core/metric-info.js";
import type { GroupReport, Report } from "../../src/report/model.js";
import { renderCsv } from "../../src/report/render-csv.js";

type Id = "revenue" | "orders";
const METRICS: MetricInfo<Id>[] = [
  { id: "revenue", label: "Revenue", unit: "money", better: "higher", definition: "revenue" },
  { id: "orders", label: "Orders", unit: "count", better: "higher", definition: "orders" },
];
const WINDOW = { spec: "7d", from: "2025-01-01T00:00:00+01:00", to: "2025-01-08T00:00:00+01:00", days: 7 };

function reportOf(groups: GroupReport<Id>[]): Report<Id> {
  return {
    schemaVersion: 1,
    asOf: "2025-01-07",
    timezone: "Europe/Prague",
    timezoneSource: "flag",
    window: WINDOW,
    margin: 1,
    revenue: "total",
    inputs: [],
    groups,
    dataQuality: {
      rowsRead: 0,
      repeatedHeaders: 0,
      rowsSkipped: 0,
      skippedByCode: {},
      ordersRead: 0,
      ordersExcluded: {},
      unidentifiedOrders: 0,
      problems: [],
      problemsOmitted: 0,
      inputs: [],
    },
    warnings: [],
    definitions: { revenue: "revenue", orders: "orders" },
  };
}

const group = (currency: string | null, revenue: number | null, orders: number | null): GroupReport<Id> => ({
  currency,
  metrics: { revenue, orders },
  notes: {},
});

const rows = (csv: string): string[][] => parse(csv, { relax_column_count: false });

describe("renderCsv and formulas", () => {
  it.each([
    ['=HYPERLINK("http://evil.example","x")', `'=HYPERLINK("http://evil.example","x")`],
    ["+41", "'+41"],
    ["-1+1", "'-1+1"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tEUR", "'\tEUR"],
    ["\rEUR", "'\rEUR"],
    ["EUR", "EUR"],
    ["E=R", "E=R"], // only a leading sign starts a formula
  ])("a currency %j is written as %j", (currency, shown) => {
    const [header, first] = rows(renderCsv(reportOf([group(currency, 10, 1)]), METRICS));
    expect(header).toEqual(["asOf", "from", "to", "currency", "metric", "unit", "value"]);
    expect(first).toEqual(["2025-01-07", WINDOW.from, WINDOW.to, shown, "revenue", "money", "10"]);
  });

  it("a negative value stays a number; null is an empty cell; no currency is an empty cell", () => {
    const table = rows(renderCsv(reportOf([group(null, -12.5, null)]), METRICS));
    expect(table.slice(1)).toEqual([
      ["2025-01-07", WINDOW.from, WINDOW.to, "", "revenue", "money", "-12.5"],
      ["2025-01-07", WINDOW.from, WINDOW.to, "", "orders", "count", ""],
    ]);
    expect(Number(table[1]![6])).toBe(-12.5);
  });
});

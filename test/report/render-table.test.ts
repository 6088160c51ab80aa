/**
 * The table fits the terminal (issue 9, item 6): no line wider than the width at any width; the
 * boxed table from STACKED_BELOW columns, the stacked layout below it; footnotes, headers and the
 * data line wrapped; notes shared by several metrics folded into one footnote; --every with one
 * column per point, as many of the latest as fit. And "1 day", not "1 days" (item 11).
 * The reports are the CLI's own JSON for the sample shop, so every metric and both currencies show.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { chalkFor } from "../../src/cli/color.js";
import { METRICS, type MetricId } from "../../src/metrics/index.js";
import type { Report } from "../../src/report/model.js";
import { renderTable, STACKED_BELOW } from "../../src/report/render-table.js";
import { displayWidth, stripAnsi, wrap, wrapParts } from "../../src/report/text-layout.js";
import { runCli } from "../helpers.js";

const SHOP = ["report", "--orders", "fixtures/sample-shop/orders_export.csv", "--tz", "Europe/Prague", "--format", "json"];
const CASES = {
  single: [...SHOP, "--window", "3m", "--as-of", "2026-03-31"],
  compare: [...SHOP, "--window", "3m", "--as-of", "2026-03-31", "--compare", "previous"],
  every: [...SHOP, "--window", "1m", "--every", "month", "--as-of", "2026-06-30"],
  everyCompare: [...SHOP, "--window", "30d", "--every", "week", "--periods", "8", "--as-of", "2026-06-30", "--compare", "previous"],
  manyDays: [...SHOP, "--window", "7d", "--every", "day", "--periods", "100", "--as-of", "2026-06-30"],
  oneDay: [...SHOP, "--window", "1d", "--every", "day", "--periods", "1", "--as-of", "2026-06-30"],
} as const;
type Case = keyof typeof CASES;

const reports = {} as Record<Case, Report<MetricId>>;
beforeAll(async () => {
  for (const [name, args] of Object.entries(CASES)) {
    const run = await runCli([...args]);
    expect(run.status).toBe(0);
    reports[name as Case] = JSON.parse(run.stdout) as Report<MetricId>;
  }
});

const plain = chalkFor(false);
const coloured = chalkFor(true);
const render = (report: Report<MetricId>, width?: number, chalk = plain) => renderTable(report, METRICS.metrics, chalk, { width });
const linesOf = (text: string) => text.replace(/\n$/, "").split("\n");
const widest = (text: string) => Math.max(...linesOf(text).map(displayWidth));

describe("displayWidth and wrap", () => {
  it("counts box drawing, arrows and bars as one column, CJK and emoji as two, colour codes as none", () => {
    expect(displayWidth("┌─┬─┐ ▲▼ ▁▂▃█ … − ·")).toBe(19);
    expect(displayWidth("注文📦")).toBe(6);
    expect(displayWidth(coloured.green("▲ 5.0%"))).toBe(6);
    expect(displayWidth("e\u0301")).toBe(1);
  });

  it("breaks at spaces with a hanging indent, and cuts a word longer than a line", () => {
    expect(wrap("one two three four", 9)).toEqual(["one two", "  three", "  four"]);
    expect(wrap("abcdefghij", 4)).toEqual(["abcd", "  ef", "  gh", "  ij"]);
    expect(wrap("short", undefined)).toEqual(["short"]);
    expect(wrapParts(["50", "previous 63", "▼ 20.6%"], " · ", 20)).toEqual(["50 · previous 63", "  ▼ 20.6%"]);
  });
});

describe("renderTable at a width", () => {
  const widths = [20, 40, 60, 79, 80, 81, 100, 120, 200];
  it.each(Object.keys(CASES).flatMap((name) => widths.map((width) => [name as Case, width] as const)))(
    "%s at %i columns: no line is wider, coloured or not; stacked below STACKED_BELOW",
    (name, width) => {
      const text = render(reports[name], width, coloured);
      expect(widest(text)).toBeLessThanOrEqual(width);
      expect(stripAnsi(text)).toBe(render(reports[name], width));
      // Boxed from STACKED_BELOW when it fits (a weekly series with --compare in money needs some 100 columns).
      if (width < STACKED_BELOW) expect(text).not.toContain("┌");
      if (width >= 100 || (width >= STACKED_BELOW && name !== "everyCompare")) expect(text).toContain("┌");
    },
  );

  it("with no width is the full table: labels whole, nothing wrapped", () => {
    const text = render(reports.compare);
    expect(text).toContain("│ Returning customer rate (2+ orders ever, Shopify's) │         54.1% │         69.0% │ ▼ 15.0 pp │");
    expect(widest(text)).toBeGreaterThan(120);
  });

  it("wraps a label before its parenthesis, the rest indented, when the table would be too wide", () => {
    const lines = linesOf(render(reports.compare, 80));
    const at = lines.findIndex((line) => line.startsWith("│ Returning customer rate "));
    expect(lines[at]).toMatch(/│ +54\.1% │ +69\.0% │ ▼ 15\.0 pp │$/);
    expect(lines[at + 1]).toMatch(/^│ {3}\(2\+ orders ever, Shopify's\) +│ +│ +│ +│$/);
    expect(lines.find((line) => line.startsWith("┌"))!.length).toBeGreaterThan(75);
  });

  it("stacks below STACKED_BELOW: the label, then the value, previous and change indented, no box", () => {
    const lines = linesOf(render(reports.compare, 60));
    const at = lines.indexOf("Revenue");
    expect(lines.slice(at, at + 4)).toEqual([
      "Revenue",
      "  74,310.42 CZK · previous 70,058.50 CZK · ▲ 6.1%",
      "Average order value",
      "  1,326.97 CZK · previous 1,148.50 CZK · ▲ 15.5%",
    ]);
    expect(lines).toContain("Customers");
    expect(lines).toContain("  37 * · previous 42 · ▼ 11.9%");
    expect(lines.some((line) => /[┌│└─]/.test(line))).toBe(false);
  });

  it("stacks a single window as label, then value", () => {
    const lines = linesOf(render(reports.single, 40));
    const at = lines.indexOf("Churn rate");
    expect(lines[at + 1]).toBe("  73.8%");
    // A label too long for the width breaks before its parenthesis.
    const returning = lines.indexOf("Returning customer rate");
    expect(lines[returning + 1]).toBe("  (2+ orders ever, Shopify's)");
    expect(lines[returning + 2]).toBe("  54.1%");
  });

  it("wraps the header, footnotes and data line with a hanging indent", () => {
    const lines = linesOf(render(reports.compare, 60));
    expect(lines.slice(0, 2)).toEqual(["shopmetrics report · 2026-01-01 … 2026-03-31", "  (window 3m, 90 days, Europe/Prague)"]);
    const note = lines.findIndex((line) => line.startsWith("* Guest checkout rate: "));
    expect(lines[note + 1]).toMatch(/^ {2}\S/);
    const data = lines.findIndex((line) => line.startsWith("Data: "));
    expect(lines[data + 1]).toMatch(/^ {2}\S/);
  });

  it("keeps a long file name and a long currency inside the width", () => {
    const report = reports.compare;
    const hostile: Report<MetricId> = {
      ...report,
      inputs: report.inputs.map((input) => ({ ...input, file: `exports/${"x".repeat(150)}/注文 orders.csv` })),
      groups: report.groups.map((group) => ({ ...group, currency: "C".repeat(90) })),
    };
    for (const width of [30, 60, 80, 120]) expect(widest(render(hostile, width))).toBeLessThanOrEqual(width);
  });
});

describe("footnotes", () => {
  const shared = "the export has no email or customer id column, so customers can't be told apart";
  const withNotes = (report: Report<MetricId>, ids: readonly MetricId[]): Report<MetricId> => ({
    ...report,
    groups: report.groups.slice(0, 1).map((group) => ({ ...group, notes: Object.fromEntries(ids.map((id) => [id, shared])) })),
  });

  it("fold a note shared by many metrics into one, naming three and counting the rest", () => {
    const ids = METRICS.metrics.map((m) => m.id).filter((id) => !["orders", "revenue", "aov"].includes(id));
    const text = render(withNotes(reports.single, ids));
    const notes = linesOf(text).filter((line) => line.startsWith("* "));
    expect(notes).toEqual([`* Customers, New customers, Purchase frequency and ${ids.length - 3} other metrics: ${shared}`]);
    // Every metric it applies to is still marked.
    expect(text.match(/ \* │/g)).toHaveLength(ids.length);
  });

  it("name two or three metrics in full", () => {
    const two = linesOf(render(withNotes(reports.single, ["retentionRate", "churnRate"]))).filter((line) => line.startsWith("* "));
    expect(two).toEqual([`* Retention rate ((E − N) / S) and Churn rate: ${shared}`]);
    const three = linesOf(render(withNotes(reports.single, ["orders", "revenue", "aov"]))).filter((line) => line.startsWith("* "));
    expect(three).toEqual([`* Orders, Revenue and Average order value: ${shared}`]);
  });

  it("fold in the stacked layout too, wrapped", () => {
    const lines = linesOf(render(withNotes(reports.single, ["customers", "newCustomers", "churnRate", "clv"]), 50));
    const at = lines.findIndex((line) => line.startsWith("* "));
    // Four metrics are all named: "and 1 other metrics" would say less, and wrongly.
    expect(lines[at]).toBe("* Customers, New customers, Churn rate and");
    expect(lines[at + 1]).toMatch(/^ {2}Customer lifetime value: the export has/);
    expect(lines.slice(at + 1).every((line, i) => line === "" || line.startsWith("Data") || i > 3 || line.startsWith("  "))).toBe(true);
  });
});

describe("--every", () => {
  it("with no width shows every point as a column, oldest → latest, headed by its month, and the sparkline", () => {
    const lines = linesOf(render(reports.every));
    const head = lines.find((line) => line.includes("Trend"))!;
    const months = head.match(/\d{4}-\d{2}/g);
    expect(months).toEqual([
      "2025-07",
      "2025-08",
      "2025-09",
      "2025-10",
      "2025-11",
      "2025-12",
      "2026-01",
      "2026-02",
      "2026-03",
      "2026-04",
      "2026-05",
      "2026-06",
    ]);
    expect(lines.find((line) => line.startsWith("│ Orders "))).toMatch(/^│ Orders +│ [▁-█]{12} │( +\d+ │){12}$/);
    expect(lines.some((line) => line.includes("the table shows"))).toBe(false);
  });

  it("at 120 columns shows the latest points that fit, and says so", () => {
    const lines = linesOf(render(reports.every, 120));
    expect(lines).toContain("the table shows the last 4 of 12 windows, the trend all 12");
    const head = lines.find((line) => line.includes("Trend"))!;
    expect(head.match(/\d{4}-\d{2}/g)).toEqual(["2026-03", "2026-04", "2026-05", "2026-06"]);
    expect(lines.find((line) => line.startsWith("│ Orders "))).toMatch(/│ [▁-█]{12} │ +31 │ +16 │ +21 │ +17 │$/);
  });

  it("heads weekly points with their dates, and keeps Previous | Change with --compare", () => {
    const head = linesOf(render(reports.everyCompare, 200)).find((line) => line.includes("Trend"))!;
    expect(head).toMatch(/Trend │ +2026-05-10 │/);
    expect(head).toMatch(/2026-06-28 │ +Previous │ +Change │$/);
  });

  it("caps the sparkline at 48 points, and shortens it before giving up the last column", () => {
    const lines = linesOf(render(reports.manyDays, 80));
    expect(lines.some((line) => /Trend \(last \d+\)/.test(line))).toBe(true);
    expect(lines.find((line) => line.startsWith("the table shows"))).toMatch(
      /^the table shows the (latest|last \d) of 100 windows, the trend the last \d+$/,
    );
  });

  it("stacks as the trend, then the first → latest value", () => {
    const lines = linesOf(render(reports.every, 60));
    expect(lines).toContain("trend, then value as of 2025-07-31 → 2026-06-30");
    const at = lines.indexOf("Orders");
    expect(lines[at + 1]).toMatch(/^ {2}[▁-█]{12} {2}12 → 17$/);
  });

  it("says 1 window of 1 day, not 1 windows or 1 days", () => {
    const text = render(reports.oneDay, 120);
    expect(text).toContain("shopmetrics report · 1 window of 1d, as of 2026-06-30 … 2026-06-30");
    const single: Report<MetricId> = { ...reports.single, window: { ...reports.single.window, spec: "1d", days: 1 } };
    expect(render(single)).toContain("(window 1d, 1 day, Europe/Prague)");
    expect(render(reports.compare)).toContain("compared with: 2025-10-01 … 2025-12-31 (92 days)");
  });
});

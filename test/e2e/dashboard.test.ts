/**
 * `shopmetrics dashboard`'s documents against each command's own, on an as-of day that is not a
 * month end: the cards and the metrics table are the requested window (report --compare at that
 * day), the sparklines and trends the last 12 month-end windows (report --every month's series),
 * the analyses as of the same day; and the page's ledger lists every document's warnings, as
 * stderr does. The page itself is tested in a browser (test/browser/html.test.ts).
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "../helpers.js";

const dir = mkdtempSync(join(tmpdir(), "shopmetrics-dashboard-"));

/** The page's embedded documents. */
function embedded(file: string): Record<string, { warnings: string[] } & Record<string, unknown>> {
  const page = readFileSync(file, "utf8");
  return JSON.parse(/<script type="application\/json" id="shopmetrics-data">(.*?)<\/script>/s.exec(page)![1]!);
}

/** The page's data-quality section, as text. */
/** Writes `rows` (after a generic orders header) as NAME.csv and runs `dashboard` on it with `args` into NAME.html. */
async function dashboardOf(name: string, rows: readonly string[], args: readonly string[]) {
  const orders = join(dir, `${name}.csv`);
  writeFileSync(orders, ["order_id,created_at,email,total,currency,status", ...rows].join("\n"));
  const file = join(dir, `${name}.html`);
  const run = await runCli(["dashboard", "--orders", orders, "--tz", "Europe/Prague", ...args, "--out", file], { cwd: ROOT });
  return { run, file };
}

function ledgerText(file: string): string {
  const page = readFileSync(file, "utf8");
  const start = page.indexOf('<section class="page" id="data-quality">');
  return page
    .slice(start, page.indexOf("</section>", start))
    .replace(/<[^>]+>/g, " ")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

describe("dashboard on 2026-06-15 (mid-month)", async () => {
  const ORDERS = ["--orders", "fixtures/sample-shop/orders_export.csv", "--tz", "Europe/Prague", "--as-of", "2026-06-15"];
  const SURVEY = ["--survey", "fixtures/sample-shop/survey_responses.csv"];
  const file = join(dir, "mid-month.html");
  const run = await runCli(["dashboard", ...ORDERS, ...SURVEY, "--out", file], { cwd: ROOT });
  const json = async (args: string[]) => JSON.parse((await runCli([...args, ...ORDERS, "--format", "json"], { cwd: ROOT })).stdout);

  it("is the requested window, not the last month end, with the monthly series beside it", async () => {
    expect(run.status, run.stderr).toBe(0);
    const docs = embedded(file);
    const { series, ...report } = docs.report as Record<string, unknown>;
    expect(report.asOf).toBe("2026-06-15");
    expect(report).toEqual(await json(["report", ...SURVEY, "--compare", "previous"]));
    const monthly = await json(["report", ...SURVEY, "--every", "month"]);
    expect(series).toEqual(monthly.series);
    expect(monthly.series.at(-1).asOf).toBe("2026-05-31");
  });

  it("has the analyses as of the same day, each as its command computes it", async () => {
    const docs = embedded(file);
    expect(docs.cohorts).toEqual(await json(["cohorts"]));
    expect(docs.rfm).toEqual(await json(["rfm"]));
    expect(docs.clv).toEqual(await json(["clv"]));
    expect(docs.clvHoldout).toEqual(await json(["clv", "--holdout", "26w"]));
  });
});

describe("the dashboard's ledger", () => {
  it("lists every document's warnings once, as stderr does (clv's refusal included)", async () => {
    // Six one-order customers: the report and cohorts are fine, but BG/NBD has no repeat customer to fit.
    const { run, file } = await dashboardOf(
      "one-order-each",
      Array.from({ length: 6 }, (_, i) => `${i + 1},2026-0${i + 1}-10T10:00:00+02:00,c${i}@example.com,100.00,CZK,paid`),
      ["--as-of", "2026-06-30"],
    );
    expect(run.status, run.stderr).toBe(0);
    const docs = embedded(file);
    const all = [...new Set(Object.values(docs).flatMap((d) => (Array.isArray(d.warnings) ? d.warnings : [])))];
    expect(docs.clv!.warnings.filter((w) => !docs.report!.warnings.includes(w)).length).toBeGreaterThan(0);
    const ledger = ledgerText(file);
    for (const warning of all) expect(ledger).toContain(warning);
    const said = run.stderr
      .split("\n")
      .filter((line) => line.startsWith("shopmetrics: warning: "))
      .map((line) => line.slice("shopmetrics: warning: ".length));
    expect(said).toEqual(all);
  });
});

describe("the dashboard on a week of orders", () => {
  it("says the month-end series lies outside the data, and still that its windows start before it", async () => {
    const { run, file } = await dashboardOf(
      "one-week",
      Array.from({ length: 7 }, (_, i) => `${i + 1},2025-05-1${i + 1}T10:00:00+02:00,c${i % 3}@example.com,100.00,EUR,paid`),
      [],
    );
    expect(run.status, run.stderr).toBe(0);
    const { report } = embedded(file);
    expect(report!.asOf).toBe("2025-05-17");
    expect(report!.warnings).toContain(
      "all 12 windows of the series lie wholly outside the data: the data runs from 2025-05-11 to 2025-05-17 (--as-of DATE or --window FROM..TO picks a window with data)",
    );
    expect(report!.warnings.some((w) => w.startsWith("a window starts on ") && w.includes("before the data (2025-05-11)"))).toBe(true);
  });
});

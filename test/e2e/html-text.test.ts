/**
 * What the HTML pages write, read from the page's text (the browser tests hold the values to the
 * JSON; these hold the words and numbers to the locale): a change is an arrow and a magnitude,
 * never a locale's minus sign (Arabic puts a letter mark before its minus, Dutch money puts the
 * sign after the symbol); a rate's change is in percentage points with one decimal and NPS's in
 * points with whether it is significant; a chart's axis ticks are the locale's own month names
 * and percentages (independently written here by Intl).
 */
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "../helpers.js";

const SHOP = [
  "--orders",
  "fixtures/sample-shop/orders_export.csv",
  "--survey",
  "fixtures/sample-shop/survey_responses.csv",
  "--tz",
  "Europe/Prague",
  "--as-of",
  "2026-06-30",
];

async function page(locale: string, ...flags: string[]): Promise<string> {
  const run = await runCli(["report", ...SHOP, "--compare", "previous", ...flags, "--locale", locale, "--format", "html"], { cwd: ROOT });
  expect(run.status, run.stderr).toBe(0);
  return run.stdout;
}

const fromEntities = (text: string) =>
  text
    .replace(/&#160;/g, "\u00a0")
    .replace(/&nbsp;/g, "\u00a0")
    .replace(/&amp;/g, "&");

/** Each change as the page writes it: [arrow, amount]. */
function changes(html: string): [string, string][] {
  return [...html.matchAll(/<span class="(?:up|down|)">([▲▼=]) ([^<]*)<\/span>/g)].map((m) => [m[1]!, fromEntities(m[2]!)]);
}

/** The tick labels of one axis of each chart in a section. */
function ticks(html: string, section: string, axis: "x" | "y"): string[][] {
  const start = html.indexOf(`id="${section}"`);
  const body = html.slice(start, html.indexOf("</section>", start));
  return [...body.matchAll(/<svg.*?<\/svg>/gs)].map((svg) =>
    [...svg[0].matchAll(new RegExp(`aria-label="${axis}-axis tick label"(.*?)</g>`, "gs"))].flatMap((g) =>
      [...g[1]!.matchAll(/>([^<>]+)<\/text>/g)].map((t) => fromEntities(t[1]!)),
    ),
  );
}

describe("a change on the page", () => {
  it.each(["en-US", "cs-CZ", "ar-EG", "he-IL", "nl-NL", "de-CH"])("is an arrow and a magnitude in %s, no minus sign", async (locale) => {
    const all = changes(await page(locale));
    expect(all.length).toBeGreaterThan(20);
    expect(all.some(([arrow]) => arrow === "▼")).toBe(true); // falls are there to be written
    for (const [, amount] of all) expect(amount).not.toMatch(/[-\u2212\u2010\u2012\u2013]/);
  });

  it("gives a rate's change in percentage points, one decimal (cs-CZ: 8,0 pp)", async () => {
    const pp = changes(await page("cs-CZ"))
      .map(([, amount]) => amount)
      .filter((a) => a.endsWith("pp"));
    expect(pp.length).toBeGreaterThan(5);
    for (const amount of pp) expect(amount).toMatch(/^\d+,\d pp$/);
  });

  it("gives NPS's change in points and whether it is beyond the margins of error", async () => {
    const html = await page("en-US");
    const json = JSON.parse((await runCli(["report", ...SHOP, "--compare", "previous", "--format", "json"], { cwd: ROOT })).stdout);
    const nps = json.engagement.nps;
    const row = /<tr><td><a href="#def-nps">Net Promoter Score<\/a>.*?<\/tr>/s.exec(html)![0];
    const size = Math.abs(nps.score - nps.previous.score).toFixed(1);
    expect(row).toContain(`${size} points`);
    expect(typeof nps.significant).toBe("boolean");
    expect(row).toContain(nps.significant ? "significant at 95 %" : "within the margin of error");
  });
});

describe("a chart's axes", () => {
  it.each(["cs-CZ", "de-DE", "en-GB"])("are written in %s: its month names, its percentages", async (locale) => {
    const html = await page(locale, "--every", "month");
    const months = new Set(
      Array.from({ length: 14 }, (_, i) =>
        new Intl.DateTimeFormat(locale, { month: "short", year: "numeric", timeZone: "UTC" }).format(Date.UTC(2025, 5 + i, 1)),
      ),
    );
    const x = ticks(html, "trends", "x");
    expect(x.length).toBeGreaterThan(5);
    for (const labels of x) {
      expect(labels.length).toBeGreaterThan(1);
      for (const label of labels) {
        expect(months, label).toContain(label);
        expect(label).toContain("202"); // the full year: "Oct 25" would read as a day
      }
    }
    // The repeat purchase rate's chart: its ticks are percentages as Intl writes them in the locale.
    const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
    const y = ticks(html, "trends", "y").filter((labels) => labels.some((l) => l.includes("%")));
    expect(y.length).toBeGreaterThan(0);
    const sample = percent.format(0.25); // "25 %" in cs-CZ and de-DE, "25%" in en-GB
    for (const labels of y) for (const label of labels) expect(label).toMatch(new RegExp(`^${sample.replace("25", "[\\d.,\u00a0]+")}$`));
  });
});

describe("a trend's caption", () => {
  it.each([
    [["--window", "3m"], "each point the 3 months ending that day"],
    [["--window", "1y"], "each point the year ending that day"],
    [["--window", "all"], "each point all the orders up to that day"],
    [["--window", "1d", "--every", "day"], "each point that day"],
  ])("with %j says %s", async (flags, phrase) => {
    const html = await page("en-US", "--every", "month", ...flags);
    const captions = [...html.matchAll(/<figcaption>([^<]*)/g)].map((m) => m[1]!);
    expect(captions.length).toBeGreaterThan(5);
    for (const caption of captions) expect(caption).toContain(`: ${phrase}`);
  });
});

describe("the engagement table", () => {
  it("writes a kind's caveat once, under its first figure", async () => {
    // As of 15 June the traffic file covers 350 of the window's days: the traffic figures' caveat.
    const run = await runCli(
      ["report", ...SHOP.slice(0, -1), "2026-06-15", "--traffic", "fixtures/sample-shop/ga4_sessions.csv", "--format", "html"],
      { cwd: ROOT },
    );
    expect(run.status, run.stderr).toBe(0);
    const html = run.stdout;
    const start = html.indexOf('<section class="page" id="metrics">');
    const table = html.slice(html.indexOf("<h3>Engagement</h3>", start), html.indexOf("</section>", start));
    const notes = [...table.matchAll(/<div class="note">([^<]*)<\/div>/g)].map((m) => m[1]!);
    expect(notes.filter((n) => n.includes("cover 350 of the window"))).toHaveLength(1);
    expect(new Set(notes).size).toBe(notes.length);
    expect(table).toContain('href="#def-conversionRate"');
  });
});

describe("the analyses' pages", () => {
  it("cohorts --metric revenue writes whole units in the heat map's cells and the amount in full in its table", async () => {
    const run = await runCli(["cohorts", ...SHOP.slice(0, 2), ...SHOP.slice(4), "--metric", "revenue", "--format", "html"], { cwd: ROOT });
    expect(run.status, run.stderr).toBe(0);
    const svg = /<svg.*?<\/svg>/s.exec(run.stdout.slice(run.stdout.indexOf('id="cohorts"')))![0];
    const cells = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)]
      .map((m) => fromEntities(m[1]!))
      .filter((t) => /\d/.test(t) && !/^\d+$/.test(t) && !/^\d{4}-\d\d$/.test(t)); // not the axes' offsets and cohorts
    expect(cells.length).toBeGreaterThan(20);
    for (const text of cells) expect(text).toMatch(/^[\d,]+\*?$/);
    expect(run.stdout).toContain("in whole units of CZK");
    expect(run.stdout).toMatch(/data-path="groups\.\d\.cohorts\.\d+\.cells\.\d+\.cumulativeRevenuePerCustomer"[^>]*>CZK\s[\d,]+\.\d\d/);
  });

  it("rfm says a currency with no identified customer has no segments", async () => {
    const file = join(tmpdir(), `shopmetrics-rfm-empty-${process.pid}.csv`);
    writeFileSync(
      file,
      [
        "order_id,created_at,email,total,currency,status",
        "1,2026-01-10T10:00:00+01:00,a@example.com,10.00,EUR,paid",
        "2,2026-02-10T10:00:00+01:00,a@example.com,10.00,EUR,paid",
        "3,2026-02-10T10:00:00+01:00,,500,CZK,paid", // a guest: CZK has orders but no customer
      ].join("\n"),
    );
    const run = await runCli(["rfm", "--orders", file, "--tz", "Europe/Prague", "--as-of", "2026-06-30", "--format", "html"], {
      cwd: ROOT,
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('<h3>CZK</h3><p class="muted">No customers, so no segments.</p>');
    expect(run.stdout).toContain("EUR · 1 customers");
  });
});

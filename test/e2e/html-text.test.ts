/**
 * What the HTML pages write, read from the page's text (the browser tests hold the values to the
 * JSON; these hold the words and numbers to the locale): a change is an arrow and a magnitude,
 * never a locale's minus sign (Arabic puts a letter mark before its minus, Dutch money puts the
 * sign after the symbol); a rate's change is in percentage points with one decimal and NPS's in
 * points with whether it is significant; a chart's axis ticks are the locale's own month names
 * and percentages (independently written here by Intl).
 */
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
        new Intl.DateTimeFormat(locale, { month: "short", year: "2-digit", timeZone: "UTC" }).format(Date.UTC(2025, 5 + i, 1)),
      ),
    );
    const x = ticks(html, "trends", "x");
    expect(x.length).toBeGreaterThan(5);
    for (const labels of x) {
      expect(labels.length).toBeGreaterThan(1);
      for (const label of labels) expect(months, label).toContain(label);
    }
    // The repeat purchase rate's chart: its ticks are percentages as Intl writes them in the locale.
    const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
    const y = ticks(html, "trends", "y").filter((labels) => labels.some((l) => l.includes("%")));
    expect(y.length).toBeGreaterThan(0);
    const sample = percent.format(0.25); // "25 %" in cs-CZ and de-DE, "25%" in en-GB
    for (const labels of y) for (const label of labels) expect(label).toMatch(new RegExp(`^${sample.replace("25", "[\\d.,\u00a0]+")}$`));
  });
});

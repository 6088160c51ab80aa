/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The HTML pages (issue 15) in a real browser: the system's headless Chromium (browser.ts). For
 * each command's page: no console error or warning; no request but the page itself; every value
 * shown with a `data-path` equal to the embedded JSON at that path, and every metric of the JSON
 * shown; money written as the browser's own Intl writes it in the page's locale; no horizontal
 * overflow at 390 × 844 and 1280 × 800; the charts there with scripts off; the print PDF's
 * sections in order (read back by pdftotext, poppler-utils, an independent parser); and texts
 * from files (`<script>`, `"><img onerror>`, `javascript:`) shown as text, never run.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGAGEMENT_METRICS } from "../../src/metrics/engagement/index.js";
import { renderPage } from "../../src/report/html/page.js";
import { ROOT, runCli } from "../helpers.js";
import { mulberry32 } from "../random.js";
import { launch, open } from "./browser.js";

const SHOP = ["--orders", "fixtures/sample-shop/orders_export.csv", "--tz", "Europe/Prague", "--as-of", "2026-06-30"];
const ENGAGEMENT = [
  "--survey",
  "fixtures/sample-shop/survey_responses.csv",
  "--reviews",
  "fixtures/sample-shop/heureka_reviews.xml",
  "--tickets",
  "fixtures/sample-shop/zendesk_tickets.csv",
  "--traffic",
  "fixtures/sample-shop/ga4_sessions.csv",
];
const dir = mkdtempSync(join(tmpdir(), "shopmetrics-html-"));

async function page(name: string, args: string[]): Promise<string> {
  const file = join(dir, `${name}.html`);
  const run = await runCli([...args, "--format", "html", "--out", file], { cwd: ROOT });
  expect(run.status, run.stderr).toBe(0);
  expect(run.stdout).toBe("");
  return file;
}

interface Shown {
  readonly paths: string[];
  readonly mismatches: string[];
  readonly empty: string[];
}

/** Every `data-path` element against the embedded JSON, in the page. */
async function shownAgainstJson(p: import("playwright-core").Page): Promise<Shown> {
  return p.evaluate(() => {
    const data = JSON.parse(document.getElementById("shopmetrics-data")!.textContent!);
    const at = (path: string) =>
      path.split(".").reduce((o: unknown, k) => (o == null ? undefined : (o as Record<string, unknown>)[k]), data);
    const out = { paths: [] as string[], mismatches: [] as string[], empty: [] as string[] };
    for (const el of document.querySelectorAll<HTMLElement>("[data-path]")) {
      const path = el.dataset.path!;
      out.paths.push(path);
      const want = at(path);
      const got = el.dataset.value === "" ? null : Number(el.dataset.value);
      if (want !== got) out.mismatches.push(`${path}: page ${got}, JSON ${String(want)}`);
      if ((el.textContent ?? "").trim() === "") out.empty.push(path);
    }
    return out;
  });
}

/** The page's width at a viewport: what it scrolls to sideways, and the viewport's. */
async function widths(file: string, width: number, height: number, screenshot?: string): Promise<[number, number]> {
  const { page: p } = await open(browser, file, { width, height });
  const [scroll, inner] = await p.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  if (screenshot) await p.screenshot({ path: screenshot });
  await p.context().close();
  return [scroll!, inner!];
}

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

describe("report --format html (the sample shop, as npm run demo, with --compare and --every)", async () => {
  const file = await page("report", ["report", ...SHOP, ...ENGAGEMENT, "--compare", "previous", "--every", "month", "--locale", "cs-CZ"]);
  const doc = JSON.parse(
    (await runCli(["report", ...SHOP, ...ENGAGEMENT, "--compare", "previous", "--every", "month", "--format", "json"], { cwd: ROOT }))
      .stdout,
  );

  it("loads with no console error and no request but itself; embeds the JSON the command prints", async () => {
    const { page: p, problems, requests } = await open(browser, file);
    expect(problems).toEqual([]);
    expect(requests).toEqual([`file://${file}`]);
    const embedded = JSON.parse((await p.locator("#shopmetrics-data").textContent())!);
    expect(embedded).toEqual(doc);
    await p.context().close();
  });

  it("shows every metric of every currency, each equal to the JSON, money as the browser's Intl writes it in cs-CZ", async () => {
    const { page: p } = await open(browser, file);
    const shown = await shownAgainstJson(p);
    expect(shown.mismatches).toEqual([]);
    expect(shown.empty).toEqual([]);
    doc.groups.forEach((group: { metrics: Record<string, unknown> }, g: number) => {
      for (const id of Object.keys(group.metrics)) expect(shown.paths).toContain(`groups.${g}.metrics.${id}`);
    });
    for (const path of ["engagement.nps.score", "engagement.csat.rate", "dataQuality.rowsRead", "dataQuality.ordersRead"])
      expect(shown.paths).toContain(path);
    // Every engagement figure the inputs give, this window's and the previous one's, is in the metrics table.
    const engagement = ENGAGEMENT_METRICS.filter((m) => doc.engagement[m.kind]);
    expect([...new Set(engagement.map((m) => m.kind))]).toEqual(["nps", "csat", "reviews", "support", "traffic"]); // the sample has no CES question
    for (const m of engagement)
      for (const path of [`engagement.${m.kind}.${m.field}`, `engagement.${m.kind}.previous.${m.field}`])
        expect(shown.paths, path).toContain(path);
    const money = await p.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('[data-path$=".metrics.aov"], [data-path$=".metrics.revenue"]')].map((el) => {
        const data = JSON.parse(document.getElementById("shopmetrics-data")!.textContent!);
        const g = Number(el.dataset.path!.split(".")[1]);
        const currency = data.groups[g].currency;
        const want = new Intl.NumberFormat("cs-CZ", { style: "currency", currency }).format(Number(el.dataset.value));
        return [el.textContent, want];
      }),
    );
    expect(money.length).toBeGreaterThan(4);
    for (const [got, want] of money) expect(got).toBe(want);
    expect(money.map((m) => m[0])).toContain("50,97\u00a0€"); // cs-CZ: a no-break space before the symbol
    await p.context().close();
  });

  it.each([
    [390, 844],
    [1280, 800],
  ])("has no horizontal overflow at %i × %i", async (width, height) => {
    const [scroll, inner] = await widths(file, width, height, join(dir, `report-${width}.png`));
    expect(scroll).toBeLessThanOrEqual(inner);
  });

  it.each([
    ["light", "rgb(255, 255, 255)"],
    ["dark", "rgb(13, 17, 23)"],
  ] as const)("follows the reader's %s mode", async (colorScheme, background) => {
    const { page: p } = await open(browser, file, { colorScheme });
    expect(await p.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(background);
    await p.context().close();
  });

  it("draws its charts as static SVG: they are there with scripts off", async () => {
    const { page: p, problems } = await open(browser, file, { javaScript: false });
    expect(await p.locator("#headline svg").count()).toBeGreaterThan(10);
    expect(await p.locator("#trends figure svg[role=img]").count()).toBeGreaterThan(10);
    expect(problems).toEqual([]);
    await p.context().close();
  });

  it("prints to A4 with the sections in order (pdftotext reads the PDF back)", async () => {
    const { page: p } = await open(browser, file);
    const pdf = join(dir, "report.pdf");
    await p.pdf({ path: pdf, format: "A4" });
    await p.context().close();
    const text = spawnSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
    expect(text.error, "pdftotext (Debian's poppler-utils) reads the PDF back: apt-get install poppler-utils").toBeUndefined();
    const at = ["Headline", "Trends", "Every metric", "Data quality", "Definitions"].map((h) => text.stdout.indexOf(`${h}\n`));
    for (const i of at) expect(i).toBeGreaterThan(-1);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(text.stdout).toMatch(/50,97\s€/);
  });

  it("sorts a table by a header's click (the page's one script)", async () => {
    const { page: p } = await open(browser, file);
    const table = p.locator("table.sortable").first();
    const orders = async () =>
      await table.locator("tbody tr td:nth-child(2)").evaluateAll((tds) => tds.map((td) => Number((td as HTMLElement).dataset.value)));
    await table.locator("thead th").nth(1).click();
    const down = await orders();
    expect(down).toEqual([...down].sort((a, b) => b - a));
    await table.locator("thead th").nth(1).click();
    const up = await orders();
    expect(up).toEqual([...down].reverse());
    await p.context().close();
  });
});

describe.each([
  ["cohorts", ["cohorts", ...SHOP], "groups.1.cohorts.0.cells.0.retention"],
  ["cohorts --metric revenue", ["cohorts", ...SHOP, "--metric", "revenue"], "groups.1.cohorts.0.cells.0.cumulativeRevenuePerCustomer"],
  ["rfm", ["rfm", ...SHOP], "groups.1.segments.0.customers"],
  ["clv", ["clv", ...SHOP, "--holdout", "26w"], "groups.1.holdout.byFrequency.0.actual"],
])("%s --format html", async (name, args, path) => {
  const file = await page(name.replace(/\W+/g, "-"), args);
  it("loads clean, offline, every shown value equal to the JSON, no overflow at 390 px", async () => {
    const { page: p, problems, requests } = await open(browser, file, { width: 390, height: 844 });
    expect(problems).toEqual([]);
    expect(requests).toEqual([`file://${file}`]);
    const shown = await shownAgainstJson(p);
    expect(shown.mismatches).toEqual([]);
    expect(shown.empty).toEqual([]);
    expect(shown.paths).toContain(path);
    const [scroll, inner] = await p.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    expect(scroll).toBeLessThanOrEqual(inner);
    expect(await p.locator("figure svg[role=img]").count()).toBeGreaterThan(0);
    await p.context().close();
  });
});

describe("dashboard (the sample shop with every input)", async () => {
  const file = join(dir, "dashboard.html");
  const run = await runCli(["dashboard", ...SHOP, ...ENGAGEMENT, "--locale", "cs-CZ", "--out", file], { cwd: ROOT });
  const json = async (args: string[]) => JSON.parse((await runCli([...args, ...SHOP, "--format", "json"], { cwd: ROOT })).stdout);
  const SECTIONS = [
    "Headline",
    "Trends",
    "Cohorts",
    "RFM segments",
    "Predicted CLV",
    "Holdout check",
    "Every metric",
    "Data quality",
    "Definitions",
  ];

  it("writes the page and nothing to stdout", () => {
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toBe("");
  });

  it("embeds what each command computes on its own: report --compare --every month, cohorts, rfm, clv, clv --holdout 26w", async () => {
    const { page: p, problems, requests } = await open(browser, file);
    expect(problems).toEqual([]);
    expect(requests).toEqual([`file://${file}`]);
    const data = JSON.parse((await p.locator("#shopmetrics-data").textContent())!);
    await p.context().close();
    expect(data.report).toEqual(await json(["report", ...ENGAGEMENT, "--compare", "previous", "--every", "month"]));
    expect(data.cohorts).toEqual(await json(["cohorts"]));
    expect(data.rfm).toEqual(await json(["rfm"]));
    expect(data.clv).toEqual(await json(["clv"]));
    expect(data.clvHoldout).toEqual(await json(["clv", "--holdout", "26w"]));
  });

  it("shows the sections in the issue's order, every value equal to the JSON, every report metric", async () => {
    const { page: p } = await open(browser, file);
    expect(await p.locator("main > section > h2").allTextContents()).toEqual(SECTIONS);
    const shown = await shownAgainstJson(p);
    expect(shown.mismatches).toEqual([]);
    expect(shown.empty).toEqual([]);
    const data = JSON.parse((await p.locator("#shopmetrics-data").textContent())!);
    data.report.groups.forEach((group: { metrics: Record<string, unknown> }, g: number) => {
      for (const id of Object.keys(group.metrics)) expect(shown.paths).toContain(`report.groups.${g}.metrics.${id}`);
    });
    // Every figure's definition link lands on a definition.
    const links = await p.evaluate(() =>
      [...document.querySelectorAll<HTMLAnchorElement>('a[href^="#"]')].map((a) => {
        const href = a.getAttribute("href")!;
        return [href, document.getElementById(href.slice(1)) !== null] as const;
      }),
    );
    expect(links.length).toBeGreaterThan(40);
    expect(links.filter(([, found]) => !found)).toEqual([]);
    for (const path of [
      "cohorts.groups.0.cohorts.0.customers",
      "rfm.groups.1.segments.0.customers",
      "clv.groups.1.totals.clv",
      "clvHoldout.groups.1.holdout.byFrequency.7.actual",
    ])
      expect(shown.paths).toContain(path);
    await p.context().close();
  });

  it.each([
    [390, 844],
    [1280, 800],
  ])("has no horizontal overflow at %i × %i", async (width, height) => {
    const [scroll, inner] = await widths(file, width, height);
    expect(scroll).toBeLessThanOrEqual(inner);
  });

  it("prints with the sections in order", async () => {
    const { page: p } = await open(browser, file);
    const pdf = join(dir, "dashboard.pdf");
    await p.pdf({ path: pdf, format: "A4" });
    await p.context().close();
    const text = spawnSync("pdftotext", [pdf, "-"], { encoding: "utf8" }).stdout;
    const at = SECTIONS.map((h) => text.indexOf(`${h}\n`));
    for (const [i, h] of SECTIONS.entries()) expect(at[i], h).toBeGreaterThan(-1);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });
});

describe("a sortable table with values that are n/a", () => {
  it("sorts them last, both ways (the page's script, as every page carries it)", async () => {
    const file = join(dir, "sort.html");
    const cell = (v: number | null) => `<td class="num" data-value="${v ?? ""}">${v ?? "n/a"}</td>`;
    const rows = [2, null, 10, 1, null, 3].map((v, i) => `<tr><td>r${i}</td>${cell(v)}</tr>`).join("");
    writeFileSync(
      file,
      renderPage({
        title: "sort",
        locale: "en-US",
        header: "",
        body: `<table class="sortable"><thead><tr><th>Row</th><th>Value</th></tr></thead><tbody>${rows}</tbody></table>`,
        data: {},
      }),
    );
    const { page: p, problems } = await open(browser, file);
    const values = () => p.locator("tbody td:nth-child(2)").allTextContents();
    await p.locator("thead th").nth(1).click();
    expect(await values()).toEqual(["10", "3", "2", "1", "n/a", "n/a"]);
    await p.locator("thead th").nth(1).click();
    expect(await values()).toEqual(["1", "2", "3", "10", "n/a", "n/a"]);
    expect(problems).toEqual([]);
    await p.context().close();
  });
});

describe("a customer's email among clv's top customers is shown, never run", async () => {
  // 300 customers who buy at their own pace and leave at their own chance (seeded): enough repeat
  // customers for BG/NBD to fit, so the top customers, half of them with a hostile email, are listed.
  const random = mulberry32(20_261_204);
  const hostile = '"><img src=x onerror=alert(2)>';
  const rows = ["order_id,created_at,email,total,currency,status"];
  let id = 0;
  for (let c = 0; c < 300; c++) {
    const gap = [20, 45, 90, 180, 400, 900][Math.floor(random() * 6)]!;
    const leave = [0.05, 0.2, 0.4, 0.7][Math.floor(random() * 4)]!;
    let day = Date.UTC(2023, 0, 1) + Math.floor(random() * 700) * 86_400_000;
    const email = `c${c}${c % 2 === 0 ? hostile : ""}@example.com`.replace(/"/g, '""');
    while (day <= Date.UTC(2025, 5, 30)) {
      rows.push(`${++id},${new Date(day).toISOString().slice(0, 10)},"${email}",${10 + Math.floor(random() * 90)}.00,EUR,completed`);
      if (random() < leave) break;
      day += Math.max(1, Math.round(-Math.log(1 - random()) * gap)) * 86_400_000;
    }
  }
  const input = join(dir, "clv-emails.csv");
  writeFileSync(input, `${rows.join("\n")}\n`);
  const file = await page("clv-emails", ["clv", "--orders", input, "--tz", "UTC", "--as-of", "2025-06-30"]);

  it("lists them as text", async () => {
    const { page: p, dialogs, problems } = await open(browser, file);
    expect(problems).toEqual([]);
    expect(dialogs).toEqual([]);
    const customers = await p.locator("#clv table.sortable tbody tr td:first-child").allTextContents();
    expect(customers.length).toBeGreaterThan(5);
    expect(customers.filter((c) => c.includes(hostile)).length).toBeGreaterThan(0);
    expect(await p.locator("img, [onerror]").count()).toBe(0);
    expect(readFileSync(file, "utf8")).not.toMatch(/<img/i);
    await p.context().close();
  });
});

describe("texts from files are shown, never run", async () => {
  // A file name, a status text, a currency-less generic file's email and a referral source, and a
  // config's segment name, each hostile.
  const hostile = join(dir, "hostile");
  mkdirSync(hostile);
  const XSS = ["<script>alert(1)</script>", '"><img src=x onerror=alert(2)>', "javascript:alert(3)"] as const;
  const name = `orders ${XSS[1]}.csv`;
  const rows = ["order_id,created_at,email,total,currency,status,source"];
  for (let i = 0; i < 60; i++)
    rows.push(
      `${i},2025-0${1 + (i % 6)}-1${i % 9},"c${i % 20}${i % 3 === 0 ? XSS[1].replace(/"/g, '""') : ""}@example.com",${10 + i},EUR,${i === 5 ? `"${XSS[0]}"` : "completed"},${XSS[i % 3]!.replace(/^"/, "")}`,
    );
  writeFileSync(join(hostile, name), `${rows.join("\n")}\n`);
  // ./shopmetrics.config.json, read from the working folder: rfm's grid of two hostile names.
  writeFileSync(
    join(hostile, "shopmetrics.config.json"),
    JSON.stringify({
      rfmSegments: {
        rules: [
          { name: XSS[0], r: [4, 5] },
          { name: XSS[2], r: [2, 3] },
        ],
        fallback: XSS[1],
      },
    }),
  );

  it.each([
    ["report", ["report", "--compare", "previous"], [XSS[0], XSS[2]]], // referral sources, the status in a warning
    ["rfm", ["rfm"], [XSS[0], XSS[1], XSS[2]]], // the config's segment names
    ["clv", ["clv"], [XSS[0]]], // the status text in a warning (60 orders are too few for a fit: no customer list)
    ["cohorts", ["cohorts"], []],
    ["dashboard", ["dashboard"], [XSS[0], XSS[1], XSS[2]]], // all of the above on one page
  ])("%s", async (label, command, texts) => {
    const file = join(hostile, `${label}.html`);
    const format = label === "dashboard" ? [] : ["--format", "html"]; // the dashboard is always a page
    const run = await runCli([...command, "--orders", name, "--tz", "UTC", "--as-of", "2025-06-30", ...format, "--out", file], {
      cwd: hostile,
    });
    expect(run.status, run.stderr).toBe(0);
    const text = readFileSync(file, "utf8");
    // The embedded JSON writes < as \u003c; nowhere else does a file's text make markup.
    expect(text).not.toMatch(/<img|<iframe|href="javascript:/i);
    expect(text.match(/<script/g)).toHaveLength(2);
    const { page: p, dialogs, problems } = await open(browser, file);
    expect(dialogs).toEqual([]);
    expect(problems).toEqual([]);
    expect(await p.locator("img, iframe, [onerror]").count()).toBe(0);
    expect(await p.locator("script").count()).toBe(2); // the data and the sorting
    const body = await p.locator("body").textContent();
    for (const t of [`orders ${XSS[1]}.csv`, ...texts]) expect(body).toContain(t);
    await p.context().close();
  });
});

/**
 * Referral sources (issue 11): where each currency's orders came from, from the orders' own
 * source columns and from an --attribution file joined by order number. Worked by hand on
 * fixtures/orders/fairing-orders.csv with the answers of fixtures/surveys/fairing.csv, window
 * 2025-07-01 … 2026-06-30 (Prague):
 *   #1043 (anna, 2025-06-12) lies before the window: her #1600 is not a new customer's.
 *   In the window 12 orders; #1437 (ema's second) has no answer and no source: coverage 11 / 12.
 *   referral  #1102 Podcast 40, #1260 Friend or family 20, #1480 Podcast 15, #1522 Friend or family 70
 *             → 4 orders, 145.00, 4 new (ben, dan, ivo, jana), share 4 / 11
 *   social    #1324 Instagram 60, #1402 facebook (its source column: no answer) 45, #1561 Instagram 10
 *             → 3 orders, 115.00, 3 new (ema, hugo, karl)
 *   organic   #1187 Google 30, #1399 Google 35 (the answer wins over its "newsletter" column) → 2, 65.00, 2 new
 *   marketplace  #1600 heureka.cz 80 → 1, 80.00, 0 new
 *   "My sister" (a free-text answer no map knows) #1351 25 → 1, 25.00, 1 new
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers.js";

const ORDERS = "fixtures/orders/fairing-orders.csv";
const ANSWERS = "fixtures/surveys/fairing.csv";
const BASE = ["report", "--orders", ORDERS, "--tz", "Europe/Prague", "--as-of", "2026-06-30", "--format", "json"];

async function referrals(args: readonly string[]) {
  const run = await runCli([...BASE, ...args]);
  expect(run.stderr).not.toMatch(/internal error|error:/);
  expect(run.status).toBe(0);
  const report = JSON.parse(run.stdout);
  return { report, referrals: report.groups[0].referrals };
}

const brief = (sources: { source: string; orders: number; newCustomers: number; revenue: number; orderShare: number }[]) =>
  sources.map(({ source, orders, newCustomers, revenue, orderShare }) => [source, orders, newCustomers, revenue, orderShare]);

describe("referral sources", () => {
  it("joins the attribution answers by order number, and falls back to the orders' source column", async () => {
    const { report, referrals: r } = await referrals(["--attribution", ANSWERS]);
    expect(r.coverage).toBe(11 / 12);
    expect(brief(r.sources)).toEqual([
      ["referral", 4, 4, 145, 4 / 11],
      ["social", 3, 3, 115, 3 / 11],
      ["organic", 2, 2, 65, 2 / 11],
      ["marketplace", 1, 0, 80, 1 / 11],
      ["My sister", 1, 1, 25, 1 / 11],
    ]);
    expect(r.sources[1].answers).toEqual([
      { text: "Instagram", orders: 2 },
      { text: "facebook", orders: 1 },
    ]);
    expect(r.basis).toMatch(/^self-reported: the customer's answer to a post-purchase survey/);
    expect(report.inputs.map((i: { kind: string; platform: string }) => [i.kind, i.platform])).toEqual([
      ["orders", "generic"],
      ["attribution", "fairing"],
    ]);
    // 22 rows: 12 answers to "How did you hear about us?" — #1043 … #1561, 10 orders — and 12 to the NPS question.
    expect(report.dataQuality.inputs[1]).toEqual({
      kind: "attribution",
      file: ANSWERS,
      rowsRead: 22,
      rowsUsed: 10,
      rowsSkipped: 0,
      repeatedHeaders: 0,
      excluded: { otherQuestions: 12 },
    });
  });

  it("puts a source in the channel --source-map names", async () => {
    const { referrals: r } = await referrals(["--attribution", ANSWERS, "--source-map", "my sister=referral"]);
    expect(brief(r.sources)[0]).toEqual(["referral", 5, 5, 170, 5 / 11]);
    expect(r.sources.map((s: { source: string }) => s.source)).not.toContain("My sister");
  });

  it("without the answers, reads the orders' source column alone", async () => {
    const { referrals: r } = await referrals([]);
    // Only #1399 newsletter, #1402 facebook and #1600 heureka.cz say: 3 of the 12 orders.
    expect(r.coverage).toBe(3 / 12);
    expect(brief(r.sources)).toEqual([
      ["email", 1, 1, 35, 1 / 3],
      ["marketplace", 1, 0, 80, 1 / 3],
      ["social", 1, 1, 45, 1 / 3],
    ]);
    expect(r.basis).toMatch(/^the orders file's source column/);
  });

  it("reads Shopify's Source and its discount codes (the sample shop)", async () => {
    const run = await runCli(["report", "--orders", "fixtures/sample-shop/orders_export.csv", "--tz", "Europe/Prague", "--format", "json"]);
    const groups = JSON.parse(run.stdout).groups;
    for (const g of groups) {
      const names = g.referrals.sources.map((s: { source: string }) => s.source);
      expect(names).toContain("web");
      expect(names.some((n: string) => n.startsWith("code "))).toBe(true);
      // Every order a source: the sample shop writes Source on every order's first row.
      expect(g.referrals.coverage).toBe(1);
      expect(g.referrals.sources.reduce((n: number, s: { orders: number }) => n + s.orders, 0)).toBe(g.metrics.orders);
    }
  });

  it("warns about answers whose order is not in the orders file", async () => {
    const run = await runCli([
      "report",
      "--orders",
      "fixtures/orders/generic-guest.csv",
      "--attribution",
      ANSWERS,
      "--tz",
      "Europe/Prague",
      "--format",
      "json",
    ]);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).warnings).toContain(
      `${ANSWERS}: 10 of 10 answered orders are not in the orders file (no order has their number): their answers are not counted`,
    );
  });

  it("needs --orders for --attribution", async () => {
    const run = await runCli(["report", "--survey", "fixtures/surveys/typeform.csv", "--attribution", ANSWERS]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe("shopmetrics: error: --attribution needs --orders: its answers are joined to the orders\n");
  });

  it("shows the sources under the currency's table", async () => {
    const run = await runCli(["report", "--orders", ORDERS, "--attribution", ANSWERS, "--tz", "Europe/Prague", "--as-of", "2026-06-30"]);
    expect(run.stdout).toContain("Where the orders came from (91.7% of the orders say;");
    expect(run.stdout).toMatch(/│ referral\s+│\s+4 │ 36\.4% │\s+4 │ 145\.00 EUR │/);
    const narrow = await runCli(
      ["report", "--orders", ORDERS, "--attribution", ANSWERS, "--tz", "Europe/Prague", "--as-of", "2026-06-30"],
      {
        env: { COLUMNS: "50" },
      },
    );
    expect(narrow.stdout).toContain("referral\n  4 orders (36.4%) · 4 new · 145.00 EUR\n");
  });
});

describe("inspect on an attribution file", () => {
  it("shows the answers and the channel each goes in (a Fairing file, as attribution)", async () => {
    const run = await runCli(["inspect", ANSWERS, "--attribution-platform", "fairing", "--format", "json"]);
    expect(run.status).toBe(0);
    const i = JSON.parse(run.stdout);
    expect(i).toMatchObject({
      kind: "attribution-inspection",
      platform: "fairing",
      rows: 22,
      answered: 10,
      excluded: { otherQuestions: 12 },
    });
    expect(i.answers).toEqual([
      { text: "Instagram", orders: 3, channel: "social" },
      { text: "Friend or family", orders: 2, channel: "referral" },
      { text: "Google", orders: 2, channel: "organic" },
      { text: "Podcast", orders: 2, channel: "referral" },
      { text: "My sister", orders: 1, channel: "My sister" },
    ]);
  });

  it("tells a generic attribution file by its header, and --attribution-map reads other names", async () => {
    const dir = mkdtempSync(join(tmpdir(), "shopmetrics-attribution-"));
    const plain = join(dir, "plain.csv");
    writeFileSync(plain, "order_number,answer\n1043,Instagram\n1102,Heureka\n1102,Google\n");
    const i = JSON.parse((await runCli(["inspect", plain, "--format", "json"])).stdout);
    // #1102's second answer counts as answered before: each order keeps its first.
    expect(i).toMatchObject({ kind: "attribution-inspection", platform: "generic", answered: 2, excluded: { answeredBefore: 1 } });
    expect(i.answers.map((a: { channel: string }) => a.channel)).toEqual(["marketplace", "social"]);
    const czech = join(dir, "czech.csv");
    writeFileSync(czech, "Objednávka;Odpověď\n#1324;Facebook\n#1402;Seznam\n");
    const mapped = await runCli([
      "report",
      "--orders",
      ORDERS,
      "--attribution",
      czech,
      "--attribution-map",
      "order_number=Objednávka",
      "--attribution-map",
      "answer=Odpověď",
      "--tz",
      "Europe/Prague",
      "--as-of",
      "2026-06-30",
      "--format",
      "json",
    ]);
    expect(mapped.status).toBe(0);
    const r = JSON.parse(mapped.stdout).groups[0].referrals;
    // #1324 Facebook and #1402 Seznam (answers; #1402's own facebook column loses), #1399 newsletter and #1600 heureka.cz from the orders.
    expect(brief(r.sources)).toEqual([
      ["email", 1, 1, 35, 1 / 4],
      ["marketplace", 1, 0, 80, 1 / 4],
      ["organic", 1, 1, 45, 1 / 4],
      ["social", 1, 1, 60, 1 / 4],
    ]);
  });
});

describe("review regressions (issue 11's review)", () => {
  it("matches the default channels by whole words or word starts, not inside words", async () => {
    const dir = mkdtempSync(join(tmpdir(), "shopmetrics-channels-"));
    const path = join(dir, "answers.csv");
    writeFileSync(
      path,
      "order_number,answer\n1,My brother told me\n2,a directory listing\n3,Seoul Korean blog\n4,facebook.com\n5,Heureka.cz\n",
    );
    const i = JSON.parse((await runCli(["inspect", path, "--format", "json"])).stdout);
    expect(Object.fromEntries(i.answers.map((a: { text: string; channel: string }) => [a.text, a.channel]))).toEqual({
      "My brother told me": "My brother told me",
      "a directory listing": "a directory listing",
      "Seoul Korean blog": "referral",
      "facebook.com": "social",
      "Heureka.cz": "marketplace",
    });
  });

  it("reads a WooCommerce export plugin's coupon (code:ANNA10;amount:…) as its code", async () => {
    const dir = mkdtempSync(join(tmpdir(), "shopmetrics-coupon-"));
    const path = join(dir, "woo.csv");
    writeFileSync(
      path,
      "order_id,order_date,order_total,billing_email,customer_id,status,coupon_items\n1,2026-05-01 10:00:00,10.00,a@x.cz,1,completed,code:ANNA10;amount:10.00;description:\n2,2026-05-02 10:00:00,20.00,b@x.cz,2,completed,code:ANNA10;amount:5.00;description:|code:FREESHIP;amount:0;description:\n",
    );
    const run = await runCli(["report", "--orders", path, "--tz", "Europe/Prague", "--format", "json"]);
    const sources = JSON.parse(run.stdout).groups[0].referrals.sources;
    expect(sources.map((s: { source: string; orders: number }) => [s.source, s.orders])).toEqual([["code ANNA10", 2]]);
  });

  it("says when no question of an attribution file reads as 'how did you hear about us?'", async () => {
    const dir = mkdtempSync(join(tmpdir(), "shopmetrics-questions-"));
    const path = join(dir, "fa.csv");
    writeFileSync(path, "order_number,question,response\n#1102,Which flavour do you like?,Mild\n");
    const run = await runCli([...BASE, "--attribution", path]);
    expect(JSON.parse(run.stdout).warnings).toContain(
      `${path}: none of its questions ("Which flavour do you like?") reads as "how did you hear about us?": no answer was taken (--attribution-platform generic takes every row)`,
    );
    // "Where did you first hear of us?" is one.
    writeFileSync(path, "order_number,question,response\n#1102,Where did you first hear of us?,Instagram\n");
    const read = JSON.parse((await runCli([...BASE, "--attribution", path])).stdout);
    expect(read.dataQuality.inputs[1]).toMatchObject({ rowsUsed: 1 });
  });

  it("refuses a CSV --reviews-platform or --reviews-map on a Heureka XML file", async () => {
    const xml = "fixtures/reviews/heureka-shop.xml";
    const run = await runCli(["report", "--reviews", xml, "--reviews-platform", "judgeme"]);
    expect(run.status).toBe(3);
    expect(run.stderr).toBe(`shopmetrics: error: ${xml}:1: the file is XML, but --reviews-platform judgeme is a CSV export\n`);
    expect((await runCli(["report", "--reviews", xml, "--reviews-map", "rating=stars"])).status).toBe(3);
  });
});

describe("the config's sourceMap", () => {
  it("is read as source-map, with no warning", async () => {
    const dir = mkdtempSync(join(tmpdir(), "shopmetrics-sourcemap-"));
    const config = join(dir, "shopmetrics.config.json");
    writeFileSync(config, JSON.stringify({ sourceMap: { "my sister": "referral" } }));
    const run = await runCli([...BASE, "--attribution", ANSWERS, "--config", config]);
    expect(run.stderr).not.toMatch(/sourceMap/);
    expect(JSON.parse(run.stdout).groups[0].referrals.sources[0]).toMatchObject({ source: "referral", orders: 5 });
  });
});

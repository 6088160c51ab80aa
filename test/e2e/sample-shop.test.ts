/**
 * The bundled sample shop (`npm run demo`). Expected values are the generator's own truth: what
 * scripts/generate-shop.mjs knows it wrote, computed from its records without reading the CSV
 * (fixtures/sample-shop/README.md, "Expected report"); DuckDB gets the same from the CSV
 * (`node scripts/bench.mjs --duckdb fixtures/sample-shop/orders_export.csv`).
 */
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers.js";

describe("sample shop (fixtures/sample-shop/orders_export.csv)", async () => {
  const run = await runCli(["report", "--orders", "fixtures/sample-shop/orders_export.csv", "--tz", "Europe/Prague", "--format", "json"]);
  const report = JSON.parse(run.stdout);

  it("reads every row, with no warnings", async () => {
    expect(run.status).toBe(0);
    expect(run.stderr).toBe("");
    expect(report.asOf).toBe("2026-06-30");
    expect(report.dataQuality).toMatchObject({ rowsRead: 4548, rowsSkipped: 0, ordersRead: 3000, unidentifiedOrders: 151 });
  });

  it("matches the generator's truth in both currencies", async () => {
    expect(report.groups.map((g: { currency: string }) => g.currency)).toEqual(["CZK", "EUR"]);
    expect(report.groups[0].metrics).toMatchObject({
      orders: 206,
      revenue: 235_920.71,
      aov: 1145.25,
      customers: 99,
      newCustomers: 64,
      purchaseFrequency: 1.8686868686868687,
      repeatPurchaseRate: 0.36363636363636365,
      guestCheckoutRate: null,
    });
    expect(report.groups[1].metrics).toMatchObject({
      orders: 1019,
      revenue: 51_942.23,
      aov: 50.97,
      customers: 548,
      newCustomers: 307,
      purchaseFrequency: 1.7791970802919708,
      repeatPurchaseRate: 0.36678832116788324,
      guestCheckoutRate: null,
    });
  });
});

describe("sample shop with its survey and reviews (`npm run demo`)", async () => {
  // The command `npm run demo` runs (package.json), as JSON, with --compare previous.
  const run = await runCli([
    "report",
    "--orders",
    "fixtures/sample-shop/orders_export.csv",
    "--survey",
    "fixtures/sample-shop/survey_responses.csv",
    "--reviews",
    "fixtures/sample-shop/heureka_reviews.xml",
    "--tz",
    "Europe/Prague",
    "--compare",
    "previous",
    "--format",
    "json",
  ]);
  const report = JSON.parse(run.stdout);

  // The figures of the independent re-computation:
  //   python3 scripts/crosscheck/engagement.py survey fixtures/sample-shop/survey_responses.csv --format google-forms \
  //     --encoding cp1250 --delimiter ';' --tz Europe/Prague --as-of 2026-06-30 --days 365 --previous
  //   python3 scripts/crosscheck/engagement.py reviews fixtures/sample-shop/heureka_reviews.xml --format heureka-shop \
  //     --tz Europe/Prague --as-of 2026-06-30 --days 365 --previous
  it("gives the crosscheck's NPS and CSAT, this year and last", () => {
    expect(run.status).toBe(0);
    expect(report.inputs.map((i: { kind: string; platform: string; encoding: string }) => [i.kind, i.platform, i.encoding])).toEqual([
      ["orders", "shopify", "utf-8"],
      ["survey", "google-forms", "windows-1250"],
      ["reviews", "heureka-shop", "utf-8"],
    ]);
    const { nps, csat } = report.engagement;
    expect(nps).toMatchObject({ responses: 212, promoters: 118, passives: 57, detractors: 37, significant: false });
    expect(nps.score).toBeCloseTo(38.20754716981132, 9);
    expect(nps.marginOfError95).toBeCloseTo(10.29726519093726, 9);
    expect(nps.previous).toMatchObject({ responses: 211, promoters: 101, passives: 62, detractors: 48 });
    expect(nps.previous.score).toBeCloseTo(25.118483412322274, 9);
    expect(csat).toMatchObject({ responses: 206, satisfied: 161, scale: 5 });
    expect(csat.rate).toBeCloseTo(0.7815533980582524, 12);
    expect(csat.meanScore).toBeCloseTo(3.9902912621359223, 12);
    expect(csat.previous).toMatchObject({ responses: 207, satisfied: 140 });
  });

  it("gives the crosscheck's review figures", () => {
    const { reviews } = report.engagement;
    expect(reviews).toMatchObject({ reviews: 121, positiveReviews: 92, unrated: 11 });
    expect(reviews.positiveGrowth).toBeCloseTo(0.26027397260273966, 12);
    expect(reviews.meanRating).toBeCloseTo(4.202479338842975, 12);
    expect(reviews.previous).toMatchObject({ reviews: 105, positiveReviews: 73, unrated: 12 });
  });
});

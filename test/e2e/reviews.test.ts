/**
 * --reviews (issue 11): positive-review growth and its figures from Judge.me, Trustpilot, Heureka
 * (XML) and generic exports (fixtures/reviews/), against fixtures/reviews/expected.json — the
 * figures of scripts/crosscheck/engagement.py (xml.etree, written from the definitions, not from
 * src/), itself checked by hand counts in fixtures/reviews/README.md — and the Olist reviews of
 * ../shared/data against the reference's counts.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, hasSharedData, runCli, SHARED_DATA, sharedNote } from "../helpers.js";

const DIR = resolve(FIXTURES, "reviews");
const EXPECTED = JSON.parse(readFileSync(resolve(DIR, "expected.json"), "utf8")) as Record<string, Record<string, Expected>>;

interface Figures {
  readonly reviews: number;
  readonly positiveReviews: number;
  readonly positiveRate: number | null;
  readonly meanRating: number | null;
  readonly unrated: number;
  readonly positiveGrowth?: number | null;
}
interface Expected extends Figures {
  readonly window: { readonly from: string; readonly to: string };
  readonly rows: { readonly read: number; readonly skipped: number; readonly excluded: number; readonly duplicates: number };
  readonly previous?: Figures;
}

const BASE = ["--tz", "Europe/Prague", "--as-of", "2026-06-30", "--format", "json"];

async function report(args: readonly string[]) {
  const run = await runCli(["report", ...args, ...BASE]);
  expect(run.stderr).not.toMatch(/internal error/);
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout);
}

function expectFigures(ours: Record<string, unknown>, theirs: Figures): void {
  for (const field of ["reviews", "positiveReviews", "positiveRate", "meanRating", "unrated", "positiveGrowth"] as const) {
    if (!(field in theirs)) continue;
    const value = theirs[field];
    if (typeof value === "number") expect(ours[field], field).toBeCloseTo(value, 9);
    else expect(ours[field], field).toBe(value);
  }
}

describe("review figures agree with the independent crosscheck (fixtures/reviews/expected.json)", () => {
  for (const file of Object.keys(EXPECTED)) {
    it(`${file}: 365d`, async () => {
      const expected = EXPECTED[file]!["365d"]!;
      const r = await report(["--reviews", `fixtures/reviews/${file}`]);
      expect(r.engagement.reviews.window.from).toBe(expected.window.from);
      expectFigures(r.engagement.reviews, expected);
      const input = r.dataQuality.inputs[0];
      expect(input.rowsRead).toBe(expected.rows.read);
      expect(input.rowsSkipped).toBe(expected.rows.skipped + expected.rows.duplicates);
      expect(Object.values(input.excluded ?? {}).reduce((n: number, v) => n + (v as number), 0)).toBe(expected.rows.excluded);
      expect(r.dataQuality.skippedByCode.DUPLICATE_REVIEW ?? 0).toBe(expected.rows.duplicates);
    });
    it(`${file}: 90d with the previous window`, async () => {
      const expected = EXPECTED[file]!["90d"]!;
      const r = await report(["--reviews", `fixtures/reviews/${file}`, "--window", "90d", "--compare", "previous"]);
      expectFigures(r.engagement.reviews, expected);
      // The crosscheck gives the previous window's figures without its own growth (that needs the window before it).
      const { positiveGrowth: _, ...previous } = expected.previous!;
      expectFigures(r.engagement.reviews.previous, previous);
    });
  }
});

describe("bad review files", () => {
  it("refuses an XML file that is not well-formed, with its line (exit 3)", async () => {
    const run = await runCli(["report", "--reviews", "fixtures/reviews/heureka-broken.xml", ...BASE]);
    expect(run.status).toBe(3);
    expect(run.stdout).toBe("");
    // fixtures/reviews/README.md: the second review is closed by </reviw> on line 23.
    expect(run.stderr).toBe("shopmetrics: error: fixtures/reviews/heureka-broken.xml:23: not well-formed XML: unexpected close tag.\n");
  });

  it("exits 3 at the first skipped review with --strict", async () => {
    const run = await runCli(["report", "--reviews", "fixtures/reviews/judgeme.csv", ...BASE, "--strict"]);
    expect(run.status).toBe(3);
    expect(run.stderr).toBe("shopmetrics: error: fixtures/reviews/judgeme.csv:13: the rating 6 (rating) lies outside 1–5 (--strict)\n");
  });

  it("--fail-if positiveReviewGrowth<0 trips on a falling window", async () => {
    // judgeme.csv, 90d: 2 positive reviews against 3 before: growth 2/3 − 1 = −0.333 (expected.json).
    const run = await runCli([
      "report",
      "--reviews",
      "fixtures/reviews/judgeme.csv",
      "--tz",
      "Europe/Prague",
      "--as-of",
      "2026-06-30",
      "--window",
      "90d",
      "--fail-if",
      "positiveReviewGrowth<0",
    ]);
    expect(run.status).toBe(4);
    expect(run.stderr).toMatch(
      /fail-if tripped: positiveReviewGrowth<0 \(positiveReviewGrowth is -0\.333333333333333\d* for the survey and review figures as of 2026-06-30\)/,
    );
  });
});

describe(`the Olist reviews of ../shared/data${sharedNote}`, () => {
  const OLIST = resolve(SHARED_DATA, "olist/olist_order_reviews_dataset__cab-g-subset.csv");
  const olist = JSON.parse(readFileSync(resolve(DIR, "olist-expected.json"), "utf8"));
  const args = ["report", "--reviews", OLIST, "--tz", "America/Sao_Paulo", "--format", "json"];

  it.skipIf(!hasSharedData)("reads every row; 8,191 distinct reviews after the 34 repeated ids, 55.18 % positive", async () => {
    const run = await runCli([...args, "--window", "all", "--as-of", "2018-12-31"]);
    expect(run.status).toBe(0);
    const r = JSON.parse(run.stdout);
    const expected = olist.dedupeId.all;
    expect(r.dataQuality.inputs[0]).toMatchObject({ rowsRead: 8225, rowsSkipped: 34 });
    expect(r.dataQuality.skippedByCode).toEqual({ DUPLICATE_REVIEW: 34 });
    expectFigures(r.engagement.reviews, { ...expected, positiveGrowth: null });
    // The reference counts rows (8,225, 4,538 positive, 55.17 %): the 34 repeats are the same
    // review on another order, with the same score and date, counted once here.
    expect(olist.reference.positiveReviews - r.engagement.reviews.positiveReviews).toBe(18);
  });

  it.skipIf(!hasSharedData)("gives August 2018 against July: 416 of 732 positive, growth 416 / 272 − 1", async () => {
    const run = await runCli([...args, "--window", "2018-08-01..2018-08-31", "--compare", "previous"]);
    const r = JSON.parse(run.stdout);
    expect(r.engagement.reviews).toMatchObject({ reviews: 732, positiveReviews: 416 });
    expect(r.engagement.reviews.positiveGrowth).toBeCloseTo(416 / 272 - 1, 12);
    expect(r.engagement.reviews.previous).toMatchObject({ reviews: 405, positiveReviews: 272 });
  });
});

/**
 * Docs that restate what the code defines are checked against it, so that they can't go stale:
 * the problem codes, the metrics (ids, in report order), and the platforms.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { PROBLEM_CODES } from "../src/core/problems.js";
import { PLATFORM_NAMES } from "../src/io/platforms/index.js";
import { ENGAGEMENT_METRICS } from "../src/metrics/engagement/index.js";
import { METRICS } from "../src/metrics/index.js";
import { COHORT_DEFINITIONS } from "../src/report/render-cohorts.js";
import { RFM_DEFINITIONS } from "../src/report/render-rfm.js";
import { ROOT } from "./helpers.js";

const doc = (path: string) => readFileSync(resolve(ROOT, path), "utf8");

/** The rows `| `key` | text |` of the markdown table that follows `marker`. */
function tableAfter(text: string, marker: string): [string, string][] {
  const start = text.indexOf(marker);
  expect(start, `marker ${marker}`).toBeGreaterThanOrEqual(0);
  const rows: [string, string][] = [];
  for (const line of text.slice(start).split("\n").slice(1)) {
    if (!line.startsWith("|")) {
      if (rows.length > 0) break;
      continue;
    }
    const m = /^\| `([^`]+)` \| (.*) \|$/.exec(line);
    if (m) rows.push([m[1]!, m[2]!]);
  }
  return rows;
}

describe("docs/rules.md", () => {
  it("lists every problem code, in order, with its meaning", () => {
    expect(tableAfter(doc("docs/rules.md"), "<!-- problem-codes")).toEqual(Object.entries(PROBLEM_CODES));
  });
});

/** The `code` ids in the first column of every table row under `heading`, up to the next heading of its level. */
function firstColumnIds(text: string, heading: string): string[] {
  const start = text.indexOf(heading);
  expect(start, `heading ${heading}`).toBeGreaterThanOrEqual(0);
  const level = heading.split(" ")[0]!;
  const rest = text.slice(start + heading.length);
  const end = rest.search(new RegExp(`\\n${level} `));
  const section = end < 0 ? rest : rest.slice(0, end);
  return section
    .split("\n")
    .filter((line) => line.startsWith("| `"))
    .flatMap((line) => [...line.split("|")[1]!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!));
}

describe("the metric docs", () => {
  const ids = METRICS.metrics.map((m) => m.id);
  // The survey figures' tables are their own (checked below): the order metrics' are the others.
  const without = (all: string[], survey: string[]) => all.slice(0, all.length - survey.length);

  it("README's metrics table has every metric, in report order, and its survey table every survey figure", () => {
    const survey = firstColumnIds(doc("README.md"), "### Survey and review figures");
    expect(survey).toEqual(ENGAGEMENT_METRICS.map((m) => m.id));
    expect(without(firstColumnIds(doc("README.md"), "## Metrics"), survey)).toEqual(ids);
  });

  it("docs/metrics.md's tables define every metric, in report order, and every survey figure", () => {
    const all = firstColumnIds(doc("docs/metrics.md"), "# Metric definitions");
    const survey = [
      ...firstColumnIds(doc("docs/metrics.md"), "## Survey metrics"),
      ...firstColumnIds(doc("docs/metrics.md"), "## Review metrics"),
      ...firstColumnIds(doc("docs/metrics.md"), "## Support metrics"),
      ...firstColumnIds(doc("docs/metrics.md"), "## Traffic metrics"),
    ];
    const fields = ENGAGEMENT_METRICS.map((m) => `${m.kind}.${m.field}`).filter((f) => !f.endsWith(".responses"));
    for (const field of fields) expect(survey).toContain(field);
    const referrals = firstColumnIds(doc("docs/metrics.md"), "## Referral sources");
    expect(referrals).toEqual([
      "referrals.coverage",
      "referrals.sources[].orders",
      "referrals.sources[].orderShare",
      "referrals.sources[].newCustomers",
      "referrals.sources[].revenue",
    ]);
    // cohorts' and rfm's figures: every cell figure and every customer figure the JSON defines.
    const cohorts = firstColumnIds(doc("docs/metrics.md"), "## Cohorts (`shopmetrics cohorts`)");
    expect(cohorts).toEqual(Object.keys(COHORT_DEFINITIONS).filter((id) => id !== "cohort" && id !== "customers"));
    const rfm = firstColumnIds(doc("docs/metrics.md"), "## RFM scores and segments");
    expect(rfm).toEqual(["recencyDays", "frequency", "monetary"]);
    for (const id of rfm) expect(Object.keys(RFM_DEFINITIONS)).toContain(id);
    const clv = firstColumnIds(doc("docs/metrics.md"), "## Predicted CLV");
    expect(clv).toEqual(["x", "t_x", "T", "zbar"]);
    // The report's metrics are what the other sections leave (cohorts' revenue is also a metric's id: taken once, from the end).
    const rest = all.filter((id) => !survey.includes(id) && !referrals.includes(id));
    for (const id of [...cohorts, ...rfm, ...clv]) rest.splice(rest.lastIndexOf(id), 1);
    expect(rest).toEqual(ids);
  });

  it("docs/json-schema.md lists the metric keys in order", () => {
    const listed = /The metric keys, in order: `([^`]+)`/.exec(doc("docs/json-schema.md"))![1]!.split(/,\s*/);
    expect(listed).toEqual(ids);
  });
});

describe("the platform docs", () => {
  it("docs/rules.md's platform table has every platform, in detection order", () => {
    expect(firstColumnIds(doc("docs/rules.md"), "## Platforms")).toEqual(PLATFORM_NAMES);
  });

  it("README's --platform row names every platform", () => {
    const row = doc("README.md")
      .split("\n")
      .find((line) => line.startsWith("| `--platform NAME` |"))!;
    expect([...row.split("|")[2]!.matchAll(/`([^`]+)`/g)].map((m) => m[1])).toEqual(PLATFORM_NAMES);
  });
});

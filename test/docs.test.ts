/**
 * Docs that restate what the code defines are checked against it, so that they can't go stale:
 * the problem codes.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { PROBLEM_CODES } from "../src/core/problems.js";
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

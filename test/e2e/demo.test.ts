/**
 * `npm run demo` (scripts/demo.mjs) as a fresh clone runs it: the report table for the sample
 * shop on stdout, then demo-report.html written and its path said. The page itself is tested in
 * a browser (test/browser/html.test.ts); here, that it is the dashboard of the same files.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers.js";

describe("npm run demo", () => {
  it("prints the report, writes demo-report.html and says where", () => {
    const run = spawnSync(process.execPath, [join(ROOT, "scripts", "demo.mjs")], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1", TZ: "Europe/Prague" },
    });
    expect(run.status, run.stderr).toBe(0);
    const page = join(ROOT, "demo-report.html");
    expect(run.stdout).toMatch(/^shopmetrics report · 2025-07-01 … 2026-06-30/);
    expect(run.stdout.trimEnd().split("\n").at(-1)).toBe(
      `The same shop as one page: ${page} (open it in a browser; it loads nothing from the network)`,
    );
    const html = readFileSync(page, "utf8");
    expect(html).toMatch(/^<!DOCTYPE html>/);
    const data = JSON.parse(/<script type="application\/json" id="shopmetrics-data">(.*?)<\/script>/s.exec(html)![1]!);
    expect(data.command).toBe("dashboard");
    expect(data.report.inputs.map((i: { kind: string }) => i.kind)).toEqual(["orders", "survey", "reviews", "tickets", "traffic"]);
  });
});

/**
 * One table of settings (src/cli/settings.ts): every flag of every command is a row of it, each
 * config key is a flag's name, and README's options table and config keys say the same — so an
 * option can't be added to one of them and forgotten in another.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { buildProgram } from "../../src/cli/program.js";
import { attributeOf, CONFIG_KEYS, SETTINGS } from "../../src/cli/settings.js";
import { ROOT } from "../helpers.js";

const program = buildProgram({
  version: "0",
  writeOut() {},
  writeErr() {},
  report: async () => {},
  inspect: async () => {},
  cohorts: async () => {},
  rfm: async () => {},
  clv: async () => {},
  dashboard: async () => {},
});
const command = (name: string) => program.commands.find((c) => c.name() === name)!;
const flags = (name: string) => command(name).options.map((o) => o.long!.slice(2));

describe("SETTINGS", () => {
  it.each(["report", "cohorts", "rfm", "clv", "inspect"] as const)("is exactly %s's flags, in its help's order", (name) => {
    expect(flags(name)).toEqual(SETTINGS.filter((s) => s.commands.includes(name) && s.kind !== "object").map((s) => s.key));
  });

  it("gives cohorts, rfm and clv the reading flags report has, and none of the engagement inputs'", () => {
    for (const name of ["cohorts", "rfm", "clv"]) {
      for (const key of [
        "orders",
        "customers",
        "customers-map",
        "platform",
        "map",
        "status-map",
        "encoding",
        "delimiter",
        "decimal",
        "date-format",
        "tz",
        "as-of",
        "window",
        "config",
        "revenue",
        "strict",
        "quiet",
        "verbose",
        "no-progress",
      ].filter((key) => name !== "clv" || key !== "window"))
        expect(flags(name)).toContain(key);
      // clv has --margin (its CLV's) and no --window (it reads the whole history to --as-of).
      for (const key of ["survey", "reviews", "tickets", "traffic", "compare", "every", "fail-if", name === "clv" ? "window" : "margin"])
        expect(flags(name)).not.toContain(key);
    }
  });

  it("names each value as commander does: status-map is statusMap, no-progress is progress", () => {
    for (const setting of SETTINGS.filter((s) => s.kind !== "object")) {
      const option = command(setting.commands[0]!).options.find((o) => o.long === `--${setting.key}`)!;
      expect(attributeOf(setting)).toBe(option.attributeName());
    }
  });

  it("lets a config hold every reading and report setting, under the flag's name", () => {
    expect(CONFIG_KEYS).toEqual([
      "customers",
      "customers-map",
      "survey-map",
      "survey-platform",
      "csat-scale",
      "ces-scale",
      "ces-direction",
      "survey-dedupe",
      "min-responses",
      "reviews-map",
      "reviews-platform",
      "tickets-map",
      "tickets-platform",
      "business-hours",
      "frt-target",
      "traffic-map",
      "traffic-platform",
      "attribution-map",
      "attribution-platform",
      "source-map",
      "platform",
      "map",
      "currency",
      "status-map",
      "encoding",
      "delimiter",
      "decimal",
      "date-format",
      "tz",
      "window",
      "format",
      "locale",
      "compare",
      "every",
      "periods",
      "margin",
      "period",
      "metric",
      "scale",
      "segments",
      "rfm-segments",
      "model",
      "time-unit",
      "horizon",
      "holdout",
      "discount",
      "penalizer",
      "revenue",
    ]);
  });

  it("says why a config can't hold the rest", () => {
    const refused = SETTINGS.filter((s) => s.notInConfig !== undefined).map((s) => s.key);
    expect(refused).toEqual([
      "orders",
      "survey",
      "reviews",
      "tickets",
      "traffic",
      "sessions",
      "web-orders-only",
      "attribution",
      "config",
      "as-of",
      "out",
      "customers-out",
      "fail-if",
      "strict",
      "quiet",
      "verbose",
      "no-progress",
    ]);
  });

  it("sets no default in commander: a config's value comes between the flag and the default", () => {
    for (const name of ["report", "cohorts", "rfm", "clv", "inspect"])
      for (const option of command(name).options) expect(option.defaultValue).toBeUndefined();
  });
});

describe("README", () => {
  const readme = readFileSync(resolve(ROOT, "README.md"), "utf8");

  it("its options table has a row for every flag, in the table's order", () => {
    const start = readme.indexOf("| Option | Meaning |");
    const lines = readme.slice(start).split("\n").slice(2);
    const rows = lines.slice(
      0,
      lines.findIndex((line) => !line.startsWith("|")),
    );
    const listed = rows.map((row) => [...row.split("|")[1]!.matchAll(/`(?:-\w, )?(?:--)?([a-z-]+)/g)].map((m) => m[1]).at(-1));
    expect(listed).toEqual(SETTINGS.map((s) => s.key));
  });

  it("lists the config keys, in the table's order", () => {
    const line = /Its keys are the flags' names without the dashes — ([^—]+) —/.exec(readme.replace(/\n/g, " "))![1]!;
    expect([...line.matchAll(/`([^`]+)`/g)].map((m) => m[1])).toEqual(CONFIG_KEYS);
  });
});

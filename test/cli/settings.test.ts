/**
 * One list of reading settings (READING_SETTINGS): each is a flag of every command that reads the
 * file it concerns, and the config file's key of the same name; nothing else is either.
 */
import { describe, expect, it } from "vitest";
import { flagOf, READING_SETTINGS } from "../../src/cli/options.js";
import { buildProgram } from "../../src/cli/program.js";

const program = buildProgram({ version: "0", writeOut() {}, writeErr() {}, report: async () => {}, inspect: async () => {} });
const attributes = (name: string) => program.commands.find((c) => c.name() === name)!.options.map((o) => o.attributeName());
const settings = Object.keys(READING_SETTINGS);
/** Flags that say how to read, but are no setting a shop keeps: where to read, and per-run choices. */
const NOT_SETTINGS = ["orders", "customers", "config", "strict", "progress"];

describe("READING_SETTINGS", () => {
  it("is exactly report's reading flags, each named as commander names the flag", () => {
    const reportFlags = attributes("report");
    for (const key of settings) expect(reportFlags).toContain(key);
    const reportOnly = ["window", "asOf", "format", "margin", "compare", "every", "periods", "failIf", "quiet"];
    expect(reportFlags.filter((a) => !settings.includes(a) && !reportOnly.includes(a) && !NOT_SETTINGS.includes(a))).toEqual([]);
  });

  it("is inspect's reading flags too, but for the customers file's map, which inspect never reads", () => {
    expect(settings.filter((key) => !attributes("inspect").includes(key))).toEqual(["customersMap"]);
  });

  it("names each flag: statusMap is --status-map", () => {
    expect(settings.map(flagOf)).toEqual([
      "--platform",
      "--map",
      "--status-map",
      "--currency",
      "--tz",
      "--encoding",
      "--delimiter",
      "--decimal",
      "--date-format",
      "--customers-map",
    ]);
  });
});

/**
 * Where the report's zone comes from, as a new user meets it (issue 9, items 1 and 2): --tz, the
 * config file, an IANA TZ, or the system's zone — in the real process environment too, where a
 * `TZ=:/etc/localtime` (Docker, systemd) used to crash Intl. And the warning when the system's
 * zone contradicts the offsets the file's timestamps carry.
 *
 * The panalysis revenue figures were computed independently with Python: the orders' Total summed
 * by the month of Created at read in UTC (7,571.22) and in each timestamp's own offset, i.e. the
 * shop's zone (7,683.55); the issue measured the same two.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { chooseZone, type ZoneFiles } from "../../src/cli/zone-choice.js";
import { BIN, FIXTURES, hasSharedData, ROOT, runCli, SHARED_DATA, sharedNote } from "../helpers.js";

const PANALYSIS = resolve(SHARED_DATA, "shopify/orders_export__panalysis-d3js-test.csv");
const SAMPLE = resolve(FIXTURES, "sample-shop/orders_export.csv");
const ZONEINFO = "/usr/share/zoneinfo";
const hasZoneinfo = existsSync(join(ZONEINFO, "Asia/Tokyo")) && existsSync(join(ZONEINFO, "Etc/UTC"));

/** bin/shopmetrics.js in a real process whose environment is exactly `env` (no TZ unless given). */
function spawnWith(env: Record<string, string>, args: string[]) {
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: "utf8", env: { PATH: process.env.PATH ?? "", ...env } });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A directory holding `localtime`, a link to the zoneinfo file of `zone` (as /etc/localtime is). */
function localtimeLinkedTo(zone: string): string {
  const dir = mkdtempSync(join(tmpdir(), "shopmetrics-tz-"));
  symlinkSync(join(ZONEINFO, zone), join(dir, "localtime"));
  return join(dir, "localtime");
}

const json = (stdout: string) =>
  JSON.parse(stdout) as { timezone: string; timezoneSource: string; groups: { metrics: { revenue: number } }[] };

describe("TZ never crashes, in a real process", () => {
  it.runIf(hasZoneinfo)("TZ=:PATH reads the zone the path links to (TZ=:/etc/localtime in Docker and systemd)", () => {
    const link = localtimeLinkedTo("Asia/Tokyo");
    const run = spawnWith({ TZ: `:${link}` }, ["report", "--orders", SAMPLE, "--as-of", "2026-06-30", "--format", "json"]);
    expect(run.status).toBe(0);
    expect(run.stderr).not.toMatch(/internal error|at \w+ \(/);
    expect(json(run.stdout).timezone).toBe("Asia/Tokyo");
    // The :path form is the system's zone, not one the user named: its source is "system".
    expect(json(run.stdout).timezoneSource).toBe("system");
  });

  it("TZ=:/etc/localtime itself never crashes (whatever this machine's zone is)", () => {
    const run = spawnWith({ TZ: ":/etc/localtime" }, ["report", "--orders", SAMPLE, "--as-of", "2026-06-30", "--format", "json"]);
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.status).toBe(0);
    expect(json(run.stdout).timezoneSource).toBe("system");
  });

  it("a TZ path that names no zone: UTC, with a one-line warning naming it", () => {
    const run = spawnWith({ TZ: ":/nonexistent/localtime" }, ["report", "--orders", SAMPLE, "--as-of", "2026-06-30", "--format", "json"]);
    expect(run.status).toBe(0);
    expect(json(run.stdout).timezone).toBe("UTC");
    expect(run.stderr).toContain('shopmetrics: warning: TZ=":/nonexistent/localtime" names no time zone shopmetrics can find');
    expect(run.stderr).toContain("days are drawn in UTC");
  });

  it("an invalid TZ is a usage error (exit 2) that names it, one line, no stack", () => {
    const run = spawnWith({ TZ: "garbage" }, ["report", "--orders", SAMPLE, "--as-of", "2026-06-30"]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toMatch(/^shopmetrics: error: invalid TZ "garbage" in the environment: expected an IANA time zone/);
  });

  it("a POSIX TZ rule is refused the same way, and --tz makes TZ irrelevant", () => {
    expect(spawnWith({ TZ: "CET-1CEST" }, ["report", "--orders", SAMPLE, "--as-of", "2026-06-30"]).status).toBe(2);
    const run = spawnWith({ TZ: "garbage" }, [
      "report",
      "--orders",
      SAMPLE,
      "--as-of",
      "2026-06-30",
      "--tz",
      "Europe/Prague",
      "--format",
      "json",
    ]);
    expect(run.status).toBe(0);
    expect(json(run.stdout)).toMatchObject({ timezone: "Europe/Prague", timezoneSource: "flag" });
  });

  it("TZ=:Europe/Prague (a name after the colon) is that zone, from the environment", () => {
    const run = spawnWith({ TZ: ":Europe/Prague" }, ["report", "--orders", SAMPLE, "--as-of", "2026-06-30", "--format", "json"]);
    expect(run.status).toBe(0);
    expect(json(run.stdout)).toMatchObject({ timezone: "Europe/Prague", timezoneSource: "env" });
  });

  it("inspect takes the same road", () => {
    expect(spawnWith({ TZ: "garbage" }, ["inspect", SAMPLE]).status).toBe(2);
    expect(spawnWith({ TZ: ":/etc/localtime" }, ["inspect", SAMPLE]).status).toBe(0);
  });
});

describe("timezoneSource: flag | config | env | system", () => {
  const args = ["report", "--orders", SAMPLE, "--as-of", "2026-06-30", "--format", "json"];

  it("--tz is the flag's, an IANA TZ the environment's", async () => {
    expect(json((await runCli([...args, "--tz", "Asia/Tokyo"])).stdout)).toMatchObject({ timezone: "Asia/Tokyo", timezoneSource: "flag" });
    expect(json((await runCli(args, { env: { TZ: "America/New_York" } })).stdout)).toMatchObject({
      timezone: "America/New_York",
      timezoneSource: "env",
    });
  });

  it("the config file's tz is the config's, and --tz still wins over it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "shopmetrics-config-"));
    writeFileSync(join(dir, "shopmetrics.config.json"), JSON.stringify({ tz: "Asia/Tokyo" }));
    expect(json((await runCli(args, { cwd: dir, env: { TZ: "America/New_York" } })).stdout)).toMatchObject({
      timezone: "Asia/Tokyo",
      timezoneSource: "config",
    });
    expect(json((await runCli([...args, "--tz", "Europe/Prague"], { cwd: dir })).stdout)).toMatchObject({
      timezone: "Europe/Prague",
      timezoneSource: "flag",
    });
  });

  it("an invalid zone in the config file is refused as --tz is", async () => {
    const dir = mkdtempSync(join(tmpdir(), "shopmetrics-config-"));
    writeFileSync(join(dir, "shopmetrics.config.json"), JSON.stringify({ tz: "Mars/Olympus" }));
    const run = await runCli(args, { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('shopmetrics: error: invalid --tz "Mars/Olympus": expected an IANA time zone such as Europe/Prague\n');
  });
});

describe("the zone a TZ path names (chooseZone, with the files it reads given)", () => {
  const files = (links: Record<string, string>, timezone?: string): ZoneFiles => ({
    realpath: (path) => {
      const target = links[path];
      if (target === undefined) throw new Error("ENOENT");
      return target;
    },
    read: (path) => {
      if (path !== "/etc/timezone" || timezone === undefined) throw new Error("ENOENT");
      return timezone;
    },
  });

  it("follows the link into a zoneinfo tree, posix/ and right/ ones too", () => {
    const zone = (target: string) =>
      chooseZone(undefined, "flag", { TZ: ":/etc/localtime" }, files({ "/etc/localtime": target })).zone.name;
    expect(zone("/usr/share/zoneinfo/Europe/Budapest")).toBe("Europe/Budapest");
    expect(zone("/usr/share/zoneinfo/posix/America/Sao_Paulo")).toBe("America/Sao_Paulo");
    expect(zone("/usr/share/zoneinfo/right/Asia/Tokyo")).toBe("Asia/Tokyo");
  });

  it("an /etc/localtime copied, not linked: /etc/timezone names the zone", () => {
    const choice = chooseZone(
      undefined,
      "flag",
      { TZ: ":/etc/localtime" },
      files({ "/etc/localtime": "/etc/localtime" }, "Europe/Bratislava\n"),
    );
    expect(choice).toMatchObject({ source: "system" });
    expect(choice.zone.name).toBe("Europe/Bratislava");
    expect(choice.warning).toBeUndefined();
  });

  it("nothing names a zone: UTC and a warning", () => {
    const choice = chooseZone(undefined, "flag", { TZ: ":/etc/localtime" }, files({}));
    expect(choice.zone.name).toBe("UTC");
    expect(choice.warning).toMatch(/names no time zone/);
  });
});

describe.skipIf(!hasSharedData)(`the system's zone against the file's offsets (panalysis, +11:00/+10:00)${sharedNote}`, () => {
  const november = ["report", "--orders", PANALYSIS, "--window", "2016-11-01..2016-11-30", "--format", "json"];

  it.runIf(hasZoneinfo)(
    "read on a UTC server with no zone given: UTC days, and one warning with the offsets and the zones they fit",
    () => {
      const run = spawnWith({ TZ: `:${localtimeLinkedTo("Etc/UTC")}` }, november);
      expect(run.status).toBe(0);
      const report = json(run.stdout);
      expect(report).toMatchObject({ timezone: "Etc/UTC", timezoneSource: "system" });
      expect(report.groups[0]!.metrics.revenue).toBe(7571.22);
      const zoneLines = run.stderr.split("\n").filter((line) => line.includes("UTC offsets"));
      expect(zoneLines).toHaveLength(1);
      expect(zoneLines[0]).toContain("no zone was given, so days are drawn in the system's zone, Etc/UTC");
      // 1,057 orders; counted with Python's csv module from the file: 687 at +1100, 370 at +1000.
      expect(zoneLines[0]).toContain("1,057 of 1,057 order dates carry other UTC offsets: +11:00 (687), +10:00 (370)");
      expect(zoneLines[0]).toContain("they fit Australia/Sydney, Australia/Melbourne, Australia/Hobart, Antarctica/Macquarie");
      expect(zoneLines[0]).toContain("--tz Australia/Sydney");
    },
  );

  it("with --tz Australia/Sydney: the shop's days, no warning", async () => {
    const run = await runCli([...november, "--tz", "Australia/Sydney"]);
    expect(json(run.stdout).groups[0]!.metrics.revenue).toBe(7683.55);
    expect(run.stderr).not.toContain("UTC offsets");
  });

  it("an IANA TZ is a zone given: no warning even where it contradicts the offsets", async () => {
    const run = await runCli(november, { env: { TZ: "UTC" } });
    expect(json(run.stdout)).toMatchObject({ timezone: "UTC", timezoneSource: "env" });
    expect(json(run.stdout).groups[0]!.metrics.revenue).toBe(7571.22);
    expect(run.stderr).not.toContain("UTC offsets");
  });
});

describe("a file whose offsets agree with the system's zone says nothing", () => {
  it.runIf(hasZoneinfo)("the sample shop (+01:00/+02:00) on a server in Europe/Prague", () => {
    const run = spawnWith({ TZ: `:${localtimeLinkedTo("Europe/Prague")}` }, [
      "report",
      "--orders",
      SAMPLE,
      "--as-of",
      "2026-06-30",
      "--format",
      "json",
    ]);
    expect(json(run.stdout)).toMatchObject({ timezone: "Europe/Prague", timezoneSource: "system" });
    expect(run.stderr).not.toContain("UTC offsets");
  });
});

describe("inspect shows the offsets seen and the zones they fit", () => {
  it.skipIf(!hasSharedData)(`panalysis with --tz UTC: 687 at +11:00, 370 at +10:00, all contradicted by UTC${sharedNote}`, async () => {
    const run = await runCli(["inspect", PANALYSIS, "--tz", "UTC", "--format", "json"]);
    expect(run.status).toBe(0);
    const inspection = JSON.parse(run.stdout);
    expect(inspection).toMatchObject({ timezone: "UTC", timezoneSource: "flag" });
    expect(inspection.offsets).toEqual({
      seen: [
        { offset: "+11:00", count: 687 },
        { offset: "+10:00", count: 370 },
      ],
      contradicted: 1057,
      zonesFitting: ["Australia/Sydney", "Australia/Melbourne", "Australia/Hobart", "Antarctica/Macquarie"],
    });
    const text = await runCli(["inspect", PANALYSIS, "--tz", "UTC"]);
    expect(text.stdout).toContain(
      "offsets     +11:00 (687), +10:00 (370)  (UTC contradicts 1,057; they fit Australia/Sydney, Australia/Melbourne, Australia/Hobart, Antarctica/Macquarie)",
    );
  });

  it("the sample shop in Europe/Prague: agreed with; a file without offsets says so", async () => {
    const sample = await runCli(["inspect", SAMPLE, "--format", "json"]);
    expect(JSON.parse(sample.stdout)).toMatchObject({ timezoneSource: "env", offsets: { contradicted: 0 } });
    expect(JSON.parse(sample.stdout).offsets.zonesFitting.slice(0, 3)).toEqual(["Europe/Prague", "Europe/Bratislava", "Europe/Budapest"]);
    const woo = await runCli(["inspect", resolve(FIXTURES, "orders/woocommerce-small.csv"), "--tz", "Europe/Prague"]);
    expect(woo.stdout).toContain("offsets     none written in the order dates");
  });
});

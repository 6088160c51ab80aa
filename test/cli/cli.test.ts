import { spawnSync } from "node:child_process";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { colorEnabled } from "../../src/cli/color.js";
import { main } from "../../src/cli/main.js";
import { progressLine } from "../../src/cli/progress.js";

describe("colorEnabled (no-color.org rules)", () => {
  it.each([
    [{}, true, true],
    [{}, false, false],
    [{}, undefined, false],
    [{ NO_COLOR: "1" }, true, false],
    [{ NO_COLOR: "" }, true, true], // empty NO_COLOR does not count
    [{ FORCE_COLOR: "1" }, false, true],
    [{ FORCE_COLOR: "0" }, true, false],
    [{ FORCE_COLOR: "false" }, true, false],
    [{ FORCE_COLOR: "1", NO_COLOR: "yes" }, true, false], // NO_COLOR wins
  ])("env %j, TTY %j → %j", (env, isTTY, expected) => {
    expect(colorEnabled(env, isTTY)).toBe(expected);
  });
});

describe("progressLine", () => {
  it("stays silent for the first second, then redraws one line at most every 200 ms, and erases it", () => {
    let now = 0;
    const writes: string[] = [];
    const line = progressLine(
      (t) => writes.push(t),
      "big.csv",
      () => now,
    );
    line.update({ records: 8192, bytes: 1e6 });
    now = 999;
    line.update({ records: 16_384, bytes: 2e6 });
    expect(writes).toEqual([]);
    now = 1000;
    line.update({ records: 24_576, bytes: 3e6 });
    now = 1100;
    line.update({ records: 32_768, bytes: 4e6 }); // too soon
    now = 1200;
    line.update({ records: 40_960, bytes: 5e6 });
    line.clear();
    expect(writes).toEqual(["\r\x1b[Kreading big.csv: 24,576 rows, 3.0 MB", "\r\x1b[Kreading big.csv: 40,960 rows, 5.0 MB", "\r\x1b[K"]);
  });
});

describe("main", () => {
  it("runs in-process with injected streams and returns the exit code", async () => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const stdin = new PassThrough();
    stdin.end("created_at,total,currency\n2025-01-01,10.00,EUR\n2025-01-02,20.00,EUR\n");
    const code = await main(["report", "--orders", "-", "--format", "json", "--tz", "Europe/Prague", "--window", "all"], {
      stdin,
      stdout,
      stderr,
      env: {},
      cwd: process.cwd(),
    });
    expect(code).toBe(0);
    const report = JSON.parse(stdout.read().toString());
    expect(report.groups[0].metrics.revenue).toBe(30);
    expect(stderr.read().toString()).toBe("shopmetrics: warning: -: no status column; every order is counted as a sale\n");
  });

  it("reads TZ=:/etc/localtime (POSIX's path form) as the zone that file links to", async () => {
    const stdout = new PassThrough();
    const stdin = new PassThrough();
    stdin.end("created_at,total,currency\n2025-01-01,10.00,EUR\n");
    const code = await main(["report", "--orders", "-", "--format", "json", "--window", "all"], {
      stdin,
      stdout,
      stderr: new PassThrough(),
      env: { TZ: ":/etc/localtime" },
      cwd: process.cwd(),
    });
    expect(code).toBe(0);
    // This machine's /etc/localtime, followed here with the shell's own tool (or UTC when it links nowhere).
    const target = spawnSync("readlink", ["-f", "/etc/localtime"], { encoding: "utf8" }).stdout.trim();
    const named = target.includes("/zoneinfo/") ? target.split("/zoneinfo/")[1]!.replace(/^(posix|right)\//, "") : null;
    const report = JSON.parse(stdout.read().toString());
    expect(report.timezoneSource).toBe("system");
    if (named !== null) expect(report.timezone).toBe(named);
  });
});

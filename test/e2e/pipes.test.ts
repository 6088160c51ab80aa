/**
 * Pipes and disks (issue 8, item 7), with real processes: bin/shopmetrics.js (the built dist/,
 * `npm run build` first) under `sh -c`, its stdout a pipe whose reader leaves early or is gone,
 * /dev/full or closed; its stderr the same. Never a stack trace; the documented exit status.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, ROOT, runCli } from "../helpers.js";

const SHOP = ["report", "--orders", "fixtures/sample-shop/orders_export.csv", "--as-of", "2026-06-30"];
/** Over a megabyte of CSV or JSON: more than a pipe holds, so a writer still writing when the reader leaves. */
const BIG = ["--window", "30d", "--every", "day", "--periods", "1000"];
/** A window reaching back before the data: warnings on stderr. */
const WARNS = ["--window", "3650d"];
const FORMATS = ["table", "json", "csv"] as const;

const quote = (arg: string) => `'${arg.replace(/'/g, "'\\''")}'`;

interface Shell {
  /** shopmetrics' own exit status, whatever the pipeline's is. */
  status: number;
  /** What reached the end of the pipeline (or shopmetrics' stdout). */
  stdout: Buffer;
  stderr: string;
}

/**
 * Runs `sh -c '(node bin/shopmetrics.js ARGS REDIRECTS; echo $? > status) PIPE'`: `redirects`
 * applies to shopmetrics (`> /dev/full`, `2>&-`), `pipe` to the subshell's stdout (`| head -c 10`).
 * stderr is kept in a file unless `redirects` sends it elsewhere.
 */
function shell(args: readonly string[], { redirects = "", pipe = "" }: { redirects?: string; pipe?: string }): Shell {
  const dir = mkdtempSync(join(tmpdir(), "shopmetrics-pipes-"));
  const [out, err, status] = ["out", "err", "status"].map((f) => join(dir, f)) as [string, string, string];
  const command = [process.execPath, BIN, ...args].map(quote).join(" ");
  const script = `(${command} 2>${quote(err)} ${redirects}; echo $? > ${quote(status)}) ${pipe} > ${quote(out)}`;
  const run = spawnSync("sh", ["-c", script], { cwd: ROOT, env: { PATH: process.env.PATH ?? "", TZ: "Europe/Prague" } });
  expect(run.status, run.stderr.toString()).toBe(0);
  return {
    status: Number(readFileSync(status, "utf8")),
    stdout: readFileSync(out),
    stderr: existsSync(err) ? readFileSync(err, "utf8") : "",
  };
}

/** No stack trace: no `    at …` frame, nothing from node:internal, no `Node.js v20` footer. */
function expectNoStack(stderr: string): void {
  expect(stderr).not.toMatch(/^\s+at /m);
  expect(stderr).not.toContain("node:internal");
  expect(stderr).not.toMatch(/^Node\.js v/m);
  expect(stderr).not.toContain("internal error");
}

/** Each stderr line is one of ours: a warning, or (when `error`) one error line last. */
function expectOwnLines(stderr: string, error?: string): void {
  const lines = stderr.split("\n").slice(0, -1);
  if (error !== undefined) expect(lines.pop()).toBe(`shopmetrics: error: ${error}`);
  for (const line of lines) expect(line).toMatch(/^shopmetrics: warning: /);
}

const hasDevFull = existsSync("/dev/full");

describe.each(FORMATS)("--format %s", (format) => {
  const args = [...SHOP, "--format", format];

  it("| head -c 10: the first 10 bytes, exit 0 (the report fits in the pipe before head leaves)", async () => {
    const run = shell(args, { pipe: "| head -c 10" });
    const whole = await runCli(args);
    expect(run.stdout.toString()).toBe(Buffer.from(whole.stdout).subarray(0, 10).toString());
    expect(run.status).toBe(0);
    expectNoStack(run.stderr);
  });

  it("| true: the reader is gone before the report is written — exit 141 quietly, as cat", () => {
    const run = shell(args, { pipe: "| true" });
    expect(run.status).toBe(141);
    expectNoStack(run.stderr);
    expectOwnLines(run.stderr);
  });

  it.skipIf(!hasDevFull)("> /dev/full: one error line, exit 3", () => {
    const run = shell(args, { redirects: "> /dev/full" });
    expect(run.status).toBe(3);
    expectNoStack(run.stderr);
    expectOwnLines(run.stderr, "cannot write to stdout: no space left on device");
  });

  it.skipIf(!hasDevFull)("2> /dev/full: the warnings are lost, the report is whole, exit 0", async () => {
    const run = shell([...args, ...WARNS], { redirects: "2> /dev/full" });
    const whole = await runCli([...args, ...WARNS]);
    expect(whole.stderr).toContain("shopmetrics: warning: "); // there were warnings to lose
    expect(run.status).toBe(0);
    expect(run.stdout.toString()).toBe(whole.stdout);
  });
});

describe.each(["json", "csv"] as const)("--format %s, more than a pipe holds", (format) => {
  it("| head -c 10: head leaves while the report is being written — exit 141 quietly", () => {
    const run = shell([...SHOP, "--format", format, ...BIG], { pipe: "| head -c 10" });
    expect(run.stdout).toHaveLength(10);
    expect(run.status).toBe(141);
    expectNoStack(run.stderr);
    expectOwnLines(run.stderr);
  });
});

describe("the other writes to stdout and stderr", () => {
  it("2>&-: a closed stderr, the report whole", async () => {
    const run = shell([...SHOP, ...WARNS], { redirects: "2>&-" });
    expect(run.status).toBe(0);
    expect(run.stdout.toString()).toBe((await runCli([...SHOP, ...WARNS])).stdout);
  });

  it(">&-: a closed stdout (Node opens /dev/null in its place) is no crash", () => {
    const run = shell(SHOP, { redirects: ">&-" });
    expect(run.status).toBe(0);
    expectNoStack(run.stderr);
    expectOwnLines(run.stderr);
  });

  it.skipIf(!hasDevFull)("> /dev/full 2> /dev/full: exit 3, nothing thrown", () => {
    const run = shell(SHOP, { redirects: "> /dev/full 2> /dev/full" });
    expect(run.status).toBe(3);
  });

  it.skipIf(!hasDevFull)("--fail-if tripped and > /dev/full: the write error wins, exit 3", () => {
    const run = shell([...SHOP, "--fail-if", "orders>=1"], { redirects: "> /dev/full" });
    expect(run.status).toBe(3);
    expectNoStack(run.stderr);
    expect(run.stderr.endsWith("shopmetrics: error: cannot write to stdout: no space left on device\n")).toBe(true);
  });

  it.skipIf(!hasDevFull)("--help > /dev/full and | true", () => {
    const full = shell(["--help"], { redirects: "> /dev/full" });
    expect(full.status).toBe(3);
    expect(full.stderr).toBe("shopmetrics: error: cannot write to stdout: no space left on device\n");
    const gone = shell(["--help"], { pipe: "| true" });
    expect(gone).toEqual({ status: 141, stdout: Buffer.alloc(0), stderr: "" });
  });

  it.skipIf(!hasDevFull)("an error message that can't be written: the exit code still says it", () => {
    const run = shell(["report", "--orders", "no-such-file.csv"], { redirects: "2> /dev/full" });
    expect(run.status).toBe(3);
  });
});

/**
 * main() when stdout or stderr fails (issue 8, item 7), in-process: streams whose writes fail as
 * a closed pipe (EPIPE) or a full disk (ENOSPC) do. test/e2e/pipes.test.ts does it with real ones.
 */
import { Readable, Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { ROOT } from "../helpers.js";

const ARGS = ["report", "--orders", "fixtures/orders/woocommerce-small.csv", "--window", "7d", "--as-of", "2025-04-05", "--format", "json"];

/** A stream that keeps what is written, or fails every write with `code`. */
function stream(code?: string): Writable & { text(): string } {
  const chunks: string[] = [];
  const s = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (code) done(Object.assign(new Error(`${code}: write failed`), { code }));
      else {
        chunks.push(chunk.toString());
        done();
      }
    },
  });
  return Object.assign(s, { text: () => chunks.join("") });
}

const run = async (stdout: Writable & { text(): string }, stderr: Writable & { text(): string }) => {
  const status = await main(ARGS, { stdin: Readable.from([]), stdout, stderr, env: { TZ: "Europe/Prague" }, cwd: ROOT });
  return { status, stdout: stdout.text(), stderr: stderr.text() };
};

describe("main() and a failing stdout or stderr", () => {
  it("stdout EPIPE: exit 141, nothing said", async () => {
    const r = await run(stream("EPIPE"), stream());
    expect(r.status).toBe(141);
    expect(r.stderr).not.toContain("error");
  });

  it("stdout ENOSPC: one error line, exit 3", async () => {
    const r = await run(stream("ENOSPC"), stream());
    expect(r.status).toBe(3);
    expect(r.stderr.split("\n").slice(-2)).toEqual(["shopmetrics: error: cannot write to stdout: no space left on device", ""]);
  });

  it("another write error is named by its message", async () => {
    const r = await run(stream("EWHATEVER"), stream());
    expect(r.status).toBe(3);
    expect(r.stderr.endsWith("shopmetrics: error: cannot write to stdout: EWHATEVER: write failed\n")).toBe(true);
  });

  it.each(["EPIPE", "ENOSPC"])("stderr %s: the report is whole, exit 0", async (code) => {
    const r = await run(stream(), stream(code));
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).groups[0].metrics.orders).toBe(5);
  });
});

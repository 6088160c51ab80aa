/**
 * A short deterministic slice of the fuzz suite (scripts/fuzz, `npm run fuzz` runs thousands):
 * each category's hostile variants of the fixtures, run in-process through main(), each checked
 * against its oracle — Python's csv module, the unmutated file's report, or a documented promise
 * (docs/reliability.md). A failure lists the case; `npm run fuzz -- --seed 8 --case K
 * --category NAME --no-shared` re-runs it on the built CLI and keeps its input under .fuzz/.
 * The closed-pipe cases spawn bin/ (they need a real process), so dist/ must be built.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable, Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseFiles, CATEGORIES, fuzz, prepareBases, startPythonOracle } from "../../scripts/fuzz/lib.mjs";
import { main } from "../../src/cli/main.js";
import { ROOT, runCli } from "../helpers.js";

const SEED = 8;
/** Cases per category; the spawned and the 10 MB ones cost more. */
const PER_CATEGORY: Record<string, number> = { "closed-pipes": 3, "big-cells": 3, flags: 25 };
const DEFAULT_PER_CATEGORY = 15;

const dir = mkdtempSync(join(tmpdir(), "shopmetrics-fuzz-test-"));
/** runCli, or, for the stdin-chunks cases (bytes in given chunks, which runCli's string input can't hold), main() as runCli calls it. */
async function run(args: string[], options: { stdin?: Buffer[] } = {}) {
  if (!options.stdin) return runCli(args, { env: { CI: "1" } });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const sink = (chunks: Buffer[]) =>
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(Buffer.from(chunk));
        done();
      },
    });
  const status = await main(args, {
    stdin: Readable.from(options.stdin, { objectMode: false }),
    stdout: sink(out),
    stderr: sink(err),
    env: { TZ: "Europe/Prague", CI: "1" },
    cwd: ROOT,
  });
  return { status, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") };
}
let python: ReturnType<typeof startPythonOracle>;
let bases: Awaited<ReturnType<typeof prepareBases>>["bases"];

beforeAll(async () => {
  python = startPythonOracle();
  // The fixtures only: the slice is the same on every machine (npm run fuzz adds ../shared/data).
  const { files } = baseFiles({ shared: false });
  ({ bases } = await prepareBases(files, run, dir));
}, 60_000);

afterAll(() => {
  python?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe(`fuzz slice (seed ${SEED}; fixtures only)`, () => {
  it("has every fixture as a base", () => {
    expect(bases.length).toBeGreaterThanOrEqual(12);
  });

  for (const category of CATEGORIES) {
    const count = PER_CATEGORY[category.name] ?? DEFAULT_PER_CATEGORY;
    it(`${category.name}: ${category.title} (${count} inputs)`, async () => {
      const { stats, failures } = await fuzz({ seed: SEED, count, run, bases, categories: [category], python, dir });
      const found = failures.map((f) => `case ${f.k} (${f.variant}; base ${f.base}): ${f.problems.join(" | ")}`);
      expect(found).toEqual([]);
      expect(stats.get(category.name)?.tried).toBeGreaterThan(0);
    }, 60_000);
  }
});

#!/usr/bin/env node
/**
 * npm run fuzz [-- --seed N] [--count N] [--case K] [--category NAME,…] [--no-shared] [--keep N]
 *
 * Runs the fuzz suite (scripts/fuzz/lib.mjs) against the built CLI (dist/: run `npm run build`
 * first), in this process through main(), except the closed-pipe cases, which spawn
 * bin/shopmetrics.js. Prints a table per category — inputs tried, outcomes by exit code, passes,
 * failures — and for each failing category its first failure, kept under .fuzz/ with the command
 * that reproduces it. Exits 1 when any case failed. docs/reliability.md explains the promises.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable, Writable } from "node:stream";
import { pathToFileURL } from "node:url";
import { baseFiles, CATEGORIES, fuzz, keepFailure, prepareBases, ROOT, startPythonOracle, table } from "./lib.mjs";

const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : fallback;
};
const seed = Number(option("--seed", String(Date.now() % 1_000_000)));
const count = Number(option("--count", "3000"));
const only = option("--case", null) === null ? null : Number(option("--case"));
const keep = Number(option("--keep", "3"));
const wanted = option("--category", null)?.split(",");
if (!Number.isInteger(seed) || !Number.isInteger(count) || count < 1) {
  console.error("usage: npm run fuzz -- [--seed N] [--count N] [--case K] [--category NAME,…] [--no-shared] [--keep N]");
  process.exit(2);
}
const categories = wanted ? CATEGORIES.filter((c) => wanted.includes(c.name)) : CATEGORIES;

const { main } = await import(pathToFileURL(join(ROOT, "dist/cli/main.js")).href);

/** main() with its own stdin, stdout and stderr, as test/helpers.ts's runCli does for src/. */
async function run(args, { stdin = [] } = {}) {
  const out = [];
  const err = [];
  const sink = (chunks) =>
    new Writable({
      write(chunk, _encoding, done) {
        chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
        done();
      },
    });
  const status = await main(args, {
    stdin: Readable.from(stdin, { objectMode: false }),
    stdout: sink(out),
    stderr: sink(err),
    // SHOPMETRICS_THREADS=2 npm run fuzz reads every file in the second thread (src/io/csv/read-thread.ts).
    env: {
      TZ: "Europe/Prague",
      CI: "1",
      ...(process.env.SHOPMETRICS_THREADS ? { SHOPMETRICS_THREADS: process.env.SHOPMETRICS_THREADS } : {}),
    },
    cwd: ROOT,
  });
  return { status, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") };
}

const dir = mkdtempSync(join(tmpdir(), "shopmetrics-fuzz-"));
const python = startPythonOracle();
const started = Date.now();
try {
  const { files, notes: fileNotes } = baseFiles({ shared: !argv.includes("--no-shared") });
  const { bases, notes } = await prepareBases(files, run, dir);
  for (const note of [...fileNotes, ...notes]) console.log(`note: ${note}`);
  console.log(
    `seed ${seed}, ${only === null ? `${count} inputs` : `case ${only}`}, ${bases.length} bases: ${bases.map((b) => b.id).join(", ")}`,
  );
  let done = 0;
  const { stats, failures } = await fuzz({
    seed,
    count,
    run,
    bases,
    categories,
    only,
    python,
    dir,
    onCase() {
      done++;
      if (process.stderr.isTTY && done % 50 === 0) process.stderr.write(`\r${done} inputs…`);
    },
  });
  if (process.stderr.isTTY) process.stderr.write("\r");
  console.log(`\n${table(stats)}\n`);
  console.log(`${((Date.now() - started) / 1000).toFixed(0)} s; seed ${seed}: npm run fuzz -- --seed ${seed} --count ${count}`);
  const kept = new Map();
  const fuzzDir = join(ROOT, ".fuzz");
  for (const failure of failures) {
    const n = kept.get(failure.category) ?? 0;
    if (n >= keep) continue;
    kept.set(failure.category, n + 1);
    mkdirSync(fuzzDir, { recursive: true });
    const where = keepFailure(failure, fuzzDir, seed);
    if (n === 0) {
      console.log(`\n${failure.category} — case ${failure.k}: ${failure.variant} (base ${failure.base})`);
      for (const p of failure.problems.slice(0, 4)) console.log(`  - ${p}`);
      console.log(`  input and command: ${where}/README.txt; re-run: npm run fuzz -- --seed ${seed} --case ${failure.k}`);
    }
  }
  const byVariant = new Map();
  for (const f of failures) {
    const key = `${f.category}: ${f.variant.replace(/\d+/g, "N")}`;
    byVariant.set(key, (byVariant.get(key) ?? 0) + 1);
  }
  if (byVariant.size) {
    console.log("\nfailures by variant:");
    for (const [k, v] of [...byVariant].sort()) console.log(`  ${v}\t${k}`);
  }
  process.exitCode = failures.length ? 1 : 0;
} finally {
  python.close();
  rmSync(dir, { recursive: true, force: true });
}

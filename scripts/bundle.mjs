#!/usr/bin/env node
/**
 * Links the compiled dist/ (tsc's output) into dist/bundle/, which bin/shopmetrics.js runs: the
 * command's modules in one file (and the reading thread's in another) instead of 130-odd. Node loads each ES module on its own
 * (resolve, read, compile, link), and on this machine that was about 40 ms of every run before the
 * first byte of the export was read: 15 % of a report on a 2 MB export, 4 % at 100k orders
 * (docs/performance.md, "Start-up"). Nothing is compiled again: esbuild only joins tsc's
 * JavaScript, so the code that runs is the code the tests import from dist/.
 *
 * - Two entry points, the command line and the reading thread's worker, named as in dist/: the
 *   worker is started by `new URL("./read-thread-worker.js", import.meta.url)` from the file that
 *   holds read-thread.ts's code, main.js, beside it. main.js is as deep in dist/ as cli/main.js,
 *   so the `../../package.json` it reads its version from is the same file.
 * - Not split: a command imported on demand (cohorts, the dashboard, inspect) is in main.js, run
 *   only when imported; split into chunks, a report loaded 24 files and was no faster.
 * - Packages stay where npm put them (node_modules), loaded as before, on demand where they were
 *   (the HTML charts, the XML reader).
 * - Source maps chain tsc's own to src/: `NODE_OPTIONS=--enable-source-maps` gives a crash's stack
 *   in TypeScript lines.
 */
import { existsSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import { build } from "esbuild";

const ROOT = resolve(import.meta.dirname, "..");
const OUT = resolve(ROOT, "dist/bundle");
const ENTRIES = ["dist/cli/main.js", "dist/io/csv/read-thread-worker.js"];

rmSync(OUT, { recursive: true, force: true });
await build({
  absWorkingDir: ROOT,
  entryPoints: ENTRIES,
  bundle: true,
  packages: "external",
  platform: "node",
  format: "esm",
  target: "node20",
  outdir: OUT,
  entryNames: "[name]",
  sourcemap: "linked",
  logLevel: "warning",
});
// The worker is found by its name beside the code that starts it (see above).
for (const name of ["main.js", "read-thread-worker.js"]) {
  if (!existsSync(resolve(OUT, name))) throw new Error(`bundle: dist/bundle/${name} was not written`);
}

#!/usr/bin/env node
// `npm run demo`: the report for the bundled sample shop (fixtures/sample-shop) on the terminal,
// then the same shop as one HTML page, demo-report.html (`shopmetrics dashboard`), and its path.
import { spawnSync } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { SAMPLE_SHOP_INPUTS as inputs } from "./lib/sample-shop.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const run = (args) => {
  const r = spawnSync(process.execPath, [join(root, "bin", "shopmetrics.js"), ...args], { cwd: root, stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
run(["report", ...inputs]);
const page = join(root, "demo-report.html");
run(["dashboard", ...inputs, "--quiet", "--out", page]);
process.stdout.write(`\nThe same shop as one page: ${page} (open it in a browser; it loads nothing from the network)\n`);

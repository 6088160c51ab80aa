#!/usr/bin/env node
// `npm run docs:screenshots`: the sample shop's dashboard (as `npm run demo` writes it) in the
// system's headless Chromium at a phone's 390 × 844 and a laptop's 1280 × 800, the top of the page
// each, into docs/screenshots/. The README shows the laptop one. Chromium: /usr/bin/chromium
// (Debian's `chromium` package) or SHOPMETRICS_CHROMIUM.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { SAMPLE_SHOP_INPUTS } from "./lib/sample-shop.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const executablePath = process.env.SHOPMETRICS_CHROMIUM ?? "/usr/bin/chromium";
if (!existsSync(executablePath)) {
  process.stderr.write(`screenshots: no Chromium at ${executablePath}: sudo apt-get install chromium, or set SHOPMETRICS_CHROMIUM\n`);
  process.exit(2);
}
const page = join(mkdtempSync(join(tmpdir(), "shopmetrics-shots-")), "dashboard.html");
const run = spawnSync(
  process.execPath,
  [
    join(root, "bin", "shopmetrics.js"),
    "dashboard",
    ...SAMPLE_SHOP_INPUTS,
    "--as-of",
    "2026-06-30",
    "--locale",
    "cs-CZ",
    "--quiet",
    "--out",
    page,
  ],
  { cwd: root, stdio: "inherit" },
);
if (run.status !== 0) process.exit(run.status ?? 1);

const out = join(root, "docs", "screenshots");
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
});
for (const [name, width, height] of [
  ["dashboard-1280.png", 1280, 800],
  ["dashboard-390.png", 390, 844],
]) {
  const context = await browser.newContext({ viewport: { width, height }, colorScheme: "light" });
  const tab = await context.newPage();
  await tab.goto(`file://${page}`);
  await tab.screenshot({ path: join(out, name) });
  await context.close();
  process.stdout.write(`${join("docs", "screenshots", name)}\n`);
}
await browser.close();

/**
 * The system's Chromium, driven by playwright-core (Debian's `chromium` package; .ci/run installs it
 * with apt-get when it is missing; README, "Tests", says how to get it for a local run). Without
 * a browser the browser tests fail with that message: they do not skip. SHOPMETRICS_CHROMIUM
 * names another executable.
 */
import { existsSync } from "node:fs";
import { type Browser, chromium, type Page } from "playwright-core";

export const CHROMIUM = process.env.SHOPMETRICS_CHROMIUM ?? "/usr/bin/chromium";

export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `no Chromium at ${CHROMIUM}: the HTML tests open the pages in a real browser. Install it with \`sudo apt-get install chromium\` (Debian, Ubuntu), or set SHOPMETRICS_CHROMIUM to a Chrome or Chromium executable`,
    );
  // The flags keep Chromium off the network it would otherwise try at start (updates, sync); the
  // page's own requests are what the tests watch.
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}

export interface OpenedPage {
  readonly page: Page;
  /** Console errors and warnings, and uncaught exceptions. */
  readonly problems: string[];
  /** Every URL the page asked for, itself included. */
  readonly requests: string[];
  /** Dialogs opened (an injected `alert` would show here). */
  readonly dialogs: string[];
}

export async function open(
  browser: Browser,
  file: string,
  {
    width = 1280,
    height = 800,
    javaScript = true,
    colorScheme = "light",
  }: { width?: number; height?: number; javaScript?: boolean; colorScheme?: "light" | "dark" } = {},
): Promise<OpenedPage> {
  const context = await browser.newContext({ viewport: { width, height }, javaScriptEnabled: javaScript, colorScheme });
  const page = await context.newPage();
  const problems: string[] = [];
  const requests: string[] = [];
  const dialogs: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${String(e)}`));
  page.on("request", (r) => requests.push(r.url()));
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(`file://${file}`, { waitUntil: "load" });
  return { page, problems, requests, dialogs };
}

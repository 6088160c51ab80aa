/**
 * --verbose says on stderr, once a file's header is read, how the file is read: its encoding and
 * delimiter, whether its records are cut from its bytes or from its decoded text (and why), how
 * many of its columns are read, and in one thread or two (and why). It changes nothing else.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, runBin, runCli } from "../helpers.js";

const SHOP = ["--orders", "fixtures/sample-shop/orders_export.csv", "--as-of", "2025-06-30", "--tz", "Europe/Prague"];
const BYTES = "cut from its bytes (utf-8 writes quotes, delimiters and line ends as single ASCII bytes)";

describe("--verbose", () => {
  it("says how the orders file is read, and leaves stdout and the exit code as they are", async () => {
    const plain = await runCli(["report", ...SHOP, "--format", "json"]);
    const verbose = await runCli(["report", ...SHOP, "--format", "json", "--verbose"]);
    expect(verbose.status).toBe(plain.status);
    expect(verbose.stdout).toBe(plain.stdout);
    // The sample shop is a 79-column Shopify export whose metrics read 8 of them.
    const said = `shopmetrics: fixtures/sample-shop/orders_export.csv: utf-8, ","; ${BYTES}; 10 of its 79 columns read, the rest skipped; in one thread (SHOPMETRICS_THREADS=1)\n`;
    expect(verbose.stderr).toBe(`${said}${plain.stderr}`);
  });

  it("says it for the customers file too, and for inspect, and for standard input", async () => {
    const both = await runCli(["report", ...SHOP, "--customers", "fixtures/sample-shop/customers_export.csv", "--verbose", "-q"]);
    expect(both.status).toBe(0);
    const lines = both.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^shopmetrics: fixtures\/sample-shop\/customers_export\.csv: utf-8, ","; cut from its bytes .*; \d+ of its \d+ columns read, the rest skipped; in one thread/,
    );
    expect(lines[1]).toMatch(/^shopmetrics: fixtures\/sample-shop\/orders_export\.csv: /);

    const stdin = await runCli(["inspect", "-", "--tz", "Europe/Prague", "--verbose"], {
      input: readFileSync(resolve(FIXTURES, "sample-shop/orders_export.csv"), "utf8"),
      env: { SHOPMETRICS_THREADS: "" },
    });
    expect(stdin.status).toBe(0);
    expect(stdin.stderr).toContain(
      `shopmetrics: -: utf-8, ","; ${BYTES}; 10 of its 79 columns read, the rest skipped; in one thread (standard input always is)\n`,
    );
  });

  it("names the files cut from their decoded text, and why: UTF-16, a delimiter from U+0080 up", async () => {
    const dir = mkdtempSync(join(tmpdir(), "shopmetrics-verbose-"));
    const text = "created_at,total,email\n2025-01-02,10.00,a@b.cz\n";
    const utf16 = join(dir, "utf16.csv");
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]));
    const section = join(dir, "section.csv");
    writeFileSync(section, text.replaceAll(",", "§"));
    const args = ["--tz", "Europe/Prague", "--as-of", "2025-01-31", "--currency", "EUR", "--verbose", "-q", "--format", "json"];

    const a = await runCli(["report", "--orders", utf16, ...args]);
    expect(a.status).toBe(0);
    expect(a.stderr).toBe(
      `shopmetrics: ${utf16}: utf-16le, ","; cut from its decoded text: utf-16le writes quotes, delimiters and line ends in more than one byte; every cell of its 3 columns read; in one thread (SHOPMETRICS_THREADS=1)\n`,
    );
    const b = await runCli(["report", "--orders", section, ...args, "--delimiter", "§"]);
    expect(b.status).toBe(0);
    expect(b.stderr).toBe(
      `shopmetrics: ${section}: utf-8, "§"; cut from its decoded text: the delimiter "§" is no ASCII character, so no single byte; every cell of its 3 columns read; in one thread (SHOPMETRICS_THREADS=1)\n`,
    );
    // Both read the same one order as the comma file.
    expect(JSON.parse(a.stdout).groups[0].metrics.orders).toBe(1);
    expect(JSON.parse(b.stdout).groups[0].metrics.orders).toBe(1);
  });

  it("says when a file is read in a second thread, and why (through dist/, which a worker can load)", () => {
    const run = runBin(["report", ...SHOP, "--verbose", "-q", "--format", "json"], { env: { SHOPMETRICS_THREADS: "2" } });
    expect(run.status).toBe(0);
    expect(run.stderr).toBe(
      `shopmetrics: fixtures/sample-shop/orders_export.csv: utf-8, ","; ${BYTES}; 10 of its 79 columns read, the rest skipped; in a second thread (SHOPMETRICS_THREADS=2)\n`,
    );
  });

  it("says how a Heureka XML review file is read, before its reviews", async () => {
    const run = await runCli([
      "report",
      "--reviews",
      "fixtures/reviews/heureka-shop.xml",
      "--tz",
      "Europe/Prague",
      "--verbose",
      "--format",
      "json",
    ]);
    expect(run.status).toBe(0);
    expect(run.stderr.split("\n")[0]).toBe(
      "shopmetrics: fixtures/reviews/heureka-shop.xml: utf-8; XML, read as a stream by saxes; in one thread",
    );
  });
});

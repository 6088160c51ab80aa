/**
 * `shopmetrics cohorts` and `shopmetrics rfm` (issue 13), end to end.
 *
 * The figures are checked against fixtures/analyses/expected.json, written by
 * scripts/crosscheck/analyses.py (Python's csv, decimal and zoneinfo, from the contract, not from
 * src/) and, for the hand fixtures of fixtures/analyses/, worked by hand first in
 * fixtures/analyses/README.md. Each run there records the command line it stands for; it is
 * replayed here through the CLI, and the cohort matrix, the segment summary and every customer's
 * scores and segment (the --customers-out file, read back with csv-parse) must agree exactly.
 * The UCI Online Retail runs need ../shared/data.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { FIXTURES, hasSharedData, RETAIL_MAPS, ROOT, runCli, sharedNote } from "../helpers.js";

interface ExpectedRun {
  readonly argv: readonly string[];
  readonly result: { readonly groups: readonly Record<string, unknown>[] };
}
const EXPECTED: Record<string, ExpectedRun> = JSON.parse(readFileSync(resolve(FIXTURES, "analyses/expected.json"), "utf8"));

/** The CLI arguments of an expected run: its command, its file (read as the format says), its flags. */
function argsOf(run: ExpectedRun): string[] {
  const [command, format, file, ...flags] = run.argv as string[];
  const reading = format === "online-retail" ? [...RETAIL_MAPS, "--currency", "GBP"] : [];
  return [command!, "--orders", file!, ...reading, ...flags];
}

const tmp = () => mkdtempSync(join(tmpdir(), "shopmetrics-rfm-"));
const readCsv = (text: string): Record<string, string>[] => parse(text, { columns: true, skip_empty_lines: true });

/** A customer's line in the cross-check's compact form: customer|r|f|m|recencyDays|frequency|monetary|segment. */
const compact = (row: Record<string, unknown>) =>
  [row.customer, row.r, row.f, row.m, row.recencyDays, row.frequency, row.monetary, row.segment].join("|");

const runs = Object.entries(EXPECTED);
const needsShared = (run: ExpectedRun) => run.argv[1] === "online-retail";

describe("against the Python cross-check (fixtures/analyses/expected.json)", () => {
  const cohortRuns = runs.filter(([, run]) => run.argv[0] === "cohorts");
  const rfmRuns = runs.filter(([, run]) => run.argv[0] === "rfm");

  it("has runs for every hand fixture, the sample shop and the UCI file", () => {
    const files = new Set(runs.map(([, run]) => run.argv[2]));
    for (const fixture of readdirSync(resolve(FIXTURES, "analyses")).filter((f) => f.endsWith(".csv")))
      expect(files).toContain(`fixtures/analyses/${fixture}`);
    expect(files).toContain("fixtures/sample-shop/orders_export.csv");
    expect(cohortRuns.length).toBeGreaterThanOrEqual(15);
    expect(rfmRuns.length).toBeGreaterThanOrEqual(12);
  });

  describe.each(cohortRuns)("%s", (_name, run) => {
    it.skipIf(needsShared(run) && !hasSharedData)(`gives the same cohort matrix${needsShared(run) ? sharedNote : ""}`, async () => {
      const cli = await runCli([...argsOf(run), "--format", "json"], { cwd: ROOT });
      expect(cli.status).toBe(0);
      expect(JSON.parse(cli.stdout).groups).toEqual(run.result.groups);
    });
  });

  describe.each(rfmRuns)("%s", (_name, run) => {
    it.skipIf(needsShared(run) && !hasSharedData)(
      `gives the same segments and every customer's scores${needsShared(run) ? sharedNote : ""}`,
      async () => {
        const out = join(tmp(), "customers.csv");
        const cli = await runCli([...argsOf(run), "--format", "json", "--customers-out", out], { cwd: ROOT });
        expect(cli.status).toBe(0);
        const groups = JSON.parse(cli.stdout).groups as {
          currency: string | null;
          customers: number;
          segments: Record<string, unknown>[];
        }[];
        const rows = readCsv(readFileSync(out, "utf8"));
        expect(groups.map((g) => g.currency)).toEqual(run.result.groups.map((g) => g.currency));
        for (const [i, expected] of run.result.groups.entries()) {
          const group = groups[i]!;
          expect(group.customers).toBe(expected.customers);
          // The cross-check writes money as decimal text and names a segment "segment".
          const segments = (expected.segments as Record<string, unknown>[]).map(({ segment, revenue, aov, ...rest }) => ({
            name: segment,
            ...rest,
            revenue: Number(revenue),
            aov: aov === null ? null : Number(aov),
          }));
          expect(group.segments).toEqual(segments);
          const list = expected.list as (string | Record<string, unknown>)[];
          const want = list.map((row) => (typeof row === "string" ? row : compact(row))).sort();
          const got = rows
            .filter((row) => (row.currency || null) === expected.currency)
            .map(compact)
            .sort();
          expect(got).toEqual(want);
        }
      },
    );
  });
});

const HAND = (name: string) => `fixtures/analyses/${name}`;
const TIES = ["--orders", HAND("ties.csv"), "--as-of", "2025-06-30", "--tz", "Europe/Prague"];

describe("the JSON documents", () => {
  it("cohorts: schemaVersion 1, command, asOf, timezone, period, groups, dataQuality and the definitions", async () => {
    const run = await runCli(["cohorts", ...TIES, "--format", "json"]);
    const doc = JSON.parse(run.stdout);
    expect(Object.keys(doc)).toEqual([
      "schemaVersion",
      "command",
      "asOf",
      "timezone",
      "timezoneSource",
      "period",
      "window",
      "revenue",
      "inputs",
      "groups",
      "dataQuality",
      "warnings",
      "definitions",
    ]);
    expect(doc).toMatchObject({
      schemaVersion: 1,
      command: "cohorts",
      asOf: "2025-06-30",
      timezone: "Europe/Prague",
      period: "month",
      window: null,
    });
    expect(doc.dataQuality).toMatchObject({ rowsRead: 12, rowsSkipped: 0 });
    expect(Object.keys(doc.definitions)).toContain("cumulativeRevenuePerCustomer");
  });

  it("rfm: scale, segmentation and the grid as applied", async () => {
    const doc = JSON.parse((await runCli(["rfm", ...TIES, "--format", "json", "--segments", "rfm-package"])).stdout);
    expect(doc).toMatchObject({ schemaVersion: 1, command: "rfm", scale: 5, segmentation: "rfm-package" });
    expect(doc.grid.fallback).toBe("Others");
    expect(doc.grid.rules[0]).toEqual({ name: "Champions", r: [5, 5], f: [5, 5], m: [5, 5] });
    expect(doc.groups[0].segments.map((s: { name: string }) => s.name).at(-1)).toBe("Others");
  });
});

describe("tidy CSV, read back with csv-parse", () => {
  it("cohorts: currency, cohort, offset, metric, value, mature; the cohort's size as metric customers", async () => {
    const run = await runCli(["cohorts", ...TIES, "--format", "csv"]);
    const rows = readCsv(run.stdout);
    const json = JSON.parse((await runCli(["cohorts", ...TIES, "--format", "json"])).stdout);
    const cohorts = json.groups[0].cohorts as { cohort: string; customers: number; cells: Record<string, number | boolean>[] }[];
    expect(rows.length).toBe(cohorts.reduce((n, c) => n + 1 + 5 * c.cells.length, 0));
    expect(Object.keys(rows[0]!)).toEqual(["currency", "cohort", "offset", "metric", "value", "mature"]);
    const april = cohorts.find((c) => c.cohort === "2025-04")!;
    expect(rows.find((r) => r.cohort === "2025-04" && r.metric === "customers")).toEqual({
      currency: "EUR",
      cohort: "2025-04",
      offset: "0",
      metric: "customers",
      value: String(april.customers),
      mature: "",
    });
    const cell = rows.find((r) => r.cohort === "2025-04" && r.offset === "2" && r.metric === "cumulativeRevenuePerCustomer")!;
    expect(Number(cell.value)).toBe(april.cells[2]!.cumulativeRevenuePerCustomer);
    expect(cell.mature).toBe("true");
  });

  it("rfm: a row per currency and segment, with the JSON's figures", async () => {
    const rows = readCsv((await runCli(["rfm", ...TIES, "--format", "csv"])).stdout);
    const json = JSON.parse((await runCli(["rfm", ...TIES, "--format", "json"])).stdout);
    expect(rows.map((r) => r.segment)).toEqual(json.groups[0].segments.map((s: { name: string }) => s.name));
    const champions = rows.find((r) => r.segment === "Champions")!;
    expect(champions).toMatchObject({ currency: "EUR", customers: "1", revenue: "180", aov: "60" });
    expect(rows.find((r) => r.segment === "Loyal")).toMatchObject({ customers: "0", meanRecencyDays: "", aov: "" });
  });
});

describe("--customers-out", () => {
  it("writes the list whole, with the header an email tool imports, and leaves no temporary file", async () => {
    const dir = tmp();
    const run = await runCli(["rfm", ...TIES, "--customers-out", join(dir, "list.csv")]);
    expect(run.status).toBe(0);
    expect(readdirSync(dir)).toEqual(["list.csv"]);
    const text = readFileSync(join(dir, "list.csv"), "utf8");
    expect(text.split("\n")[0]).toBe(
      "customer,email,customerId,currency,firstOrder,lastOrder,recencyDays,frequency,monetary,r,f,m,segment",
    );
    const rows = readCsv(text);
    expect(rows).toHaveLength(7);
    expect(rows[0]).toEqual({
      customer: "gus@example.com",
      email: "gus@example.com",
      customerId: "",
      currency: "EUR",
      firstOrder: "2025-06-01",
      lastOrder: "2025-06-29",
      recencyDays: "1",
      frequency: "3",
      monetary: "180.00",
      r: "5",
      f: "5",
      m: "5",
      segment: "Champions",
    });
    // The summary still goes to stdout; the list never does.
    expect(run.stdout).toContain("shopmetrics rfm");
    expect(run.stdout).not.toContain("gus@example.com");
  });

  it("replaces an existing file only once the new list is whole", async () => {
    const dir = tmp();
    const out = join(dir, "list.csv");
    writeFileSync(out, "old list\n");
    expect((await runCli(["rfm", ...TIES, "--customers-out", out])).status).toBe(0);
    expect(readFileSync(out, "utf8")).toMatch(/^customer,email,/);
  });

  it("into a folder that doesn't exist: exit 3, one line naming the file, nothing written", async () => {
    const dir = tmp();
    const run = await runCli(["rfm", ...TIES, "--customers-out", join(dir, "nope", "list.csv")]);
    expect(run.status).toBe(3);
    expect(run.stderr).toBe(`shopmetrics: error: cannot write ${join(dir, "nope", "list.csv")}: its folder does not exist\n`);
    expect(run.stdout).toBe("");
    expect(readdirSync(dir)).toEqual([]);
  });

  it("- writes the list to stdout instead of the summary; not with --format json", async () => {
    const run = await runCli(["rfm", ...TIES, "--customers-out", "-"]);
    expect(run.status).toBe(0);
    expect(readCsv(run.stdout)).toHaveLength(7);
    const json = await runCli(["rfm", ...TIES, "--customers-out", "-", "--format", "json"]);
    expect(json.status).toBe(2);
    expect(json.stderr).toMatch(/--customers-out - writes the list to stdout, where --format json writes the summary/);
  });

  it("naming --out's file is a usage error: the list and the summary need a file each", async () => {
    const file = join(tmp(), "both.csv");
    const run = await runCli(["rfm", ...TIES, "--customers-out", file, "--format", "csv", "--out", file]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--customers-out and --out both name/);
  });

  it("- with --format json --out FILE: the list on stdout, the summary in the file, as each alone writes them", async () => {
    for (const command of ["rfm", "clv"]) {
      const file = join(tmp(), "summary.json");
      const run = await runCli([command, ...TIES, "--customers-out", "-", "--format", "json", "--out", file]);
      expect(run.status, run.stderr).toBe(0);
      const list = join(tmp(), "list.csv");
      const alone = await runCli([command, ...TIES, "--customers-out", list, "--format", "json"]);
      expect(run.stdout).toBe(readFileSync(list, "utf8"));
      expect(readCsv(run.stdout)).toHaveLength(7);
      expect(readFileSync(file, "utf8")).toBe(alone.stdout);
    }
  });

  it("makes cells a spreadsheet would run as a formula safe (OWASP): a leading '", async () => {
    const orders = [
      "order_id,created_at,customer_id,email,total,currency",
      '1,2025-06-01T10:00:00+02:00,=HYPERLINK("http://x"),,10.00,EUR',
      "2,2025-06-02T10:00:00+02:00,+420777,,20.00,EUR",
      "3,2025-06-03T10:00:00+02:00,-5,,30.00,EUR",
      "4,2025-06-04T10:00:00+02:00,,@evil@example.com,40.00,EUR",
    ].join("\n");
    const run = await runCli(["rfm", "--orders", "-", "--as-of", "2025-06-30", "--customers-out", "-"], { input: `${orders}\n` });
    expect(run.status).toBe(0);
    const rows = readCsv(run.stdout);
    expect(rows.map((r) => r.customer).sort()).toEqual(["'+420777", "'-5", '\'=HYPERLINK("http://x")', "'@evil@example.com"]);
    expect(rows.find((r) => r.customer === "'@evil@example.com")!.email).toBe("'@evil@example.com");
  });

  it("names a customer by the email of their latest order, with their customer id (identity joined over both)", async () => {
    const run = await runCli([
      "rfm",
      "--orders",
      HAND("identity.csv"),
      "--as-of",
      "2025-06-30",
      "--tz",
      "Europe/Prague",
      "--customers-out",
      "-",
    ]);
    const rows = readCsv(run.stdout);
    const lena = rows.find((r) => r.customerId === "L-100")!;
    expect(lena).toMatchObject({ customer: "lena@example.com", email: "lena@example.com", frequency: "4", firstOrder: "2025-01-15" });
    expect(rows.find((r) => r.customerId === "M-200")).toMatchObject({ customer: "M-200", email: "" });
  });
});

describe("bad input and edge cases", () => {
  it.each([
    [["cohorts"], 2, /cohorts reads an orders export: name it with --orders FILE/],
    [["rfm", "--orders", HAND("ties.csv"), "--scale", "7"], 2, /argument '7' is invalid/],
    [["rfm", "--orders", HAND("ties.csv"), "--scale", "3", "--segments", "rfm-package"], 2, /needs --scale 5, not 3/],
    [["rfm", "--orders", HAND("ties.csv"), "--segments", "config"], 2, /--segments config needs an "rfmSegments" grid/],
    [["cohorts", "--orders", HAND("ties.csv"), "--period", "day"], 2, /argument 'day' is invalid/],
    [["cohorts", "--orders", HAND("ties.csv"), "--periods", "0"], 2, /invalid --periods "0"/],
    [
      ["cohorts", "--orders", HAND("ties.csv"), "--window", "2025-01-01..2025-12-31", "--as-of", "2025-06-30"],
      2,
      /ends on 2025-12-31, after --as-of 2025-06-30/,
    ],
    [["rfm", "--orders", "fixtures/analyses/nope.csv"], 3, /nope\.csv/],
    [["cohorts", "--orders", "fixtures/orders/malformed-quote.csv"], 3, /malformed-quote\.csv:\d+/],
  ])("%j: exit %i", async (args, status, message) => {
    const run = await runCli(args as string[]);
    expect(run.status).toBe(status);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/at .*\.js:\d+/); // never a stack trace
    expect(run.stdout).toBe("");
  });

  it("a config grid with a gap is a usage error naming the combination; one without is used by default", async () => {
    const dir = tmp();
    const gap = join(dir, "gap.json");
    writeFileSync(gap, JSON.stringify({ rfmSegments: { rules: [{ name: "Best", r: [4, 5] }] } }));
    const refused = await runCli(["rfm", ...TIES, "--config", gap]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toBe(
      'shopmetrics: error: the config\'s rfmSegments assigns no segment to R=1 F=1 M=1 (FM 1): add a rule that matches it, or a "fallback" name for every combination no rule matches\n',
    );
    // Every command checks the config the same way.
    expect((await runCli(["report", ...TIES, "--config", gap])).status).toBe(2);
    const good = join(dir, "good.json");
    writeFileSync(good, JSON.stringify({ rfmSegments: { rules: [{ name: "Best", r: [4, 5], fm: [4, 5] }], fallback: "Rest" } }));
    const doc = JSON.parse((await runCli(["rfm", ...TIES, "--config", good, "--format", "json"])).stdout);
    expect(doc.segmentation).toBe("config");
    expect(doc.groups[0].segments.map((s: { name: string; customers: number }) => [s.name, s.customers])).toEqual([
      ["Best", 1],
      ["Rest", 6],
    ]);
    const unknown = join(dir, "unknown.json");
    writeFileSync(unknown, JSON.stringify({ rfmSegments: { rules: [{ name: "Best", recency: [4, 5] }], fallback: "Rest" } }));
    expect((await runCli(["rfm", ...TIES, "--config", unknown])).stderr).toMatch(/rule 1 has an unknown key "recency"/);
  });

  it("an export with no identified customer: empty cohorts and segments with a note, exit 0", async () => {
    // An email column, empty on every row (a file without one says so in report's words: see PrestaShop below).
    const orders = "order_id,created_at,email,total,currency\n1,2025-06-01,,10.00,EUR\n2,2025-06-02,,20.00,EUR\n";
    for (const command of ["cohorts", "rfm"]) {
      const run = await runCli([command, "--orders", "-", "--format", "json"], { input: orders });
      expect(run.status).toBe(0);
      const doc = JSON.parse(run.stdout);
      expect(doc.warnings).toContain(
        `no counted order names its customer (an email or a customer id): there are no ${command === "cohorts" ? "cohorts" : "segments"} to show`,
      );
      if (command === "cohorts") expect(doc.groups).toEqual([{ currency: "EUR", cohorts: [] }]);
      else expect(doc.groups[0]).toMatchObject({ currency: "EUR", customers: 0 });
      const table = await runCli([command, "--orders", "-"], { input: orders });
      expect(table.stdout).toMatch(/No identified customers/);
      expect(table.stderr).toMatch(/warning: no counted order names its customer/);
    }
  });

  it("fewer customers than the scale: scores anyway, and a warning", async () => {
    const orders = "order_id,created_at,email,total,currency\n1,2025-06-01,a@x.org,10.00,EUR\n2,2025-06-02,b@x.org,20.00,EUR\n";
    const run = await runCli(["rfm", "--orders", "-", "--format", "json"], { input: orders });
    const doc = JSON.parse(run.stdout);
    expect(doc.groups[0].customers).toBe(2);
    expect(doc.warnings).toContain(
      "EUR: 2 customers, fewer than the 5 scores of --scale 5: each still gets its scores, but ranks among so few customers mean little",
    );
  });

  it("joins a customers file as report does: an order by id and one by email are one customer", async () => {
    const orders = "order_id,created_at,customer_id,email,total\n1,2025-01-01,77,,10\n2,2025-02-02,,x@example.com,10\n";
    const args = ["--orders", "-", "--currency", "EUR", "--format", "json"];
    const alone = JSON.parse((await runCli(["cohorts", ...args], { input: orders })).stdout);
    expect(alone.groups[0].cohorts.map((c: { customers: number }) => c.customers)).toEqual([1, 1]);
    const joined = JSON.parse(
      (await runCli(["cohorts", ...args, "--customers", "fixtures/customers/joined.csv"], { input: orders })).stdout,
    );
    expect(joined.groups[0].cohorts).toHaveLength(1);
    expect(joined.groups[0].cohorts[0].cells[1]).toMatchObject({ offset: 1, activeCustomers: 1, retention: 1 });
  });
});

describe("every platform report reads", () => {
  it.each([
    ["shopify-small.csv"],
    ["woocommerce-small.csv"],
    ["woocommerce-small-czech-excel.csv"],
    ["shoptet-cp1250.csv"],
    ["upgates-cp1250.csv"],
    ["prestashop-cs.csv", "--currency", "CZK"],
    ["bigcommerce.csv"],
    ["magento.csv", "--currency", "USD"],
    ["ecwid.csv", "--currency", "EUR"],
    ["online-retail.csv", "--tz", "Europe/London"],
    ["generic-guest.csv"],
  ])("%s: rfm has report's customers over the whole history, and the cohorts add up to them", async (file, ...flags) => {
    const args = ["--orders", `fixtures/orders/${file}`, "--tz", "Europe/Prague", ...flags, "--format", "json"];
    const report = JSON.parse((await runCli(["report", ...args, "--window", "all"])).stdout);
    const rfm = JSON.parse((await runCli(["rfm", ...args])).stdout);
    const cohorts = JSON.parse((await runCli(["cohorts", ...args, "--periods", "1000"])).stdout);
    expect(rfm.groups.map((g: { currency: string }) => g.currency)).toEqual(report.groups.map((g: { currency: string }) => g.currency));
    for (const [i, group] of report.groups.entries()) {
      // A file that can't tell customers apart (PrestaShop's has no email or id): report's null is no customer here, with its reason.
      const customers = group.metrics.customers ?? 0;
      if (group.metrics.customers === null) expect(rfm.warnings).toContain(`${group.notes.customers}: there are no segments to show`);
      expect(rfm.groups[i].customers).toBe(customers);
      expect(cohorts.groups[i].cohorts.reduce((n: number, c: { customers: number }) => n + c.customers, 0)).toBe(customers);
      if (customers === 0) continue;
      expect(rfm.groups[i].segments.reduce((n: number, s: { revenue: number }) => n + s.revenue, 0)).toBeCloseTo(
        cohorts.groups[i].cohorts.reduce(
          (n: number, c: { cells: { revenue: number }[] }) => n + c.cells.reduce((m, cell) => m + cell.revenue, 0),
          0,
        ),
        6,
      );
    }
    expect(rfm.dataQuality).toEqual(report.dataQuality);
  });
});

describe("the README's cron line", () => {
  it("picks the At risk customers out of the list with its grep, header first", async () => {
    const readme = readFileSync(resolve(ROOT, "README.md"), "utf8");
    const line = readme.split("\n").find((l) => l.includes("--customers-out reports/rfm.csv"))!;
    const [, pattern] = /grep -e '\^customer,' -e '([^']+)'/.exec(line)!;
    expect(pattern).toBe(",At risk$");
    const out = join(tmp(), "rfm.csv");
    const run = await runCli([
      "rfm",
      "--orders",
      "fixtures/sample-shop/orders_export.csv",
      "--as-of",
      "2026-06-30",
      "--tz",
      "Europe/Prague",
      "--quiet",
      "--customers-out",
      out,
    ]);
    expect(run.status).toBe(0);
    const lines = readFileSync(out, "utf8").split("\n");
    const mailed = lines.filter((l) => l.startsWith("customer,") || new RegExp(pattern!).test(l));
    const rows = readCsv(`${mailed.join("\n")}\n`);
    const summary = JSON.parse(
      (
        await runCli([
          "rfm",
          "--orders",
          "fixtures/sample-shop/orders_export.csv",
          "--as-of",
          "2026-06-30",
          "--tz",
          "Europe/Prague",
          "--format",
          "json",
        ])
      ).stdout,
    );
    const atRisk = summary.groups.reduce(
      (n: number, g: { segments: { name: string; customers: number }[] }) => n + g.segments.find((s) => s.name === "At risk")!.customers,
      0,
    );
    expect(rows).toHaveLength(atRisk);
    expect(atRisk).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.segment))).toEqual(new Set(["At risk"]));
  });
});

/**
 * The metric registry: what a metric declares is all there is to it. The list of metric files is
 * generated and current; the registry rejects a broken declaration when it loads; each metric
 * reads only the facts it declares; and a metric that exists only as a file reaches the table,
 * the JSON, the CSV and --fail-if — and is null with the reason when its input is missing.
 */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs build script, without types
import { ENGINE_FILES, METRICS_DIR, metricListSource } from "../../scripts/generate-metric-list.mjs";
import { chalkFor } from "../../src/cli/color.js";
import { parseCondition } from "../../src/commands/fail-if.js";
import { buildReport, type ReportOptions } from "../../src/commands/report.js";
import { parseDay } from "../../src/core/calendar.js";
import { parseWindowSpec } from "../../src/core/window.js";
import { ALL_METRICS } from "../../src/metrics/all.js";
import { METRICS } from "../../src/metrics/index.js";
import { type Accumulator, defineMetric, deriveMetric, isDerived, type MetricContext, NEEDS, type Need } from "../../src/metrics/metric.js";
import { createRegistry } from "../../src/metrics/registry.js";
import { renderCsv } from "../../src/report/render-csv.js";
import { renderTable } from "../../src/report/render-table.js";
import { PRAGUE } from "../helpers.js";
import largestOrder from "./fixtures/largest-order.js";

const kebab = (id: string) => id.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

describe("the list of metric files (src/metrics/all.ts)", () => {
  it("is current: every file in src/metrics/ but the engine's is listed (the test run's setup wrote it)", () => {
    expect(readFileSync(join(METRICS_DIR, "all.ts"), "utf8")).toBe(metricListSource());
  });

  it("holds one metric per file, each file named after its metric's id", () => {
    const files = readdirSync(METRICS_DIR).filter((f) => f.endsWith(".ts") && !ENGINE_FILES.includes(f));
    expect(METRICS.metrics.map((m) => `${kebab(m.id)}.ts`).sort()).toEqual(files.sort());
  });

  it("picks up a new metric file with nothing else edited", () => {
    const dir = mkdtempSync(join(tmpdir(), "metrics-"));
    for (const file of readdirSync(METRICS_DIR).filter((f) => f.endsWith(".ts"))) copyFileSync(join(METRICS_DIR, file), join(dir, file));
    copyFileSync(resolve(import.meta.dirname, "fixtures/largest-order.ts"), join(dir, "largest-order.ts"));
    const source: string = metricListSource(dir);
    expect(source).toContain('import largestOrder from "./largest-order.js";');
    expect(source).toMatch(/ALL_METRICS = \[[^\]]*\n {2}largestOrder,\n/);
  });

  it("refuses a file in src/metrics/ that is not a metric", () => {
    const dir = mkdtempSync(join(tmpdir(), "metrics-"));
    writeFileSync(join(dir, "helper.ts"), "export const x = 1;\n");
    expect(() => metricListSource(dir)).toThrow("src/metrics/helper.ts: a metric file must `export default defineMetric({…})`");
  });
});

const base = { label: "x", unit: "count", better: "higher", definition: "x" } as const;
const count = (id: string, position: number) =>
  defineMetric({ ...base, id, position, needs: [], create: () => ({ result: () => ({ value: 1 }) }) });
const sum = (id: string, position: number, uses: string[]) => deriveMetric({ ...base, id, position, uses, derive: () => ({ value: 2 }) });

describe("createRegistry", () => {
  it("orders the report by position, and the computation so that each metric comes after what it uses", () => {
    const registry = createRegistry([sum("total", 10, ["b", "a"]), count("a", 30), count("b", 20)]);
    expect(registry.ids).toEqual(["total", "b", "a"]);
    expect(registry.computeOrder.map((m) => m.id)).toEqual(["b", "a", "total"]);
  });

  it("works out what a derived metric needs from what it uses, transitively", () => {
    const requires = Object.fromEntries(METRICS.metrics.map((m) => [m.id, m.requires]));
    expect(requires.orders).toEqual([]);
    expect(requires.aov).toEqual(["amounts"]); // from revenue
    expect(requires.churnRate).toEqual(["identity"]); // from customersAtStart and retainedCustomers
    expect(requires.clv).toEqual(["identity", "amounts"]); // from aov, purchaseFrequency, churnRate
    expect(requires.guestCheckoutRate).toEqual(["guest"]);
  });

  it.each([
    [[count("a", 10), count("a", 20)], 'metric registry: two metrics have the id "a"'],
    [[count("a", 10), count("b", 10)], 'metric registry: "b" and "a" have the same position 10'],
    [[sum("s", 10, ["nope"])], 'metric registry: "s" uses "nope", which is no metric'],
    [[sum("s", 10, [])], 'metric registry: "s" is derived from nothing'],
    [[sum("a", 10, ["b"]), sum("b", 20, ["c"]), sum("c", 30, ["a"])], "metric registry: a cycle: a → b → c → a"],
  ])("rejects a broken declaration when it loads (%#)", (definitions, message) => {
    expect(() => createRegistry(definitions)).toThrow(message);
  });
});

/**
 * Runs each accumulated metric on facts that record which fields are read, and checks that a
 * metric reads only the inputs it declares — the same guarantee the fact types give the compiler.
 */
describe("every metric reads only the inputs it declares", () => {
  const FIELD_NEEDS: Readonly<Record<string, Need | null>> = {
    at: null,
    revenue: "amounts",
    customer: "identity",
    guest: "guest",
    revenueInWindow: "amounts",
    ordersInWindow: "identity",
    ordersInPrevious: "identity",
    ordersToEnd: "identity",
    firstAt: "identity",
    gaps: "identity",
  };
  const window = { spec: "365d", asOf: 0, firstDay: 0, days: 365, from: 0, to: 365 * 86_400_000 };
  const context: MetricContext = { currency: "EUR", window, previous: { ...window, from: -window.to, to: 0 }, margin: 1 };

  for (const metric of METRICS.metrics) {
    if (isDerived(metric)) continue;
    it(`${metric.id} declares ${JSON.stringify(metric.needs)}`, () => {
      const read = new Set<Need>();
      const watched = <T extends object>(fact: T): T =>
        new Proxy(fact, {
          get(target, key, receiver) {
            const need = FIELD_NEEDS[String(key)];
            if (need) read.add(need);
            return Reflect.get(target, key, receiver);
          },
        });
      const accumulator = metric.create(context) as Accumulator;
      const orders = [
        { at: 10, revenue: 500, customer: 1, guest: 0 },
        { at: 20, revenue: 700, customer: -1, guest: 1 },
        { at: 30, revenue: 0, customer: 2, guest: -1 },
      ];
      for (const order of orders) accumulator.order?.(watched(order));
      if (accumulator.customer) {
        read.add("identity"); // being handed customers at all is identity
        for (const ordersInWindow of [0, 1, 3]) {
          accumulator.customer(
            watched({ customer: 1, ordersInWindow, ordersInPrevious: 1, ordersToEnd: 4, firstAt: -5, gaps: [1, 2], revenueInWindow: 900 }),
          );
        }
      }
      accumulator.result();
      expect(NEEDS.filter((need) => read.has(need))).toEqual(metric.needs);
    });
  }
});

describe("a metric that exists only as a file", () => {
  const registry = createRegistry([...ALL_METRICS, largestOrder]);
  const csv = [
    "order_id,created_at,total,email",
    "1,2025-03-01,12.50,a@x.cz",
    "2,2025-03-02,99.90,b@x.cz",
    "3,2025-03-03,40.00,a@x.cz",
  ].join("\n");
  const orders = (text: string) => ({ orders: { file: "orders.csv", open: () => Readable.from([text]) } });
  const options = (failIf: string[] = []): ReportOptions<string> => ({
    maps: new Map(),
    statusMap: new Map(),
    zoneSource: "flag",
    customerMaps: new Map(),
    currency: "EUR",
    zone: PRAGUE,
    window: parseWindowSpec("all")!,
    asOf: { kind: "day", day: parseDay("2025-03-31")! },
    margin: 1,
    compare: false,
    every: null,
    failIf: failIf.map((text) => parseCondition(text, registry)),
    strict: false,
    now: 0,
  });

  it("is in the JSON, the table, the CSV and --fail-if", async () => {
    // By hand: the orders' revenues are 12.50, 99.90 and 40.00; the largest is 99.90.
    const { report, failIf } = await buildReport(orders(csv), options(["largestOrder>=99.9", "largestOrder>100"]), registry);
    const group = report.groups[0]!;
    expect(group.metrics.largestOrder).toBe(99.9);
    expect(Object.keys(group.metrics).indexOf("largestOrder")).toBe(Object.keys(group.metrics).indexOf("aov") + 1); // position 35
    expect(report.definitions.largestOrder).toBe("The largest revenue of one counted order in the window.");
    expect(renderTable(report, registry.metrics, chalkFor(false))).toMatch(/│ Largest order +│ +99\.90 EUR │/);
    expect(renderCsv(report, registry.metrics)).toContain(
      "\n2025-03-31,2025-03-01T00:00:00+01:00,2025-04-01T00:00:00+02:00,EUR,largestOrder,money,99.9\n",
    );
    expect(failIf.map((o) => [o.condition.text, o.value, o.tripped])).toEqual([
      ["largestOrder>=99.9", 99.9, true],
      ["largestOrder>100", 99.9, false],
    ]);
  });

  it("is null, with the reason, on a file without amounts — never 0", async () => {
    const { report } = await buildReport(orders("created_at,email\n2025-03-01,a@x.cz\n"), options(), registry);
    expect(report.groups[0]!.metrics.largestOrder).toBeNull();
    expect(report.groups[0]!.notes.largestOrder).toBe("the file has no amount column (point at one with --map total=COLUMN)");
  });

  it("is checked by --fail-if on an export with no orders, computed over none", async () => {
    const { report, failIf } = await buildReport(
      orders("order_id,created_at,total,email\n"),
      options(["largestOrder<1", "orders<1"]),
      registry,
    );
    expect(report.groups).toEqual([]);
    expect(failIf.map((o) => [o.condition.text, o.currency, o.value, o.tripped])).toEqual([
      ["largestOrder<1", null, null, false],
      ["orders<1", null, 0, true],
    ]);
  });

  it("stays null, not 0, on an export with no orders and no amount column: --fail-if does not trip on it", async () => {
    const { failIf } = await buildReport(orders("created_at,email\n"), options(["largestOrder<1", "revenue<1", "orders<1"]), registry);
    expect(failIf.map((o) => [o.condition.text, o.value, o.tripped])).toEqual([
      ["largestOrder<1", null, false],
      ["revenue<1", null, false],
      ["orders<1", 0, true],
    ]);
  });
});

import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { Readable, Writable } from "node:stream";
import { main } from "../src/cli/main.js";
import { parseDay } from "../src/core/calendar.js";
import { OrderLedger } from "../src/core/ledger.js";
import type { Order } from "../src/core/order.js";
import { buildTimeline } from "../src/core/timeline.js";
import { parseWindowSpec, previousWindow, resolveWindow } from "../src/core/window.js";
import { Zone } from "../src/core/zone.js";
import type { OrdersRead } from "../src/io/orders/order-reader.js";
import { ORDER_FIELDS, type OrderCells } from "../src/io/platforms/index.js";
import { computeGroups, type GroupResult } from "../src/metrics/compute.js";
import { METRICS } from "../src/metrics/index.js";

export const ROOT = resolve(import.meta.dirname, "..");
export const BIN = resolve(ROOT, "bin/shopmetrics.js");
export const FIXTURES = resolve(ROOT, "fixtures");
export const SHARED_DATA = resolve(ROOT, "../shared/data");
export const hasSharedData = existsSync(SHARED_DATA);
/** Appended to describe() titles of suites that need ../shared/data. */
/** CDNOW_master.txt, and a reading of it that skips every row (one space as the delimiter: its columns shift). */
export const CDNOW = resolve(SHARED_DATA, "lifetimes/CDNOW_master.txt");
export const CDNOW_EVERY_ROW_SKIPPED = ["--delimiter", " ", "--map", "created_at=date", "--map", "total=dollar_value"];
export const sharedNote = hasSharedData ? "" : " (skipped: ../shared/data not found)";
/** The --map flags that read the UCI Online Retail invoices (online_retail_invoices__mwoitek.csv) as a generic file. */
export const RETAIL_MAPS = [
  "--map",
  "created_at=InvoiceDate",
  "--map",
  "total=TotalPrice",
  "--map",
  "customer_id=CustomerID",
  "--map",
  "order_id=InvoiceNo",
];

export const PRAGUE = new Zone("Europe/Prague");

/** An order's cells with every field absent: tests spread it and set the few they need. */
export const EMPTY_ORDER_CELLS: OrderCells = Object.fromEntries(ORDER_FIELDS.map((field) => [field, null])) as OrderCells;

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** What stdin holds. */
  input?: string;
  /** The whole environment: TZ is Europe/Prague and SHOPMETRICS_THREADS 1 unless given; nothing else is inherited. */
  env?: Record<string, string>;
  cwd?: string;
  /** Make stdout (and stderr) look like a terminal. */
  tty?: boolean;
  /** Make stdin look like a terminal. */
  stdinTTY?: boolean;
  /** The clock main() reads (epoch ms); the real one unless given. */
  now?: () => number;
}

/**
 * Runs the CLI in this process through main(), with its own stdin, stdout, stderr, environment
 * and working directory, as bin/shopmetrics.js runs it in a real one (test/e2e/smoke.test.ts
 * spawns that, for what only a real process shows).
 */
export async function runCli(args: string[], options: RunOptions = {}): Promise<CliResult> {
  const out = collector(options.tty);
  const err = collector(options.tty);
  const stdin: Readable & { isTTY?: boolean } = Readable.from(options.input === undefined ? [] : [Buffer.from(options.input)]);
  if (options.stdinTTY) stdin.isTTY = true;
  const status = await main(args, {
    stdin,
    stdout: out.stream,
    stderr: err.stream,
    // src/ runs here as TypeScript, which a worker thread can't load: reading in a second thread
    // is tested through dist/ (test/io/read-thread.test.ts, test/e2e/read-thread.test.ts).
    env: { TZ: "Europe/Prague", SHOPMETRICS_THREADS: "1", ...options.env },
    cwd: options.cwd ?? ROOT,
    ...(options.now ? { now: options.now } : {}),
  });
  return { status, stdout: out.text(), stderr: err.text() };
}

function collector(tty: boolean | undefined): { stream: Writable & { isTTY?: boolean }; text(): string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
      done();
    },
  }) as Writable & { isTTY?: boolean };
  if (tty) stream.isTTY = true;
  return { stream, text: () => Buffer.concat(chunks).toString("utf8") };
}

/** Runs bin/shopmetrics.js in a child process, as a user would: for the few tests that need a real process. */
export function runBin(args: string[], options: { input?: string; env?: Record<string, string>; cwd?: string } = {}): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input,
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", TZ: "Europe/Prague", ...options.env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A readable stream that hands `text` over in chunks of `size` bytes (split mid-character too). */
export function chunked(text: string, size: number): Readable {
  const bytes = Buffer.from(text, "utf8");
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return Readable.from(chunks, { objectMode: false });
}

/** What a read gives that a report uses, in plain values. */
export function ordersSummary(read: OrdersRead) {
  const groups = [...read.ledger.groups].map(([currency, g]) => ({
    currency,
    at: [...g.at.subarray(0, g.length)],
    revenue: [...g.revenue.subarray(0, g.length)],
    node: [...g.node.subarray(0, g.length)].map((n) => (n < 0 ? -1 : read.ledger.identity.find(n))),
    guest: [...g.guest.subarray(0, g.length)],
  }));
  return {
    platform: read.platform.value.name,
    groups,
    excluded: [...read.ledger.excluded],
    unknownStatuses: [...read.ledger.unknownStatuses],
    rowsRead: read.rowsRead,
    repeatedHeaders: read.repeatedHeaders,
    problems: read.problems.problems.map((p) => [p.line, p.code, p.message]),
    skipped: read.problems.rowsSkipped,
    conventions: [...read.conventions.decimal].map(([f, d]) => [f, d.value]),
    warnings: read.warnings,
  };
}

/**
 * Two Shopify-like exports pasted into one file: `before` orders, then the header again with its
 * columns in another order, then the rest of `orders` in that order. Every third order is
 * refunded, so a status read from the wrong column changes what counts. `revenue`: the cents of
 * the orders not refunded, by hand ((10 + i).50 each).
 */
export function reorderedExport(orders: number, before: number): { text: string; repeatedHeaderLine: number; revenue: number } {
  const header = "Name,Email,Financial Status,Currency,Total,Created at,Lineitem name,Note";
  const rows = Array.from(
    { length: orders },
    (_, i) =>
      `#${1000 + i},c${i % 7}@example.com,${i % 3 === 0 ? "refunded" : "paid"},EUR,${10 + i}.50,2025-03-0${1 + (i % 9)} 10:00:00 +0100,Item ${i},"a, note"`,
  );
  const reorder = (line: string) => {
    const c = line.match(/("[^"]*"|[^,]+)/g)!;
    return [c[5], c[4], c[7], c[0], c[3], c[1], c[6], c[2]].join(",");
  };
  return {
    text: [header, ...rows.slice(0, before), reorder(header), ...rows.slice(before).map(reorder), ""].join("\n"),
    repeatedHeaderLine: before + 2,
    revenue: rows.reduce((sum, _, i) => sum + (i % 3 === 0 ? 0 : (10 + i) * 100 + 50), 0),
  };
}

let nextLine = 2;
/** An order with sensible defaults: completed, EUR, 10.00, no identity, guest unknown. */
export function order(fields: Omit<Partial<Order>, "at"> & { at: number | string }): Order {
  const at = typeof fields.at === "string" ? Date.parse(fields.at) : fields.at;
  if (Number.isNaN(at)) throw new Error(`bad test date ${String(fields.at)}`);
  return {
    key: null,
    line: nextLine++,
    currency: "EUR",
    total: 1000,
    refunded: 0,
    status: "completed",
    statusText: "",
    email: null,
    customerId: null,
    guest: null,
    ...fields,
    at,
  };
}

export function ledgerOf(orders: readonly Order[]): OrderLedger {
  const ledger = new OrderLedger();
  for (const o of orders) ledger.add(o);
  return ledger;
}

/**
 * Every metric per currency for `window` (a spec such as "2025-01-01..2025-12-31" or "30d", with
 * `asOf` for the latter) over `orders`, as the report command computes them, in Europe/Prague.
 */
export function metricsOf(
  orders: readonly Order[],
  window: string,
  options: { asOf?: string; margin?: number; guestUnknownReason?: string | null } = {},
): GroupResult[] {
  const ledger = ledgerOf(orders);
  const timelines = new Map([...ledger.groups].map(([currency, columns]) => [currency, buildTimeline(columns, ledger.identity)]));
  const spec = parseWindowSpec(window)!;
  const w = resolveWindow(spec, options.asOf ? { kind: "day", day: parseDay(options.asOf)! } : { kind: "latest" }, PRAGUE, null, 0);
  return computeGroups(timelines, w, previousWindow(spec, w, PRAGUE), METRICS, {
    unavailable: { identity: null, amounts: null, guest: options.guestUnknownReason ?? null },
    margin: options.margin ?? 1,
  });
}

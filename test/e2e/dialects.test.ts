/**
 * The same orders in every dialect a user's file may come in give the same report: encoding ×
 * delimiter × decimal style × date style. And a WooCommerce export re-saved by a Czech Excel
 * (BOM, `;`, decimal comma, D.M.YYYY H:MM:SS, CRLF) gives exactly the original's figures.
 */
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { buildReport } from "../../src/commands/report.js";
import { parseWindowSpec } from "../../src/core/window.js";
import { PRAGUE, runCli } from "../helpers.js";

interface Row {
  id: string;
  /** Local wall-clock time in Prague. */
  wall: [number, number, number, number, number, number];
  email: string;
  total: number; // cents
  refunded: number;
  currency: string;
  status: string;
}

/** 40 orders from a seeded generator: amounts up to 25,000.00, days 1–28, Czech names in notes. */
function orders(): Row[] {
  let seed = 7;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const statuses = ["completed", "processing", "completed", "cancelled", "refunded", "on-hold"];
  return Array.from({ length: 40 }, (_, i) => ({
    id: String(1000 + i),
    wall: [
      2025,
      1 + Math.floor(random() * 12),
      1 + Math.floor(random() * 28),
      Math.floor(random() * 24),
      Math.floor(random() * 60),
      Math.floor(random() * 60),
    ],
    email: `zakaznik${Math.floor(random() * 12)}@example.cz`,
    total: Math.floor(random() * 2_500_000),
    refunded: random() < 0.2 ? Math.floor(random() * 1000) : 0,
    currency: random() < 0.7 ? "CZK" : "EUR",
    status: statuses[Math.floor(random() * statuses.length)]!,
  }));
}

const p2 = (n: number) => String(n).padStart(2, "0");
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DATES: Record<string, (w: Row["wall"]) => string> = {
  iso: ([y, m, d, h, mi, s]) => `${y}-${p2(m)}-${p2(d)} ${p2(h)}:${p2(mi)}:${p2(s)}`,
  czech: ([y, m, d, h, mi, s]) => `${d}.${m}.${y} ${h}:${p2(mi)}:${p2(s)}`,
  spaced: ([y, m, d, h, mi, s]) => `${d}. ${m}. ${y} ${p2(h)}:${p2(mi)}:${p2(s)}`,
  dmy: ([y, m, d, h, mi, s]) => `${p2(d)}/${p2(m)}/${y} ${p2(h)}:${p2(mi)}:${p2(s)}`,
  mdy: ([y, m, d, h, mi, s]) => `${m}/${d}/${y} ${h}:${p2(mi)}:${p2(s)}`,
  magento: ([y, m, d, h, mi, s]) => `${MONTHS[m - 1]} ${d}, ${y} ${h % 12 === 0 ? 12 : h % 12}:${p2(mi)}:${p2(s)} ${h < 12 ? "AM" : "PM"}`,
};
const group = (digits: string, sep: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
const MONEY: Record<string, (cents: number) => string> = {
  plain: (c) => `${Math.floor(c / 100)}.${p2(c % 100)}`,
  comma: (c) => `${Math.floor(c / 100)},${p2(c % 100)}`,
  czech: (c) => `${group(String(Math.floor(c / 100)), "\u00a0")},${p2(c % 100)}`,
  german: (c) => `${group(String(Math.floor(c / 100)), ".")},${p2(c % 100)}`,
  english: (c) => `${group(String(Math.floor(c / 100)), ",")}.${p2(c % 100)}`,
};
const ENCODINGS: Record<string, (text: string) => Buffer> = {
  utf8: (t) => Buffer.from(t),
  "utf8-bom": (t) => Buffer.from(`\uFEFF${t}`),
  "utf16le-bom": (t) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, "utf16le")]),
  // The header and data are ASCII but for Latin-2 letters in the note; windows-1250 bytes by hand.
  cp1250: (t) => Buffer.from([...t].map((c) => ({ ř: 0xf8, í: 0xed, č: 0xe8, ě: 0xec, "\u00a0": 0xa0 })[c] ?? c.charCodeAt(0))),
};

function render(rows: Row[], delimiter: string, date: string, money: string): string {
  const quote = (cell: string) =>
    cell.includes(delimiter) || cell.includes('"') || cell.includes("\n") ? `"${cell.replace(/"/g, '""')}"` : cell;
  const lines = [["order_id", "created_at", "email", "total", "refunded", "currency", "status", "note"].join(delimiter)];
  for (const r of rows) {
    const cells = [
      r.id,
      DATES[date]!(r.wall),
      r.email,
      MONEY[money]!(r.total),
      MONEY[money]!(r.refunded),
      r.currency,
      r.status,
      'Přijít v úterý; díky, "čeněk"',
    ];
    lines.push(cells.map(quote).join(delimiter));
  }
  return `${lines.join("\r\n")}\r\n`;
}

async function report(bytes: Buffer) {
  const r = await buildReport(
    { orders: { file: "t.csv", open: () => Readable.from([bytes]) } },
    {
      maps: new Map(),
      statusMap: new Map(),
      zoneSource: "flag",
      customerMaps: new Map(),
      currency: null,
      zone: PRAGUE,
      window: parseWindowSpec("90d")!,
      asOf: { kind: "day", day: Math.floor(Date.parse("2025-12-31") / 86_400_000) },
      margin: 1,
      compare: false,
      every: null,
      failIf: [],
      strict: false,
      now: 0,
    },
  );
  return { groups: r.report.groups, dataQuality: r.report.dataQuality };
}

describe("the same orders in every dialect give the same report", async () => {
  const rows = orders();
  const expected = report(Buffer.from(render(rows, ",", "iso", "plain")));

  it("the reference file gives the figures the generated rows say, counted here without the CLI", async () => {
    // The window is 90 days to 2025-12-31 in Prague: wall-clock times from 2025-10-03 00:00 on.
    // Counted statuses: completed, processing, on-hold; revenue = total − refunded.
    const inWindow = rows.filter((r) => r.wall[1] * 100 + r.wall[2] >= 1003 && ["completed", "processing", "on-hold"].includes(r.status));
    const truth = (currency: string) => {
      const own = inWindow.filter((r) => r.currency === currency);
      return {
        orders: own.length,
        revenue: own.reduce((sum, r) => sum + r.total - r.refunded, 0) / 100,
        customers: new Set(own.map((r) => r.email)).size,
      };
    };
    const { dataQuality, groups } = await expected;
    expect(dataQuality).toMatchObject({ rowsRead: 40, rowsSkipped: 0, ordersRead: 40 });
    expect(groups.map((g) => g.currency)).toEqual(["CZK", "EUR"]);
    expect(groups[0]!.metrics).toMatchObject(truth("CZK"));
    expect(groups[1]!.metrics).toMatchObject(truth("EUR"));
    expect(truth("CZK").orders + truth("EUR").orders).toBeGreaterThan(3); // the window is not empty
  });

  const cases: [string, string, string, string][] = [];
  for (const encoding of Object.keys(ENCODINGS))
    for (const delimiter of [",", ";", "\t", "|"])
      for (const date of Object.keys(DATES)) for (const money of Object.keys(MONEY)) cases.push([encoding, delimiter, date, money]);

  it.each(cases)("%s, delimiter %j, %s dates, %s amounts", async (encoding, delimiter, date, money) => {
    const bytes = ENCODINGS[encoding]!(render(rows, delimiter, date, money));
    expect(await report(bytes)).toEqual(await expected);
  });
});

describe("a WooCommerce export re-saved by a Czech Excel", async () => {
  it("gives exactly the original's figures (fixtures/orders/woocommerce-small*.csv)", async () => {
    const args = ["--window", "7d", "--as-of", "2025-04-05", "--format", "json"];
    const original = JSON.parse((await runCli(["report", "--orders", "fixtures/orders/woocommerce-small.csv", ...args])).stdout);
    const excel = await runCli(["report", "--orders", "fixtures/orders/woocommerce-small-czech-excel.csv", ...args]);
    expect(excel.status).toBe(0);
    const resaved = JSON.parse(excel.stdout);
    expect(resaved.inputs[0]).toMatchObject({ platform: "woocommerce", encoding: "utf-8", delimiter: ";" });
    expect(resaved.groups).toEqual(original.groups);
    expect(resaved.dataQuality.rowsSkipped).toBe(original.dataQuality.rowsSkipped);
  });
});

describe("values only a flag can settle", async () => {
  const run = async (csv: string, ...flags: string[]) =>
    await runCli(["report", "--orders", "-", "--currency", "EUR", "--window", "all", "--format", "json", ...flags], { input: csv });

  it("an amount column of 1,234-style values only is an error naming --decimal", async () => {
    const csv = "created_at;total\n2025-01-01;1,234\n2025-01-02;2,500\n";
    const r = await run(csv);
    expect(r.status).toBe(3);
    expect(r.stderr).toBe(
      'shopmetrics: error: -:2: ambiguous amounts in total: "1,234" could be a thousands separator or a decimal mark, and no value in the whole file tells; pass --decimal . or --decimal ,\n',
    );
    expect(JSON.parse((await run(csv, "--decimal", ",")).stdout).groups[0].metrics.revenue).toBe(3.73); // 1.234 → 1.23, 2.500 → 2.50
    expect(JSON.parse((await run(csv, "--decimal", ".")).stdout).groups[0].metrics.revenue).toBe(3734);
  });

  it("a later value settles an earlier ambiguous one: the early orders wait, nothing is guessed", async () => {
    const csv = "created_at;total\n2025-01-01;1,234\n2025-01-02;12,5\n";
    expect(JSON.parse((await run(csv)).stdout).groups[0].metrics.revenue).toBe(13.73); // 1.23 + 12.50
  });

  it("slash dates with no day over 12 are an error naming --date-format; a later one settles them", async () => {
    const ambiguous = "created_at,total\n01/02/2025,1\n03/04/2025,1\n";
    const r = await run(ambiguous);
    expect(r.status).toBe(3);
    expect(r.stderr).toBe(
      'shopmetrics: error: -:2: ambiguous dates in created_at: "01/02/2025" could be day/month or month/day, and no date in the whole file has a day over 12 to tell; pass --date-format dmy or --date-format mdy\n',
    );
    expect(JSON.parse((await run(ambiguous, "--date-format", "mdy")).stdout).window.from).toBe("2025-01-02T00:00:00+01:00");
    const settled = JSON.parse((await run(`${ambiguous}25/04/2025,1\n`)).stdout);
    expect(settled.window.from).toBe("2025-02-01T00:00:00+01:00"); // 01/02 is 1 February
    expect(settled.groups[0].metrics.orders).toBe(3);
  });

  it("a value against its column's decided mark is skipped and says why", async () => {
    const r = await run('created_at,total\n2025-01-01,12.50\n2025-01-02,"1.234,50"\n');
    expect(r.stderr).toContain(
      '-:3: unreadable amount in total: expected a number like 1234.50 or 1 234,50, got "1.234,50" (this column\'s decimal mark is ".", from "12.50" on line 2); row skipped',
    );
  });
});

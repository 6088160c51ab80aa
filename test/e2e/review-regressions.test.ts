/** Cases an independent review of issue 4 found; each was a silent miscount, a crash or a false message. */
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers.js";

const run = async (input: string, ...flags: string[]) =>
  await runCli(["report", "--orders", "-", "--window", "all", "--format", "json", ...flags], { input });

describe("issue 4 review regressions", async () => {
  it("a trailing ; in the header doesn't let a row with one more unquoted ; through shifted", async () => {
    const r = await run("created_at;total;email;note;\n2025-01-01;10,00;a@x.cz;ok;\n2025-01-02;1;234,50;b@x.cz;x\n", "--currency", "CZK");
    const report = JSON.parse(r.stdout);
    expect(report.groups[0].metrics).toMatchObject({ orders: 1, revenue: 10 });
    expect(report.dataQuality.problems[0]).toMatchObject({
      line: 3,
      message: "5 cells but the header has 4: a separator inside an unquoted value shifts the columns; row skipped",
    });
  });

  it("amounts written in different currencies are never added together", async () => {
    const magento =
      'ID,"Purchase Date","Grand Total (Purchased)",Status\n1,"Jun 9, 2023 9:00:00 AM",$100.00,Complete\n2,"Jun 9, 2023 10:00:00 AM",€100.00,Complete\n3,"Jun 9, 2023 11:00:00 AM",£800.00,Complete\n';
    const without = JSON.parse((await run(magento)).stdout);
    // € and £ name their currencies; $ names none (many dollars), so that order has no currency.
    expect(without.groups.map((g: { currency: string | null; metrics: { revenue: number } }) => [g.currency, g.metrics.revenue])).toEqual([
      ["EUR", 100],
      ["GBP", 800],
      [null, 100],
    ]);
    const usd = JSON.parse((await run(magento, "--currency", "USD")).stdout);
    expect(usd.groups.map((g: { currency: string }) => g.currency)).toEqual(["USD"]);
    expect(usd.groups[0].metrics.revenue).toBe(100);
    expect(usd.dataQuality.problems.map((p: { message: string }) => p.message)).toEqual([
      'amount "€100.00" in Grand Total (Purchased) is in EUR, but the order\'s currency is USD; row skipped',
      'amount "£800.00" in Grand Total (Purchased) is in GBP, but the order\'s currency is USD; row skipped',
    ]);
  });

  it("accounting negatives stay negative", async () => {
    const r = JSON.parse(
      (await run("created_at;total;refunded\n2025-01-01;100,00;(12,50)\n2025-01-02;50,00;0\n", "--currency", "EUR")).stdout,
    );
    expect(r.groups[0].metrics.revenue).toBe(162.5); // 100 − (−12.50) + 50: a negative refund adds back
  });

  it("with no identity columns, a customers file can't tell guests: null with a note, not 1.0", async () => {
    const r = await runCli([
      "report",
      "--orders",
      "fixtures/orders/prestashop-cs.csv",
      "--currency",
      "CZK",
      "--window",
      "all",
      "--format",
      "json",
      "--customers",
      "fixtures/customers/registered.csv",
    ]);
    const report = JSON.parse(r.stdout);
    expect(report.groups[0].metrics.guestCheckoutRate).toBeNull();
    expect(report.groups[0].notes.guestCheckoutRate).toMatch(/so the customers file can't be joined$/);
  });

  it("orders that waited for a decimal mark are read once it is settled; an unsettled date is still an error, not a crash", async () => {
    const r = await run('created_at,total\n2025-01-13,"1,234"\n2025-01-14,12.50\n', "--currency", "EUR");
    expect(JSON.parse(r.stdout).groups[0].metrics.revenue).toBe(1246.5); // 1,234 read as 1234 once 12.50 shows the dot
    const ambiguous = await run(
      `${["created_at,total", '2025-01-13,"1,234"', "2025-01-14,12.50", "01/02/2025,1.00", "02/03/2025,1.00"].join("\n")}\n`,
      "--currency",
      "EUR",
    );
    expect(ambiguous.status).toBe(3);
    expect(ambiguous.stderr).toContain('-:4: ambiguous dates in created_at: "01/02/2025"');
  });

  it("a refund column follows the totals' decimal mark", async () => {
    const r = await run('created_at,total,refunded\n2025-01-01,"2,000.00","1,000"\n', "--currency", "EUR");
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).groups[0].metrics.revenue).toBe(1000);
  });

  it("--delimiter is for the orders file: the customers file keeps its own", async () => {
    const r = await runCli([
      "report",
      "--orders",
      "fixtures/orders/shoptet-cp1250.csv",
      "--delimiter",
      ";",
      "--customers",
      "fixtures/customers/registered.csv",
      "--window",
      "all",
      "--format",
      "json",
    ]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).inputs[1]).toMatchObject({ kind: "customers", delimiter: "," });
  });

  it("UCI A invoices (bad-debt adjustments) are not sales", async () => {
    const csv =
      "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n536365,X,Y,1,12/1/10 8:26,2.00,17850,UK\nA563185,B,Adjust bad debt,1,8/12/11 14:50,11062.06,,UK\n";
    const r = JSON.parse((await run(csv, "--tz", "Europe/London")).stdout);
    expect(r.groups[0].metrics).toMatchObject({ orders: 1, revenue: 2 });
    expect(r.dataQuality.ordersExcluded).toEqual({ cancelled: 1 });
  });

  it("inspect counts a status text per status it was mapped to, and says nothing false about status columns", async () => {
    const shopify =
      "Name,Financial Status,Total,Created at,Cancelled at\n#1,paid,10,2025-01-01 10:00:00 +0100,\n#2,paid,10,2025-01-02 10:00:00 +0100,2025-01-03 10:00:00 +0100\n#3,paid,10,2025-01-04 10:00:00 +0100,\n";
    const i = JSON.parse((await runCli(["inspect", "-", "--format", "json"], { input: shopify })).stdout);
    expect(i.statuses).toEqual([
      { text: "paid", status: "completed", rule: null, ruleReason: null, count: 2 },
      { text: "paid", status: "cancelled", rule: "cancelled-at", ruleReason: "Cancelled at is set", count: 1 },
    ]);
    const retail = await runCli(["inspect", "fixtures/orders/online-retail.csv", "--format", "json"]);
    expect(JSON.parse(retail.stdout).warnings).toEqual([]);
  });
});

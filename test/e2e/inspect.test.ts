import { describe, expect, it } from "vitest";
import { runCli } from "../helpers.js";

describe("shopmetrics inspect", async () => {
  it("explains what it read in a Shoptet export, and why", async () => {
    const run = await runCli(["inspect", "fixtures/orders/shoptet-cp1250.csv"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("platform    shoptet — Shoptet orders export  (the header has code, date, totalPriceWithVat)");
    expect(run.stdout).toContain("encoding    windows-1250  (not valid UTF-8, so windows-1250 (Central European Windows and Excel))");
    expect(run.stdout).toContain('delimiter   ";"');
    expect(run.stdout).toContain('decimal     totalPriceWithVat: ","  (from "1\u00a0234,50" on line 2)');
    expect(run.stdout).toContain("rows        one per line item, grouped into orders by the order key");
    expect(run.stdout).toContain("  total         ← totalPriceWithVat");
    expect(run.stdout).toMatch(/"Vlastní stav"\s+→ unknown: counted as completed\s+1/);
    expect(run.stdout).toContain("read: 8 rows, 6 orders, 0 rows skipped");
    expect(run.stdout).toContain("  line 2: 2025001  2025-03-01T10:00:00+01:00  1234.5 CZK  completed  jana@example.cz");
    expect(run.stdout).not.toContain("\x1b[");
  });

  it("gives the same as JSON, with the date order it settled and why", async () => {
    const run = await runCli(["inspect", "fixtures/orders/bigcommerce.csv", "--format", "json"]);
    expect(run.status).toBe(0);
    const i = JSON.parse(run.stdout);
    expect(i).toMatchObject({
      schemaVersion: 1,
      kind: "inspection",
      platform: { value: "bigcommerce", reason: "the header has Order ID, Customer ID, Order Date, Order Total (inc tax)" },
      encoding: { value: "utf-8" },
      delimiter: { value: "," },
      grain: "order",
      dateOrder: { value: "mdy", reason: '"1/15/2025" on line 2' },
      rows: 5,
      orders: 5,
    });
    expect(i.columns).toMatchObject({ order_id: "Order ID", customer_id: "Customer ID", refunded: "Refund Amount" });
    expect(i.statuses).toContainEqual({ text: "Declined", status: "failed", count: 1 });
    expect(i.sample[0]).toEqual({
      key: "100",
      line: 2,
      createdAt: "2025-01-15T00:00:00+01:00",
      currency: "USD",
      total: 50,
      refunded: 0,
      status: "completed",
      email: "guest@example.com",
      customerId: null,
      guest: true,
    });
  });

  it("takes the same reading flags as report, and says so", async () => {
    const i = JSON.parse(
      (
        await runCli([
          "inspect",
          "fixtures/orders/online-retail.csv",
          "--format",
          "json",
          "--date-format",
          "dmy",
          "--platform",
          "online-retail",
        ])
      ).stdout,
    );
    expect(i.platform.reason).toBe("--platform");
    expect(i.dateOrder).toEqual({ value: "dmy", reason: "--date-format", source: "option" });
  });

  it("says why each column was chosen: the platform's name for it, or a --map", async () => {
    const run = await runCli([
      "inspect",
      "fixtures/orders/invoices-mapped.csv",
      "--map",
      "created_at=InvoiceDate",
      "--map",
      "total=TotalPrice",
      "--format",
      "json",
    ]);
    const i = JSON.parse(run.stdout);
    expect(i.columns).toEqual({ created_at: "InvoiceDate", total: "TotalPrice" });
    expect(i.columnChoices.total).toEqual({ value: "TotalPrice", reason: "--map total=TotalPrice", source: "option" });
    const shopify = JSON.parse((await runCli(["inspect", "fixtures/orders/shopify-small.csv", "--format", "json"])).stdout);
    expect(shopify.columnChoices.order_id).toEqual({
      value: "Name",
      reason: "the Shopify orders export's name for it",
      source: "platform",
      line: 1,
    });
  });

  it("fails like report on a file it can't read", async () => {
    const run = await runCli(["inspect", "fixtures/orders/malformed-quote.csv"]);
    expect(run.status).toBe(3);
    expect(run.stderr).toBe(
      "shopmetrics: error: fixtures/orders/malformed-quote.csv:3: malformed CSV: a quoted field opened on line 3 is never closed\n",
    );
  });
});

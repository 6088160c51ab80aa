/**
 * The bundled sample shop (`npm run demo`). Expected values are the generator's own truth: what
 * scripts/generate-shop.mjs knows it wrote, computed from its records without reading the CSV
 * (fixtures/sample-shop/README.md, "Expected report"); DuckDB gets the same from the CSV
 * (`node scripts/bench.mjs --duckdb fixtures/sample-shop/orders_export.csv`).
 */
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers.js";

describe("sample shop (fixtures/sample-shop/orders_export.csv)", async () => {
  const run = await runCli(["report", "--orders", "fixtures/sample-shop/orders_export.csv", "--tz", "Europe/Prague", "--format", "json"]);
  const report = JSON.parse(run.stdout);

  it("reads every row, with no warnings", async () => {
    expect(run.status).toBe(0);
    expect(run.stderr).toBe("");
    expect(report.asOf).toBe("2026-06-30");
    expect(report.dataQuality).toMatchObject({ rowsRead: 4506, rowsSkipped: 0, ordersRead: 3000, unidentifiedOrders: 160 });
  });

  it("matches the generator's truth in both currencies", async () => {
    expect(report.groups.map((g: { currency: string }) => g.currency)).toEqual(["CZK", "EUR"]);
    expect(report.groups[0].metrics).toMatchObject({
      orders: 222,
      revenue: 265_454.5,
      aov: 1195.74,
      customers: 128,
      newCustomers: 88,
      purchaseFrequency: 1.4765625,
      repeatPurchaseRate: 0.21875,
      guestCheckoutRate: null,
    });
    expect(report.groups[1].metrics).toMatchObject({
      orders: 999,
      revenue: 52_778.66,
      aov: 52.83,
      customers: 595,
      newCustomers: 386,
      purchaseFrequency: 1.615126050420168,
      repeatPurchaseRate: 0.28739495798319326,
      guestCheckoutRate: null,
    });
  });
});

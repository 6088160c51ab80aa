/**
 * One small hand-made export per platform, written from the documented headers
 * (../shared/reference/export-formats.md). Every expected figure is worked out in the comments.
 */
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers.js";

const report = async (file: string, ...flags: string[]) => {
  const run = await runCli(["report", "--orders", `fixtures/orders/${file}`, "--window", "all", "--format", "json", ...flags]);
  expect(run.status, run.stderr).toBe(0);
  return { ...JSON.parse(run.stdout), stderr: run.stderr };
};

describe("Shoptet (windows-1250, ;, decimal comma with no-break-space thousands, trailing ;)", async () => {
  const r = await report("shoptet-cp1250.csv");

  it("detects the platform and the dialect", async () => {
    expect(r.inputs[0]).toMatchObject({ platform: "shoptet", encoding: "windows-1250", delimiter: ";", rows: 8 });
  });

  it("counts each order once, fee rows included in its total, with Czech statuses", async () => {
    // CZK counted: 2025001 Vyřízena 1 234,50 (two rows: coffee and the SHIPPING fee), 2025003
    // Vyřizuje se 99,90 (Jana@Example.cz is jana), 2025005 "Vlastní stav" 80,00 (unknown: counted,
    // no email). 2025002 Stornována is cancelled, 2025004 Čeká na platbu is pending-payment.
    expect(r.groups.map((g: { currency: string }) => g.currency)).toEqual(["CZK", "EUR"]);
    expect(r.groups[0].metrics).toMatchObject({
      orders: 3,
      revenue: 1414.4, // 1234.50 + 99.90 + 80.00
      aov: 471.47, // 1414.40 / 3 = 471.466…
      customers: 1,
      purchaseFrequency: 2,
      repeatPurchaseRate: 1,
    });
    expect(r.groups[1].metrics).toMatchObject({ orders: 1, revenue: 45.9, customers: 1 });
    expect(r.dataQuality).toMatchObject({
      rowsRead: 8,
      rowsSkipped: 0,
      ordersRead: 6,
      ordersExcluded: { cancelled: 1, "pending-payment": 1 },
      unidentifiedOrders: 1,
    });
    expect(r.stderr).toContain(
      '1 order with unrecognised status "Vlastní stav" counted as completed; if that is wrong, map it, e.g. --status-map "Vlastní stav=cancelled"',
    );
  });
});

describe("Upgates (bracketed headers, windows-1250)", async () => {
  it("reads orders, statuses and emails", async () => {
    const r = await report("upgates-cp1250.csv");
    expect(r.inputs[0]).toMatchObject({ platform: "upgates", encoding: "windows-1250", delimiter: ";" });
    // U1 Vyřízena 100.50 and U3 Nová 200.00, both a@; U2 Stornována.
    expect(r.groups[0].metrics).toMatchObject({ orders: 2, revenue: 300.5, aov: 150.25, customers: 1, repeatPurchaseRate: 1 });
    expect(r.dataQuality.ordersExcluded).toEqual({ cancelled: 1 });
  });
});

describe("PrestaShop (Czech headers, money with Kč)", async () => {
  it("reads orders; customer metrics are null because the export has no email or customer id", async () => {
    const r = await report("prestashop-cs.csv", "--currency", "CZK");
    expect(r.inputs[0]).toMatchObject({ platform: "prestashop", delimiter: ";" });
    // 1 "Platba byla přijata" 1 234,50 Kč and 3 Doručeno 500,00 Kč count; 2 Zrušeno is cancelled.
    expect(r.groups[0].metrics).toMatchObject({ orders: 2, revenue: 1734.5, aov: 867.25, customers: null, retentionRate: null });
    expect(r.groups[0].notes.customers).toBe(
      "the PrestaShop orders export has no email or customer id column, so customers can't be told apart",
    );
    expect(r.dataQuality.ordersExcluded).toEqual({ cancelled: 1 });
  });
});

describe("BigCommerce (Customer ID 0 = guest, US dates, refunds)", async () => {
  it("reads guests, refunds and statuses", async () => {
    const r = await report("bigcommerce.csv");
    // Counted: 100 Completed 50.00 (guest, guest@), 101 Shipped 120.00 − 20.00 (amy), 102 Awaiting
    // Fulfillment 30.00 (AMY@ is amy). 103 Cancelled; 104 Declined (failed, no identity).
    expect(r.groups[0]).toMatchObject({ currency: "USD" });
    expect(r.groups[0].metrics).toMatchObject({
      orders: 3,
      revenue: 180,
      aov: 60,
      customers: 2,
      repeatPurchaseRate: 0.5,
      guestCheckoutRate: 1 / 3,
    });
    expect(r.dataQuality).toMatchObject({ ordersExcluded: { cancelled: 1, failed: 1 }, unidentifiedOrders: 1 });
    expect(r.window.from).toBe("2025-01-15T00:00:00+01:00"); // 1/15/2025: month first, settled by the 15
  });
});

describe("Magento (formatted money, locale dates, NOT LOGGED IN)", async () => {
  it("reads $ amounts, Jun 9, 2023 9:00:00 AM dates and guests", async () => {
    const r = await report("magento.csv", "--currency", "USD");
    // Counted: 101 Complete $219.40 (a, General), 102 Processing $1,005.00 − $5.00 (c, NOT LOGGED IN).
    // 103 Canceled, 104 Closed (refunded).
    expect(r.groups[0].metrics).toMatchObject({ orders: 2, revenue: 1219.4, aov: 609.7, customers: 2, guestCheckoutRate: 0.5 });
    expect(r.dataQuality.ordersExcluded).toEqual({ cancelled: 1, refunded: 1 });
    expect(r.window.from).toBe("2023-06-09T00:00:00+02:00");
  });
});

describe("Ecwid (line items with the order repeated, AM/PM times)", async () => {
  it("counts each order once", async () => {
    const r = await report("ecwid.csv", "--currency", "EUR");
    // 1001 PAID 25.00 (two rows) and 1003 PAID 12.50, both x@; 1002 AWAITING_PAYMENT.
    expect(r.groups[0].metrics).toMatchObject({ orders: 2, revenue: 37.5, aov: 18.75, customers: 1, repeatPurchaseRate: 1 });
    expect(r.dataQuality).toMatchObject({ rowsRead: 4, ordersRead: 3, ordersExcluded: { "pending-payment": 1 } });
  });
});

describe("UCI Online Retail line items", async () => {
  it("sums quantity × unit price per invoice, C invoices are cancellations, NA is unidentified, GBP", async () => {
    const r = await report("online-retail.csv", "--tz", "Europe/London");
    // 536365: 6 × 2.55 + 6 × 3.39 = 35.64; 536366: 6 × 1.85 = 11.10 (both 17850); 536380: 24 × 1.45
    // = 34.80 (NA); 536381: 3 × 4.95 + 18.00 = 32.85 (no id). C536379 is cancelled. 12/13/10 says M/D/YY.
    expect(r.inputs[0].platform).toBe("online-retail");
    expect(r.groups[0].currency).toBe("GBP");
    expect(r.groups[0].metrics).toMatchObject({
      orders: 4,
      revenue: 114.39,
      aov: 28.6,
      customers: 1,
      purchaseFrequency: 2,
      repeatPurchaseRate: 1,
    });
    expect(r.dataQuality).toMatchObject({ rowsRead: 7, ordersRead: 5, ordersExcluded: { cancelled: 1 }, unidentifiedOrders: 2 });
    expect(r.window.from).toBe("2010-12-01T00:00:00+00:00");
  });
});

describe("header variants", async () => {
  const json = async (csv: string, ...flags: string[]) => {
    const run = await runCli(["report", "--orders", "-", "--window", "all", "--format", "json", ...flags], { input: csv });
    expect(run.status, run.stderr).toBe(0);
    return JSON.parse(run.stdout);
  };

  it.each([
    [
      "English",
      "ID;Reference;New client;Delivery;Customer;Total;Payment;Status;Date\n1;A;1;CZ;J. DOE;12,50 €;Card;Payment accepted;2025-01-10 10:00:00\n2;B;0;CZ;J. DOE;5,00 €;Card;Canceled;2025-01-11 10:00:00\n",
    ],
    [
      "Slovak",
      "ID;Referencia;Nový zákazník;Doručenie;Zákazník;Spolu;Platba;Stav;Dátum\n1;A;1;SK;J. Kováč;12,50 €;Karta;Platba prijatá;2025-01-10 10:00:00\n2;B;0;SK;J. Kováč;5,00 €;Karta;Zrušené;2025-01-11 10:00:00\n",
    ],
  ])("PrestaShop with %s headers; € names the currency", async (_, csv) => {
    const r = await json(csv);
    expect(r.inputs[0].platform).toBe("prestashop");
    expect(r.groups[0]).toMatchObject({ currency: "EUR", metrics: { orders: 1, revenue: 12.5 } });
    expect(r.dataQuality.ordersExcluded).toEqual({ cancelled: 1 });
  });

  it("UCI Online Retail II headers (Invoice, Price, Customer ID)", async () => {
    const r = await json(
      "Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country\n489434,85048,LED,12,2009-12-01 07:45:00,6.95,13085.0,United Kingdom\n489434,79323P,LIGHT,12,2009-12-01 07:45:00,6.75,13085.0,United Kingdom\nC489449,22087,PAPER,-12,2009-12-01 10:33:00,0.85,16321.0,Australia\n",
      "--tz",
      "Europe/London",
    );
    expect(r.inputs[0].platform).toBe("online-retail");
    expect(r.groups[0].metrics).toMatchObject({ orders: 1, revenue: 164.4, customers: 1 }); // 12 × 6.95 + 12 × 6.75
  });

  it("Ecwid's comma variant with spaces after the commas and quoted values", async () => {
    const r = await json(
      '"order_number", "email", "order_total", "timestamp", "payment_status"\n"7", "a@x.com", "19.90", "Jun 17, 2026 11:49 AM", "PAID"\n',
      "--currency",
      "EUR",
    );
    expect(r.inputs[0].platform).toBe("ecwid");
    expect(r.groups[0].metrics).toMatchObject({ orders: 1, revenue: 19.9 });
  });
});

describe("inspect names the platform of every fixture", async () => {
  it.each([
    ["shopify-small.csv", "shopify"],
    ["woocommerce-small.csv", "woocommerce"],
    ["woocommerce-small-czech-excel.csv", "woocommerce"],
    ["shoptet-cp1250.csv", "shoptet"],
    ["upgates-cp1250.csv", "upgates"],
    ["prestashop-cs.csv", "prestashop"],
    ["bigcommerce.csv", "bigcommerce"],
    ["magento.csv", "magento"],
    ["ecwid.csv", "ecwid"],
    ["online-retail.csv", "online-retail"],
    ["generic-guest.csv", "generic"],
  ])("%s → %s", async (file, platform) => {
    const run = await runCli(["inspect", `fixtures/orders/${file}`, "--format", "json"]);
    expect(run.status).toBe(0);
    const i = JSON.parse(run.stdout);
    expect(i.platform.value).toBe(platform);
    expect(i.orders).toBeGreaterThan(0);
    expect(i.sample.length).toBeGreaterThan(0);
  });
});

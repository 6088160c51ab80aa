/** --customers: the join on email and customer id, guests from a registered-only list, customers without orders. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers.js";

const json = async (args: string[], input?: string) => {
  const run = await runCli(["report", ...args, "--format", "json"], input === undefined ? {} : { input });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout);
};

describe("--customers", async () => {
  it("a list of registered accounts turns a Shopify export's unknown guest rate into a number", async () => {
    // EUR counted in the window: #1002 bob, #1003 ann, #1006 (no email), #1008 bob, #1012 frank.
    // Registered: ann, frank (bob is listed with registered=false). Guests: #1002, #1006, #1008 → 3/5.
    // CZK: #1007 dan (not listed: guest), #1011 ann → 1/2.
    const r = await json([
      "--orders",
      "fixtures/orders/shopify-small.csv",
      "--as-of",
      "2025-06-30",
      "--customers",
      "fixtures/customers/registered.csv",
    ]);
    expect(r.groups[1].metrics.guestCheckoutRate).toBe(0.6);
    expect(r.groups[0].metrics.guestCheckoutRate).toBe(0.5);
    // Every order's guest status is known now; only the small base (5 orders) is noted.
    expect(r.groups[1].notes.guestCheckoutRate).toBe(
      "a small base: over 5 orders (fewer than 30), each one moves the rate by 20.0 percentage points",
    );
    expect(r.inputs[1]).toEqual({
      kind: "customers",
      file: "fixtures/customers/registered.csv",
      platform: "generic",
      rows: 4,
      encoding: "utf-8",
      delimiter: ",",
    });
    // ann, bob, frank and zoe are listed; zoe never ordered.
    expect(r.dataQuality).toMatchObject({ customersRead: 4, customersWithoutOrders: 1, rowsRead: 15 + 4 });
  });

  it("a Shopify customers export lists guests too, so the guest rate stays null and says why", async () => {
    const r = await json([
      "--orders",
      "fixtures/sample-shop/orders_export.csv",
      "--customers",
      "fixtures/sample-shop/customers_export.csv",
      "--tz",
      "Europe/Prague",
    ]);
    expect(r.inputs[1].platform).toBe("shopify");
    expect(r.groups[0].metrics.guestCheckoutRate).toBeNull();
    expect(r.groups[0].notes.guestCheckoutRate).toMatch(/; and the Shopify customers export lists guest checkouts' customers too$/);
    // The generator's README: 30 newsletter-only subscribers never ordered, and 39 customers known
    // only by phone have a Customer ID but no email, which the orders (email only) can't join.
    expect(r.dataQuality.customersWithoutOrders).toBe(30 + 39);
  });

  it("joins an order known only by customer id with one known only by email", async () => {
    const orders = "order_id,created_at,customer_id,email,total\n1,2025-01-01,77,,10\n2,2025-01-02,,x@example.com,10\n";
    const alone = await json(["--orders", "-", "--currency", "EUR", "--window", "all"], orders);
    expect(alone.groups[0].metrics.customers).toBe(2);
    const joined = await json(
      ["--orders", "-", "--currency", "EUR", "--window", "all", "--customers", "fixtures/customers/joined.csv"],
      orders,
    );
    expect(joined.groups[0].metrics.customers).toBe(1);
    expect(joined.groups[0].metrics.repeatPurchaseRate).toBe(1);
  });

  it("counts WooCommerce customers who never ordered; the orders' own guest flags stand", async () => {
    const args = ["--orders", "fixtures/orders/woocommerce-small.csv", "--window", "7d", "--as-of", "2025-04-05"];
    const r = await json([...args, "--customers", "fixtures/customers/woocommerce-customers.csv"]);
    expect(r.inputs[1].platform).toBe("woocommerce");
    expect(r.dataQuality).toMatchObject({ customersRead: 3, customersWithoutOrders: 1 }); // id 99
    expect(r.groups[0].metrics).toEqual((await json(args)).groups[0].metrics);
  });

  it("refuses stdin and unreadable customer headers", async () => {
    expect((await runCli(["report", "--orders", "fixtures/orders/shopify-small.csv", "--customers", "-"])).status).toBe(2);
    const run = await runCli([
      "report",
      "--orders",
      "fixtures/orders/shopify-small.csv",
      "--customers",
      "fixtures/orders/unrecognised-header.csv",
    ]);
    expect(run.status).toBe(3);
    expect(run.stderr).toBe(
      "shopmetrics: error: fixtures/orders/unrecognised-header.csv:1: unrecognised customers header: expected an email or customer_id column (or a platform's customers export)\n",
    );
  });
});

describe("--customers: errors name the customers file and its flag", async () => {
  const base = ["report", "--orders", "fixtures/orders/woocommerce-small.csv", "--window", "all"];

  it("a missing customers file is an input error naming it", async () => {
    const run = await runCli([...base, "--customers", "fixtures/customers/nope.csv"]);
    expect(run.status).toBe(3);
    expect(run.stderr).toBe("shopmetrics: error: fixtures/customers/nope.csv: cannot read the file: no such file\n");
  });

  it("a --customers-map column that isn't there names --customers-map", async () => {
    const run = await runCli([...base, "--customers", "fixtures/customers/registered.csv", "--customers-map", "email=Nope"]);
    expect(run.status).toBe(3);
    expect(run.stderr).toMatch(
      /^shopmetrics: error: fixtures\/customers\/registered\.csv:1: --customers-map email=Nope: no column named "Nope"\. Columns found: /,
    );
  });

  it("--strict stops at the first customers row that can't be used", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "customers-")), "c.csv");
    writeFileSync(file, "customer_id,email\n1,a@x.cz\n,\n");
    const strict = await runCli([...base, "--customers", file, "--strict"]);
    expect(strict.status).toBe(3);
    expect(strict.stderr).toBe(`shopmetrics: error: ${file}:3: no email and no customer id (--strict)\n`);
  });
});

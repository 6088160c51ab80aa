/**
 * Every metric on one small shop whose figures were worked out by hand (the arithmetic is in
 * the comments), plus each null case. Window: 2025-01-01..2025-12-31 in Europe/Prague.
 */
import { describe, expect, it } from "vitest";
import { METRICS } from "../../src/metrics/index.js";
import { ledgerOf, metricsOf, order } from "../helpers.js";

const YEAR_2025 = "2025-01-01..2025-12-31";
const NO_GUEST_INFO = { guestUnknownReason: "this export has no guest flag" };

const shop = [
  order({ at: "2024-11-10T10:00:00+01:00", email: "ann@x.cz", total: 5000 }), // before the window
  order({ at: "2025-02-01T10:00:00+01:00", email: "ann@x.cz", total: 3000 }),
  order({ at: "2025-03-01T10:00:00+01:00", email: "ann@x.cz", total: 2000, refunded: 500 }), // revenue 15.00
  order({ at: "2025-04-01T10:00:00+02:00", customerId: "7", total: 4000 }), // bob, by id
  order({ at: "2025-05-01T10:00:00+02:00", customerId: "7", email: "bob@x.cz", total: 10_000, status: "cancelled" }), // links id 7 and bob@x
  order({ at: "2025-06-01T10:00:00+02:00", email: "bob@x.cz", total: 6000, status: "processing" }), // bob again
  order({ at: "2025-12-31T23:30:00+01:00", email: "carol@x.cz", total: 1000 }), // last half hour inside
  order({ at: "2026-01-01T00:00:00+01:00", email: "dave@x.cz", total: 9900 }), // first instant outside
  order({ at: "2025-07-01T10:00:00+02:00", total: 2500, status: "on-hold" }), // unidentified
  order({ at: "2024-12-31T23:59:59+01:00", email: "erin@x.cz", total: 700, status: "refunded" }), // excluded, so not erin's first
  order({ at: "2025-01-01T00:00:00+01:00", email: "erin@x.cz", total: 500 }), // first instant inside
  order({ at: "2025-05-05T10:00:00+02:00", email: "frank@x.cz", total: 100_000, currency: "CZK" }),
  order({ at: "2025-06-06T10:00:00+02:00", email: "ann@x.cz", total: 50_000, currency: "CZK" }),
  order({ at: "2025-08-01T10:00:00+02:00", email: "gina@x.cz", total: 1200, status: "pending-payment" }),
];

describe("core metrics on a hand-worked shop", () => {
  const ledger = ledgerOf(shop);
  const [czk, eur] = metricsOf(shop, YEAR_2025, NO_GUEST_INFO);

  it("makes one group per currency, never adding two together", () => {
    expect(czk?.currency).toBe("CZK");
    expect(eur?.currency).toBe("EUR");
  });

  it("EUR: counted orders in the window, revenue net of refunds, AOV", () => {
    // In window and counted: 30.00, 15.00 (20 − 5 refunded), 40.00, 60.00, 10.00, 25.00, 5.00.
    expect(eur?.metrics.orders).toBe(7);
    expect(eur?.metrics.revenue).toBe(185); // 30 + 15 + 40 + 60 + 10 + 25 + 5
    expect(eur?.metrics.aov).toBe(26.43); // 185 / 7 = 26.428…
  });

  it("EUR: customers joined by email and id (bob's id 7 and bob@x meet on a cancelled order)", () => {
    // ann, bob (id 7 + bob@x), carol, erin; the on-hold order has no identity.
    expect(eur?.metrics.customers).toBe(4);
    expect(eur?.notes.customers).toMatch(/^1 counted order in the window had no email or customer id/);
    expect(eur?.metrics.purchaseFrequency).toBe(1.5); // 6 identified orders / 4 customers
    expect(eur?.metrics.repeatPurchaseRate).toBe(0.5); // ann and bob have 2 each: 2 / 4
  });

  it("EUR: new customers are those whose first counted order is in the window", () => {
    // ann first bought 2024-11-10: not new. bob, carol and erin (her 2024 order was refunded,
    // so it isn't counted) are new. dave's first order is outside the window.
    expect(eur?.metrics.newCustomers).toBe(3);
  });

  it("CZK: its own customers and new customers (ann's first CZK order is new in CZK)", () => {
    expect(czk?.metrics).toMatchObject({
      orders: 2,
      revenue: 1500,
      aov: 750,
      customers: 2,
      newCustomers: 2,
      purchaseFrequency: 1,
      repeatPurchaseRate: 0,
      guestCheckoutRate: null,
    });
  });

  it("EUR lifecycle: P is 2024-01-02 … 2024-12-31 (365 days), where only ann bought", () => {
    expect(eur?.metrics).toMatchObject({
      customersAtStart: 1, // ann (#1); erin's 2024 order was refunded
      retainedCustomers: 1, // ann
      reactivatedCustomers: 0,
      retentionRate: 1, // (4 − 3) / 1
      churnRate: 0,
      returningCustomerRate: 0.5, // ann (3 orders to the end) and bob (2) of 4
      avgDaysBetweenPurchases: 172 / 3, // gaps 83 (#1 → #2, straddling the start), 28 (#2 → #3), 61 (bob)
      medianDaysBetweenPurchases: 61,
      repeatCustomerRevenueMultiple: 72.5 / 7.5, // ann 45, bob 100 vs carol 10, erin 5
      clv: null, // churn 0: unbounded lifetime
    });
    expect(eur?.notes.clv).toMatch(/^churnRate is 0/);
  });

  it("guest checkout rate is null with the input's reason when the export can't tell", () => {
    expect(eur?.metrics.guestCheckoutRate).toBeNull();
    expect(eur?.notes.guestCheckoutRate).toBe("this export has no guest flag");
  });

  it("counts excluded orders by reason and unidentified orders over the whole file", () => {
    expect(ledger.ordersRead).toBe(14);
    expect(Object.fromEntries(ledger.excluded)).toEqual({ cancelled: 1, refunded: 1, "pending-payment": 1 });
    expect(ledger.unidentified).toBe(1);
  });
});

describe("null cases: null with a note, never 0, NaN or Infinity", () => {
  it("a window without orders", () => {
    const [eur] = metricsOf([order({ at: "2024-06-01T10:00:00+02:00", email: "a@x.cz" })], YEAR_2025, { guestUnknownReason: null });
    expect(eur?.metrics).toMatchObject({
      orders: 0,
      revenue: 0,
      aov: null,
      customers: 0,
      newCustomers: 0,
      purchaseFrequency: null,
      repeatPurchaseRate: null,
      guestCheckoutRate: null,
    });
    expect(eur?.notes.aov).toBe("no counted orders in the window");
    expect(eur?.notes.purchaseFrequency).toBe("no identified customers with a counted order in the window");
    expect(eur?.notes.repeatPurchaseRate).toBe("no identified customers with a counted order in the window");
    expect(eur?.notes.guestCheckoutRate).toBe("no counted orders in the window");
  });

  it("only unidentified orders: AOV is known, customer metrics are not", () => {
    const [eur] = metricsOf([order({ at: "2025-06-01T10:00:00+02:00", total: 1234 })], YEAR_2025, { guestUnknownReason: null });
    expect(eur?.metrics.aov).toBe(12.34);
    expect(eur?.metrics.customers).toBe(0);
    expect(eur?.metrics.purchaseFrequency).toBeNull();
    expect(eur?.metrics.repeatPurchaseRate).toBeNull();
  });

  it("a currency whose orders are all excluded still gets its group, with nothing counted", () => {
    const groups = metricsOf([order({ at: "2025-06-01T10:00:00+02:00", status: "cancelled", currency: "HUF" })], YEAR_2025, {
      guestUnknownReason: null,
    });
    expect(groups.map((g) => g.currency)).toEqual(["HUF"]);
    expect(groups[0]?.metrics).toMatchObject({ orders: 0, revenue: 0, aov: null, customers: 0, repeatPurchaseRate: null });
  });
});

describe("guestCheckoutRate", () => {
  const at = "2025-06-01T10:00:00+02:00";

  it("is guest orders / orders whose guest status is known", () => {
    const [eur] = metricsOf(
      [
        order({ at, guest: true }),
        order({ at, guest: true }),
        order({ at, guest: false, customerId: "5" }),
        order({ at, guest: false, customerId: "6" }),
        order({ at, guest: null }),
      ],
      YEAR_2025,
      { guestUnknownReason: null },
    );
    expect(eur?.metrics.guestCheckoutRate).toBe(0.5); // 2 guests of 4 known
    expect(eur?.notes.guestCheckoutRate).toBe(
      "over the 4 of 5 orders whose guest status is known; a small base: over 4 orders (fewer than 30), each one moves the rate by 25.0 percentage points",
    );
  });

  it("is null when no order's status is known", () => {
    const [eur] = metricsOf([order({ at, guest: null })], YEAR_2025, { guestUnknownReason: null });
    expect(eur?.metrics.guestCheckoutRate).toBeNull();
    expect(eur?.notes.guestCheckoutRate).toMatch(/no counted order in the window has a known guest status/);
  });
});

describe("money and rounding", () => {
  it("rounds AOV half away from zero to the minor unit, and uses 0 digits for JPY", () => {
    const at = "2025-06-01T10:00:00+02:00";
    const eur = metricsOf([order({ at, total: 1 }), order({ at, total: 2 })], YEAR_2025, NO_GUEST_INFO)[0];
    expect(eur?.metrics.aov).toBe(0.02); // 1.5 cents → 2 cents
    const jpy = metricsOf(
      [order({ at, total: 1000, currency: "JPY" }), order({ at, total: 1001, currency: "JPY" })],
      YEAR_2025,
      NO_GUEST_INFO,
    )[0];
    expect(jpy?.metrics.aov).toBe(1001); // 1000.5 yen → 1001
    expect(jpy?.metrics.revenue).toBe(2001);
  });

  it("an unknown currency is its own group, listed last", () => {
    const at = "2025-06-01T10:00:00+02:00";
    const groups = metricsOf([order({ at, currency: null }), order({ at, currency: "CZK" })], YEAR_2025, NO_GUEST_INFO);
    expect(groups.map((g) => g.currency)).toEqual(["CZK", null]);
  });
});

describe("the registry", () => {
  it("has one definition per metric id, in report order", () => {
    expect(METRICS.metrics.map((m) => m.id)).toEqual([
      "orders",
      "revenue",
      "aov",
      "customers",
      "newCustomers",
      "purchaseFrequency",
      "repeatPurchaseRate",
      "returningCustomerRate",
      "guestCheckoutRate",
      "customersAtStart",
      "retainedCustomers",
      "reactivatedCustomers",
      "retentionRate",
      "churnRate",
      "avgDaysBetweenPurchases",
      "medianDaysBetweenPurchases",
      "repeatCustomerRevenueMultiple",
      "clv",
    ]);
    for (const m of METRICS.metrics) expect(m.definition.length).toBeGreaterThan(20);
  });
});

describe("a rate over a small base says so (fewer than 30 in its denominator)", () => {
  const at = "2025-06-01T10:00:00+02:00";
  /** `n` customers, the first `repeaters` of them with two orders in the window. */
  const customers = (n: number, repeaters: number) =>
    Array.from({ length: n }, (_, i) => [
      order({ at, email: `c${i}@x.cz` }),
      ...(i < repeaters ? [order({ at, email: `c${i}@x.cz` })] : []),
    ]).flat();

  it("29 customers: the note, with what one customer moves (100 / 29 = 3.4 pp)", () => {
    const [eur] = metricsOf(customers(29, 3), YEAR_2025);
    expect(eur?.metrics.repeatPurchaseRate).toBeCloseTo(3 / 29, 12);
    expect(eur?.notes.repeatPurchaseRate).toBe(
      "a small base: over 29 customers (fewer than 30), each one moves the rate by 3.4 percentage points",
    );
    expect(eur?.notes.returningCustomerRate).toMatch(/^a small base: over 29 customers/);
  });

  it("30 customers: no note", () => {
    const [eur] = metricsOf(customers(30, 3), YEAR_2025);
    expect(eur?.metrics.repeatPurchaseRate).toBe(0.1);
    expect(eur?.notes.repeatPurchaseRate).toBeUndefined();
    expect(eur?.notes.returningCustomerRate).toBeUndefined();
  });
});

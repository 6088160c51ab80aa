/**
 * Lifecycle metrics on a small shop worked out by hand. Window W = 30 days as of 2025-04-30 =
 * [2025-04-01, 2025-05-01) in Europe/Prague; the previous window P = [2025-03-02, 2025-04-01).
 * Prague moves to summer time on 2025-03-30, inside several of the gaps below.
 *
 *   customer  orders (local noon)                               in P  in W  role
 *   a         2025-01-10 10.00, 2025-04-05 10.00                 0     1     reactivated
 *   b         2025-03-10 10.00, 2025-04-10 10.00                 1     1     retained
 *   c         2025-03-15 10.00                                   1     0     churned
 *   d         2025-03-20 10.00, 2025-04-20 30.00, 04-25 30.00     1     2     retained, repeat
 *   e         2025-04-15 20.00                                   0     1     new
 *   f         2025-03-25 10.00                                   1     0     churned
 */
import { describe, expect, it } from "vitest";
import { daysFromCivil, parseDay } from "../../src/core/calendar.js";
import { parseWindowSpec, previousWindow, resolveWindow, windowEndingOn } from "../../src/core/window.js";
import { metricsOf, order, PRAGUE } from "../helpers.js";

const noon = (date: string, customer: string, total = 1000) =>
  order({ at: `${date}T12:00:00${date < "2025-03-30" ? "+01:00" : "+02:00"}`, email: `${customer}@x.cz`, total });

const shop = [
  noon("2025-01-10", "a"),
  noon("2025-04-05", "a"),
  noon("2025-03-10", "b"),
  noon("2025-04-10", "b"),
  noon("2025-03-15", "c"),
  noon("2025-03-20", "d"),
  noon("2025-04-20", "d", 3000),
  noon("2025-04-25", "d", 3000),
  noon("2025-04-15", "e", 2000),
  noon("2025-03-25", "f"),
];

const DAY_MINUS_AN_HOUR = 23 / 24;

describe("lifecycle metrics on a hand-worked shop", () => {
  const [eur] = metricsOf(shop, "30d", { asOf: "2025-04-30" });

  it("counts the window's customers by role", () => {
    expect(eur?.metrics).toMatchObject({
      orders: 5, // a, b, d, d, e
      revenue: 100, // 10 + 10 + 30 + 30 + 20
      customers: 4, // E: a, b, d, e
      newCustomers: 1, // N: e
      customersAtStart: 4, // S: b, c, d, f
      retainedCustomers: 2, // b, d
      reactivatedCustomers: 1, // a: bought before P, skipped it, came back
    });
  });

  it("retention counts the reactivated customer, churn does not, so they don't add up to 1", () => {
    expect(eur?.metrics.retentionRate).toBe(0.75); // (E − N) / S = (4 − 1) / 4
    expect(eur?.metrics.churnRate).toBe(0.5); // (S − retained) / S = (4 − 2) / 4
  });

  it("every rate here is over a small base (S = 4, E = 4), and says so", () => {
    // 100 / 4 = 25.0 percentage points per customer.
    const small = "a small base: over 4 customers at start (fewer than 30), each one moves the rate by 25.0 percentage points";
    expect(eur?.notes.retentionRate).toBe(small);
    expect(eur?.notes.churnRate).toBe(small);
    expect(eur?.notes.repeatPurchaseRate).toBe(
      "a small base: over 4 customers (fewer than 30), each one moves the rate by 25.0 percentage points",
    );
  });

  it("a retention rate above 100 % carries why: reactivated customers are in E − N but not in S", () => {
    // Only b was a customer in P (S = 1); a and g come back after skipping P: E − N = 3 (a, b, g).
    const [above] = metricsOf(
      [
        noon("2025-01-10", "a"),
        noon("2025-04-05", "a"),
        noon("2025-03-10", "b"),
        noon("2025-04-10", "b"),
        noon("2025-02-01", "g"),
        noon("2025-04-12", "g"),
      ],
      "30d",
      { asOf: "2025-04-30" },
    );
    expect(above?.metrics).toMatchObject({ customers: 3, newCustomers: 0, customersAtStart: 1, retentionRate: 3 });
    expect(above?.notes.retentionRate).toMatch(
      /^above 100 %: reactivated customers \(who bought before the previous window, not in it, and again in this one\) count in E − N but not in S; a small base: over 1 customer at start \(fewer than 30\), each one moves the rate by 100\.0 percentage points$/,
    );
  });

  it("returning customer rate looks back before the window; repeat purchase rate doesn't", () => {
    expect(eur?.metrics.returningCustomerRate).toBe(0.75); // a, b, d have 2+ orders to the end of W; e has 1
    expect(eur?.metrics.repeatPurchaseRate).toBe(0.25); // only d has 2 orders inside W
  });

  it("gaps straddling the window start count, in exact days across the DST change", () => {
    // Gaps whose later order is in W: a 01-10 → 04-05 = 85 days less the hour lost on 03-30;
    // b 03-10 → 04-10 = 31 days less an hour; d 03-20 → 04-20 = 31 days less an hour; d 04-20 → 04-25 = 5.
    const gaps = [84 + DAY_MINUS_AN_HOUR, 30 + DAY_MINUS_AN_HOUR, 30 + DAY_MINUS_AN_HOUR, 5];
    expect(eur?.metrics.avgDaysBetweenPurchases).toBeCloseTo(gaps.reduce((a, b) => a + b) / 4, 12); // 37.96875
    expect(eur?.metrics.medianDaysBetweenPurchases).toBeCloseTo(30 + DAY_MINUS_AN_HOUR, 12); // mean of the middle two
  });

  it("repeat customers' mean revenue over one-time customers'", () => {
    expect(eur?.metrics.repeatCustomerRevenueMultiple).toBeCloseTo(60 / (40 / 3), 12); // d 60 vs (a 10 + b 10 + e 20) / 3 = 4.5
  });

  it("clv = aov × purchaseFrequency × margin / churnRate", () => {
    expect(eur?.metrics.clv).toBe(50); // 20 × 1.25 × 1 / 0.5
    const [withMargin] = metricsOf(shop, "30d", { asOf: "2025-04-30", margin: 0.3 });
    expect(withMargin?.metrics.clv).toBe(15); // 20 × 1.25 × 0.3 / 0.5
  });

  it("an odd number of gaps has a middle one", () => {
    const [one] = metricsOf([noon("2025-04-01", "x"), noon("2025-04-03", "x"), noon("2025-04-13", "x"), noon("2025-04-14", "x")], "30d", {
      asOf: "2025-04-30",
    });
    expect(one?.metrics.medianDaysBetweenPurchases).toBe(2); // gaps 2, 10, 1 → median 2
    expect(one?.metrics.avgDaysBetweenPurchases).toBe(13 / 3);
  });
});

describe("a calendar-month window at a month end (31st → 30th)", () => {
  // 1m as of 2025-05-30: W = [04-30, 05-31) (May 31 − 1 month = April 31 → April 30),
  // P = [03-30, 04-30), which starts on the DST night.
  const [eur] = metricsOf(
    [
      noon("2025-03-29", "g"), // the day before P
      noon("2025-05-30", "g"), // W's last day: g is reactivated
      noon("2025-03-30", "h"), // P's first day
      noon("2025-04-30", "h"), // W's first day: h is retained
      noon("2025-04-29", "i"), // P's last day: i churns
      noon("2025-05-31", "j"), // after W
    ],
    "1m",
    { asOf: "2025-05-30" },
  );

  it("puts each boundary order on the right side", () => {
    expect(eur?.metrics).toMatchObject({
      orders: 2,
      customers: 2,
      newCustomers: 0,
      customersAtStart: 2, // h, i
      retainedCustomers: 1, // h
      reactivatedCustomers: 1, // g
      retentionRate: 1, // (2 − 0) / 2
      churnRate: 0.5, // (2 − 1) / 2
    });
  });

  it("measures g's gap across the DST change and h's whole month", () => {
    // g: 03-29 12:00+01:00 → 05-30 12:00+02:00 = 62 days less an hour; h: 03-30 → 04-30 = 31 days.
    expect(eur?.metrics.avgDaysBetweenPurchases).toBeCloseTo((61 + DAY_MINUS_AN_HOUR + 31) / 2, 12);
    expect(eur?.metrics.medianDaysBetweenPurchases).toBeCloseTo((61 + DAY_MINUS_AN_HOUR + 31) / 2, 12);
  });
});

describe("lifecycle null cases", () => {
  it("one-time customers spent nothing: no revenue multiple", () => {
    const [eur] = metricsOf([noon("2025-04-05", "k", 0), noon("2025-04-06", "l"), noon("2025-04-07", "l")], "30d", { asOf: "2025-04-30" });
    expect(eur?.metrics.repeatCustomerRevenueMultiple).toBeNull();
    expect(eur?.notes.repeatCustomerRevenueMultiple).toBe("one-time customers' revenue in the window is 0");
  });

  it("everyone churned and nobody bought: churn 1, but clv is null because aov is", () => {
    const [eur] = metricsOf([noon("2025-03-10", "m")], "30d", { asOf: "2025-04-30" });
    expect(eur?.metrics).toMatchObject({ orders: 0, customersAtStart: 1, churnRate: 1, aov: null, clv: null });
    expect(eur?.notes.clv).toBe("no counted orders in the window");
  });

  it("no customers in P: customersAtStart 0; retention, churn and clv null", () => {
    const [eur] = metricsOf([noon("2025-04-05", "a"), noon("2025-04-06", "a")], "30d", { asOf: "2025-04-30" });
    expect(eur?.metrics).toMatchObject({ customersAtStart: 0, retentionRate: null, churnRate: null, clv: null });
    expect(eur?.notes.retentionRate).toBe("no identified customers with a counted order in the previous window");
    expect(eur?.notes.clv).toBe("churnRate is null: no identified customers with a counted order in the previous window");
  });

  it("no repeat order in W: the gap metrics and the revenue multiple are null", () => {
    const [eur] = metricsOf([noon("2025-04-05", "a"), noon("2025-04-06", "b")], "30d", { asOf: "2025-04-30" });
    expect(eur?.metrics.avgDaysBetweenPurchases).toBeNull();
    expect(eur?.metrics.medianDaysBetweenPurchases).toBeNull();
    expect(eur?.notes.avgDaysBetweenPurchases).toMatch(/^no customer placed a repeat order in the window/);
    expect(eur?.metrics.repeatCustomerRevenueMultiple).toBeNull();
    expect(eur?.notes.repeatCustomerRevenueMultiple).toBe("no customer has two or more counted orders in the window");
  });

  it("only repeat customers: no one-time customers to compare with", () => {
    const [eur] = metricsOf([noon("2025-04-05", "a"), noon("2025-04-06", "a")], "30d", { asOf: "2025-04-30" });
    expect(eur?.metrics.repeatCustomerRevenueMultiple).toBeNull();
    expect(eur?.notes.repeatCustomerRevenueMultiple).toBe("no customer has exactly one counted order in the window");
  });

  it("only unidentified orders: every customer metric is null or 0", () => {
    const [eur] = metricsOf([order({ at: "2025-04-05T12:00:00+02:00" })], "30d", { asOf: "2025-04-30" });
    expect(eur?.metrics).toMatchObject({
      customers: 0,
      returningCustomerRate: null,
      customersAtStart: 0,
      churnRate: null,
      avgDaysBetweenPurchases: null,
    });
  });
});

describe("the previous window", () => {
  const day = (t: string) => parseDay(t)!;

  it("Nd: the same number of days, ending where W starts", () => {
    const spec = parseWindowSpec("30d")!;
    const w = resolveWindow(spec, { kind: "day", day: day("2025-04-30") }, PRAGUE, null, 0);
    const p = previousWindow(spec, w, PRAGUE);
    expect([p.firstDay, p.asOf, p.days, p.to]).toEqual([day("2025-03-02"), day("2025-03-31"), 30, w.from]);
  });

  it.each([
    ["2025-05-31", "2025-05-01", "2025-04-01", "2025-04-30"], // W = May, P = April (30 days)
    ["2025-04-30", "2025-04-01", "2025-03-01", "2025-03-31"], // W = April, P = March (31 days)
    ["2025-05-30", "2025-04-30", "2025-03-30", "2025-04-29"], // 31st → 30th: W starts Apr 30 (May 31 − 1 month, clamped)
    ["2025-03-30", "2025-02-28", "2025-01-28", "2025-02-27"], // Mar 31 − 1 month → Feb 28
  ])("1m as of %s: W from %s; P = %s … %s, the report as of the day before W", (asOf, wFirst, pFirst, pLast) => {
    const spec = parseWindowSpec("1m")!;
    const w = resolveWindow(spec, { kind: "day", day: day(asOf) }, PRAGUE, null, 0);
    const p = previousWindow(spec, w, PRAGUE);
    expect(w.firstDay).toBe(day(wFirst));
    expect([p.firstDay, p.asOf]).toEqual([day(pFirst), day(pLast)]);
    // "previous" is exactly the single report one window earlier.
    expect(p).toEqual(windowEndingOn(spec, w.firstDay - 1, PRAGUE, null));
  });

  it("a date range: the same number of days before it", () => {
    const spec = parseWindowSpec("2025-03-01..2025-03-31")!;
    const w = resolveWindow(spec, { kind: "latest" }, PRAGUE, null, 0);
    const p = previousWindow(spec, w, PRAGUE);
    expect([p.firstDay, p.asOf]).toEqual([daysFromCivil(2025, 1, 29), daysFromCivil(2025, 2, 28)]);
  });
});

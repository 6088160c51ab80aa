/** Every status mapping in the rules (docs/rules.md, "Counted orders"). */
import { describe, expect, it } from "vitest";
import { COUNTED_STATUSES } from "../../../src/core/order.js";
import { generic } from "../../../src/io/platforms/generic.js";
import { mapStatus } from "../../../src/io/platforms/index.js";
import { shopify } from "../../../src/io/platforms/shopify.js";
import { woocommerce } from "../../../src/io/platforms/woocommerce.js";

describe("Shopify statuses", () => {
  it.each([
    ["paid", "completed"],
    ["partially_refunded", "completed"],
    ["partially_paid", "processing"],
    ["pending", "processing"],
    ["authorized", "on-hold"],
    ["refunded", "refunded"],
    ["voided", "cancelled"],
    ["PAID", "completed"],
    ["expired", "unknown-status"],
    ["", "unknown-status"],
  ])("Financial Status %j → %s", (status, expected) => {
    expect(mapStatus(shopify, status, null, null)).toBe(expected);
  });

  it("Cancelled at set → cancelled, whatever the Financial Status", () => {
    expect(mapStatus(shopify, "paid", "2025-05-12 10:00:00 -0400", null)).toBe("cancelled");
    expect(mapStatus(shopify, "refunded", "2025-05-12 10:00:00 -0400", null)).toBe("cancelled");
  });

  it("no Financial Status column (a trimmed export) → every order counted", () => {
    expect(mapStatus(shopify, null, null, null)).toBe("completed");
  });
});

describe("WooCommerce and generic statuses", () => {
  it.each([
    ["completed", "completed"],
    ["processing", "processing"],
    ["on-hold", "on-hold"],
    ["pending", "pending-payment"],
    ["failed", "failed"],
    ["cancelled", "cancelled"],
    ["refunded", "refunded"],
    ["checkout-draft", "draft"],
    ["wc-completed", "completed"],
    ["WC-On-Hold", "on-hold"],
    [" Processing ", "processing"],
    ["pending-payment", "pending-payment"],
    ["shipped", "unknown-status"],
  ])("%j → %s", (status, expected) => {
    expect(mapStatus(woocommerce, status, null, null)).toBe(expected);
    expect(mapStatus(generic, status, null, null)).toBe(expected);
  });

  it("generic without a status column counts every order", () => {
    expect(mapStatus(generic, null, null, null)).toBe("completed");
  });
});

it("counted statuses are completed, processing, on-hold, and a status nobody maps (reported)", () => {
  expect([...COUNTED_STATUSES].sort()).toEqual(["completed", "on-hold", "processing", "unknown-status"]);
});

describe("status texts named like an object's own properties", () => {
  it.each(["constructor", "__proto__", "toString", "hasOwnProperty", " Constructor "])(
    "%j is an unknown status on every platform's table, not a property of it",
    (status) => {
      for (const platform of [shopify, woocommerce, generic]) expect(mapStatus(platform, status, null, null)).toBe("unknown-status");
    },
  );

  it("a status text read again maps as the first time, in any case and spacing", () => {
    for (let round = 0; round < 2; round++) {
      expect(mapStatus(shopify, " Paid ", null, null)).toBe("completed");
      expect(mapStatus(woocommerce, "wc-completed", null, null)).toBe("completed");
      expect(mapStatus(shopify, "constructor", null, null)).toBe("unknown-status");
    }
  });
});

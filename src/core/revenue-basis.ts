/**
 * What an order's revenue is (--revenue): its total less refunds, or its net sales — what the
 * customer paid for the goods after discounts, before shipping and taxes, which is the basis of
 * Shopify's average order value since January 2023 (docs/metrics.md, "Revenue basis"). The
 * ledger keeps one amount per order; this says which, for the reader, the JSON and the table.
 */

export const REVENUE_BASES = ["total", "net-sales"] as const;
export type RevenueBasis = (typeof REVENUE_BASES)[number];

export interface RevenueBasisInfo {
  /** The table's line under its title. */
  readonly heading: string;
  /** The `revenue` metric's definition in the JSON (aov, clv and the revenue multiple follow it). */
  readonly definition: string;
}

export const REVENUE_BASIS: Readonly<Record<RevenueBasis, RevenueBasisInfo>> = {
  total: {
    heading: "revenue: total − refunds",
    definition: "Sum over counted orders in the window of order total minus refunded amount, summed exactly in minor units.",
  },
  "net-sales": {
    heading: "revenue: net sales = gross sales − discounts (no shipping, taxes or refunds)",
    definition:
      "Sum over counted orders in the window of net sales: gross sales minus discounts, without shipping and taxes, refunds not subtracted (Shopify's AOV basis since 9 January 2023); read as the subtotal minus the discounts, where a platform's subtotal is before discounts, or as the subtotal alone where it is after them (Shopify's Subtotal); summed exactly in minor units.",
  },
};

/** Where a currency's orders came from over a window, by source (metrics/breakdowns/referrals.ts computes it). */

export interface ReferralSource {
  /** The channel, or the source's own text when no map knows it. */
  readonly source: string;
  readonly orders: number;
  readonly newCustomers: number;
  /** Major units, rounded to the minor unit. */
  readonly revenue: number;
  /** orders / orders with a source. */
  readonly orderShare: number;
  /** The texts that went into it, with their orders, the most first. */
  readonly answers: readonly { readonly text: string; readonly orders: number }[];
}

export interface Referrals {
  /** Orders with a source / counted orders in the window; null with none. */
  readonly coverage: number | null;
  /** What the source is (a self-reported answer, the last touch, a sales channel), as the inputs define it. */
  readonly basis: string;
  /** The most orders first. */
  readonly sources: readonly ReferralSource[];
  readonly definition: string;
}

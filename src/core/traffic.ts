/**
 * Web-analytics traffic as the metrics take it (engagement-inputs.md §4, §7): sessions per local
 * day (or over a whole range, for an aggregate export), visitors and the tool's own converting
 * sessions where the file has them; and the conversion figures over a window.
 */

/** One day's traffic, summed over the rows of a breakdown. */
export interface TrafficDay {
  readonly sessions: number;
  /** Daily unique visitors; null when the file has none, or the day was summed from breakdown rows (not additive). */
  readonly visitors: number | null;
  /** Sessions the tool counts as converting (Shopify: completed checkout; GA4: with a key event); null without. */
  readonly converted: number | null;
}

/** The tool's own conversion rate, as it defines it: how `converted` was counted. */
export interface ReportedRate {
  readonly platform: string;
  readonly definition: string;
}

/**
 * Traffic per day (the files'), or one total over a range of days: an aggregate file's over its
 * preamble's range, or --sessions over the report's window. A total gives no other window's figures.
 */
export type TrafficInput =
  | { readonly kind: "days"; readonly days: ReadonlyMap<number, TrafficDay>; readonly reported: ReportedRate | null }
  | {
      readonly kind: "range";
      readonly firstDay: number;
      readonly lastDay: number;
      readonly total: TrafficDay;
      readonly reported: ReportedRate | null;
      readonly from: TrafficFigures["sessionsFrom"];
    };

/** Counted orders per local day, of every currency, and those of them not from the web store (POS, drafts). */
export interface OrderDays {
  readonly orders: ReadonlyMap<number, number>;
  readonly offline: ReadonlyMap<number, number>;
  /** The orders file's first and last order day: traffic outside them is not compared. */
  readonly firstDay: number;
  readonly lastDay: number;
}

export interface TrafficFigures {
  readonly sessions: number;
  /** Counted orders created on the covered days (all currencies; with --web-orders-only, web orders). */
  readonly orders: number;
  /** orders / sessions; null with no sessions. */
  readonly conversionRate: number | null;
  readonly ordersPerThousandSessions: number | null;
  /** Days of the window both the traffic and the orders cover. */
  readonly coveredDays: number;
  readonly windowDays: number;
  /** Σ daily unique visitors; null when a covered day lacks them. */
  readonly visitors: number | null;
  readonly reportedConversionRate?: { readonly rate: number | null; readonly definition: string };
  readonly webOrdersOnly?: { readonly excludedOrders: number };
  /** Where the sessions came from: the traffic files, or --sessions. */
  readonly sessionsFrom: "files" | "--sessions";
}

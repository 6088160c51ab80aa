/**
 * What `shopmetrics inspect` found in a file, and why: the JSON document of `inspect --format json`
 * (docs/json-schema.md) and what the text renderer prints.
 */
import type { Decided } from "../core/decided.js";
import type { Problem } from "../core/problems.js";
import type { ZoneSource } from "../core/zone.js";

export const INSPECTION_SCHEMA_VERSION = 1;

export interface Inspection {
  readonly schemaVersion: typeof INSPECTION_SCHEMA_VERSION;
  readonly kind: "inspection";
  readonly file: string;
  readonly timezone: string;
  /** Where the zone came from: flag, config, env or system (as the report's `timezoneSource`). */
  readonly timezoneSource: ZoneSource;
  /** The UTC offsets the order dates carry (numeric ones: not Z), and the zones that fit them all. */
  readonly offsets: {
    /** Each offset written (`+11:00`) and how many order dates carry it, the most frequent first. */
    readonly seen: readonly { readonly offset: string; readonly count: number }[];
    /** Order dates whose offset is not `timezone`'s at their instant. */
    readonly contradicted: number;
    /** IANA zones whose offsets match every one seen, the likeliest first; empty when none is seen. */
    readonly zonesFitting: readonly string[];
  };
  readonly platform: Decided<string> & { readonly label: string };
  readonly encoding: Decided<string>;
  readonly delimiter: Decided<string>;
  /** Row grain: one row per order, or one per line item grouped into orders. */
  readonly grain: "order" | "line-item";
  /** Field → header read. */
  readonly columns: Readonly<Record<string, string>>;
  /** Field → its column, and why: a --map, or the platform's name for it. */
  readonly columnChoices: Readonly<Record<string, Decided<string>>>;
  /** Per money column: its decimal mark and why; null value when no value needed one. */
  readonly decimal: Readonly<Record<string, Decided<"." | "," | null>>>;
  /** The day/month order of slash dates and why; null value when the file has none to settle. */
  readonly dateOrder: Decided<"dmy" | "mdy" | null>;
  readonly statuses: readonly { readonly text: string; readonly status: string; readonly count: number }[];
  readonly rows: number;
  readonly rowsSkipped: number;
  readonly orders: number;
  readonly sample: readonly SampleOrder[];
  readonly problems: readonly Problem[];
  readonly warnings: readonly string[];
}

export interface SampleOrder {
  readonly key: string | null;
  readonly line: number;
  readonly createdAt: string;
  readonly currency: string | null;
  readonly total: number;
  readonly refunded: number;
  readonly status: string;
  readonly email: string | null;
  readonly customerId: string | null;
  readonly guest: boolean | null;
}

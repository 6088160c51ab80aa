/**
 * What `shopmetrics inspect` found in a file, and why: the JSON document of `inspect --format json`
 * (docs/json-schema.md) and what the text renderer prints.
 */
import type { Decided } from "../core/decided.js";
import type { StatusRule } from "../core/order.js";
import type { Problem, ProblemCode } from "../core/problems.js";
import type { ZoneSource } from "../core/zone.js";

/** 2: a sample order's total and refunded are null, not 0, when the file has no amount column. */
export const INSPECTION_SCHEMA_VERSION = 2;

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
  /** One character, or "whitespace" (runs of spaces and tabs). */
  readonly delimiter: Decided<string>;
  /** Row grain: one row per order, or one per line item grouped into orders. */
  readonly grain: "order" | "line-item";
  /** Field → header read. */
  readonly columns: Readonly<Record<string, string>>;
  /** Field → its column, and why: a --map, or the platform's name for it. */
  readonly columnChoices: Readonly<Record<string, Decided<string>>>;
  /**
   * A generic file's columns that look like the fields it has no column for, by name and by value,
   * and the --map line that reads them all (the --map flags given included); line null when no
   * column looks like a missing field.
   */
  readonly suggestions: { readonly hints: readonly ColumnSuggestion[]; readonly line: string | null };
  /**
   * The header lacks a field the file can't be read without (a generic file's created_at): which,
   * and the error a report stops with. Only the rows the suggestions look at were read (`rows`).
   */
  readonly notRead: { readonly fields: readonly string[]; readonly message: string } | null;
  /** Per money column: its decimal mark and why; null value when no value needed one. */
  readonly decimal: Readonly<Record<string, Decided<"." | "," | null>>>;
  /** The day/month order of slash dates and why; null value when the file has none to settle. */
  readonly dateOrder: Decided<"dmy" | "mdy" | null>;
  /** Each status text read, the status it gave, the rule that gave it (when not the text), and how many orders. */
  readonly statuses: readonly StatusSeen[];
  readonly rows: number;
  readonly rowsSkipped: number;
  /** Skipped rows by problem code. */
  readonly skippedByCode: Readonly<Partial<Record<ProblemCode, number>>>;
  readonly orders: number;
  /** The local days, in `timezone`, of the first and the last order read (any status); null when none was. */
  readonly days: { readonly first: string; readonly last: string } | null;
  /** Orders read per currency (null: no currency known) and how many of them count as sales; the most orders first. */
  readonly currencies: readonly { readonly currency: string | null; readonly orders: number; readonly counted: number }[];
  /** Orders read with an email or a customer id (customers are told apart by them), and their share of all. */
  readonly identified: { readonly orders: number; readonly share: number | null };
  /** How guest checkouts are told apart, and what that gave for the orders read. */
  readonly guest: { readonly rule: string; readonly guest: number; readonly account: number; readonly unknown: number };
  /** What the metrics lack for want of a column, and why (as the report's notes say it); null for what the file has. */
  readonly unavailable: { readonly identity: string | null; readonly amounts: string | null; readonly guest: string | null };
  readonly sample: readonly SampleOrder[];
  /** The first problems (1,000 at most, as the report's), and how many more there were. */
  readonly problems: readonly Problem[];
  readonly problemsOmitted: number;
  readonly warnings: readonly string[];
}

export interface ColumnSuggestion {
  readonly field: string;
  readonly column: string;
  readonly byName: boolean;
  readonly byValue: boolean;
  /** The first value looked at that read as the field's kind (a date, an amount, an email), when byValue. */
  readonly example: string | null;
  /** Other columns that look like the field too, likeliest first. */
  readonly others: readonly string[];
}

export interface StatusSeen {
  readonly text: string;
  readonly status: string;
  /** A cancelled-at date, the order key's prefix (UCI's C invoices) or --status-map; null when the status text gave it. */
  readonly rule: StatusRule | null;
  /** The rule in words (`Cancelled at is set`, `InvoiceNo starts with C or A`); null with no rule. */
  readonly ruleReason: string | null;
  readonly count: number;
}

export interface SampleOrder {
  readonly key: string | null;
  readonly line: number;
  readonly createdAt: string;
  readonly currency: string | null;
  /** In major units; null when the file has no amount column. */
  readonly total: number | null;
  readonly refunded: number | null;
  readonly status: string;
  readonly email: string | null;
  readonly customerId: string | null;
  readonly guest: boolean | null;
}

/** What the inspections of the inputs beyond orders (surveys, reviews) share: the file, its zone, its rows and problems. */
interface InputInspection {
  readonly schemaVersion: typeof INSPECTION_SCHEMA_VERSION;
  readonly file: string;
  readonly timezone: string;
  readonly timezoneSource: ZoneSource;
  readonly encoding: Decided<string>;
  /** The CSV's delimiter; "" for Heureka's XML. */
  readonly delimiter: Decided<string>;
  /** How a time without an offset is read. */
  readonly times: string;
  /** Field → its column (or XML element), and why. */
  readonly columnChoices: Readonly<Record<string, Decided<string>>>;
  readonly dateOrder: Decided<"dmy" | "mdy" | null>;
  /** Rows read (a review XML's review elements). */
  readonly rows: number;
  readonly rowsSkipped: number;
  readonly skippedByCode: Readonly<Partial<Record<ProblemCode, number>>>;
  /** Rows read and not counted, by why (partial, unanswered, otherQuestions; spam, hidden). */
  readonly excluded: Readonly<Record<string, number>>;
  readonly problems: readonly Problem[];
  readonly problemsOmitted: number;
  readonly warnings: readonly string[];
}

/** What `inspect` found in a survey export (`--survey`): its format, each question it took and why, its rows. */
export interface SurveyInspection extends InputInspection {
  readonly kind: "survey-inspection";
  readonly platform: Decided<string> & { readonly label: string; readonly shape: "wide" | "long" };
  /** SurveyMonkey: the line of its second header row. */
  readonly subHeaderLine: number | null;
  /** Each kind the file asks: its column (or question text) and why, its scale and why, CES's direction, the answers read. */
  readonly questions: readonly {
    readonly kind: string;
    readonly column: Decided<string>;
    readonly scale: Decided<number>;
    readonly direction?: Decided<string>;
    readonly answers: number;
    /** The local days of its first and last answer; null with none. */
    readonly days: { readonly first: string; readonly last: string } | null;
  }[];
  /** Columns or questions whose words fit a kind and were not taken, and why. */
  readonly passedOver: readonly string[];
}

/** What `inspect` found in a review export (`--reviews`): its format, columns, how many reviews and ratings. */
export interface ReviewInspection extends InputInspection {
  readonly kind: "reviews-inspection";
  readonly platform: Decided<string> & { readonly label: string };
  /** Rated reviews kept, and how many of each rating, the highest first. */
  readonly reviews: number;
  readonly ratings: readonly { readonly rating: number; readonly count: number }[];
  /** Reviews without a rating. */
  readonly unrated: number;
  /** The local days of the first and last review kept; null with none. */
  readonly days: { readonly first: string; readonly last: string } | null;
}

/** What `inspect` found in a helpdesk export (`--tickets`): its format, columns, how its times are taken, its tickets. */
export interface TicketsInspection extends InputInspection {
  readonly kind: "tickets-inspection";
  readonly platform: Decided<string> & { readonly label: string };
  /** How first response and resolution times are taken: the export's columns, its timestamps, the schedule. */
  readonly responseTimes: string;
  readonly tickets: number;
  readonly answered: number;
  readonly resolved: number;
  /** Tickets per channel, the most first (none without a channel column). */
  readonly channels: readonly { readonly channel: string; readonly tickets: number }[];
  /** The local days of the first and last ticket's creation; null with none. */
  readonly days: { readonly first: string; readonly last: string } | null;
}

/** What `inspect` found in an analytics export (`--traffic`): its preamble's range, the table read and those not, its days. */
export interface TrafficInspection extends InputInspection {
  readonly kind: "traffic-inspection";
  readonly platform: Decided<string> & { readonly label: string };
  readonly headerLine: number;
  readonly range: { readonly from: string; readonly to: string } | null;
  readonly otherTables: readonly { readonly line: number; readonly first: string }[];
  /** Days read (none for an aggregate), their first and last, and the sessions in all. */
  readonly dayCount: number;
  readonly days: { readonly first: string; readonly last: string } | null;
  readonly sessions: number;
  readonly aggregate: boolean;
}

/** What `inspect` found in an attribution file (`--attribution`): which column joins it to the orders, its answers and their channels. */
export interface AttributionInspection extends Omit<InputInspection, "times" | "dateOrder"> {
  readonly kind: "attribution-inspection";
  /** `fairing` (its question column picks the answers) or `generic` (every row is an answer). */
  readonly platform: string;
  /** Orders answered (each order's first answer counts). */
  readonly answered: number;
  /** Each answer, its orders, and the channel the default map (and --source-map) puts it in; the most first. */
  readonly answers: readonly { readonly text: string; readonly orders: number; readonly channel: string }[];
}

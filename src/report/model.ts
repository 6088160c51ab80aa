/**
 * The report: what every renderer prints. Its JSON form is a versioned contract
 * (docs/json-schema.md); bump SCHEMA_VERSION when a field changes meaning or goes away.
 * Generic over the metric ids, so that a renderer needs only this model and the metrics' info.
 */
import { formatDay, parseDay } from "../core/calendar.js";
import type { ClvGroup, ClvModelName, TimeUnit } from "../core/clv.js";
import type { CohortGroup } from "../core/cohort.js";
import type { EngagementFigureMap, EngagementKind } from "../core/engagement.js";
import type { CohortPeriod } from "../core/period.js";
import type { Problem, ProblemCode } from "../core/problems.js";
import type { Referrals } from "../core/referral.js";
import type { RevenueBasis } from "../core/revenue-basis.js";
import type { RfmGridName, RfmGroup, RfmScale, SegmentRule } from "../core/rfm.js";
import type { CesDirection, SurveyKind } from "../core/survey.js";
import type { ZoneSource } from "../core/zone.js";

export const SCHEMA_VERSION = 1;

export interface InputSummary {
  /** The record kind the file was read as. */
  readonly kind: "orders" | "customers" | "survey" | "reviews" | "attribution" | "tickets" | "traffic";
  /** As given on the command line; `-` for stdin. */
  readonly file: string;
  /** The detected or forced platform (`shopify`, `woocommerce`, `generic`). */
  readonly platform: string;
  /** CSV records after the header. */
  readonly rows: number;
  /** The text encoding read (detected, or --encoding). */
  readonly encoding: string;
  /** The field delimiter read (detected, or --delimiter). */
  readonly delimiter: string;
  /** Surveys, reviews, attribution, ticket and traffic files: each field read and the column (or XML element) it was read from. */
  readonly columns?: Readonly<Record<string, string>>;
  /** Tickets: how the first response and resolution times were taken (the export's columns, timestamps, the schedule). */
  readonly times?: string;
  /** Traffic: the line of the table read, its preamble's date range, and the other tables in the file (not read). */
  readonly table?: {
    readonly line: number;
    readonly range: { readonly from: string; readonly to: string } | null;
    readonly days: number;
    readonly otherTables: readonly { readonly line: number; readonly first: string }[];
  };
  /** A survey: each kind's question as read — its column (or, in a long file, its text), scale and why. */
  readonly questions?: Readonly<Partial<Record<SurveyKind, QuestionSummary>>>;
}

export interface QuestionSummary {
  /** The column's header (SurveyMonkey: question and sub-header), or a long file's question text. */
  readonly column: string;
  /** Why it was taken: --survey-map, or its words and values. */
  readonly reason: string;
  /** The scale's top: 10 for NPS, 3, 5 or 7 for CSAT, 5 or 7 for CES. */
  readonly scale: number;
  readonly scaleReason: string;
  /** CES: which way the scale runs. */
  readonly direction?: CesDirection;
}

/** One input file's rows: read, used and not, and why (dataQuality.inputs). */
export interface InputQuality {
  readonly kind: InputSummary["kind"];
  readonly file: string;
  /** CSV records after the header (and SurveyMonkey's second header row). */
  readonly rowsRead: number;
  /** Rows that went into the figures (orders: every row of a decoded order, counted or excluded). */
  readonly rowsUsed: number;
  /** Rows skipped, each listed in problems (up to the cap). */
  readonly rowsSkipped: number;
  readonly repeatedHeaders: number;
  /** Rows read and not counted, by why: Typeform's `partial` responses; a survey row that answers none of the questions (`unanswered`); a long file's answers to other questions (`otherQuestions`). */
  readonly excluded?: Readonly<Record<string, number>>;
}

export interface DataQuality {
  /** CSV records after the header, over all inputs (orders and customers). Equals rows used + rowsSkipped + repeatedHeaders. */
  readonly rowsRead: number;
  /** Rows that repeat the header (exports pasted together), over all inputs: neither used nor skipped. */
  readonly repeatedHeaders: number;
  /** Records not used, each listed in problems (up to the cap). */
  readonly rowsSkipped: number;
  /** rowsSkipped by the code of each row's problem (docs/rules.md, "Problem codes"); only codes that occurred, sorted. */
  readonly skippedByCode: Readonly<Partial<Record<ProblemCode, number>>>;
  /** Orders decoded, any status, whole file. */
  readonly ordersRead: number;
  /** Orders not counted, by normalised status; whole file. */
  readonly ordersExcluded: Readonly<Record<string, number>>;
  /** Orders (any status, whole file) with neither an email nor a customer id. */
  readonly unidentifiedOrders: number;
  readonly problems: readonly Problem[];
  /** Problems not listed because of the cap (the first 1,000 are); they are still counted in rowsSkipped. */
  readonly problemsOmitted: number;
  /** With --customers: customers read from it (rows with an email or id). */
  readonly customersRead?: number;
  /** With --customers: customers in it who placed no order in the orders file (any status). */
  readonly customersWithoutOrders?: number;
  /** Each input file's rows, in the order of `inputs`. */
  readonly inputs: readonly InputQuality[];
}

export interface WindowInfo {
  /** The spec, normalised (`365d`, `3m`, `all`, `2025-01-01..2025-03-31`). */
  readonly spec: string;
  /** Inclusive start, ISO 8601 with offset. */
  readonly from: string;
  /** Exclusive end, ISO 8601 with offset. */
  readonly to: string;
  readonly days: number;
}

/** The last local day inside a window: the day before its exclusive end (`to` starts at local midnight). */
export function lastDayOf(window: WindowInfo): string {
  return formatDay(parseDay(window.to.slice(0, 10))! - 1);
}

export interface Change {
  /** current − previous (money rounded to the minor unit); null when either is null. */
  readonly absolute: number | null;
  /** (current − previous) / |previous|; null when either is null or previous is 0. */
  readonly relative: number | null;
}

/** Each metric's value: money in major units rounded to the currency's minor unit; rates as fractions. */
export type MetricValues<Id extends string = string> = Readonly<Record<Id, number | null>>;

/** One currency's figures over one window. */
export interface GroupFigures<Id extends string = string> {
  readonly currency: string | null;
  readonly metrics: MetricValues<Id>;
  /** Why a metric is null, or a caveat on its value. */
  readonly notes: Readonly<Partial<Record<Id, string>>>;
  /** Where the window's orders came from, when the orders (or an --attribution file) say. */
  readonly referrals?: Referrals;
}

/** A currency group; with --compare, also the previous window's values and the change. */
export interface GroupReport<Id extends string = string> extends GroupFigures<Id> {
  readonly previous?: { readonly window: WindowInfo; readonly metrics: MetricValues<Id> };
  readonly change?: Readonly<Record<Id, Change>>;
}

/** One point of an --every series: exactly the single report at its as-of. */
export interface SeriesPoint<Id extends string = string> {
  readonly asOf: string;
  readonly window: WindowInfo;
  readonly groups: readonly GroupFigures<Id>[];
  /** With survey inputs: their figures over the point's window. */
  readonly engagement?: EngagementFigures;
}

/** One engagement kind's figures over one window, and a caveat on them (few responses). */
export type KindFigures<K extends EngagementKind> = EngagementFigureMap[K] & { readonly note?: string };

/** The engagement figures over one window: each kind the survey and review files give. */
export type EngagementFigures = { readonly [K in EngagementKind]?: KindFigures<K> };

/** One engagement kind in the report: its figures over the window, and with --compare the previous window's and the change. */
export type EngagementEntry<K extends EngagementKind> = KindFigures<K> & {
  readonly window: WindowInfo;
  readonly definition: string;
  readonly previous?: KindFigures<K> & { readonly window: WindowInfo };
  /** With --compare: each figure's change (current − previous). */
  readonly change?: Readonly<Record<string, Change>>;
  /** NPS with --compare: whether the change is significant at 95 % (|Δ| > 1.96 √(SE₁² + SE₀²)); null when either score is. */
  readonly significant?: boolean | null;
};

/** `engagement`: each kind the inputs give (surveys: nps, csat, ces; review files: reviews; ticket files: support; traffic: traffic). */
export type Engagement = { readonly [K in EngagementKind]?: EngagementEntry<K> };

export interface Report<Id extends string = string> {
  readonly schemaVersion: typeof SCHEMA_VERSION;
  /** The last local day inside the window, `YYYY-MM-DD`. */
  readonly asOf: string;
  /** IANA zone used for wall-clock times and day bounds. */
  readonly timezone: string;
  /** Where the zone came from: --tz (`flag`), the config file's `tz`, an IANA `TZ` (`env`), or the system. */
  readonly timezoneSource: ZoneSource;
  readonly window: WindowInfo;
  /** --margin used for clv. */
  readonly margin: number;
  /** --revenue: what an order's revenue is (total − refunds, or net sales); `definitions.revenue` says it in words. */
  readonly revenue: RevenueBasis;
  readonly inputs: readonly InputSummary[];
  /** One per currency; with --every, the latest point's. */
  readonly groups: readonly GroupReport<Id>[];
  /** With --every: the points, oldest first. */
  readonly series?: readonly SeriesPoint<Id>[];
  /** With survey inputs: NPS, CSAT, CES over the window. */
  readonly engagement?: Engagement;
  readonly dataQuality: DataQuality;
  readonly warnings: readonly string[];
  /** Each metric's definition, as computed. */
  readonly definitions: Readonly<Record<Id, string>>;
}

/** What `cohorts` and `rfm` say of the run, besides their figures: the same fields as a report's. */
export interface AnalysisHeader {
  readonly schemaVersion: typeof SCHEMA_VERSION;
  /** The end of this local day is the analysis's "now", `YYYY-MM-DD`. */
  readonly asOf: string;
  readonly timezone: string;
  readonly timezoneSource: ZoneSource;
  /** --window: the days it covers (acquisition for cohorts, orders for rfm); null for the whole history. */
  readonly window: WindowInfo | null;
  readonly revenue: RevenueBasis;
  readonly inputs: readonly InputSummary[];
  readonly dataQuality: DataQuality;
  readonly warnings: readonly string[];
  /** Each figure's definition. */
  readonly definitions: Readonly<Record<string, string>>;
}

/** `shopmetrics cohorts --format json` (docs/json-schema.md). */
export interface CohortsDocument extends AnalysisHeader {
  readonly command: "cohorts";
  readonly period: CohortPeriod;
  readonly groups: readonly CohortGroup[];
}

/** `shopmetrics rfm --format json` (docs/json-schema.md). */
export interface RfmDocument extends AnalysisHeader {
  readonly command: "rfm";
  readonly scale: RfmScale;
  /** The grid's name: default, rfm-package or config. */
  readonly segmentation: RfmGridName;
  /** The grid in words, and its rules as applied (first match wins). */
  readonly grid: { readonly description: string; readonly rules: readonly SegmentRule[]; readonly fallback: string | null };
  readonly groups: readonly RfmGroup[];
}

/** `shopmetrics clv --format json` (docs/json-schema.md). */
export interface ClvDocument extends Omit<AnalysisHeader, "window"> {
  readonly command: "clv";
  readonly timeUnit: TimeUnit;
  /** --horizon, as given: 12m, 26w, 90d. */
  readonly horizon: string;
  /** --discount: the monthly discount rate of the CLV. */
  readonly discount: number;
  /** --margin: the share of an order value that is profit. */
  readonly margin: number;
  readonly model: ClvModelName;
  readonly penalizer: number;
  /** The calibration's last local day (the as-of day, or the day before the holdout). */
  readonly calibration: { readonly to: string; readonly holdout: string | null };
  readonly groups: readonly ClvGroup[];
}

/**
 * Every option of every command, in one table: its flag, its help, the commands that take it, its
 * default, and whether a config file may hold it — under the flag's own name without the dashes
 * (`status-map` for --status-map). program.ts makes the flags from it, config.ts the config's keys
 * and their checks, and the defaults are applied from it after the config (flags > config >
 * default); README's options table and its list of config keys are checked against it
 * (test/cli/settings.test.ts). A new option is one row here, so none is forgotten in one place.
 */

import { CLV_MODELS, TIME_UNITS } from "../core/clv.js";
import { COHORT_METRICS } from "../core/cohort.js";
import { COHORT_PERIODS } from "../core/period.js";
import { REVENUE_BASES } from "../core/revenue-basis.js";
import { RFM_GRIDS, RFM_SCALES } from "../core/rfm.js";
import { CES_DIRECTIONS } from "../core/survey.js";
import { PERIODS } from "../core/window.js";
import { PLATFORM_NAMES } from "../io/platforms/index.js";
import { REVIEW_PLATFORM_NAMES } from "../io/platforms/review-platforms.js";
import { SURVEY_PLATFORM_NAMES } from "../io/platforms/survey-platforms.js";
import { TICKET_PLATFORM_NAMES } from "../io/platforms/ticket-platforms.js";
import { TRAFFIC_PLATFORM_NAMES } from "../io/platforms/traffic-platforms.js";
import { ATTRIBUTION_PLATFORMS } from "../io/surveys/attribution-reader.js";

export type CommandName = "report" | "cohorts" | "rfm" | "clv" | "inspect" | "dashboard";

export type SettingKind =
  /** One value: `--tz Europe/Prague`, `"tz": "Europe/Prague"`. */
  | "string"
  /** One value that a config may also write as a JSON number: `"margin": 0.3`. */
  | "number"
  /** Repeatable FIELD=Column flags; an object of strings in a config. */
  | "entries"
  /** Repeatable flag values; never in a config. */
  | "list"
  /** A flag without a value (--strict; --no-progress turns `progress` off). */
  | "switch"
  /**
   * A flag without a value that applies a config's object: --business-hours counts in the hours
   * of the config's `business-hours` (`businessHours`) schedule. The config's object alone turns
   * nothing on.
   */
  | "schedule"
  /** Only in a config, no flag: a JSON object, checked by the command that uses it (`rfm-segments`). */
  | "object";

export interface Setting {
  /** The flag without its dashes, and the config key: `status-map`. */
  readonly key: string;
  /** A one-letter alias: `-q`. */
  readonly short?: string;
  /** The value's placeholder in the help: `<field=column>`. None for a switch. */
  readonly value?: string;
  readonly kind: SettingKind;
  readonly help: string;
  /** The commands that take the flag, in the order their help lists them. */
  readonly commands: readonly CommandName[];
  readonly choices?: readonly string[];
  /** What a command with the flag uses when neither the flag nor the config gives it. */
  readonly default?: string;
  /** Shown in the help as the default when there is no `default` value (it is decided later). */
  readonly defaultSaid?: string;
  /** The command cannot run without it (commander says so). */
  readonly required?: boolean;
  /** Why a config file can't hold it; absent when it can. */
  readonly notInConfig?: string;
  /** The commands a config's value applies to, when not every command with the flag (its choices differ). */
  readonly configCommands?: readonly CommandName[];
  /** Names the config key had before the keys were the flags' names: read, with a warning. */
  readonly formerKeys?: readonly string[];
  /** Other names a config may give the key, read as it (`sourceMap` for source-map, as issue 11 names it). */
  readonly aliases?: readonly string[];
  /** A config example, for the message about a value of the wrong type. */
  readonly example?: string;
  /** A command's own help, choices and said default, where they differ from the first command's. */
  readonly perCommand?: Partial<
    Record<CommandName, { readonly help?: string; readonly choices?: readonly string[]; readonly defaultSaid?: string }>
  >;
}

const BOTH = ["report", "inspect"] as const;
/** Every command that reads an orders export: report, cohorts, rfm, clv; and inspect. */
const READING = ["report", "cohorts", "rfm", "clv", "inspect"] as const;
const REPORT = ["report"] as const;
/** The commands that compute from an orders export. */
const ORDERS = ["report", "cohorts", "rfm", "clv"] as const;

const TABLE: readonly Setting[] = [
  {
    key: "orders",
    value: "<file>",
    kind: "string",
    help: "orders export CSV (Shopify, WooCommerce, Shoptet, … or generic); - reads stdin; optional when --survey or --reviews is given",
    commands: ORDERS,
    perCommand: {
      cohorts: { help: "orders export CSV (Shopify, WooCommerce, Shoptet, … or generic); - reads stdin" },
      rfm: { help: "orders export CSV (Shopify, WooCommerce, Shoptet, … or generic); - reads stdin" },
      clv: { help: "orders export CSV (Shopify, WooCommerce, Shoptet, … or generic); - reads stdin" },
    },
    notInConfig: "the orders export is what each run reads: name it with --orders",
  },
  {
    key: "customers",
    value: "<file>",
    kind: "string",
    help: "customers export to join on email and customer id (guest orders, customers who never ordered)",
    commands: ORDERS,
  },
  {
    key: "customers-map",
    value: "<field=column>",
    kind: "entries",
    help: "read a customers-file FIELD from COLUMN (repeatable), e.g. email=customer_unique_id",
    commands: ORDERS,
    formerKeys: ["customersMap"],
    example: '{ "email": "customer_unique_id" }',
  },
  {
    key: "survey",
    value: "<file>",
    kind: "list",
    help: "survey export for NPS, CSAT and CES (SurveyMonkey, Typeform, Google Forms, Fairing, or generic date,score,type); repeatable",
    commands: REPORT,
    notInConfig: "the survey exports are what each run reads: name them with --survey",
  },
  {
    key: "survey-map",
    value: "<field=column>",
    kind: "entries",
    help: 'the survey\'s NPS, CSAT or CES question (nps="column header"; in a long file its text), or a FIELD from COLUMN (date, id, email, respondent, score, type, question, response_type); repeatable',
    commands: BOTH,
    example: '{ "nps": "How likely are you to recommend us?" }',
  },
  {
    key: "survey-platform",
    value: "<name>",
    kind: "string",
    help: "force the survey export's format instead of detecting it from the header",
    commands: BOTH,
    choices: SURVEY_PLATFORM_NAMES,
  },
  {
    key: "csat-scale",
    value: "<n>",
    kind: "number",
    help: "the CSAT question's scale, 1 to N",
    defaultSaid: "the smallest of 3, 5, 7 holding every answer",
    commands: BOTH,
    choices: ["3", "5", "7"],
  },
  {
    key: "ces-scale",
    value: "<n>",
    kind: "number",
    help: "the CES question's scale, 1 to N",
    defaultSaid: "the smallest of 5, 7 holding every answer",
    commands: BOTH,
    choices: ["5", "7"],
  },
  {
    key: "ces-direction",
    value: "<direction>",
    kind: "string",
    help: "agree (CES 2.0: high = easy) or effort (the legacy 1–5 'how much effort' question: low = easy, turned round)",
    commands: BOTH,
    choices: CES_DIRECTIONS,
    defaultSaid: "agree",
  },
  {
    key: "survey-dedupe",
    value: "<rule>",
    kind: "string",
    help: "none: every response counts (a response id read twice once); latest: each respondent's latest response per window",
    commands: REPORT,
    choices: ["none", "latest"],
    default: "none",
  },
  {
    key: "min-responses",
    value: "<n>",
    kind: "number",
    help: "fewer survey responses than this in a window make its NPS, CSAT or CES null (below 30 they are given with a note)",
    commands: REPORT,
  },
  {
    key: "reviews",
    value: "<file>",
    kind: "list",
    help: "review export for positive-review growth (Judge.me, Trustpilot, Heureka XML, Olist, or generic date,rating); repeatable",
    commands: REPORT,
    notInConfig: "the review exports are what each run reads: name them with --reviews",
  },
  {
    key: "reviews-map",
    value: "<field=column>",
    kind: "entries",
    help: "read a review FIELD (date, rating, id, curated, hidden) from COLUMN (repeatable)",
    commands: BOTH,
    example: '{ "rating": "Stars" }',
  },
  {
    key: "reviews-platform",
    value: "<name>",
    kind: "string",
    help: "force the review export's format instead of detecting it",
    commands: BOTH,
    choices: REVIEW_PLATFORM_NAMES,
  },
  {
    key: "tickets",
    value: "<file>",
    kind: "list",
    help: "helpdesk ticket export for first response time (Zendesk, Freshdesk, osTicket, LiveAgent, or generic created,first_response); repeatable",
    commands: REPORT,
    notInConfig: "the ticket exports are what each run reads: name them with --tickets",
  },
  {
    key: "tickets-map",
    value: "<field=column>",
    kind: "entries",
    help: "read a ticket FIELD (id, created, first_response, first_response_duration, first_response_business, resolved, resolution_duration, resolution_business, channel, status, answered, deleted) from COLUMN (repeatable)",
    commands: BOTH,
    example: '{ "first_response": "First answer" }',
  },
  {
    key: "tickets-platform",
    value: "<name>",
    kind: "string",
    help: "force the ticket export's format instead of detecting it",
    commands: BOTH,
    choices: TICKET_PLATFORM_NAMES,
  },
  {
    key: "business-hours",
    kind: "schedule",
    help: "count first response and resolution times in business hours: the export's business-hours columns, else the config's businessHours schedule applied to its times",
    commands: BOTH,
    aliases: ["businessHours"],
    example: '{ "timezone": "Europe/Prague", "week": { "mon": ["08:00-16:30"] }, "holidays": ["2025-12-24"] }',
  },
  {
    key: "frt-target",
    value: "<hours>",
    kind: "number",
    help: "the first response target in hours, for withinTarget",
    commands: REPORT,
    default: "24",
  },
  {
    key: "traffic",
    value: "<file>",
    kind: "list",
    help: "analytics export of sessions for the conversion rate (GA4, Universal Analytics, Shopify Analytics, Plausible, Matomo, or generic date,sessions); repeatable",
    commands: REPORT,
    notInConfig: "the traffic exports are what each run reads: name them with --traffic",
  },
  {
    key: "traffic-map",
    value: "<field=column>",
    kind: "entries",
    help: "read a traffic FIELD (date, sessions, visitors, converted, converted_rate) from COLUMN (repeatable)",
    commands: BOTH,
    example: '{ "sessions": "Návštěvy" }',
  },
  {
    key: "traffic-platform",
    value: "<name>",
    kind: "string",
    help: "force the traffic export's format instead of detecting it",
    commands: BOTH,
    choices: TRAFFIC_PLATFORM_NAMES,
  },
  {
    key: "sessions",
    value: "<n>",
    kind: "number",
    help: "the window's sessions, for the conversion rate without a traffic export",
    commands: REPORT,
    notInConfig: "a window's sessions are that window's: pass --sessions on each run",
  },
  {
    key: "web-orders-only",
    kind: "switch",
    help: "leave POS, draft and phone orders (by the orders' Source column) out of the conversion rate",
    commands: REPORT,
    notInConfig: "no flag could turn a config's web-orders-only off again; pass --web-orders-only on the runs that want it",
  },
  {
    key: "attribution",
    value: "<file>",
    kind: "list",
    help: 'post-purchase "how did you hear about us?" answers (Fairing-style), joined to the orders by order number; repeatable',
    commands: REPORT,
    notInConfig: "the attribution exports are what each run reads: name them with --attribution",
  },
  {
    key: "attribution-map",
    value: "<field=column>",
    kind: "entries",
    help: "read an attribution FIELD (order_number, order_id, answer, question) from COLUMN (repeatable)",
    commands: BOTH,
    example: '{ "answer": "Odpověď" }',
  },
  {
    key: "attribution-platform",
    value: "<name>",
    kind: "string",
    help: "fairing (its question column picks the answers) or generic (every row is an answer)",
    commands: BOTH,
    choices: ATTRIBUTION_PLATFORMS,
  },
  {
    key: "source-map",
    value: "<text=channel>",
    kind: "entries",
    help: "put a source whose text holds TEXT in CHANNEL (repeatable), e.g. 'anna10=referral'; channels: direct, organic, paid, social, email, referral, marketplace, other, or any name",
    commands: REPORT,
    aliases: ["sourceMap"],
    example: '{ "anna10": "referral", "seznam": "organic" }',
  },
  {
    key: "config",
    value: "<file>",
    kind: "string",
    help: "JSON settings, keyed by the flags' names (default: ./shopmetrics.config.json when present); flags override it",
    commands: READING,
    notInConfig: "a config names no other config",
  },
  {
    key: "platform",
    value: "<name>",
    kind: "string",
    help: "force the export's platform instead of detecting it from the header",
    commands: READING,
    choices: PLATFORM_NAMES,
  },
  {
    key: "map",
    value: "<field=column>",
    kind: "entries",
    help: "read FIELD from COLUMN (repeatable), e.g. --map created_at=InvoiceDate; the fields are listed below",
    commands: READING,
    example: '{ "created_at": "InvoiceDate" }',
  },
  {
    key: "currency",
    value: "<code>",
    kind: "string",
    help: "currency of amounts when the file has no currency column",
    commands: READING,
  },
  {
    key: "status-map",
    value: "<text=status>",
    kind: "entries",
    help: "map a shop status to ours (repeatable), e.g. 'Čeká na platbu=pending-payment'",
    commands: READING,
    formerKeys: ["statusMap"],
    example: '{ "Čeká na platbu": "pending-payment" }',
  },
  {
    key: "encoding",
    value: "<label>",
    kind: "string",
    help: "text encoding instead of detecting it (utf-8, windows-1250, …)",
    commands: READING,
  },
  {
    key: "delimiter",
    value: "<char>",
    kind: "string",
    help: "field delimiter instead of sniffing it (, ; | tab, or whitespace: runs of spaces and tabs)",
    commands: READING,
  },
  {
    key: "decimal",
    value: "<mark>",
    kind: "string",
    help: "decimal mark of amounts, when the values can't tell (1,234)",
    commands: READING,
    choices: [".", ","],
  },
  {
    key: "date-format",
    value: "<order>",
    kind: "string",
    help: "day/month order of slash dates (01/02/2025), when the values can't tell",
    commands: READING,
    choices: ["dmy", "mdy"],
    formerKeys: ["dateFormat"],
  },
  {
    key: "tz",
    value: "<zone>",
    kind: "string",
    help: "IANA time zone for wall-clock times and day bounds",
    defaultSaid: "$TZ, else the system zone",
    commands: READING,
    formerKeys: ["timezone"],
  },
  {
    key: "window",
    value: "<spec>",
    kind: "string",
    help: "Nd, Nm (calendar months), Ny, all, or YYYY-MM-DD..YYYY-MM-DD",
    commands: ["report", "cohorts", "rfm"],
    defaultSaid: "365d",
    // A report's window in a config would cut cohorts and segments to it: the config's is the report's.
    configCommands: REPORT,
    perCommand: {
      cohorts: { help: "only cohorts acquired in the window: Nd, Nm, Ny, all, or YYYY-MM-DD..YYYY-MM-DD", defaultSaid: "all" },
      rfm: { help: "only orders in the window: Nd, Nm, Ny, all, or YYYY-MM-DD..YYYY-MM-DD", defaultSaid: "all" },
    },
  },
  {
    key: "as-of",
    value: "<date>",
    kind: "string",
    help: "last day inside the window, YYYY-MM-DD or today",
    defaultSaid: "date of the latest order",
    commands: ORDERS,
    perCommand: {
      cohorts: {
        help: "the day the cohorts are followed to (its end), YYYY-MM-DD or today",
        defaultSaid: "a --window range's last day, else the date of the latest order",
      },
      rfm: {
        help: "the day recency is counted to (its end), YYYY-MM-DD or today",
        defaultSaid: "a --window range's last day, else the date of the latest order",
      },
      clv: { help: "the last day read: the calibration's (or the holdout's) end, YYYY-MM-DD or today" },
    },
    notInConfig:
      'a fixed as-of would stop every run at that day (a cron job would report the same window forever); pass --as-of on the command line, e.g. --as-of "$(date -d yesterday +%F)"',
  },
  {
    key: "format",
    value: "<format>",
    kind: "string",
    help: "output format (csv: tidy rows of as-of, currency, metric, value; html: one self-contained page)",
    commands: READING,
    choices: ["table", "json", "csv", "html"],
    default: "table",
    // inspect has no csv: a config's format is the report's (and the analyses').
    configCommands: ORDERS,
    perCommand: {
      cohorts: { help: "output format (csv: tidy rows of currency, cohort, offset, metric, value, mature)" },
      rfm: { help: "output format (csv: a row per currency and segment)" },
      clv: { help: "output format (csv: a row per currency and figure)" },
      inspect: { help: "output format", choices: ["table", "json"] },
    },
  },
  {
    key: "out",
    value: "<file>",
    kind: "string",
    help: "write the output to FILE instead of stdout, whole or not at all (a temporary file in the same folder, then renamed)",
    commands: ORDERS,
    notInConfig: "the output file is each run's own: name it with --out",
  },
  {
    key: "locale",
    value: "<tag>",
    kind: "string",
    help: "the locale of an HTML page's numbers and dates, e.g. cs-CZ (1 234,50 Kč) or en-GB; the words stay English",
    commands: ORDERS,
    defaultSaid: "from LC_ALL, LC_NUMERIC or LANG; else en-US",
  },
  {
    key: "compare",
    value: "<what>",
    kind: "string",
    help: "also show the previous window and the change",
    commands: REPORT,
    choices: ["previous"],
  },
  {
    key: "every",
    value: "<period>",
    kind: "string",
    help: "a series: one window per period end (with --periods)",
    commands: REPORT,
    choices: PERIODS,
  },
  {
    key: "periods",
    value: "<n>",
    kind: "number",
    help: "how many points --every computes",
    defaultSaid: "12",
    commands: ["report", "cohorts"],
    // A report's --periods in a config is its series' length, not a number of cohorts.
    configCommands: REPORT,
    perCommand: {
      cohorts: { help: "how many of the latest cohort periods to show", defaultSaid: "12; with --window every cohort acquired in it" },
    },
  },
  {
    key: "margin",
    value: "<share>",
    kind: "number",
    help: "share of revenue that is profit, for clv (e.g. 0.3)",
    commands: ["report", "clv"],
    perCommand: { clv: { help: "share of an order's value that is profit, for the CLV (e.g. 0.3)" } },
    default: "1",
  },
  {
    key: "period",
    value: "<period>",
    kind: "string",
    help: "the cohorts' period: the calendar month, ISO week (Monday to Sunday) or quarter of each customer's first order",
    commands: ["cohorts"],
    choices: COHORT_PERIODS,
    default: "month",
  },
  {
    key: "metric",
    value: "<figure>",
    kind: "string",
    help: "the table's matrix: retention, revenue (cumulative per customer) or orders (cumulative per customer)",
    commands: ["cohorts"],
    choices: COHORT_METRICS,
    default: "retention",
  },
  {
    key: "scale",
    value: "<n>",
    kind: "number",
    help: "scores 1 to N per dimension: 5 (quintiles), 4 (quartiles, as pymc-marketing), 3 (as Klaviyo)",
    commands: ["rfm"],
    choices: RFM_SCALES,
    default: "5",
  },
  {
    key: "segments",
    value: "<grid>",
    kind: "string",
    help: "the segment grid: default (ours, for the scale), rfm-package (the R package rfm's, scale 5), config (the config's rfmSegments)",
    commands: ["rfm"],
    choices: RFM_GRIDS,
    defaultSaid: "config when the config has rfmSegments, else default",
  },
  {
    key: "rfm-segments",
    kind: "object",
    help: "a segment grid of your own: ordered rules of score ranges, first match wins, and a fallback",
    commands: ["rfm", "dashboard"],
    aliases: ["rfmSegments"],
    example: '{ "rules": [{ "name": "VIP", "r": [4, 5], "fm": [4, 5] }], "fallback": "Others" }',
  },
  {
    key: "model",
    value: "<model>",
    kind: "string",
    help: "the purchase model: bg-nbd (Fader, Hardie & Lee 2005) or pareto-nbd (Schmittlein, Morrison & Colombo 1987)",
    commands: ["clv"],
    choices: CLV_MODELS,
    default: "bg-nbd",
  },
  {
    key: "time-unit",
    value: "<unit>",
    kind: "string",
    help: "the unit of t_x, T and the model's rates: week (the published values') or day",
    commands: ["clv"],
    choices: TIME_UNITS,
    default: "week",
  },
  {
    key: "horizon",
    value: "<span>",
    kind: "string",
    help: "how far ahead to predict: Nm (months of 4.345 weeks), Nw or Nd",
    commands: ["clv"],
    default: "12m",
  },
  {
    key: "holdout",
    value: "<span>",
    kind: "string",
    help: "fit on the orders before the last Nw, Nm or Nd up to --as-of, and check the predictions on those",
    commands: ["clv"],
  },
  {
    key: "discount",
    value: "<rate>",
    kind: "number",
    help: "the monthly discount rate of the CLV (0.01 = 1 % a month)",
    commands: ["clv"],
    default: "0.01",
  },
  {
    key: "penalizer",
    value: "<coefficient>",
    kind: "number",
    help: "an L2 penalty on the parameters, as lifetimes' penalizer_coef (0: plain maximum likelihood)",
    commands: ["clv"],
    default: "0",
  },
  {
    key: "customers-out",
    value: "<file>",
    kind: "string",
    help: "write every customer's scores and segment to FILE (CSV for an email tool's import; - for stdout)",
    commands: ["rfm", "clv"],
    perCommand: {
      clv: {
        help: "write every customer's predictions (P(alive), purchases, order value, CLV) and RFM segment to FILE (CSV; - for stdout)",
      },
    },
    notInConfig: "the list is each run's output: name it with --customers-out",
  },
  {
    key: "revenue",
    value: "<basis>",
    kind: "string",
    help: "an order's revenue: total (total − refunds) or net-sales (gross sales − discounts, without shipping and taxes: Shopify's AOV basis)",
    choices: REVENUE_BASES,
    default: "total",
    commands: ORDERS,
  },
  {
    key: "fail-if",
    value: "<condition>",
    kind: "list",
    help: "exit 4 when a metric trips, e.g. 'repeatPurchaseRate<0.2' (repeatable)",
    commands: REPORT,
    notInConfig:
      "a condition belongs to the job that checks it: in a config it would fail every run, an ad-hoc look included; put --fail-if on the cron line",
  },
  {
    key: "strict",
    kind: "switch",
    help: "exit 3 on the first row that cannot be read, instead of skipping it",
    commands: READING,
    notInConfig: "no flag could turn a config's strict off again; pass --strict on the runs that want it",
  },
  {
    key: "quiet",
    short: "-q",
    kind: "switch",
    help: "no warnings on stderr (for cron): only errors and tripped --fail-if conditions",
    commands: ORDERS,
    notInConfig: "no flag could turn a config's quiet off again, and a run by hand should see its warnings; pass --quiet on the cron line",
  },
  {
    key: "verbose",
    kind: "switch",
    help: "say on stderr how each file is read: cut from its bytes or its decoded text, the columns read, in one thread or two",
    commands: READING,
    notInConfig: "it is for a look at one run; pass --verbose on the command line",
  },
  {
    key: "no-progress",
    kind: "switch",
    help: "never show read progress on stderr",
    commands: ORDERS,
    notInConfig: "progress is shown only on a terminal anyway; pass --no-progress where it is not wanted",
  },
];

/**
 * `dashboard` takes what `report` reads and how (the inputs, the reading flags, --window, --as-of,
 * --margin, --revenue, --out, --locale), but not its output choices: the page is HTML, compares
 * with the previous window and shows the last 12 month ends (docs/html.md, "The dashboard's settings").
 */
const NOT_ON_DASHBOARD = new Set(["format", "compare", "every", "periods", "fail-if"]);

export const SETTINGS: readonly Setting[] = TABLE.map((s) =>
  s.commands.includes("report") && !NOT_ON_DASHBOARD.has(s.key) ? { ...s, commands: [...s.commands, "dashboard"] } : s,
);

/** The attribute commander gives a flag's value: `status-map` → statusMap, `no-progress` → progress. */
export const attributeOf = (setting: Setting): string =>
  setting.key.replace(/^no-/, "").replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** The keys a config file may hold, in the table's order. */
export const CONFIG_KEYS: readonly string[] = SETTINGS.filter((s) => s.notInConfig === undefined).map((s) => s.key);

/** The setting of a config key or former key, by the name written. */
export function settingOfKey(key: string): { setting: Setting; former: boolean } | undefined {
  const setting = SETTINGS.find((s) => s.key === key);
  if (setting) return { setting, former: false };
  const alias = SETTINGS.find((s) => s.aliases?.includes(key));
  if (alias) return { setting: alias, former: false };
  const renamed = SETTINGS.find((s) => s.formerKeys?.includes(key));
  return renamed ? { setting: renamed, former: true } : undefined;
}

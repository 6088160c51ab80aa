/**
 * `shopmetrics inspect FILE`: what was read and why — platform, encoding, delimiter, each money
 * column's decimal mark, the date order, the row grain, the column mapping (and, for a generic
 * file, the columns that look like the fields it lacks), the statuses found with their mapping
 * and counts, the data's first and last day, orders per currency, how customers and guests are
 * told apart, and the first few orders as the metrics see them. The file is read once, exactly
 * as `report` reads it; what inspect counts on top it counts from the orders as they pass.
 */
import type { ChalkInstance } from "chalk";
import { formatDay } from "../core/calendar.js";
import type { Decided } from "../core/decided.js";
import { minorDigits, toMajor } from "../core/money.js";
import { formatOffset, type OffsetTally } from "../core/offsets.js";
import { COUNTED_STATUSES, type Order, type StatusOrUnknown, type StatusRule } from "../core/order.js";
import type { ProblemCode } from "../core/problems.js";
import type { Zone } from "../core/zone.js";
import { isPreambleLine, type TextDialect } from "../io/csv/dialect.js";
import { mapFlag } from "../io/orders/column-hints.js";
import { MONEY_FIELDS } from "../io/orders/conventions.js";
import type { OrdersRead } from "../io/orders/order-reader.js";
import type { DecimalMark } from "../io/parse/amount.js";
import type { DateOrder } from "../io/parse/date.js";
import { detectOrderPlatform } from "../io/platforms/index.js";
import { detectReviewPlatform } from "../io/platforms/review-platforms.js";
import { detectSurveyPlatform } from "../io/platforms/survey-platforms.js";
import { detectTicketPlatform } from "../io/platforms/ticket-platforms.js";
import { detectTrafficPlatform } from "../io/platforms/traffic-platforms.js";
import type { ProblemLog } from "../io/problems.js";
import { peek, readFile, type Source } from "../io/read-file.js";
import { looksLikeXml } from "../io/reviews/heureka-xml.js";
import type { ReviewsRead } from "../io/reviews/review-reader.js";
import type { AttributionRead } from "../io/surveys/attribution-reader.js";
import type { SurveysRead } from "../io/surveys/survey-reader.js";
import type { PushReader } from "../io/table.js";
import type { TicketsRead } from "../io/tickets/ticket-reader.js";
import type { TrafficRead } from "../io/traffic/traffic-reader.js";
import { channelsOf } from "../metrics/breakdowns/referrals.js";
import { METRICS } from "../metrics/index.js";
import {
  type AttributionInspection,
  INSPECTION_SCHEMA_VERSION,
  type Inspection,
  type ReviewInspection,
  type StatusSeen,
  type SurveyInspection,
  type TicketsInspection,
  type TrafficInspection,
} from "../report/inspection.js";
import { renderInspection } from "../report/render-inspection.js";
import { instantSpan } from "./engagement.js";
import {
  type AttributionFile,
  type AttributionReadingOptions,
  attributionReaderFor,
  fittingZones,
  missingInputWarnings,
  type OrderReadingOptions,
  type OrdersFile,
  orderReaderFor,
  type ReviewReadingOptions,
  type ReviewsFile,
  readAttribution,
  readReviews,
  readTickets,
  readTraffic,
  reviewReaderFor,
  SNIFF_BYTES,
  type SurveyReadingOptions,
  type SurveysFile,
  surveyReaderFor,
  type TicketReadingOptions,
  type TicketsFile,
  type TrafficFile,
  type TrafficReadingOptions,
  ticketReaderFor,
  trafficReaderFor,
  zoneWarnings,
} from "./read-shop.js";

/** How many normalised orders inspect shows. */
const SAMPLE_ORDERS = 5;

/** What inspect reads a file with: the orders options, and the survey, review and attribution ones for those exports. */
export interface InspectOptions extends OrderReadingOptions {
  readonly surveys?: SurveyReadingOptions;
  readonly reviews?: ReviewReadingOptions;
  readonly attributionReading?: AttributionReadingOptions;
  readonly tickets?: TicketReadingOptions;
  readonly traffic?: TrafficReadingOptions;
}

/**
 * Inspects an orders export, a survey export (--survey) or a review export (--reviews): which,
 * the file says — XML is Heureka's reviews; a CSV header is an orders file unless it is a survey
 * or review format's and no order platform's (or --survey-platform, a question's --survey-map,
 * --reviews-platform or --reviews-map says so).
 */
export async function inspectFile(
  given: Source,
  options: InspectOptions,
): Promise<Inspection | SurveyInspection | ReviewInspection | AttributionInspection | TicketsInspection | TrafficInspection> {
  // The rows it skips are listed in the inspection, each once: not also as warnings on stderr.
  const quiet = { ...options, onProblem: undefined };
  const { head, source } = await peek(given, SNIFF_BYTES);
  if (options.reviews?.platform !== undefined || (options.reviews?.maps.size ?? 0) > 0 || looksLikeXml(head)) {
    return inspectReviews(await readReviews(source, quiet), options);
  }
  const attribution = options.attributionReading;
  if (attribution?.platform !== undefined || (attribution?.maps.size ?? 0) > 0)
    return inspectAttribution(await readAttribution(source, quiet), options);
  if (options.tickets?.platform !== undefined || (options.tickets?.maps.size ?? 0) > 0)
    return inspectTickets(await readTickets(source, quiet), options);
  if (options.traffic?.platform !== undefined || (options.traffic?.maps.size ?? 0) > 0 || startsWithPreamble(head))
    return inspectTraffic(await readTraffic(source, quiet), options);
  const tally = new OrderTally();
  const orders = orderReaderFor(source, { ...quiet, onMissingColumns: "describe", onOrder: (order) => tally.add(order) });
  const surveys = surveyReaderFor(source, quiet);
  const reviews = reviewReaderFor(source, quiet);
  const attributions = attributionReaderFor(source, quiet);
  const tickets = ticketReaderFor(source, quiet);
  const traffic = trafficReaderFor(source, quiet);
  const { encoding, delimiter, onProgress, onRead } = options;
  type Read = OrdersRead | SurveysRead | ReviewsRead | AttributionRead | TicketsRead | TrafficRead;
  const { dialect, result } = await readFile<Read>(
    source,
    { encoding, delimiter, onProgress, onRead, what: "the file" },
    (header, projection): PushReader<Read> => {
      if (isSurveyHeader(header, options)) return surveys(header);
      if (isReviewHeader(header)) return reviews(header, projection);
      if (isAttributionHeader(header)) return attributions(header, projection);
      const orderPlatform = detectOrderPlatform(header).source === "content";
      if (!orderPlatform && detectTicketPlatform(header, undefined, false) !== null) return tickets(header, projection);
      if (!orderPlatform && detectTrafficPlatform(header, { mapped: false, preamble: false }) !== null) return traffic(header);
      return orders(header, projection);
    },
  );
  if ("tickets" in result) return inspectTickets({ ...result, file: source.file, dialect }, options);
  if ("days" in result) return inspectTraffic({ ...result, file: source.file, dialect }, options);
  if ("questions" in result) return inspectSurvey({ ...result, file: source.file, dialect }, options);
  if ("answered" in result) return inspectAttribution({ ...result, file: source.file, dialect }, options);
  if ("ratings" in result)
    return inspectReviews(
      { ...result, file: source.file, encoding: dialect.encoding.value, delimiter: dialect.delimiter.value, dialect },
      options,
    );
  return inspectOrders({ ...result, file: source.file, dialect }, tally, source, options);
}

/** An analytics export's `#` preamble (GA4, UA): `#` then a space, a dash or a line end, after a BOM. */
function startsWithPreamble(head: Uint8Array): boolean {
  // The decoder drops a byte-order mark.
  const utf16 = head[0] === 0xff && head[1] === 0xfe;
  return isPreambleLine(new TextDecoder(utf16 ? "utf-16le" : "utf-8").decode(head.subarray(0, 16)));
}

function inspectTickets(read: TicketsFile, options: InspectOptions): TicketsInspection {
  const { zone } = options;
  const { created, answered, resolved, channel, channels } = read.tickets;
  const perChannel = new Map<string, number>();
  for (const c of channel) if (c >= 0) perChannel.set(channels[c]!, (perChannel.get(channels[c]!) ?? 0) + 1);
  return {
    schemaVersion: INSPECTION_SCHEMA_VERSION,
    kind: "tickets-inspection",
    file: read.file,
    timezone: zone.name,
    timezoneSource: options.zoneSource,
    platform: { ...read.platform, value: read.platform.value.name, label: read.platform.value.label },
    encoding: read.dialect.encoding,
    delimiter: read.dialect.delimiter,
    times: `times without an offset are wall-clock time in ${zone.name} (Zendesk writes the account's zone)`,
    responseTimes: read.times,
    columnChoices: read.columns as Record<string, Decided<string>>,
    dateOrder: read.dateOrder ?? { value: null, reason: "no slash dates that need a day/month order", source: "default" },
    rows: read.rowsRead,
    tickets: created.length,
    answered: answered.reduce((n, a) => n + a, 0),
    resolved: resolved.reduce((n, r) => n + r, 0),
    channels: [...perChannel].map(([c, n]) => ({ channel: c, tickets: n })).sort((a, b) => b.tickets - a.tickets),
    days: daysOf(created, zone),
    excluded: read.excluded,
    ...problemsOf(read.problems),
    warnings: [],
  };
}

function inspectTraffic(read: TrafficFile, options: InspectOptions): TrafficInspection {
  const days = [...read.days.keys()];
  let sessions = read.aggregate?.sessions ?? 0;
  for (const d of read.days.values()) sessions += d.sessions;
  return {
    schemaVersion: INSPECTION_SCHEMA_VERSION,
    kind: "traffic-inspection",
    file: read.file,
    timezone: options.zone.name,
    timezoneSource: options.zoneSource,
    platform: { ...read.platform, value: read.platform.value.name, label: read.platform.value.label },
    encoding: read.dialect.encoding,
    delimiter: read.dialect.delimiter,
    times: "days as written: each row is a local calendar day",
    columnChoices: read.columns as Record<string, Decided<string>>,
    dateOrder: read.dateOrder ?? { value: null, reason: "no slash dates that need a day/month order", source: "default" },
    rows: read.rowsRead,
    headerLine: read.headerLine,
    range: read.range && { from: formatDay(read.range.firstDay), to: formatDay(read.range.lastDay) },
    otherTables: read.otherTables,
    dayCount: days.length,
    days: days.length === 0 ? null : { first: formatDay(Math.min(...days)), last: formatDay(Math.max(...days)) },
    sessions,
    aggregate: read.aggregate !== null,
    excluded: read.excluded,
    ...problemsOf(read.problems),
    warnings: [],
  };
}

/** A survey export: forced or mapped as one, or a survey format's header that is no order platform's. */
function isSurveyHeader(header: readonly string[], options: InspectOptions): boolean {
  const surveys = options.surveys;
  if (surveys?.platform !== undefined || ["nps", "csat", "ces"].some((kind) => surveys?.maps.has(kind as "nps"))) return true;
  if (options.platform !== undefined || options.maps.size > 0) return false;
  return detectOrderPlatform(header).source !== "content" && detectSurveyPlatform(header) !== null;
}

function inspectAttribution(read: AttributionFile, options: InspectOptions): AttributionInspection {
  const channels = channelsOf(
    read.answers.map((a) => a.text),
    new Map(),
  );
  return {
    schemaVersion: INSPECTION_SCHEMA_VERSION,
    kind: "attribution-inspection",
    file: read.file,
    timezone: options.zone.name,
    timezoneSource: options.zoneSource,
    platform: read.platform,
    encoding: read.dialect.encoding,
    delimiter: read.dialect.delimiter,
    columnChoices: read.columns as Record<string, Decided<string>>,
    rows: read.rowsRead,
    answered: read.answered,
    answers: read.answers.map((a, i) => ({ ...a, channel: channels[i]! })),
    excluded: read.excluded,
    ...problemsOf(read.problems),
    warnings: [],
  };
}

/** A CSV header with an order column and an answer column, and no order, survey or review format's. */
function isAttributionHeader(header: readonly string[]): boolean {
  const names = new Set(header.map((h) => h.trim().toLowerCase()));
  const order = ["order_number", "order_id", "order"].some((n) => names.has(n));
  const answer = ["response", "answer", "source", "channel"].some((n) => names.has(n));
  return order && answer && detectOrderPlatform(header).source !== "content";
}

/** A CSV header that is a review format's and no order platform's. */
function isReviewHeader(header: readonly string[]): boolean {
  return detectOrderPlatform(header).source !== "content" && detectReviewPlatform(header, undefined, false) !== null;
}

function inspectReviews(read: ReviewsFile & { readonly dialect?: TextDialect }, options: InspectOptions): ReviewInspection {
  const { zone } = options;
  const { at, rating, unratedAt } = read.ratings;
  const counts = new Map<number, number>();
  for (const r of rating) counts.set(r, (counts.get(r) ?? 0) + 1);
  const xml = read.dialect === undefined;
  return {
    schemaVersion: INSPECTION_SCHEMA_VERSION,
    kind: "reviews-inspection",
    file: read.file,
    timezone: zone.name,
    timezoneSource: options.zoneSource,
    platform: { ...read.platform, value: read.platform.value.name, label: read.platform.value.label },
    encoding: read.dialect?.encoding ?? { value: read.encoding, reason: "the XML declaration's, else UTF-8", source: "content" },
    delimiter: read.dialect?.delimiter ?? { value: "", reason: "XML has none", source: "content" },
    times: xml
      ? "unix_timestamp is Unix seconds: an instant"
      : read.platform.value.name === "trustpilot"
        ? "times without an offset are UTC (the header says so)"
        : `times without an offset are wall-clock time in ${zone.name}`,
    columnChoices: read.columns as Record<string, Decided<string>>,
    dateOrder: read.dateOrder ?? { value: null, reason: "no slash dates that need a day/month order", source: "default" },
    rows: read.rowsRead,
    reviews: at.length,
    ratings: [...counts].map(([r, n]) => ({ rating: r, count: n })).sort((a, b) => b.rating - a.rating),
    unrated: unratedAt.length,
    days: daysOf(at, zone),
    excluded: read.excluded,
    ...problemsOf(read.problems),
    warnings: [],
  };
}

function inspectSurvey(read: SurveysFile, options: InspectOptions): SurveyInspection {
  const { zone } = options;
  const { platform } = read;
  return {
    schemaVersion: INSPECTION_SCHEMA_VERSION,
    kind: "survey-inspection",
    file: read.file,
    timezone: zone.name,
    timezoneSource: options.zoneSource,
    platform: { ...platform, value: platform.value.name, label: platform.value.label, shape: platform.value.shape },
    encoding: read.dialect.encoding,
    delimiter: read.dialect.delimiter,
    times:
      platform.value.times === "utc"
        ? "times without an offset are UTC (the header says so)"
        : `times without an offset are wall-clock time in ${zone.name}`,
    subHeaderLine: read.subHeaderLine,
    columnChoices: read.columns as Record<string, Decided<string>>,
    questions: read.questions.map((question) => {
      const { at } = question.answers;
      return {
        kind: question.kind,
        column: question.column,
        scale: question.scale,
        ...(question.direction ? { direction: question.direction } : {}),
        answers: at.length,
        days: daysOf(at, zone),
      };
    }),
    passedOver: read.passedOver,
    dateOrder: read.dateOrder ?? { value: null, reason: "no slash dates that need a day/month order", source: "default" },
    rows: read.rowsRead,
    ...problemsOf(read.problems),
    excluded: {
      ...read.excluded,
      ...(read.unanswered > 0 ? { unanswered: read.unanswered } : {}),
      ...(read.otherAnswers > 0 ? { otherQuestions: read.otherAnswers } : {}),
    },
    warnings: read.warnings,
  };
}

/** The local days of the first and last of some instants; null with none. */
function daysOf(instants: readonly number[], zone: Zone): { readonly first: string; readonly last: string } | null {
  const span = instantSpan([instants]);
  return span && { first: formatDay(zone.dayOf(span.first)), last: formatDay(zone.dayOf(span.last)) };
}

/** A file's skipped rows, as every inspection lists them. */
function problemsOf(log: ProblemLog): Pick<Inspection, "rowsSkipped" | "skippedByCode" | "problems" | "problemsOmitted"> {
  return { rowsSkipped: log.rowsSkipped, skippedByCode: codesOf(log.skippedByCode), problems: log.problems, problemsOmitted: log.omitted };
}

/** Skipped rows by code, the most first. */
function codesOf(byCode: ReadonlyMap<ProblemCode, number>): Partial<Record<ProblemCode, number>> {
  return Object.fromEntries([...byCode].sort(([a, m], [b, n]) => n - m || a.localeCompare(b))) as Partial<Record<ProblemCode, number>>;
}

function inspectOrders(read: OrdersFile, tally: OrderTally, source: Source, options: OrderReadingOptions): Inspection {
  const { zone } = options;
  const { conventions, ledger } = read;
  const decimal: Record<string, Decided<DecimalMark | null>> = {};
  for (const field of MONEY_FIELDS) {
    if (read.columnNames[field] === undefined) continue;
    decimal[field] = conventions.decimal.get(field) ?? {
      value: null,
      reason: "no value has a decimal mark (whole numbers only)",
      source: "default",
    };
  }
  const dateOrder: Decided<DateOrder | null> = conventions.dateOrder ?? {
    value: null,
    reason: "no slash dates that need a day/month order",
    source: "default",
  };
  const platform = read.platform;
  const identified = ledger.ordersRead - ledger.unidentified;
  const amounts = read.unavailable.amounts === null;
  const given = [...options.maps].map(([field, column]) => mapFlag(field, column));
  return {
    schemaVersion: INSPECTION_SCHEMA_VERSION,
    kind: "inspection",
    file: source.file,
    timezone: zone.name,
    timezoneSource: options.zoneSource,
    offsets: offsetsSeen(read.offsets),
    platform: { ...platform, value: platform.value.name, label: platform.value.label },
    encoding: read.dialect.encoding,
    delimiter: read.dialect.delimiter,
    grain: platform.value.grain,
    columns: read.columnNames,
    columnChoices: read.columns,
    suggestions: {
      hints: read.hints,
      line: read.hints.length === 0 ? null : [...given, ...read.hints.map((h) => mapFlag(h.field, h.column))].join(" "),
    },
    notRead: read.missing,
    decimal,
    dateOrder,
    statuses: [...tally.statuses.values()]
      .map(
        ({ text, status, rule, count }): StatusSeen => ({
          text,
          status: status === "unknown-status" ? "unknown: counted as completed" : status,
          rule,
          ruleReason: rule === null ? null : ruleReason(rule, status, read),
          count,
        }),
      )
      .sort((a, b) => b.count - a.count || a.text.localeCompare(b.text)),
    rows: read.rowsRead,
    rowsSkipped: read.problems.rowsSkipped,
    skippedByCode: codesOf(read.problems.skippedByCode),
    orders: ledger.ordersRead,
    days: ledger.ordersRead === 0 ? null : { first: formatDay(zone.dayOf(ledger.firstAt)), last: formatDay(zone.dayOf(ledger.lastAt)) },
    currencies: [...tally.currencies]
      .map(([currency, c]) => ({ currency, orders: c.orders, counted: c.counted }))
      .sort((a, b) => b.orders - a.orders || (a.currency ?? "").localeCompare(b.currency ?? "")),
    identified: { orders: identified, share: ledger.ordersRead === 0 ? null : identified / ledger.ordersRead },
    guest: { rule: guestRule(read), guest: tally.guest, account: tally.account, unknown: tally.unknownGuest },
    unavailable: read.unavailable,
    // Orders that waited for a decimal or date decision are read later: show the file's first.
    sample: tally.sample
      .sort((a, b) => a.line - b.line)
      .slice(0, SAMPLE_ORDERS)
      .map((o) => {
        const digits = minorDigits(o.currency);
        return {
          key: o.key,
          line: o.line,
          createdAt: zone.formatInstant(o.at),
          currency: o.currency,
          total: amounts ? toMajor(o.total, digits) : null,
          refunded: amounts ? toMajor(o.refunded, digits) : null,
          status: o.status,
          email: o.email,
          customerId: o.customerId,
          guest: o.guest,
        };
      }),
    problems: read.problems.problems,
    problemsOmitted: read.problems.omitted,
    // A header that can't be read says so above: no warnings about the metrics its orders would give.
    warnings: [
      ...zoneWarnings(read, options),
      ...read.warnings,
      ...(read.missing === null ? missingInputWarnings(source.file, read.unavailable, METRICS) : []),
    ],
  };
}

/**
 * What inspect counts of the orders as they are decoded, besides what the ledger keeps for the
 * metrics: a sample, orders per currency, each status text with the status and rule it gave,
 * and the guest flags. A few map lookups an order.
 */
class OrderTally {
  /** The first orders decoded (some wait for a convention, so more than shown, sorted by line later). */
  readonly sample: Order[] = [];
  readonly currencies = new Map<string | null, { orders: number; counted: number }>();
  /** Keyed by text, status and rule: one Financial Status "paid" is cancelled when its Cancelled at is set. */
  readonly statuses = new Map<string, { text: string; status: StatusOrUnknown; rule: StatusRule | null; count: number }>();
  guest = 0;
  account = 0;
  unknownGuest = 0;
  /**
   * The last order's currency and status (its text, status and rule: the key of `statuses`), with
   * their entries: orders mostly come in runs of one currency and one status, and each lookup
   * otherwise hashed a string made for it (about 5 % of inspect's time on a million orders).
   */
  #currency: string | null | undefined = undefined;
  #currencyEntry: { orders: number; counted: number } | undefined;
  #status: { text: string; status: StatusOrUnknown; rule: StatusRule | null; count: number } | undefined;

  add(order: Order): void {
    if (this.sample.length < SAMPLE_ORDERS * 4) this.sample.push(order);
    let currency = order.currency === this.#currency ? this.#currencyEntry : this.currencies.get(order.currency);
    if (!currency) {
      currency = { orders: 0, counted: 0 };
      this.currencies.set(order.currency, currency);
    }
    this.#currency = order.currency;
    this.#currencyEntry = currency;
    currency.orders++;
    if (COUNTED_STATUSES.has(order.status)) currency.counted++;
    const rule = order.statusRule ?? null;
    const last = this.#status;
    if (last !== undefined && last.text === order.statusText && last.status === order.status && last.rule === rule) last.count++;
    else {
      const key = `${order.statusText}\u0000${order.status}\u0000${rule ?? ""}`;
      let seen = this.statuses.get(key);
      if (seen) seen.count++;
      else {
        seen = { text: order.statusText, status: order.status, rule, count: 1 };
        this.statuses.set(key, seen);
      }
      this.#status = seen;
    }
    if (order.guest === null) this.unknownGuest++;
    else if (order.guest) this.guest++;
    else this.account++;
  }
}

/** A status rule in words, with the file's column names: `Cancelled at is set`, `InvoiceNo starts with C or A`. */
function ruleReason(rule: StatusRule, status: StatusOrUnknown, read: OrdersFile): string {
  const names = read.columnNames;
  switch (rule) {
    case "cancelled-at":
      return `${names.cancelled_at ?? "cancelled_at"} is set`;
    case "key-prefix": {
      const prefixes = Object.entries(read.platform.value.keyPrefixStatus ?? {})
        .filter(([, mapped]) => mapped === status)
        .map(([prefix]) => prefix);
      return `${names.order_id ?? "the order key"} starts with ${prefixes.join(" or ")}`;
    }
    case "status-map":
      return "--status-map";
  }
}

/** How the file tells guest checkouts from accounts, or why it can't. */
function guestRule(read: OrdersFile): string {
  const rule = read.platform.value.guest;
  const names = read.columnNames;
  const unknown = read.unavailable.guest ?? "";
  switch (rule.kind) {
    case "unknown":
      return rule.reason;
    case "customer-id-zero":
      return names.customer_id === undefined ? unknown : `a ${names.customer_id} of 0 or empty is a guest checkout, any other an account`;
    case "column":
      return names.guest === undefined ? unknown : `${names.guest}: true, 1 or yes is a guest checkout, false, 0 or no an account`;
    case "column-equals":
      return names.guest === undefined
        ? unknown
        : `${names.guest} ${rule.values.map((v) => JSON.stringify(v.toUpperCase())).join(" or ")} is a guest checkout, anything else an account`;
  }
}

/** The UTC offsets the order dates carry, how many the zone contradicts, and the zones that fit them all. */
function offsetsSeen(offsets: OffsetTally): Inspection["offsets"] {
  return {
    seen: offsets.offsets.map((o) => ({ offset: formatOffset(o.minutes), count: o.count })),
    contradicted: offsets.contradicted,
    zonesFitting: offsets.total === 0 ? [] : fittingZones(offsets),
  };
}

/** The inspection as the chosen output format prints it. */
export function renderInspect(
  inspection: Inspection | SurveyInspection | ReviewInspection | AttributionInspection | TicketsInspection | TrafficInspection,
  format: "table" | "json",
  chalk: ChalkInstance,
): string {
  return format === "json" ? `${JSON.stringify(inspection, null, 2)}\n` : renderInspection(inspection, chalk);
}

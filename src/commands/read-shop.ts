/**
 * Reading a shop's exports, as every command that computes from orders does: the customers file
 * first (when given), into the identity graph the orders then join; then the orders file, into
 * the ledger; then the survey, review, ticket and traffic files, each into its figures' inputs. What each file lacks (identity,
 * amounts, guest flags) is settled here, after the join, and so is the data-quality ledger every
 * command's JSON carries.
 */
import type { BusinessHours } from "../core/business-hours.js";
import { formatDay } from "../core/calendar.js";
import type { Decided } from "../core/decided.js";
import { AppError } from "../core/errors.js";
import { IdentityGraph } from "../core/identity.js";
import { markGuestsByRegistration, type OrderLedger } from "../core/ledger.js";
import { formatOffset, type OffsetTally } from "../core/offsets.js";
import type { Order } from "../core/order.js";
import type { ProblemCode } from "../core/problems.js";
import type { TimeBasis } from "../core/ticket.js";
import { count, listed } from "../core/words.js";
import type { ZoneSource } from "../core/zone.js";
import type { DialectOptions, TextDialect } from "../io/csv/dialect.js";
import type { Projection, ReadProgress } from "../io/csv/read-csv.js";
import { type CustomersRead, createCustomerReader } from "../io/customers/customer-reader.js";
import { createOrderReader, type OrderInputs, type OrderReaderOptions, type OrdersRead } from "../io/orders/order-reader.js";
import type { CustomerField } from "../io/platforms/customer-platforms.js";
import type { ReviewField } from "../io/platforms/review-platforms.js";
import type { SurveyField } from "../io/platforms/survey-platforms.js";
import type { TicketField } from "../io/platforms/ticket-platforms.js";
import type { TrafficField } from "../io/platforms/traffic-platforms.js";
import { MAX_PROBLEMS, type ProblemLog } from "../io/problems.js";
import { type FileRead, peek, readFile, type Source } from "../io/read-file.js";
import { looksLikeXml, readHeurekaXml } from "../io/reviews/heureka-xml.js";
import { createReviewReader, type ReviewsRead } from "../io/reviews/review-reader.js";
import { type AttributionField, type AttributionRead, createAttributionReader } from "../io/surveys/attribution-reader.js";
import { createSurveyReader, type SurveyReaderOptions, type SurveysRead } from "../io/surveys/survey-reader.js";
import type { PushReader } from "../io/table.js";
import { createTicketReader, type TicketsRead } from "../io/tickets/ticket-reader.js";
import { createTrafficReader, type TrafficRead } from "../io/traffic/traffic-reader.js";
import type { Registry } from "../metrics/registry.js";
import type { DataQuality, InputQuality, InputSummary, QuestionSummary } from "../report/model.js";

/** How to read an orders export: the options every command that reads one takes. */
export interface OrderReadingOptions extends Omit<OrderReaderOptions, "file" | "onOrder" | "identity">, DialectOptions {
  readonly onProgress?: (progress: ReadProgress) => void;
  /** How each file is read, once its header is (--verbose). */
  readonly onRead?: (read: FileRead) => void;
  /** Where `zone` came from: a zone only the system gave may contradict the file's offsets. */
  readonly zoneSource: ZoneSource;
  /** Said once on stderr: the zone that was meant could not be found (UTC is used). */
  readonly zoneWarning?: string;
}

/** How to read a survey file: --survey-map, --survey-platform, the scales and the CES direction. */
export interface SurveyReadingOptions {
  readonly maps: ReadonlyMap<SurveyField, string>;
  readonly platform?: string;
  readonly scales?: SurveyReaderOptions["scales"];
  readonly cesDirection?: SurveyReaderOptions["cesDirection"];
}

/** How to read a review file: --reviews-map, --reviews-platform. */
export interface ReviewReadingOptions {
  readonly maps: ReadonlyMap<ReviewField, string>;
  readonly platform?: string;
}

/** How to read an attribution file: --attribution-map, --attribution-platform. */
export interface AttributionReadingOptions {
  readonly maps: ReadonlyMap<AttributionField, string>;
  readonly platform?: string;
}

/** How to read a ticket file: --tickets-map, --tickets-platform, and on which basis (--business-hours, the config's schedule). */
export interface TicketReadingOptions {
  readonly maps: ReadonlyMap<TicketField, string>;
  readonly platform?: string;
  readonly basis: TimeBasis;
  readonly schedule: BusinessHours | null;
}

/** How to read a traffic file: --traffic-map, --traffic-platform. */
export interface TrafficReadingOptions {
  readonly maps: ReadonlyMap<TrafficField, string>;
  readonly platform?: string;
}

/** How to read a shop: its orders, a customers export to join, survey, review, attribution, ticket and traffic files. */
export interface ShopReadingOptions extends OrderReadingOptions {
  readonly attributionReading?: AttributionReadingOptions;
  /** --customers-map FIELD=Column for the customers file. */
  readonly customerMaps: ReadonlyMap<CustomerField, string>;
  readonly surveys?: SurveyReadingOptions;
  readonly reviews?: ReviewReadingOptions;
  readonly tickets?: TicketReadingOptions;
  readonly traffic?: TrafficReadingOptions;
  /** Keep each customer's email and customer id text (rfm --customers-out names them); off, identity holds hashes only. */
  readonly keepCustomerText?: boolean;
}

export interface ShopSources {
  /** --orders; a report of survey files alone has none. */
  readonly orders?: Source;
  /** --customers: a customers export to join on email and customer id. */
  readonly customers?: Source;
  /** --survey, each. */
  readonly surveys?: readonly Source[];
  /** --reviews, each. */
  readonly reviews?: readonly Source[];
  /** --attribution, each: "how did you hear about us?" answers joined to the orders. */
  readonly attribution?: readonly Source[];
  /** --tickets, each: a helpdesk's ticket export. */
  readonly tickets?: readonly Source[];
  /** --traffic, each: an analytics tool's sessions export. */
  readonly traffic?: readonly Source[];
}

export interface OrdersFile extends OrdersRead {
  readonly file: string;
  readonly dialect: TextDialect;
}

export interface CustomersFile extends CustomersRead {
  readonly file: string;
  readonly dialect: TextDialect;
}

export interface SurveysFile extends SurveysRead {
  readonly file: string;
  readonly dialect: TextDialect;
}

/** A review file read: CSV (its dialect) or Heureka's XML (its encoding; no delimiter). */
export interface ReviewsFile extends ReviewsRead {
  readonly file: string;
  readonly encoding: string;
  /** The CSV's delimiter; "" for XML. */
  readonly delimiter: string;
}

export interface AttributionFile extends AttributionRead {
  readonly file: string;
  readonly dialect: TextDialect;
}

export interface TicketsFile extends TicketsRead {
  readonly file: string;
  readonly dialect: TextDialect;
}

export interface TrafficFile extends TrafficRead {
  readonly file: string;
  readonly dialect: TextDialect;
}

export interface Shop {
  /** Null when only other inputs (surveys, reviews) were given. */
  readonly orders: OrdersFile | null;
  readonly attribution: readonly AttributionFile[];
  readonly customers: CustomersFile | null;
  readonly surveys: readonly SurveysFile[];
  readonly reviews: readonly ReviewsFile[];
  readonly tickets: readonly TicketsFile[];
  readonly traffic: readonly TrafficFile[];
  /** What the metrics can't have from these files, and why (the customers file settles guests). */
  readonly unavailable: OrderInputs;
}

/** Reads the orders file, as every command does; `onOrder` sees each order decoded. */
async function readOrders(
  source: Source,
  options: OrderReadingOptions & { readonly onOrder?: (order: Order) => void; readonly identity?: IdentityGraph },
): Promise<OrdersFile> {
  const { encoding, delimiter, onProgress, onRead } = options;
  const { dialect, result } = await readFile(
    source,
    { encoding, delimiter, onProgress, onRead, what: "the file" },
    orderReaderFor(source, options),
  );
  return { ...result, file: source.file, dialect };
}

/** The orders reader for a file's header, as readOrders makes it (inspect picks it or the survey reader by the header). */
export function orderReaderFor(
  source: Source,
  options: OrderReadingOptions & { readonly onOrder?: (order: Order) => void; readonly identity?: IdentityGraph },
): (header: readonly string[], projection: Projection | null) => PushReader<OrdersRead> {
  return (header, projection) => createOrderReader(header, { ...options, file: source.file, projection });
}

export async function readShop(sources: ShopSources, options: ShopReadingOptions): Promise<Shop> {
  const identity = new IdentityGraph({ keepText: options.keepCustomerText === true });
  // --encoding and --delimiter are for the orders file; the customers file's dialect is its own.
  const customers = sources.customers ? await readCustomers(sources.customers, options, identity) : null;
  if (customers)
    somethingRead(customers, customers.rowsRead - customers.problems.rowsSkipped - customers.repeatedHeaders.length, "customers");
  const surveys: SurveysFile[] = [];
  for (const source of sources.surveys ?? []) {
    const read = await readSurveys(source, options);
    somethingRead(read, read.rowsRead - read.problems.rowsSkipped - read.repeatedHeaders.length, "survey responses");
    surveys.push(read);
  }
  const reviews: ReviewsFile[] = [];
  for (const source of sources.reviews ?? []) {
    const read = await readReviews(source, options);
    somethingRead(read, read.rowsRead - read.problems.rowsSkipped - read.repeatedHeaders.length, "reviews");
    reviews.push(read);
  }
  const tickets: TicketsFile[] = [];
  for (const source of sources.tickets ?? []) {
    const read = await readTickets(source, options);
    somethingRead(read, read.rowsRead - read.problems.rowsSkipped - read.repeatedHeaders.length, "tickets");
    tickets.push(read);
  }
  const traffic: TrafficFile[] = [];
  const earlier = new Set<number>();
  for (const source of sources.traffic ?? []) {
    const read = await readTraffic(source, options, earlier);
    somethingRead(read, read.rowsRead - read.problems.rowsSkipped - read.repeatedHeaders.length, "traffic days");
    for (const day of read.days.keys()) earlier.add(day);
    traffic.push(read);
  }
  const others = { customers, surveys, reviews, tickets, traffic };
  if (!sources.orders) return { orders: null, attribution: [], ...others, unavailable: { identity: null, amounts: null, guest: null } };
  const attribution: AttributionFile[] = [];
  for (const source of sources.attribution ?? []) attribution.push(await readAttribution(source, options));
  // An order's answer is the first file's that has one.
  const answer =
    attribution.length === 0
      ? undefined
      : (key: string) => {
          for (const file of attribution) {
            const found = file.lookup(key);
            if (found !== null) return found;
          }
          return null;
        };
  const orders = await readOrders(sources.orders, { ...options, identity, ...(answer ? { attribution: answer } : {}) });
  somethingRead(orders, orders.ledger.ordersRead, "orders");
  let { guest } = orders.unavailable;
  if (customers && guest !== null) {
    if (orders.unavailable.identity !== null) guest = `${guest}; and ${orders.unavailable.identity}, so the customers file can't be joined`;
    else if (customers.registered) {
      markGuestsByRegistration(orders.ledger, customers.registered);
      guest = null;
    } else guest = `${guest}; and ${customers.registrationUnknownReason}`;
  }
  return { orders, attribution, ...others, unavailable: { ...orders.unavailable, guest } };
}

/** Reads one ticket file (--tickets). */
export async function readTickets(
  source: Source,
  options: Pick<ShopReadingOptions, "strict" | "onProblem" | "onRead" | "zone" | "dateOrder" | "tickets">,
): Promise<TicketsFile> {
  const { dialect, result } = await readFile(
    source,
    { what: "the tickets file", onRead: options.onRead },
    ticketReaderFor(source, options),
  );
  return { ...result, file: source.file, dialect };
}

/** The tickets reader for a file's header (--tickets, or inspect on a helpdesk export). */
export function ticketReaderFor(
  source: Source,
  options: Pick<ShopReadingOptions, "strict" | "onProblem" | "zone" | "dateOrder" | "tickets">,
): (header: readonly string[], projection: Projection | null) => PushReader<TicketsRead> {
  const tickets: TicketReadingOptions = options.tickets ?? { maps: new Map(), basis: "calendar", schedule: null };
  return (header, projection) =>
    createTicketReader(header, {
      file: source.file,
      strict: options.strict,
      ...(options.onProblem === undefined ? {} : { onProblem: options.onProblem }),
      projection,
      zone: options.zone,
      maps: tickets.maps,
      ...(tickets.platform === undefined ? {} : { platform: tickets.platform }),
      ...(options.dateOrder === undefined ? {} : { dateOrder: options.dateOrder }),
      basis: tickets.basis,
      schedule: tickets.schedule,
    });
}

/** Reads one traffic file (--traffic); `earlier`: the days the files before it gave. */
export async function readTraffic(
  source: Source,
  options: Pick<ShopReadingOptions, "strict" | "onProblem" | "onRead" | "dateOrder" | "traffic">,
  earlier: ReadonlySet<number> = new Set(),
): Promise<TrafficFile> {
  const { dialect, result } = await readFile(
    source,
    { what: "the traffic file", onRead: options.onRead },
    trafficReaderFor(source, options, earlier),
  );
  return { ...result, file: source.file, dialect };
}

/** The traffic reader for a file's first record (--traffic, or inspect on an analytics export): it reads the preamble too. */
export function trafficReaderFor(
  source: Source,
  options: Pick<ShopReadingOptions, "strict" | "onProblem" | "dateOrder" | "traffic">,
  earlier: ReadonlySet<number> = new Set(),
): (header: readonly string[]) => PushReader<TrafficRead> {
  const traffic: TrafficReadingOptions = options.traffic ?? { maps: new Map() };
  return (first) =>
    createTrafficReader(first, {
      file: source.file,
      strict: options.strict,
      ...(options.onProblem === undefined ? {} : { onProblem: options.onProblem }),
      maps: traffic.maps,
      ...(traffic.platform === undefined ? {} : { platform: traffic.platform }),
      ...(options.dateOrder === undefined ? {} : { dateOrder: options.dateOrder }),
      earlier,
    });
}

/** Reads one attribution file (--attribution; inspect on one). */
export async function readAttribution(
  source: Source,
  options: Pick<ShopReadingOptions, "strict" | "onProblem" | "onRead" | "attributionReading">,
): Promise<AttributionFile> {
  const { dialect, result } = await readFile(
    source,
    { what: "the attribution file", onRead: options.onRead },
    attributionReaderFor(source, options),
  );
  return { ...result, file: source.file, dialect };
}

/** The attribution reader for a file's header (--attribution, or inspect on one). */
export function attributionReaderFor(
  source: Source,
  options: Pick<ShopReadingOptions, "strict" | "onProblem" | "attributionReading">,
): (header: readonly string[], projection: Projection | null) => PushReader<AttributionRead> {
  const given = options.attributionReading;
  return (header, projection) =>
    createAttributionReader(header, {
      file: source.file,
      strict: options.strict,
      ...(options.onProblem === undefined ? {} : { onProblem: options.onProblem }),
      projection,
      maps: given?.maps ?? new Map(),
      ...(given?.platform === undefined ? {} : { platform: given.platform }),
    });
}

/** How many of a file's first bytes tell an XML review export from a CSV one. */
export const SNIFF_BYTES = 256;

/** Reads one review file (--reviews): Heureka's XML, or a CSV export. */
export async function readReviews(
  given: Source,
  options: Pick<ShopReadingOptions, "strict" | "onProblem" | "onRead" | "zone" | "dateOrder" | "reviews">,
): Promise<ReviewsFile> {
  const reviews: ReviewReadingOptions = options.reviews ?? { maps: new Map() };
  const { head, source } = await peek(given, SNIFF_BYTES);
  if (looksLikeXml(head)) {
    if (reviews.platform !== undefined && !reviews.platform.startsWith("heureka"))
      throw new AppError("INPUT_HEADER", `the file is XML, but --reviews-platform ${reviews.platform} is a CSV export`, {
        file: source.file,
        line: 1,
      });
    if (reviews.maps.size > 0)
      throw new AppError("INPUT_HEADER", "--reviews-map is for CSV review exports; a Heureka XML export's elements are fixed", {
        file: source.file,
        line: 1,
      });
    const read = await readHeurekaXml(source.open(), {
      file: source.file,
      strict: options.strict,
      ...(options.onProblem === undefined ? {} : { onProblem: options.onProblem }),
      ...(reviews.platform === undefined ? {} : { platform: reviews.platform }),
      onEncoding: (encoding) =>
        options.onRead?.({
          file: source.file,
          dialect: { encoding, delimiter: { value: "", reason: "XML has none", source: "content" }, spaced: false },
          path: { bytes: false, reason: "XML, read as a stream by saxes" },
          inThread: false,
          width: 0,
          kept: null,
          xml: true,
        }),
    });
    return { ...read, file: source.file, encoding: read.encoding.value, delimiter: "" };
  }
  const { dialect, result } = await readFile(
    source,
    { what: "the reviews file", onRead: options.onRead },
    reviewReaderFor(source, options),
  );
  return { ...result, file: source.file, encoding: dialect.encoding.value, delimiter: dialect.delimiter.value };
}

/** The CSV reviews reader for a file's header (--reviews, or inspect on a review export). */
export function reviewReaderFor(
  source: Source,
  options: Pick<ShopReadingOptions, "strict" | "onProblem" | "zone" | "dateOrder" | "reviews">,
): (header: readonly string[], projection: Projection | null) => PushReader<ReviewsRead> {
  const reviews: ReviewReadingOptions = options.reviews ?? { maps: new Map() };
  return (header, projection) =>
    createReviewReader(header, {
      file: source.file,
      strict: options.strict,
      ...(options.onProblem === undefined ? {} : { onProblem: options.onProblem }),
      projection,
      zone: options.zone,
      maps: reviews.maps,
      ...(reviews.platform === undefined ? {} : { platform: reviews.platform }),
      ...(options.dateOrder === undefined ? {} : { dateOrder: options.dateOrder }),
    });
}

/** Reads one survey file (--survey) into its answers; its dialect is its own. */
async function readSurveys(source: Source, options: ShopReadingOptions): Promise<SurveysFile> {
  const { dialect, result } = await readFile(source, { what: "the survey file", onRead: options.onRead }, surveyReaderFor(source, options));
  return { ...result, file: source.file, dialect };
}

/** The survey reader for a file's header (--survey, or inspect on a survey export). */
export function surveyReaderFor(
  source: Source,
  options: Pick<ShopReadingOptions, "strict" | "onProblem" | "zone" | "dateOrder" | "surveys">,
): (header: readonly string[]) => PushReader<SurveysRead> {
  const surveys: SurveyReadingOptions = options.surveys ?? { maps: new Map() };
  return (header) =>
    createSurveyReader(header, {
      file: source.file,
      strict: options.strict,
      ...(options.onProblem === undefined ? {} : { onProblem: options.onProblem }),
      zone: options.zone,
      maps: surveys.maps,
      ...(surveys.platform === undefined ? {} : { platform: surveys.platform }),
      ...(options.dateOrder === undefined ? {} : { dateOrder: options.dateOrder }),
      ...(surveys.scales === undefined ? {} : { scales: surveys.scales }),
      ...(surveys.cesDirection === undefined ? {} : { cesDirection: surveys.cesDirection }),
    });
}

async function readCustomers(source: Source, options: ShopReadingOptions, identity: IdentityGraph): Promise<CustomersFile> {
  const { dialect, result } = await readFile(source, { what: "the customers file", onRead: options.onRead }, (header, projection) =>
    createCustomerReader(header, {
      file: source.file,
      projection,
      strict: options.strict,
      onProblem: options.onProblem,
      identity,
      maps: options.customerMaps,
    }),
  );
  return { ...result, file: source.file, dialect };
}

/** How many of the most common reasons a file none of whose rows could be used is stopped with. */
const REASONS_SHOWN = 3;

/**
 * A file with rows none of which could be used is an input error (exit 3), not a report of
 * nothing: said with the most common reasons, their counts and the first line of each. (A file
 * with a header and no rows is a shop with no orders yet: a report, and a warning.)
 */
function somethingRead(read: { readonly file: string; readonly problems: ProblemLog }, used: number, what: string): void {
  const { problems } = read;
  if (used > 0 || problems.rowsSkipped === 0) return;
  const reasons = [...problems.skippedByCode].sort(([a, m], [b, n]) => n - m || a.localeCompare(b));
  const said = reasons.slice(0, REASONS_SHOWN).map(([code, rows]) => {
    const first = problems.problems.find((p) => p.code === code);
    return `${count(rows)} ${code}${first ? ` (line ${first.line}: ${first.message})` : ""}`;
  });
  const more = reasons.length > REASONS_SHOWN ? `; and ${reasons.length - REASONS_SHOWN} more reasons` : "";
  throw new AppError(
    "INPUT_NOTHING_READ",
    `no ${what} could be read: all ${count(problems.rowsSkipped)} rows were skipped: ${said.join("; ")}${more}. Run shopmetrics inspect on the file to see how it was read`,
    { file: read.file },
  );
}

/** The report's `inputs`: each file read, as what, and how. */
export function inputSummaries(shop: Shop): InputSummary[] {
  const summary = (
    kind: InputSummary["kind"],
    read: OrdersFile | CustomersFile | SurveysFile | TicketsFile | TrafficFile,
  ): InputSummary => ({
    kind,
    file: read.file,
    platform: read.platform.value.name,
    rows: read.rowsRead,
    encoding: read.dialect.encoding.value,
    delimiter: read.dialect.delimiter.value,
  });
  return [
    ...(shop.orders ? [summary("orders", shop.orders)] : []),
    ...(shop.customers ? [summary("customers", shop.customers)] : []),
    ...shop.surveys.map((read) => ({ ...summary("survey", read), columns: columnNames(read.columns), questions: questionSummaries(read) })),
    ...shop.attribution.map(
      (read): InputSummary => ({
        kind: "attribution",
        file: read.file,
        platform: read.platform,
        rows: read.rowsRead,
        encoding: read.dialect.encoding.value,
        delimiter: read.dialect.delimiter.value,
        columns: columnNames(read.columns),
      }),
    ),
    ...shop.reviews.map(
      (read): InputSummary => ({
        kind: "reviews",
        file: read.file,
        platform: read.platform.value.name,
        rows: read.rowsRead,
        encoding: read.encoding,
        delimiter: read.delimiter,
        columns: columnNames(read.columns),
      }),
    ),
    ...shop.tickets.map((read) => ({ ...summary("tickets", read), columns: columnNames(read.columns), times: read.times })),
    ...shop.traffic.map((read) => ({
      ...summary("traffic", read),
      columns: columnNames(read.columns),
      table: {
        line: read.headerLine,
        range: read.range && { from: formatDay(read.range.firstDay), to: formatDay(read.range.lastDay) },
        days: read.days.size,
        otherTables: read.otherTables,
      },
    })),
  ];
}

/** Field → the column it was read from, as `inputs[].columns` says it. */
function columnNames(columns: Readonly<Partial<Record<string, Decided<string>>>>): Record<string, string> {
  return Object.fromEntries(Object.entries(columns).flatMap(([field, c]) => (c ? [[field, c.value]] : [])));
}

/** A survey file's questions, as `inputs[].questions` says them. */
function questionSummaries(read: SurveysFile): Partial<Record<string, QuestionSummary>> {
  return Object.fromEntries(
    read.questions.map((q) => [
      q.kind,
      {
        column: q.column.value,
        reason: q.column.reason,
        scale: q.scale.value,
        scaleReason: q.scale.reason,
        ...(q.direction ? { direction: q.direction.value } : {}),
      },
    ]),
  );
}

/** Each file's rows, in the order of inputSummaries. */
function inputQualities(shop: Shop): InputQuality[] {
  const rows = (
    kind: InputQuality["kind"],
    read: OrdersFile | CustomersFile | SurveysFile | ReviewsFile | AttributionFile | TicketsFile | TrafficFile,
    excluded?: Readonly<Record<string, number>>,
  ) => {
    const repeated = read.repeatedHeaders.length;
    const skipped = read.problems.rowsSkipped;
    const notCounted = Object.values(excluded ?? {}).reduce((sum, n) => sum + n, 0);
    return {
      kind,
      file: read.file,
      rowsRead: read.rowsRead,
      rowsUsed: read.rowsRead - skipped - repeated - notCounted,
      rowsSkipped: skipped,
      repeatedHeaders: repeated,
      ...(excluded && Object.keys(excluded).length > 0 ? { excluded } : {}),
    };
  };
  return [
    ...(shop.orders ? [rows("orders", shop.orders)] : []),
    ...(shop.customers ? [rows("customers", shop.customers)] : []),
    ...shop.surveys.map((read) =>
      rows("survey", read, {
        ...read.excluded,
        ...(read.unanswered > 0 ? { unanswered: read.unanswered } : {}),
        ...(read.otherAnswers > 0 ? { otherQuestions: read.otherAnswers } : {}),
      }),
    ),
    ...shop.attribution.map((read) => rows("attribution", read, read.excluded)),
    ...shop.reviews.map((read) => rows("reviews", read, read.excluded)),
    ...shop.tickets.map((read) => rows("tickets", read, read.excluded)),
    ...shop.traffic.map((read) => rows("traffic", read, read.excluded)),
  ];
}

/** The data-quality ledger: every row read, used or skipped and why; the orders by status. */
export function dataQuality(shop: Shop): DataQuality {
  const { orders, customers, surveys } = shop;
  const ledger = orders?.ledger;
  const reads = [
    ...(customers ? [customers] : []),
    ...shop.attribution,
    ...(orders ? [orders] : []),
    ...surveys,
    ...shop.reviews,
    ...shop.tickets,
    ...shop.traffic,
  ];
  const logs = reads.map((read) => read.problems);
  const listed = logs.flatMap((log) => log.problems);
  return {
    rowsRead: reads.reduce((sum, read) => sum + read.rowsRead, 0),
    repeatedHeaders: reads.reduce((sum, read) => sum + read.repeatedHeaders.length, 0),
    rowsSkipped: logs.reduce((sum, log) => sum + log.rowsSkipped, 0),
    skippedByCode: countsByCode(logs),
    ordersRead: ledger?.ordersRead ?? 0,
    ordersExcluded: ledger ? Object.fromEntries([...ledger.excluded].sort(([a], [b]) => a.localeCompare(b))) : {},
    unidentifiedOrders: ledger?.unidentified ?? 0,
    problems: listed.slice(0, MAX_PROBLEMS),
    problemsOmitted: logs.reduce((sum, log) => sum + log.omitted, 0) + Math.max(0, listed.length - MAX_PROBLEMS),
    ...(customers && ledger ? customerCounts(ledger, customers.nodes) : {}),
    inputs: inputQualities(shop),
  };
}

/** Warnings about the files as a whole: headers pasted inside them, nothing read, nothing counted. */
export function shopWarnings(shop: Shop): string[] {
  const reads = [
    ...(shop.orders ? [shop.orders] : []),
    ...(shop.customers ? [shop.customers] : []),
    ...shop.attribution,
    ...shop.surveys,
    ...shop.reviews,
    ...shop.tickets,
    ...shop.traffic,
  ];
  const warnings = reads.flatMap((read) => repeatedHeaderWarning(read.file, read.repeatedHeaders));
  for (const file of shop.traffic) {
    if (file.otherTables.length === 0) continue;
    const tables = file.otherTables.map((t) => `line ${t.line} (${JSON.stringify(t.first)})`).join(", ");
    warnings.push(
      `${file.file}: the table at line ${file.headerLine} is read; ${file.otherTables.length === 1 ? "the table" : "the tables"} at ${tables} ${file.otherTables.length === 1 ? "is" : "are"} no per-day sessions table, not read`,
    );
  }
  for (const file of shop.attribution) {
    if (file.answered === 0 && file.questionsSeen.length > 0) {
      const listedQuestions = file.questionsSeen
        .slice(0, 4)
        .map((q) => JSON.stringify(q))
        .join(", ");
      warnings.push(
        `${file.file}: none of its questions (${listedQuestions}${file.questionsSeen.length > 4 ? ", …" : ""}) reads as "how did you hear about us?": no answer was taken (--attribution-platform generic takes every row)`,
      );
    }
    const unjoined = file.answered - file.joined();
    if (unjoined > 0)
      warnings.push(
        `${file.file}: ${count(unjoined)} of ${count(file.answered)} answered orders are not in the orders file (no order has their number): their answers are not counted`,
      );
  }
  for (const survey of shop.surveys) warnings.push(...survey.warnings);
  for (const read of [...shop.surveys, ...shop.reviews, ...shop.tickets, ...shop.traffic]) {
    const what = "questions" in read ? "survey responses" : "tickets" in read ? "tickets" : "days" in read ? "traffic days" : "reviews";
    if (read.rowsRead === 0) warnings.push(`${read.file}: no ${what} could be read (the file has no rows after its header)`);
  }
  if (!shop.orders) return warnings;
  const { ledger, file } = shop.orders;
  if (ledger.ordersRead === 0) warnings.push(`${file}: no orders could be read (the file has no rows after its header)`);
  else if (ledger.counted === 0) warnings.push(`${file}: no counted orders (every order was excluded by status)`);
  return warnings;
}

/**
 * What the zone choice needs said: that the zone meant could not be found, or that the system's
 * zone — no zone was given — contradicts the UTC offsets the order dates carry (a Shopify export
 * at +11:00 read on a UTC server), with the offsets seen and the zones they fit. Said once.
 */
export function zoneWarnings(orders: OrdersFile, options: OrderReadingOptions): string[] {
  const warnings = options.zoneWarning === undefined ? [] : [options.zoneWarning];
  const { offsets } = orders;
  if (options.zoneSource !== "system" || offsets.contradicted === 0) return warnings;
  const seen = offsets.offsets;
  const listed = seen.slice(0, 4).map((o) => `${formatOffset(o.minutes)} (${count(o.count)})`);
  const more = seen.length > 4 ? ` and ${seen.length - 4} more` : "";
  const fits = fittingZones(offsets);
  const advice =
    fits.length === 0
      ? "no single zone fits them all; pass --tz with the shop's zone"
      : `they fit ${fits.slice(0, 4).join(", ")}${fits.length > 4 ? ` (${fits.length} zones in all)` : ""}: pass --tz with the shop's zone (e.g. --tz ${fits[0]})`;
  warnings.push(
    `${orders.file}: no zone was given, so days are drawn in the system's zone, ${options.zone.name}, but ${count(offsets.contradicted)} of ${count(offsets.total)} order dates carry other UTC offsets: ` +
      `${listed.join(", ")}${more}; ${advice}, or set "tz" in shopmetrics.config.json`,
  );
  return warnings;
}

/**
 * Zones to suggest first: where our users' shops mostly are (Czechia, Slovakia, Hungary, then the
 * large markets), then the rest of the world's cities, then Antarctica, the Arctic and Etc/.
 */
const LIKELY_ZONES = [
  "Europe/Prague",
  "Europe/Bratislava",
  "Europe/Budapest",
  "Europe/Warsaw",
  "Europe/Vienna",
  "Europe/Berlin",
  "Europe/London",
  "Europe/Paris",
  "America/New_York",
  "America/Chicago",
  "America/Denver",
  "America/Los_Angeles",
  "America/Sao_Paulo",
  "Australia/Sydney",
  "Australia/Melbourne",
  "Asia/Tokyo",
];

/** The zones whose offsets match all the file's, the likeliest first. */
export function fittingZones(offsets: OffsetTally): string[] {
  return rankZones(offsets.zonesFitting());
}

function rankZones(zones: readonly string[]): string[] {
  const rank = (zone: string) => {
    const likely = LIKELY_ZONES.indexOf(zone);
    if (likely >= 0) return likely;
    return /^(Antarctica|Arctic|Etc)\//.test(zone) || !zone.includes("/") ? 2000 : 1000;
  };
  return [...zones].sort((a, b) => rank(a) - rank(b));
}

/** Lines that repeat the header: two exports pasted into one file; said once. */
function repeatedHeaderWarning(file: string, lines: readonly number[]): string[] {
  if (lines.length === 0) return [];
  const shown = lines.slice(0, 5).join(", ") + (lines.length > 5 ? `, … (${lines.length} in all)` : "");
  return [
    `${file}: line${lines.length === 1 ? "" : "s"} ${shown} repeat${lines.length === 1 ? "s" : ""} the header (exports pasted together?); the rows after ${lines.length === 1 ? "it" : "them"} are read on`,
  ];
}

/**
 * A file without amounts makes every metric that needs them null: say which, once, and why as the
 * metrics' note does (with the column that looks like an amount, when one does).
 */
export function missingInputWarnings(file: string, unavailable: OrderInputs, metrics: Registry<string>): string[] {
  if (unavailable.amounts === null) return [];
  const names = metrics.metrics.filter((m) => m.requires.includes("amounts")).map((m) => m.id);
  const list = names.length > 0 ? listed(names) : "no metric";
  return [`${file}: ${list} are null: ${unavailable.amounts}`];
}

/** Skipped rows by problem code, over the logs of every input; codes sorted. */
function countsByCode(logs: readonly ProblemLog[]): Partial<Record<ProblemCode, number>> {
  const counts = new Map<ProblemCode, number>();
  for (const log of logs) for (const [code, rows] of log.skippedByCode) counts.set(code, (counts.get(code) ?? 0) + rows);
  return Object.fromEntries([...counts].sort(([a], [b]) => a.localeCompare(b)));
}

/** Distinct customers in the customers file, and those of them with no order in the orders file. */
function customerCounts(ledger: OrderLedger, nodes: readonly number[]): { customersRead: number; customersWithoutOrders: number } {
  const { identity } = ledger;
  const ordered = new Set(ledger.orderNodes().map((node) => identity.find(node)));
  const listed = new Set(nodes.map((node) => identity.find(node)));
  let without = 0;
  for (const root of listed) if (!ordered.has(root)) without++;
  return { customersRead: listed.size, customersWithoutOrders: without };
}

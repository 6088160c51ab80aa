/**
 * The tickets push core (Zendesk, Freshdesk, osTicket, LiveAgent, generic): each row one ticket,
 * counted by its creation; deleted and spam tickets excluded and counted; first response and
 * resolution read from the export's duration columns as given, else from its timestamps. With
 * --business-hours the export's business-hours columns are used where it fills them, else the
 * config's schedule is applied to the timestamps — decided per file at its end, since only the
 * whole file shows whether its business columns are filled, empty (Zendesk without schedules) or
 * both (refused: a mix is no one basis).
 */
import { type BusinessHours, businessMs, describeBusinessHours } from "../../core/business-hours.js";
import { AppError } from "../../core/errors.js";
import { KeyMap } from "../../core/key-map.js";
import { quoted } from "../../core/printable.js";
import { NO_CHANNEL, type TicketLog, type TimeBasis } from "../../core/ticket.js";
import type { Zone } from "../../core/zone.js";
import type { CsvRecord } from "../csv/read-csv.js";
import { DateOrderQueue } from "../date-order.js";
import { parseBoolean } from "../parse/boolean.js";
import { type DateOrder, parseDateTime } from "../parse/date.js";
import { parseDuration } from "../parse/duration.js";
import { detectTicketPlatform, TICKET_FIELDS, type TicketField, type TicketPlatform } from "../platforms/ticket-platforms.js";
import { type InputRead, type PushReader, platformTable, type TableOptions } from "../table.js";

export interface TicketReaderOptions extends TableOptions {
  /** The report's zone: the exports' times have no offset (Zendesk writes the account's zone). */
  readonly zone: Zone;
  readonly maps: ReadonlyMap<TicketField, string>;
  readonly platform?: string;
  readonly dateOrder?: DateOrder;
  /** --business-hours: count only open hours. */
  readonly basis: TimeBasis;
  /** The config's businessHours, for a file without filled business-hours columns. */
  readonly schedule: BusinessHours | null;
}

export interface TicketsRead extends InputRead<TicketField> {
  readonly tickets: TicketLog;
  /** How the first response and resolution times were taken, as --verbose and inspect say it. */
  readonly times: string;
  /** The file says when tickets were first answered (a time, or osTicket's Answered). */
  readonly answers: "times" | "flag" | "none";
}

type Cells = Record<TicketField, string | null>;

/**
 * The two spans a ticket's export times, as data: the first response and the resolution — each
 * an instant column, a calendar duration and a business-hours one, and what is said of a span
 * that ends before the ticket was created.
 */
const SPANS = {
  first: {
    what: "first response",
    at: "first_response",
    calendar: "first_response_duration",
    business: "first_response_business",
    code: "ANSWERED_BEFORE_CREATED",
    before: "answered",
    negative: "a negative first reply time",
  },
  resolution: {
    what: "resolution",
    at: "resolved",
    calendar: "resolution_duration",
    business: "resolution_business",
    code: "RESOLVED_BEFORE_CREATED",
    before: "resolved",
    negative: "a negative resolution time",
  },
} as const;
type SpanSpec = (typeof SPANS)[keyof typeof SPANS];

/** One span's times as read, ticket by ticket, before the file's basis is settled. */
interface Span {
  /** The span's end: the timestamp, else created + the calendar duration; NaN without. */
  readonly at: number[];
  /** Its calendar duration: the column, else the timestamp − created; NaN without. */
  readonly calendar: number[];
  /** The export's business-hours duration; NaN without. */
  readonly business: number[];
}

const span = (): Span => ({ at: [], calendar: [], business: [] });

export function createTicketReader(header: readonly string[], options: TicketReaderOptions): PushReader<TicketsRead> {
  const { platform, table } = platformTable(
    header,
    TICKET_FIELDS,
    detectTicketPlatform(header, options.platform, options.maps.size > 0),
    "unrecognised tickets header: expected a Zendesk, Freshdesk, osTicket or LiveAgent export, or a generic file with created and first_response columns; --tickets-platform NAME forces a format, --tickets-map FIELD=Column points a field at a column",
    { flag: "--tickets-map", maps: options.maps },
    options,
  );
  const { value } = platform;
  const { problems } = table;
  const names = table.columnNames;
  const has = (field: TicketField) => table.index[field] !== undefined;
  const dates = new DateOrderQueue<{ line: number; cells: Cells }>(options.file, options.dateOrder);
  const ids = new KeyMap();
  const excluded = new Map<string, number>();
  const created: number[] = [];
  const lines: number[] = [];
  const spans = { first: span(), resolution: span() };
  const answeredFlag: number[] = [];
  const resolvedFlag: number[] = [];
  const channel: number[] = [];
  const channels: string[] = [];
  const channelIds = new Map<string, number>();
  const order = () => dates.order?.value ?? null;

  /** An instant column: NaN when empty, null when unreadable (the row is skipped: said). */
  const instant = (field: TicketField, cells: Cells, line: number): number | null => {
    const text = (cells[field] ?? "").trim();
    if (text === "") return Number.NaN;
    const at = parseDateTime(text, options.zone, order());
    if (at === null) problems.skip(line, 1, { code: "UNREADABLE_DATE", message: `the ${names[field]} ${quoted(text)} is no date we read` });
    return at;
  };
  const duration = (field: TicketField, cells: Cells, line: number): number | null => {
    const text = (cells[field] ?? "").trim();
    if (text === "") return Number.NaN;
    const ms = parseDuration(text, value.durations);
    if (ms === null)
      problems.skip(line, 1, {
        code: "UNREADABLE_DURATION",
        message: `the ${names[field]} ${quoted(text)} is no duration (${value.durations === "minutes" ? "minutes" : "hours as hh:mm:ss or decimal hours"})`,
      });
    return ms;
  };

  /** A span's cells (NaN where empty), or null when one is unreadable (the row is skipped: said). */
  const readSpan = (spec: SpanSpec, cells: Cells, line: number) => {
    const at = instant(spec.at, cells, line);
    if (at === null) return null;
    const calendar = duration(spec.calendar, cells, line);
    if (calendar === null) return null;
    const business = duration(spec.business, cells, line);
    if (business === null) return null;
    return { at, calendar, business };
  };

  const read = ({ line, cells }: { line: number; cells: Cells }) => {
    const status = (cells.status ?? "").trim();
    const lower = status.toLowerCase();
    // The table's own entries only: a status such as "constructor" is no reason to exclude.
    const listed = Object.hasOwn(value.excludedStatuses, lower) ? value.excludedStatuses[lower] : undefined;
    const why = listed ?? ((cells.deleted ?? "").trim() !== "" ? "deleted" : undefined);
    if (why !== undefined) {
      excluded.set(why, (excluded.get(why) ?? 0) + 1);
      return;
    }
    const id = (cells.id ?? "").trim();
    const seen = id === "" ? -1 : ids.firstSeen(id, line);
    if (seen >= 0) {
      problems.skip(line, 1, { code: "DUPLICATE_TICKET", message: `ticket ${quoted(id)} was read on line ${seen}: counted once` });
      return;
    }
    const createdText = (cells.created ?? "").trim();
    if (createdText === "") {
      problems.skip(line, 1, { code: "EMPTY_DATE", message: `the ticket's creation (${names.created}) is empty` });
      return;
    }
    const at = instant("created", cells, line);
    if (at === null) return;
    // Every cell is read before any span is checked against the creation: an unreadable one is said first.
    const first = readSpan(SPANS.first, cells, line);
    if (first === null) return;
    const resolution = readSpan(SPANS.resolution, cells, line);
    if (resolution === null) return;
    for (const [spec, read] of [
      [SPANS.first, first],
      [SPANS.resolution, resolution],
    ] as const) {
      if (!(read.at < at || read.calendar < 0 || read.business < 0)) continue;
      const said = read.at < at ? `${names[spec.at]} ${(cells[spec.at] ?? "").trim()}` : spec.negative;
      problems.skip(line, 1, {
        code: spec.code,
        message: `the ticket is ${spec.before} before it was created (${said}, created ${createdText})`,
      });
      return;
    }
    created.push(at);
    lines.push(line);
    for (const [into, read] of [
      [spans.first, first],
      [spans.resolution, resolution],
    ] as const) {
      into.calendar.push(Number.isNaN(read.calendar) ? read.at - at : read.calendar);
      into.at.push(Number.isNaN(read.at) ? at + read.calendar : read.at);
      into.business.push(read.business);
    }
    answeredFlag.push(parseBoolean(yesNo(cells.answered)) === true ? 1 : 0);
    resolvedFlag.push(value.resolvedStatuses?.includes(status.toLowerCase()) ? 1 : 0);
    if (has("channel")) {
      const raw = (cells.channel ?? "").trim();
      const name = raw === "" ? NO_CHANNEL : (value.channelNames?.[raw] ?? raw);
      let k = channelIds.get(name);
      if (k === undefined) {
        k = channels.length;
        channels.push(name);
        channelIds.set(name, k);
      }
      channel.push(k);
    } else channel.push(-1);
  };

  return {
    push(record: CsvRecord) {
      const cells = table.cells(record);
      if (cells === null) return;
      dates.offer({ line: record.line, cells }, cells.created ?? "", record.line, read);
    },
    end() {
      dates.end();
      const settled = (spec: SpanSpec, times: Span) =>
        settle(spec.what, times, { ...options, created, lines, hasBusiness: has(spec.business) });
      const first = settled(SPANS.first, spans.first);
      const resolution = settled(SPANS.resolution, spans.resolution);
      const answered = first.ms.map((ms, i) => (Number.isNaN(ms) && answeredFlag[i] === 0 ? 0 : 1));
      const resolved = resolution.ms.map((ms, i) => (Number.isNaN(ms) && resolvedFlag[i] === 0 ? 0 : 1));
      const timedBy = (spec: SpanSpec) => has(spec.at) || has(spec.calendar) || has(spec.business);
      const timed = timedBy(SPANS.first);
      const resolutionTimed = timedBy(SPANS.resolution);
      const resolutionHow = resolutionTimed
        ? resolution.how
        : value.resolvedStatuses
          ? "no resolution time: resolved or not from the status"
          : "none in the file";
      return {
        platform: { ...platform, value: { name: value.name, label: value.label } },
        columns: table.columns,
        rowsRead: table.rowsRead,
        repeatedHeaders: table.repeatedHeaders,
        problems,
        tickets: {
          created,
          firstResponseMs: first.ms,
          answered,
          resolutionMs: resolution.ms,
          resolved,
          channel,
          channels,
        },
        excluded: Object.fromEntries([...excluded].sort(([a], [b]) => a.localeCompare(b))),
        dateOrder: dates.order,
        times: timed
          ? `first response: ${first.how}; resolution: ${resolutionHow}`
          : `no first-reply time (${whyNone(value)}); resolution: ${resolutionHow}`,
        answers: timed ? "times" : has("answered") ? "flag" : "none",
      };
    },
  };
}

/** osTicket in Czech, Slovak or Hungarian writes Ano/Ne, Áno/Nie, Igen/Nem. */
function yesNo(text: string | null): string | null {
  const word = (text ?? "").trim().toLowerCase();
  if (word === "ano" || word === "áno" || word === "igen") return "yes";
  if (word === "ne" || word === "nie" || word === "nem") return "no";
  return word;
}

function whyNone(platform: TicketPlatform): string {
  return platform.name === "osticket"
    ? "osTicket exports none: answered or not, from its Answered column"
    : "the file has no first-response column: every ticket counts as unanswered; --tickets-map first_response=Column points at one";
}

/**
 * A time column pair on the file's basis: the calendar times as read; or on business hours, the
 * export's business column where it fills it for every ticket with a time, the schedule applied
 * to [created, instant] where it fills it for none — and a refusal where it fills it for some.
 */
function settle(
  what: string,
  { calendar, business, at }: Span,
  options: TicketReaderOptions & {
    readonly created: readonly number[];
    readonly lines: readonly number[];
    readonly hasBusiness: boolean;
  },
): { readonly ms: number[]; readonly how: string } {
  if (options.basis === "calendar") return { ms: [...calendar], how: "calendar time, as the export gives it" };
  let filled = -1;
  let empty = -1;
  for (let i = 0; i < calendar.length; i++) {
    const timed = !Number.isNaN(calendar[i]!) || !Number.isNaN(business[i]!);
    if (!timed) continue;
    if (Number.isNaN(business[i]!)) empty = empty < 0 ? i : empty;
    else filled = filled < 0 ? i : filled;
  }
  if (filled >= 0 && empty >= 0) {
    throw new AppError(
      "INPUT_REFUSED",
      `--business-hours: the ${what} in business hours is filled for some tickets (line ${options.lines[filled]}) and empty for others (line ${options.lines[empty]}): the export mixes tickets with and without a schedule, and a mix is no one basis (without --business-hours the calendar times are read)`,
      { file: options.file },
    );
  }
  if (filled >= 0) return { ms: [...business], how: "business hours, as the export gives them" };
  const schedule = options.schedule;
  if (schedule === null) {
    if (!calendar.some((ms) => !Number.isNaN(ms))) return { ms: [...calendar], how: "none in the file" };
    const column = options.hasBusiness ? "its business-hours columns are empty" : "it has no business-hours column";
    throw new AppError(
      "USAGE",
      `${options.file}: --business-hours: ${column}, and the config has no businessHours schedule to apply to its times: add one ({ "businessHours": { "timezone": "Europe/Prague", "week": { "mon": ["08:00-16:30"], … }, "holidays": [] } }), or leave out --business-hours`,
    );
  }
  const ms = calendar.map((c, i) => (Number.isNaN(c) ? Number.NaN : businessMs(schedule, options.created[i]!, at[i]!)));
  return { ms, how: `business hours of the config's schedule (${describeBusinessHours(schedule)}), applied to the export's times` };
}

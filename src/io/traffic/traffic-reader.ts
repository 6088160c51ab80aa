/**
 * The traffic push core: an analytics export's records from its first line on — the `#`
 * preamble (its date range), the tables after it (a blank line or a new `#` block ends one), and
 * in the first table with a date and a sessions column, each day's sessions, visitors and
 * converting sessions (engagement-inputs.md §4, §8.10). Totals rows (`Grand total`, UA's empty
 * first cell) are excluded and counted; rows of one day are summed (a breakdown by another
 * dimension); a day an earlier file gave is skipped. A table with sessions but no date column is
 * an aggregate over the preamble's range.
 */
import { daysFromCivil, MS_PER_DAY } from "../../core/calendar.js";
import { AppError } from "../../core/errors.js";
import { quoted } from "../../core/printable.js";
import type { ReportedRate, TrafficDay } from "../../core/traffic.js";
import { Zone } from "../../core/zone.js";
import { isPreambleLine } from "../csv/dialect.js";
import type { CsvRecord } from "../csv/read-csv.js";
import { DateOrderQueue } from "../date-order.js";
import { parseCount, parseRate } from "../parse/count.js";
import { type DateOrder, parseDateTime } from "../parse/date.js";
import {
  detectTrafficPlatform,
  reportedRate,
  TRAFFIC_FIELDS,
  type TrafficField,
  type TrafficPlatform,
} from "../platforms/traffic-platforms.js";
import type { ProblemLog } from "../problems.js";
import { type InputRead, type PushReader, Table, type TableOptions } from "../table.js";

export interface TrafficReaderOptions extends TableOptions {
  readonly maps: ReadonlyMap<TrafficField, string>;
  readonly platform?: string;
  readonly dateOrder?: DateOrder;
  /** Days earlier --traffic files gave: a row of one of them is skipped (DUPLICATE_DAY). */
  readonly earlier: ReadonlySet<number>;
}

/** `rowsRead`: the rows of the table read, after its header. */
export interface TrafficRead extends InputRead<TrafficField> {
  /** Per local day; empty for an aggregate. */
  readonly days: ReadonlyMap<number, TrafficDay>;
  /** An aggregate table's figures (no date column), over `range`. */
  readonly aggregate: TrafficDay | null;
  /** The preamble's date range, first and last day. */
  readonly range: { readonly firstDay: number; readonly lastDay: number } | null;
  readonly reported: ReportedRate | null;
  /** The other tables in the file, not read: the line of each header and its first name. */
  readonly otherTables: readonly { readonly line: number; readonly first: string }[];
  /** The line of the table's header. */
  readonly headerLine: number;
}

/** A day's sessions beyond this are no real count (a pasted id, a cumulative column). */
const MAX_DAILY_COUNT = 100_000_000;

/** A totals row's first cell, in the languages analytics tools write (any case). */
const TOTALS = new Set([
  "grand total",
  "total",
  "totals",
  "celkem",
  "celkový součet",
  "celkový súčet",
  "spolu",
  "összesen",
  "végösszeg",
  "gesamtsumme",
  "gesamt",
]);

// A preamble's range: `# Start date: 20260501` and `# End date: …` in any language, or UA's `# 20150320-20150419`.
const RANGE_DAY = /:\s*(\d{8})\s*$/;
const UA_RANGE = /^#\s*(\d{8})\s*-\s*(\d{8})\s*$/;
const UTC = new Zone("UTC");

type Cells = Record<TrafficField, string | null>;
/** A row of the table: its cells, and its first cell (a totals label in an aggregate's dimension column). */
type Row = { readonly line: number; readonly cells: Cells; readonly first: string };

/** A comment line of a preamble: `#`, then a space, a dash or nothing (a header's `#` cell, Typeform's, is none). */
function isComment(fields: readonly string[]): boolean {
  const first = fields[0] ?? "";
  return isPreambleLine(first) && (first !== "#" || fields.every((f, i) => i === 0 || f.trim() === ""));
}

/** Whether a table with this header has a date column for `platform` (or --traffic-map date=…). */
function hasDateColumn(header: readonly string[], platform: TrafficPlatform, maps: ReadonlyMap<TrafficField, string>): boolean {
  const names = new Set(header.map((h) => h.trim().toLowerCase()));
  const wanted = maps.has("date") ? [maps.get("date")!] : (platform.columns.date ?? []);
  return wanted.some((name) => names.has(name.trim().toLowerCase()));
}

/** `first` is the file's first record (readFile's header): here every record is read, the preamble too. */
export function createTrafficReader(first: readonly string[], options: TrafficReaderOptions): PushReader<TrafficRead> {
  const preamble: string[] = [];
  const otherTables: { line: number; first: string }[] = [];
  let table: Table<TrafficField> | null = null;
  let platform: ReturnType<typeof detectTrafficPlatform> = null;
  let headerLine = 0;
  /** Reading the chosen table's rows; false again once a blank line or a `#` ends it. */
  let inTable = false;
  /** Between tables: the next record that is no comment is a header. */
  let expectHeader = true;
  let lastLine = 0;
  let excludedTotals = 0;
  /** The chosen table's first header name, for the report when a later table replaces it. */
  let aggregateFirst = "";
  const days = new Map<number, TrafficDay>();
  /** Days summed from more than one row (a breakdown): their visitors are not additive. */
  const summed = new Set<number>();
  let aggregate: TrafficDay | null = null;
  const dates = new DateOrderQueue<Row>(options.file, options.dateOrder);
  let problems: ProblemLog | null = null;

  const count = (field: TrafficField, cells: Cells, line: number): number | null | undefined => {
    const text = (cells[field] ?? "").trim();
    if (text === "") return undefined;
    const n = field === "converted_rate" ? parseRate(text) : parseCount(text);
    const name = table!.columnNames[field];
    if (n === null) {
      problems!.skip(line, 1, {
        code: "UNREADABLE_COUNT",
        message: `the ${name} ${quoted(text)} is no ${field === "converted_rate" ? "rate" : "whole number"}`,
      });
      return null;
    }
    const top = field === "converted_rate" ? 1 : MAX_DAILY_COUNT;
    if (n < 0 || n > top) {
      problems!.skip(line, 1, {
        code: "COUNT_OUT_OF_RANGE",
        message: `the ${name} ${text} is ${n < 0 ? "negative" : `over ${field === "converted_rate" ? "100 %" : "100,000,000 for a day"}`}`,
      });
      return null;
    }
    return n;
  };

  /** One row's counts, or null when one is unreadable (skipped, said). */
  const counts = (cells: Cells, line: number) => {
    const sessions = count("sessions", cells, line);
    if (sessions === null) return null;
    const visitors = count("visitors", cells, line);
    if (visitors === null) return null;
    const converted = count("converted", cells, line);
    if (converted === null) return null;
    const rate = count("converted_rate", cells, line);
    if (rate === null) return null;
    // A rate (GA4's session key event rate) is its sessions' share: the converting sessions are rate × sessions.
    const converting = converted ?? (rate === undefined ? null : rate * (sessions ?? 0));
    return { sessions: sessions ?? 0, visitors: visitors ?? null, converted: converting };
  };

  const readRow = ({ line, cells, first }: Row) => {
    const hasDate = table!.index.date !== undefined;
    const dateText = (cells.date ?? "").trim();
    // A totals row: an empty date (UA) or a totals label in it — or, in an aggregate, in its first (dimension) cell.
    const label = hasDate ? dateText : first.trim();
    if ((hasDate && dateText === "") || TOTALS.has(label.toLowerCase())) {
      excludedTotals++;
      return;
    }
    let day = Number.NaN;
    if (hasDate) {
      const at = parseDateTime(dateText, UTC, dates.order?.value ?? null);
      if (at === null) {
        problems!.skip(line, 1, {
          code: "UNREADABLE_DATE",
          message: `the ${table!.columnNames.date} ${quoted(dateText)} is no date we read`,
        });
        return;
      }
      day = Math.floor(at / MS_PER_DAY);
      if (options.earlier.has(day)) {
        problems!.skip(line, 1, {
          code: "DUPLICATE_DAY",
          message: `the day ${dateText} was read from an earlier --traffic file: counted once, from it`,
        });
        return;
      }
    }
    const row = counts(cells, line);
    if (row === null) return;
    if (!hasDate) {
      // An aggregate's rows are a breakdown (by channel …): its visitors are not additive.
      aggregate = { ...(aggregate === null ? row : sum(aggregate, row)), visitors: null };
      return;
    }
    const before = days.get(day);
    if (before !== undefined) summed.add(day);
    days.set(day, before === undefined ? row : sum(before, row));
  };

  const startTable = (fields: readonly string[], line: number) => {
    expectHeader = false;
    // A per-day table is read; an aggregate (no date column) only while no per-day table follows it.
    const perDay = table !== null && table.index.date !== undefined;
    if (perDay) {
      otherTables.push({ line, first: (fields[0] ?? "").trim() });
      return;
    }
    const found = detectTrafficPlatform(fields, {
      ...(options.platform === undefined ? {} : { forced: options.platform }),
      mapped: options.maps.size > 0,
      preamble: preamble.length > 0,
    });
    if (found === null || (table !== null && !hasDateColumn(fields, found.value, options.maps))) {
      otherTables.push({ line, first: (fields[0] ?? "").trim() });
      return;
    }
    if (table !== null) {
      // The aggregate read so far gives way to this per-day table: it is reported as not read.
      otherTables.push({ line: headerLine, first: aggregateFirst });
      aggregate = null;
      excludedTotals = 0;
    }
    aggregateFirst = (fields[0] ?? "").trim();
    platform = found;
    headerLine = line;
    table = new Table(
      fields,
      TRAFFIC_FIELDS,
      found.value,
      { flag: "--traffic-map", maps: options.maps, label: found.value.label },
      `a ${found.value.label}`,
      { ...options, projection: null },
    );
    problems = table.problems;
    inTable = true;
  };

  const push = (record: CsvRecord) => {
    const { fields, line } = record;
    const gap = lastLine > 0 && line > lastLine + 1;
    lastLine = line + (record.text === undefined ? 0 : (record.text.match(/\r\n|\r|\n/g)?.length ?? 0));
    if (gap && inTable) inTable = false;
    if (gap) expectHeader = true;
    if (isComment(fields)) {
      if (table === null) preamble.push(fields.join(",").trim());
      inTable = false;
      expectHeader = true;
      return;
    }
    if (expectHeader) {
      startTable(fields, line);
      return;
    }
    if (!inTable) return; // a row of a table not read
    const cells = table!.cells(record);
    if (cells === null) return;
    dates.offer({ line, cells, first: fields[0] ?? "" }, cells.date ?? "", line, readRow);
  };

  push({ line: 1, fields: first });
  return {
    push,
    end() {
      dates.end();
      if (table === null || platform === null) {
        const seen = otherTables.map((t) => `line ${t.line} (${quoted(t.first)})`).join(", ");
        throw new AppError(
          "INPUT_HEADER",
          `no table with a sessions column: expected a Google Analytics 4, Universal Analytics, Shopify Analytics, Plausible or Matomo export, or a generic file with date and sessions columns${seen === "" ? "" : `; tables found at ${seen}`}; --traffic-platform NAME forces a format, --traffic-map FIELD=Column points a field at a column`,
          { file: options.file, line: 1 },
        );
      }
      const t = table as Table<TrafficField>;
      const p = (platform as NonNullable<typeof platform>).value;
      const hasRate = t.index.converted !== undefined || t.index.converted_rate !== undefined;
      return {
        platform: { ...(platform as NonNullable<typeof platform>), value: { name: p.name, label: p.label } },
        columns: t.columns,
        rowsRead: t.rowsRead,
        repeatedHeaders: t.repeatedHeaders,
        problems: t.problems,
        excluded: (excludedTotals > 0 ? { totals: excludedTotals } : {}) as Readonly<Record<string, number>>,
        days: new Map([...days].sort(([a], [b]) => a - b).map(([day, d]) => [day, summed.has(day) ? { ...d, visitors: null } : d])),
        aggregate,
        range: rangeOf(preamble),
        reported: hasRate ? reportedRate(p) : null,
        otherTables,
        headerLine,
        dateOrder: dates.order,
      };
    },
  };
}

/** Two rows' counts added; a count one of them lacks is null. */
function sum(a: TrafficDay, b: TrafficDay): TrafficDay {
  const add = (x: number | null, y: number | null) => (x === null || y === null ? null : x + y);
  return { sessions: a.sessions + b.sessions, visitors: add(a.visitors, b.visitors), converted: add(a.converted, b.converted) };
}

/** The preamble's range: the first two `…: YYYYMMDD` lines (start, end), or UA's `# YYYYMMDD-YYYYMMDD`. */
function rangeOf(preamble: readonly string[]): { firstDay: number; lastDay: number } | null {
  const day = (text: string) => {
    const y = Number(text.slice(0, 4));
    const m = Number(text.slice(4, 6));
    const d = Number(text.slice(6, 8));
    return m >= 1 && m <= 12 && d >= 1 && d <= 31 ? daysFromCivil(y, m, d) : null;
  };
  for (const line of preamble) {
    const ua = UA_RANGE.exec(line.replace(/,+$/, ""));
    if (ua) {
      const [a, b] = [day(ua[1]!), day(ua[2]!)];
      if (a !== null && b !== null) return { firstDay: a, lastDay: b };
    }
  }
  const found = preamble.flatMap((line) => {
    const m = RANGE_DAY.exec(line.replace(/,+$/, ""));
    const d = m ? day(m[1]!) : null;
    return d === null ? [] : [d];
  });
  return found.length >= 2 ? { firstDay: found[0]!, lastDay: found[1]! } : null;
}

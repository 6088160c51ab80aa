/**
 * The reviews push core for CSV exports (Judge.me, Trustpilot, Olist, generic): each row one
 * review, dated by its creation (never its reply), Judge.me's spam and hidden reviews excluded and
 * counted; what a review is then is review-log.ts's. Heureka's XML exports: heureka-xml.ts.
 */
import type { Decided } from "../../core/decided.js";
import { AppError } from "../../core/errors.js";
import type { ReviewRatings } from "../../core/review.js";
import { Zone } from "../../core/zone.js";
import type { CsvRecord } from "../csv/read-csv.js";
import { DateOrderQueue } from "../date-order.js";
import { parseBoolean } from "../parse/boolean.js";
import { type DateOrder, parseDateTime } from "../parse/date.js";
import { detectReviewPlatform, REVIEW_FIELDS, type ReviewField } from "../platforms/review-platforms.js";
import type { ProblemLog } from "../problems.js";
import { type PushReader, Table, type TableOptions } from "../table.js";
import { ReviewLog } from "./review-log.js";

export interface ReviewReaderOptions extends TableOptions {
  /** The report's zone: times without an offset are read in it (Trustpilot's are UTC). */
  readonly zone: Zone;
  /** --reviews-map FIELD=Column */
  readonly maps: ReadonlyMap<ReviewField, string>;
  /** --reviews-platform */
  readonly platform?: string;
  /** --date-format */
  readonly dateOrder?: DateOrder;
}

/** A review file read, CSV or XML. */
export interface ReviewsRead {
  /** The format: its name and label, and why. */
  readonly platform: Decided<{ readonly name: string; readonly label: string }>;
  /** Field → its column (or element), and why. */
  readonly columns: Readonly<Partial<Record<ReviewField, Decided<string>>>>;
  /** Reviews read: CSV records after the header, or the XML's review elements. */
  readonly rowsRead: number;
  readonly repeatedHeaders: readonly number[];
  readonly problems: ProblemLog;
  readonly ratings: ReviewRatings;
  /** Reviews read and not counted, by why: `spam`, `hidden`. */
  readonly excluded: Readonly<Record<string, number>>;
  readonly dateOrder: Decided<DateOrder> | null;
}

const UTC = new Zone("UTC");
type Cells = Record<ReviewField, string | null>;

export function createReviewReader(header: readonly string[], options: ReviewReaderOptions): PushReader<ReviewsRead> {
  const platform = detectReviewPlatform(header, options.platform, options.maps.size > 0);
  if (!platform) {
    throw new AppError(
      "INPUT_HEADER",
      options.platform !== undefined
        ? `--reviews-platform ${options.platform} is an XML export, but the file is CSV`
        : "unrecognised reviews header: expected a Judge.me, Trustpilot or Olist export, a Heureka XML export, or a generic file with date and rating columns; --reviews-platform NAME forces a format, --reviews-map FIELD=Column points a field at a column",
      { file: options.file, line: 1 },
    );
  }
  const { value } = platform;
  const table = new Table(
    header,
    REVIEW_FIELDS,
    value,
    { flag: "--reviews-map", maps: options.maps, label: value.label },
    `a ${value.label}`,
    options,
  );
  table.project(options.projection);
  const zone = value.times === "utc" ? UTC : options.zone;
  const log = new ReviewLog(table.problems, { min: 1, max: 5 });
  const dates = new DateOrderQueue<{ line: number; cells: Cells }>(options.file, options.dateOrder);
  const excluded = new Map<string, number>();
  const names = table.columnNames;
  const read = ({ line, cells }: { line: number; cells: Cells }) => {
    const curated = (cells.curated ?? "").trim().toLowerCase();
    const why = value.excludedCurated?.includes(curated) ? curated : parseBoolean(cells.hidden) === true ? "hidden" : null;
    if (why !== null) {
      excluded.set(why, (excluded.get(why) ?? 0) + 1);
      return;
    }
    const dateText = cells.date ?? "";
    log.add({
      line,
      id: cells.id ?? "",
      at: dateText.trim() === "" ? undefined : parseDateTime(dateText, zone, dates.order?.value ?? null),
      dateText,
      dateName: names.date ?? "date",
      rating: cells.rating ?? "",
      ratingName: names.rating ?? "rating",
    });
  };
  return {
    push(record: CsvRecord) {
      const cells = table.cells(record);
      if (cells === null) return;
      dates.offer({ line: record.line, cells }, cells.date ?? "", record.line, read);
    },
    end() {
      dates.end();
      return {
        platform: { ...platform, value: { name: value.name, label: value.label } },
        columns: table.columns,
        rowsRead: table.rowsRead,
        repeatedHeaders: table.repeatedHeaders,
        problems: table.problems,
        ratings: log.ratings,
        excluded: Object.fromEntries([...excluded].sort(([a], [b]) => a.localeCompare(b))),
        dateOrder: dates.order,
      };
    },
  };
}

/**
 * The reviews push core for CSV exports (Judge.me, Trustpilot, Olist, generic): each row one
 * review, dated by its creation (never its reply), Judge.me's spam and hidden reviews excluded and
 * counted; what a review is then is review-log.ts's. Heureka's XML exports: heureka-xml.ts.
 */
import type { ReviewRatings } from "../../core/review.js";
import { Zone } from "../../core/zone.js";
import type { CsvRecord } from "../csv/read-csv.js";
import { DateOrderQueue } from "../date-order.js";
import { parseBoolean } from "../parse/boolean.js";
import { type DateOrder, parseDateTime } from "../parse/date.js";
import { detectReviewPlatform, REVIEW_FIELDS, type ReviewField } from "../platforms/review-platforms.js";
import { type InputRead, type PushReader, platformTable, type TableOptions } from "../table.js";
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
export interface ReviewsRead extends InputRead<ReviewField> {
  readonly ratings: ReviewRatings;
}

const UTC = new Zone("UTC");
type Cells = Record<ReviewField, string | null>;

export function createReviewReader(header: readonly string[], options: ReviewReaderOptions): PushReader<ReviewsRead> {
  const { platform, table } = platformTable(
    header,
    REVIEW_FIELDS,
    detectReviewPlatform(header, options.platform, options.maps.size > 0),
    options.platform !== undefined
      ? `--reviews-platform ${options.platform} is an XML export, but the file is CSV`
      : "unrecognised reviews header: expected a Judge.me, Trustpilot or Olist export, a Heureka XML export, or a generic file with date and rating columns; --reviews-platform NAME forces a format, --reviews-map FIELD=Column points a field at a column",
    { flag: "--reviews-map", maps: options.maps },
    options,
  );
  const { value } = platform;
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

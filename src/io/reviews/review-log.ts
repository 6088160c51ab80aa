/**
 * What every review reader (CSV or Heureka's XML) does with one review: its id read before skips
 * it (DUPLICATE_REVIEW, the first counts), its creation time and rating are read or the review is
 * skipped with the reason, and it is kept as numbers (core/review.ts) — rated, or unrated when it
 * has no rating.
 */
import { KeyMap } from "../../core/key-map.js";
import { quoted } from "../../core/printable.js";
import type { ReviewRatings } from "../../core/review.js";
import type { ProblemLog } from "../problems.js";

/** Ratings are read on 0–5: Heureka writes 0 and halves; the other platforms 1–5 stars. */
export interface RatingScale {
  readonly min: number;
  readonly max: number;
}

// 4, 4.5, 4,5 (a decimal comma: Czech files), with spaces around.
const RATING = /^\s*(\d{1,3}(?:[.,]\d+)?)\s*$/;

export class ReviewLog {
  readonly ratings: ReviewRatings = { at: [], rating: [], unratedAt: [] };
  readonly #ids = new KeyMap();

  constructor(
    private readonly problems: ProblemLog,
    private readonly scale: RatingScale,
  ) {}

  /**
   * One review: `at` its creation instant (null: unreadable, with `dateText` as written; undefined:
   * none written), its rating as written ("" for none), its id ("" for none), the line it starts on,
   * and how the rating's column or element is named in messages.
   */
  add(review: {
    readonly line: number;
    readonly id: string;
    readonly at: number | null | undefined;
    readonly dateText: string;
    readonly dateName: string;
    readonly rating: string;
    readonly ratingName: string;
  }): void {
    const { line, problems } = { line: review.line, problems: this.problems };
    const id = review.id.trim();
    const first = id === "" ? -1 : this.#ids.firstSeen(id, line);
    if (first >= 0) {
      problems.skip(line, 1, { code: "DUPLICATE_REVIEW", message: `review id ${quoted(id)} was read on line ${first}: counted once` });
      return;
    }
    if (review.at === undefined) {
      problems.skip(line, 1, { code: "EMPTY_DATE", message: `the review's date (${review.dateName}) is empty` });
      return;
    }
    if (review.at === null) {
      problems.skip(line, 1, {
        code: "UNREADABLE_DATE",
        message: `the review's date ${quoted(review.dateText.trim())} (${review.dateName}) is no date we read`,
      });
      return;
    }
    const text = review.rating.trim();
    if (text === "") {
      this.ratings.unratedAt.push(review.at);
      return;
    }
    const m = RATING.exec(text);
    if (!m) {
      problems.skip(line, 1, { code: "UNREADABLE_RATING", message: `the rating ${quoted(text)} (${review.ratingName}) is no number` });
      return;
    }
    const rating = Number(m[1]!.replace(",", "."));
    const { min, max } = this.scale;
    if (rating < min || rating > max) {
      problems.skip(line, 1, {
        code: "RATING_OUT_OF_SCALE",
        message: `the rating ${text} (${review.ratingName}) lies outside ${min}–${max}`,
      });
      return;
    }
    this.ratings.at.push(review.at);
    this.ratings.rating.push(rating);
  }
}

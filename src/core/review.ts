/**
 * Reviews as the metrics take them: each review's creation instant and rating (0–5, halves
 * allowed: Heureka), and the instants of reviews without a rating. No text.
 */

export interface ReviewRatings {
  /** Epoch ms of each rated review's creation. */
  readonly at: number[];
  /** Its rating on 0–5 (1–5 on most platforms; Heureka writes halves and may write 0). */
  readonly rating: number[];
  /** Epoch ms of each review without a rating (Heureka's pros-and-cons-only reviews). */
  readonly unratedAt: number[];
}

/** A review is positive from this rating up (4 of 5 stars; Heureka's total_rating ≥ 4). */
export const POSITIVE_FROM = 4;

export interface ReviewFigures {
  /** Rated reviews created in the window. */
  readonly reviews: number;
  /** Of those, rated 4 or more. */
  readonly positiveReviews: number;
  /** positiveReviews / reviews; null with none. */
  readonly positiveRate: number | null;
  /** The mean rating; null with none. */
  readonly meanRating: number | null;
  /** Reviews without a rating created in the window (not in the others). */
  readonly unrated: number;
  /** positiveReviews in the window / in the previous window − 1; null when the previous window has none. */
  readonly positiveGrowth: number | null;
}

/** Reviews over a window: how many, how many positive (4 stars or more), their mean, and how the positive ones grow against the previous window. */
import { POSITIVE_FROM, type ReviewFigures, type ReviewRatings } from "../../core/review.js";
import type { ReportWindow } from "../../core/window.js";

export const REVIEWS_DEFINITION =
  "Reviews created in the window (by creation time, not reply): reviews = rated reviews, positiveReviews = those rated 4 or more of 5 (Heureka: total_rating ≥ 4, so 3.5 is not), positiveRate = positiveReviews / reviews, meanRating = the mean rating, unrated = reviews without a rating (apart from the rest), positiveGrowth = positiveReviews in the window / positiveReviews in the previous window − 1.";

type Range = Pick<ReportWindow, "from" | "to">;

/** Counts and sums of the rated reviews in a window, and its unrated ones. */
function tally(files: readonly ReviewRatings[], window: Range): { reviews: number; positive: number; sum: number; unrated: number } {
  let reviews = 0;
  let positive = 0;
  let sum = 0;
  let unrated = 0;
  for (const { at, rating, unratedAt } of files) {
    for (let i = 0; i < at.length; i++) {
      if (at[i]! < window.from || at[i]! >= window.to) continue;
      reviews++;
      sum += rating[i]!;
      if (rating[i]! >= POSITIVE_FROM) positive++;
    }
    for (const t of unratedAt) if (t >= window.from && t < window.to) unrated++;
  }
  return { reviews, positive, sum, unrated };
}

export function computeReviews(files: readonly ReviewRatings[], window: Range, previous: Range): ReviewFigures {
  const now = tally(files, window);
  const before = tally(files, previous);
  return {
    reviews: now.reviews,
    positiveReviews: now.positive,
    positiveRate: now.reviews === 0 ? null : now.positive / now.reviews,
    meanRating: now.reviews === 0 ? null : now.sum / now.reviews,
    unrated: now.unrated,
    positiveGrowth: before.positive === 0 ? null : now.positive / before.positive - 1,
  };
}

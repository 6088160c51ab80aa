/**
 * Quantiles by linear interpolation between order statistics: for sorted x[0 … n−1] and
 * h = (n − 1)·q, x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]) — R's type 7, numpy's and Excel's
 * PERCENTILE.INC default, so a shop can check a figure in a spreadsheet. The median (q = ½) is the
 * middle value, or the mean of the middle two.
 */

/** The q-quantile (0 ≤ q ≤ 1) of ascending `sorted`; null when it is empty. */
export function quantile(sorted: ArrayLike<number>, q: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const below = sorted[lo]!;
  return lo + 1 >= n ? below : below + (h - lo) * (sorted[lo + 1]! - below);
}

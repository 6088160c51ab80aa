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

/**
 * The median of `values`, without sorting them: the middle value, or the mean of the middle two,
 * (a + b) / 2 as a sort would give it; null when empty. Reorders `values` (select below).
 */
export function medianInPlace(values: Float64Array): number | null {
  const n = values.length;
  if (n === 0) return null;
  const mid = n >> 1;
  select(values, mid);
  if (n % 2 === 1) return values[mid]!;
  // Every value before mid is at most values[mid]: the largest of them is the other middle one.
  let below = values[0]!;
  for (let i = 1; i < mid; i++) if (values[i]! > below) below = values[i]!;
  return (below + values[mid]!) / 2;
}

/**
 * Puts the k-th smallest of `values` at k, the smaller ones before it and the larger after:
 * Floyd and Rivest's selection (CACM 18(3), 1975, algorithm 489), in linear time on average
 * where a sort takes n log n. A range of more than 600 values first selects within a sample
 * around where k should fall, so the pivot lands near k. For finite values (no NaN).
 */
export function select(values: Float64Array, k: number, from = 0, to = values.length - 1): void {
  let left = from;
  let right = to;
  while (right > left) {
    if (right - left > 600) {
      const n = right - left + 1;
      const m = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (m - n / 2 < 0 ? -1 : 1);
      select(values, k, Math.max(left, Math.floor(k - (m * s) / n + sd)), Math.min(right, Math.floor(k + ((n - m) * s) / n + sd)));
    }
    const pivot = values[k]!;
    let i = left;
    let j = right;
    swap(values, left, k);
    if (values[right]! > pivot) swap(values, left, right);
    while (i < j) {
      swap(values, i, j);
      i++;
      j--;
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
    }
    if (values[left] === pivot) swap(values, left, j);
    else {
      j++;
      swap(values, j, right);
    }
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}

function swap(values: Float64Array, i: number, j: number): void {
  const t = values[i]!;
  values[i] = values[j]!;
  values[j] = t;
}

/**
 * `text.trim()`, without the call when there is nothing to trim: a text that starts and ends with
 * a printable ASCII character (nearly every cell of an export) is its own trim, since every
 * character trim() drops is at most U+0020 or from U+00A0 up. The hot readers trim a dozen cells
 * an order; the call was most of what that cost.
 */
export function trim(text: string): string {
  const n = text.length;
  if (n === 0) return text;
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(n - 1);
  return first > 32 && first < 127 && last > 32 && last < 127 ? text : text.trim();
}

/**
 * Counts and rates as analytics exports write them, localized: `1234`, `1 234` (a space, a
 * no-break or a narrow no-break space: Czech, French), `1'234`, `"3,215"` and `1.234` (groups of
 * three); rates as fractions (`0.0312`) or percentages (`62,5 %`, `2.46%`).
 */

const SPACES = /[\s\u00a0\u202f']/g;
const GROUPED = /^-?\d{1,3}(?:([,.])\d{3})(?:\1\d{3})*$/;
const WHOLE = /^-?\d+$/;
const RATE = /^(-?\d+(?:[.,]\d+)?)\s*(%?)$/;

/** A whole number (negative when written so), or null when it is none. */
export function parseCount(text: string): number | null {
  const t = text.trim().replace(SPACES, "");
  if (WHOLE.test(t)) return Number(t);
  if (GROUPED.test(t)) return Number(t.replace(/[,.]/g, ""));
  return null;
}

/** A rate as a fraction (`62,5 %` → 0.625), or null when it is none. */
export function parseRate(text: string): number | null {
  const m = RATE.exec(text.trim().replace(/[\u00a0\u202f]/g, " "));
  if (!m) return null;
  const value = Number(m[1]!.replace(",", "."));
  return m[2] === "%" ? value / 100 : value;
}

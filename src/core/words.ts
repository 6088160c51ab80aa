/**
 * Numbers and lists in the words people read: counts with fixed en-US grouping (so output is the
 * same on every machine), plurals, and "a, b and c".
 */
const COUNTS = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** `1,024`. */
export const count = (n: number): string => COUNTS.format(n);

/** `1 row`, `4,506 rows` (`many`: an irregular plural). */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${count(n)} ${n === 1 ? word : many}`;
}

/** `a`, `a and b`, `a, b and c`; empty for none. */
export function listed(items: readonly string[]): string {
  return items.length < 2 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** Yes/no cells, as exports write them (guest flags, registered flags). */

const TRUE_WORDS = new Set(["true", "1", "yes", "y"]);
const FALSE_WORDS = new Set(["false", "0", "no", "n"]);

/** true/false, 1/0, yes/no in any case; null for empty or anything else. */
export function parseBoolean(text: string | null): boolean | null {
  const word = (text ?? "").trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return null;
}

/**
 * Text that came from outside — a file's cells and header names, a file name, argv — on its way
 * to a terminal. A cell holding ESC could recolour or rewrite the screen, and one holding a line
 * break could forge a `shopmetrics: error:` line; so every message the CLI writes and every text
 * cell of the table goes through printable() (README, "Exit codes"; docs/rules.md).
 */

// C0 (U+0000–U+001F), DEL (U+007F) and C1 (U+0080–U+009F): the characters a terminal acts on;
// and the line and paragraph separators and bidirectional controls (U+2028–U+2029, U+202A–U+202E,
// U+2066–U+2069), which can break a line or make a line read otherwise than it is.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028-\u202e\u2066-\u2069]/g;
const SHORT: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/**
 * `text` with each control character escaped as JavaScript writes it: `\n`, `\r`, `\t`, else
 * `\xHH` (ESC is `\x1b`, BEL `\x07`, DEL `\x7f`, CSI `\x9b`). Everything else is left as it is.
 */
export function printable(text: string): string {
  return text.replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    return SHORT[c] ?? (code > 0xff ? `\\u${code.toString(16)}` : `\\x${code.toString(16).padStart(2, "0")}`);
  });
}

/** The first `count` code points of `text`, never copying more of a huge text than that. */
export function firstChars(text: string, count: number): string {
  if (text.length <= count) return text;
  // 2 × count code units hold at least count code points; only that much is spread.
  return [...text.slice(0, 2 * count)].slice(0, count).join("");
}

/** The longest message line written, in characters: the rest is cut (`…`). */
const LINE = 2000;

/**
 * printable(), for (a part of) one line of a message: no control character, so no line break
 * either, and at most 2,000 characters, whatever a value of argv or a cell held.
 */
export function printableLine(text: string): string {
  const cut = firstChars(text, LINE);
  return printable(cut.length < text.length ? `${cut}…` : text);
}

/** How much of a value a message echoes: a flag's value may be a megabyte of argv. */
const ECHOED = 60;

/** A value quoted for a message, as JSON writes it: its first 60 characters, then `…` when it is longer. */
export function quoted(value: string): string {
  const cut = firstChars(value, ECHOED); // by code point, so a surrogate pair is never split
  return JSON.stringify(cut.length < value.length ? `${cut}…` : value);
}

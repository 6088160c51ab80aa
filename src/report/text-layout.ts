/**
 * Text fitted to a terminal's width, for the table renderer: how many columns a string takes
 * (ANSI colour codes take none; CJK and emoji two; combining marks none; box drawing, ▲▼ and the
 * sparkline's bars one), and greedy wrapping with a hanging indent.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: ESC starts the colour codes being stripped.
const ANSI = /\x1b\[[0-9;]*m/g;
const ZERO_WIDTH = /^[\p{M}\u200B-\u200F\u2060\uFEFF]$/u;
const WIDE =
  /^[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{20000}-\u{3FFFD}\p{Emoji_Presentation}]$/u;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, "");
}

function charWidth(char: string): number {
  if (ZERO_WIDTH.test(char)) return 0;
  return WIDE.test(char) ? 2 : 1;
}

/** The columns `text` takes on a terminal (its widest line). */
export function displayWidth(text: string): number {
  let widest = 0;
  for (const line of stripAnsi(text).split("\n")) {
    let width = 0;
    for (const char of line) width += charWidth(char);
    widest = Math.max(widest, width);
  }
  return widest;
}

/**
 * `parts` joined by `separator`, broken into lines of at most `width` columns between parts;
 * every line after the first starts with `indent` spaces. A part too long for a line is broken at
 * its spaces, and a word too long for one is cut (losing its colour). No width: one line.
 */
export function wrapParts(parts: readonly string[], separator: string, width: number | undefined, indent = 2): string[] {
  const joined = parts.join(separator);
  if (width === undefined || displayWidth(joined) <= width) return [joined];
  const pad = " ".repeat(Math.max(0, Math.min(indent, width - 1)));
  const lines: string[] = [];
  let line = "";
  const room = () => (lines.length === 0 ? width : width - pad.length);
  const flush = () => {
    lines.push((lines.length === 0 ? "" : pad) + line.trimEnd());
    line = "";
  };
  /** `word` after `glue` on this line, or first on the next. */
  const add = (word: string, glue: string) => {
    if (line !== "" && displayWidth(line + glue + word) <= room()) {
      line += glue + word;
      return;
    }
    if (line !== "") flush();
    let rest = word;
    while (displayWidth(rest) > room()) {
      [line, rest] = cut(rest, room());
      flush();
    }
    line = rest;
  };
  for (const part of parts) {
    if (displayWidth(part) <= room() || !part.includes(" ")) add(part, separator);
    else {
      part.split(" ").forEach((piece, i) => {
        add(piece, i === 0 ? separator : " ");
      });
    }
  }
  if (line !== "" || lines.length === 0) flush();
  return lines;
}

/** Wraps `text` at its spaces (wrapParts). */
export function wrap(text: string, width: number | undefined, indent = 2): string[] {
  return wrapParts(text.split(" "), " ", width, indent);
}

/** The first `room` columns of `text` (at least one character) and the rest, without colour. */
function cut(text: string, room: number): [string, string] {
  const chars = [...stripAnsi(text)];
  let taken = 0;
  let width = 0;
  while (taken < chars.length && width + charWidth(chars[taken]!) <= room) width += charWidth(chars[taken++]!);
  taken = Math.max(1, taken);
  return [chars.slice(0, taken).join(""), chars.slice(taken).join("")];
}

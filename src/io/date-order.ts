/**
 * One day/month order per file for slash dates (`01/02/2026`), for the readers that read a date
 * a row (surveys, reviews): fixed by --date-format, else by the first date that shows it (a part
 * over 12); rows that can't be read until then wait, in file order, and are read as soon as a
 * later date settles it. A file none of whose dates settles it is an input error naming the flag.
 * (The orders reader defers whole orders in conventions.ts, for dates and decimal marks at once.)
 */
import type { Decided } from "../core/decided.js";
import { AppError } from "../core/errors.js";
import { quoted } from "../core/printable.js";
import { type DateOrder, dateEvidence } from "./parse/date.js";

export class DateOrderQueue<T> {
  #order: Decided<DateOrder> | null;
  #waiting: { readonly item: T; readonly date: string; readonly line: number }[] = [];
  readonly #file: string;

  constructor(file: string, forced?: DateOrder) {
    this.#file = file;
    this.#order = forced ? { value: forced, reason: "--date-format", source: "option" } : null;
  }

  /** The order, once decided; null while no date has shown it. */
  get order(): Decided<DateOrder> | null {
    return this.#order;
  }

  /** Reads `item` now (and every item waiting before it), or queues it behind them until a date settles the order. */
  offer(item: T, date: string, line: number, read: (item: T) => void): void {
    if (this.#order === null) {
      const text = date.trim();
      const evidence = dateEvidence(text);
      if (evidence === "dmy" || evidence === "mdy") {
        this.#order = { value: evidence, reason: `${quoted(text)} on line ${line}`, source: "content", line };
      } else if (evidence === "ambiguous" || this.#waiting.length > 0) {
        this.#waiting.push({ item, date: text, line });
        return;
      }
    }
    if (this.#waiting.length > 0) {
      const waiting = this.#waiting;
      this.#waiting = [];
      for (const w of waiting) read(w.item);
    }
    read(item);
  }

  /** At the end of the file: an input error when rows still wait for an order nothing settled. */
  end(): void {
    const first = this.#waiting.find((w) => dateEvidence(w.date) === "ambiguous");
    if (!first) return;
    throw new AppError(
      "INPUT_AMBIGUOUS",
      `dates like ${quoted(first.date)} can be read day-first or month-first, and no date in the file settles it: pass --date-format dmy or --date-format mdy`,
      { file: this.#file, line: first.line },
    );
  }
}

/**
 * The bookkeeping of rows that can't be used, shared by every record kind: count them, keep the
 * first MAX_PROBLEMS with file, line and reason, tell the caller as they happen, or — with
 * --strict — stop at the first.
 */
import type { Problem } from "../core/problems.js";

/** How many problems are kept (and listed in a report); the rest are counted. */
export const MAX_PROBLEMS = 1000;

import { AppError } from "../core/errors.js";

export class ProblemLog {
  /** Rows skipped, over all problems. */
  rowsSkipped = 0;
  /** The first MAX_PROBLEMS problems. */
  readonly problems: Problem[] = [];
  /** Problems beyond the cap, still counted in rowsSkipped. */
  omitted = 0;

  constructor(
    private readonly file: string,
    private readonly strict: boolean,
    private readonly onProblem?: (problem: Problem) => void,
  ) {}

  /** Skips `rows` rows starting at `line` for `reason`; throws AppError INPUT_ROW under --strict. */
  skip(line: number, rows: number, reason: string): void {
    if (this.strict) throw new AppError("INPUT_ROW", `${reason} (--strict)`, { file: this.file, line });
    const problem = { file: this.file, line, message: `${reason}; ${rows === 1 ? "row" : `the order's ${rows} rows`} skipped` };
    this.rowsSkipped += rows;
    if (this.problems.length < MAX_PROBLEMS) this.problems.push(problem);
    else this.omitted++;
    this.onProblem?.(problem);
  }
}

/**
 * The bookkeeping of rows that can't be used, shared by every record kind: count them by code,
 * keep the first MAX_PROBLEMS with file, line, code and reason, tell the caller as they happen,
 * or — with --strict — stop at the first.
 */
import { AppError } from "../core/errors.js";
import type { Problem, ProblemCode, RowIssue } from "../core/problems.js";

/** How many problems are kept (and listed in a report); the rest are counted. */
export const MAX_PROBLEMS = 1000;

export class ProblemLog {
  /** Rows skipped, over all problems. */
  rowsSkipped = 0;
  /** Rows skipped, by the code of their problem. */
  readonly skippedByCode = new Map<ProblemCode, number>();
  /** The first MAX_PROBLEMS problems. */
  readonly problems: Problem[] = [];
  /** Problems beyond the cap, still counted in rowsSkipped. */
  omitted = 0;

  constructor(
    private readonly file: string,
    private readonly strict: boolean,
    private readonly onProblem?: (problem: Problem) => void,
  ) {}

  /** Skips `rows` rows starting at `line` for `issue`; throws AppError INPUT_ROW under --strict. */
  skip(line: number, rows: number, issue: RowIssue): void {
    if (this.strict) throw new AppError("INPUT_ROW", `${issue.message} (--strict)`, { file: this.file, line });
    const problem: Problem = {
      file: this.file,
      line,
      code: issue.code,
      message: `${issue.message}; ${rows === 1 ? "row" : `the order's ${rows} rows`} skipped`,
    };
    this.rowsSkipped += rows;
    this.skippedByCode.set(issue.code, (this.skippedByCode.get(issue.code) ?? 0) + rows);
    if (this.problems.length < MAX_PROBLEMS) this.problems.push(problem);
    else this.omitted++;
    this.onProblem?.(problem);
  }
}

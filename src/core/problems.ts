/** A row that could not be used: where it is and why. */
export interface Problem {
  readonly file: string;
  /** Line on which the row (or the order's first row) starts. */
  readonly line: number;
  /** The reason, ending in what was skipped. */
  readonly message: string;
}

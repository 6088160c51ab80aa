/**
 * The error taxonomy. Every error a user can cause is an AppError with a stable code; anything
 * else reaching the top-level catch is a bug. Which exit code each code means is the CLI's
 * business (cli/exit-codes.ts).
 */

export type ErrorCode =
  | "USAGE" // a flag or flag value the CLI cannot accept
  | "INPUT_UNREADABLE" // the file is missing, a directory, or not readable
  | "INPUT_HEADER" // the header row is no platform's export we know, and no --map makes it one
  | "INPUT_CSV" // the CSV itself is malformed (unterminated quote, …)
  | "INPUT_XML" // an XML export (Heureka's reviews) is not well-formed
  | "INPUT_ENCODING" // the bytes are not text in the encoding detected or given
  | "INPUT_AMBIGUOUS" // dates or amounts that only a flag can settle (--date-format, --decimal)
  | "INPUT_TOO_LARGE" // amounts whose sums would pass 2^53 minor units, beyond which they stop being exact
  | "INPUT_ROW" // a row could not be decoded and --strict is on
  | "INPUT_NOTHING_READ" // a file has rows and every one of them was skipped
  | "INPUT_REFUSED" // a file that can't be used as asked: business-hours times mixed with empty ones, an aggregate traffic file over another range than the window
  | "OUTPUT_UNWRITABLE"; // stdout can't be written (a full disk, …); a closed pipe is not an error

/** Where in the input an error was found; printed as `file:line:`. */
export interface Location {
  readonly file: string;
  readonly line?: number;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly location: Location | undefined;

  constructor(code: ErrorCode, message: string, location?: Location, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "AppError";
    this.code = code;
    this.location = location;
  }

  /** The one line shown to the user: `file:line: message`. */
  toUserString(): string {
    return `${formatLocation(this.location)}${this.message}`;
  }
}

export function formatLocation(location: Location | undefined): string {
  if (!location) return "";
  return location.line === undefined ? `${location.file}: ` : `${location.file}:${location.line}: `;
}

export function usageError(message: string): AppError {
  return new AppError("USAGE", message);
}

/** The documented process exit codes (README, "Exit codes"), and which error code means which. */
import type { ErrorCode } from "../core/errors.js";

export const ExitCode = {
  ok: 0,
  /** An internal error: a bug (the stack is printed). */
  bug: 1,
  usage: 2,
  input: 3,
  /** A --fail-if condition tripped; the report was printed. */
  failIf: 4,
  /**
   * stdout is a pipe whose reader has gone (`| head -1`): 128 + SIGPIPE (13), what a shell says
   * of `cat` killed by the signal. Node ignores SIGPIPE, so it exits with the code instead, quietly.
   */
  brokenPipe: 141,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export const EXIT_BY_ERROR: Readonly<Record<ErrorCode, ExitCode>> = {
  USAGE: ExitCode.usage,
  INPUT_UNREADABLE: ExitCode.input,
  INPUT_HEADER: ExitCode.input,
  INPUT_CSV: ExitCode.input,
  INPUT_XML: ExitCode.input,
  INPUT_ENCODING: ExitCode.input,
  INPUT_AMBIGUOUS: ExitCode.input,
  INPUT_TOO_LARGE: ExitCode.input,
  INPUT_ROW: ExitCode.input,
  INPUT_NOTHING_READ: ExitCode.input,
  INPUT_REFUSED: ExitCode.input,
  OUTPUT_UNWRITABLE: ExitCode.input,
};

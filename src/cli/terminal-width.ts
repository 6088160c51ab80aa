/**
 * How wide the table may be (README, "The table on a terminal"): the terminal's width when
 * stdout is one, else `COLUMNS` when it is a positive whole number, else no limit — a pipe or a
 * file gets the full table, so scripts and stored outputs don't change with the window they ran in.
 */
import type { Env } from "./color.js";

export function outputWidth(stdout: { readonly isTTY?: boolean; readonly columns?: number }, env: Env): number | undefined {
  if (stdout.isTTY === true && typeof stdout.columns === "number" && stdout.columns > 0) return stdout.columns;
  const columns = env.COLUMNS?.trim() ?? "";
  return /^[1-9][0-9]{0,5}$/.test(columns) ? Number(columns) : undefined;
}

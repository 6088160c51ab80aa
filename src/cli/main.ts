/**
 * The process boundary: the only module that sees argv, env, stdio and exit codes.
 * main() never throws; it returns the exit code (README, "Exit codes").
 */
import { createReadStream, readFileSync } from "node:fs";
import type { Readable, Writable } from "node:stream";
import { CommanderError } from "commander";
import { inspectFile } from "../commands/inspect.js";
import { buildReport } from "../commands/report.js";
import { AppError, formatLocation } from "../core/errors.js";
import type { Problem } from "../core/problems.js";
import type { ReadProgress } from "../io/csv/read-csv.js";
import { METRICS } from "../metrics/index.js";
import { renderCsv } from "../report/render-csv.js";
import { renderInspection } from "../report/render-inspection.js";
import { renderJson } from "../report/render-json.js";
import { renderTable } from "../report/render-table.js";
import { chalkFor, colorEnabled, type Env } from "./color.js";
import { loadConfig, withConfig } from "./config.js";
import { EXIT_BY_ERROR, ExitCode } from "./exit-codes.js";
import { parseReportOptions } from "./options.js";
import { buildProgram } from "./program.js";
import { progressLine } from "./progress.js";

export interface ProcessIo {
  readonly stdin: Readable;
  readonly stdout: Writable & { isTTY?: boolean };
  readonly stderr: Writable & { isTTY?: boolean };
  readonly env: Env;
}

/** How many skipped rows are warned about one by one on stderr; all are in the JSON. */
const PROBLEMS_ON_STDERR = 20;

export async function main(argv: readonly string[], io: ProcessIo): Promise<number> {
  const warnColor = chalkFor(colorEnabled(io.env, io.stderr.isTTY));
  const warn = (text: string) => io.stderr.write(`shopmetrics: ${warnColor.yellow("warning:")} ${text}\n`);
  let exitCode: number = ExitCode.ok;

  /**
   * Opens the input (a file, or stdin for `-`) with the progress line and the per-row warnings
   * every command that reads a file shows, runs `read` on it, and says what it skipped.
   */
  async function readInput<T>(
    file: string,
    showProgress: boolean,
    read: (
      input: { file: string; input: Readable },
      hooks: { onProgress?: (p: ReadProgress) => void; onProblem: (p: Problem) => void },
    ) => Promise<T>,
  ): Promise<T> {
    if (file === "-" && (io.stdin as { isTTY?: boolean }).isTTY) {
      io.stderr.write("shopmetrics: reading orders from the terminal; paste CSV and end with Ctrl-D (or pass a file)\n");
    }
    const input = file === "-" ? io.stdin : createReadStream(file);
    const progress = showProgress && io.stderr.isTTY && !io.env.CI ? progressLine((text) => io.stderr.write(text), file) : null;
    let problemsShown = 0;
    try {
      return await read(
        { file, input },
        {
          onProgress: progress ? (p) => progress.update(p) : undefined,
          onProblem(problem) {
            if (++problemsShown > PROBLEMS_ON_STDERR) return;
            progress?.clear();
            warn(`${formatLocation(problem)}${problem.message}`);
          },
        },
      );
    } finally {
      progress?.clear();
      if (problemsShown > PROBLEMS_ON_STDERR) {
        warn(`… ${problemsShown - PROBLEMS_ON_STDERR} more skipped rows (${problemsShown} in all; listed in the JSON)`);
      }
    }
  }

  const program = buildProgram({
    version: readVersion(),
    writeOut: (text) => io.stdout.write(text),
    writeErr: (text) => io.stderr.write(text),
    async report(raw) {
      const now = Date.now();
      const {
        ordersFile,
        customersFile,
        format,
        progress: showProgress,
        ...options
      } = parseReportOptions(withConfig(raw, loadConfig(raw.config, process.cwd())), io.env, now);
      const customers = customersFile === undefined ? undefined : { file: customersFile, input: createReadStream(customersFile) };
      const { report, failIf: outcomes } = await readInput(ordersFile, showProgress, (orders, hooks) =>
        buildReport({ ...options, ...hooks, now, orders, customers }),
      );
      for (const warning of report.warnings) warn(warning);
      const text =
        format === "json"
          ? renderJson(report)
          : format === "csv"
            ? renderCsv(report, METRICS.metrics)
            : renderTable(report, METRICS.metrics, chalkFor(colorEnabled(io.env, io.stdout.isTTY)));
      io.stdout.write(text);
      // --fail-if: after the report, as usual; say which condition tripped, for which currency.
      for (const outcome of outcomes) {
        const where = `${report.groups.length === 0 ? "the report (no orders)" : (outcome.currency ?? "(no currency)")} as of ${report.asOf}`;
        if (outcome.tripped) {
          io.stderr.write(
            `shopmetrics: fail-if tripped: ${outcome.condition.text} (${outcome.condition.metric} is ${outcome.value} for ${where})\n`,
          );
          exitCode = ExitCode.failIf;
        } else if (outcome.value === null) {
          warn(`--fail-if ${outcome.condition.text} not evaluated for ${where}: ${outcome.condition.metric} is null`);
        }
      }
    },
    async inspect(raw) {
      // The same reading options as report; the report-only ones take their defaults.
      const withDefaults = { window: "365d", margin: "1", failIf: [], progress: true, ...raw };
      const { ordersFile, format, ...options } = parseReportOptions(
        withConfig(withDefaults, loadConfig(raw.config, process.cwd())),
        io.env,
        Date.now(),
      );
      const inspection = await readInput(ordersFile, true, (orders, hooks) => inspectFile({ ...options, ...hooks, orders }));
      io.stdout.write(
        format === "json"
          ? `${JSON.stringify(inspection, null, 2)}\n`
          : renderInspection(inspection, chalkFor(colorEnabled(io.env, io.stdout.isTTY))),
      );
    },
  });

  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (error) {
    exitCode = exitCodeFor(error, io);
  }
  return exitCode;
}

function exitCodeFor(error: unknown, io: ProcessIo): number {
  if (error instanceof CommanderError) {
    // commander has already printed its message; help and version are not errors.
    if (error.code === "commander.helpDisplayed" || error.code === "commander.version" || error.exitCode === 0) return ExitCode.ok;
    return ExitCode.usage;
  }
  if (error instanceof AppError) {
    io.stderr.write(`shopmetrics: error: ${error.toUserString()}\n`);
    return EXIT_BY_ERROR[error.code];
  }
  const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
  io.stderr.write(`shopmetrics: internal error — this is a bug, please report it with the command you ran:\n${stack}\n`);
  return ExitCode.bug;
}

function readVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version?: string };
  return pkg.version ?? "0.0.0";
}

/**
 * The process boundary: the only module that sees argv, env, stdio, the working directory and
 * exit codes, all of them handed in (bin/shopmetrics.js passes the real process; tests their own).
 * main() never throws; it returns the exit code (README, "Exit codes").
 */

import { createReadStream, readFileSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import type { Readable, Writable } from "node:stream";
import type { ChalkInstance } from "chalk";
import { CommanderError } from "commander";
import type { ShopSources } from "../commands/read-shop.js";
import { AppError, formatLocation, usageError } from "../core/errors.js";
import { printable, printableLine as saidLine } from "../core/printable.js";
import type { Problem, ProblemCode } from "../core/problems.js";
import { count } from "../core/words.js";
import type { ReadProgress } from "../io/csv/read-csv.js";
import type { FileRead, Source } from "../io/read-file.js";
import { chalkFor, colorEnabled, type Env } from "./color.js";
import { loadConfig, withConfig } from "./config.js";
import { EXIT_BY_ERROR, ExitCode } from "./exit-codes.js";
import {
  type InputFiles,
  parseClvOptions,
  parseCohortsOptions,
  parseDashboardOptions,
  parseInspectOptions,
  parseReportOptions,
  parseRfmOptions,
  type RawReading,
} from "./options.js";
import { buildProgram } from "./program.js";
import { progressLine } from "./progress.js";
import type { CommandName } from "./settings.js";
import { outputWidth } from "./terminal-width.js";
import { utf8Batches, writeFailure, writeFileAtomically } from "./write-file.js";

export interface ProcessIo {
  readonly stdin: Readable & { isTTY?: boolean };
  /** `columns`: the terminal's width, when stdout is one (the table fits it). */
  readonly stdout: Writable & { isTTY?: boolean; columns?: number };
  readonly stderr: Writable & { isTTY?: boolean };
  readonly env: Env;
  /** Where relative paths (files, ./shopmetrics.config.json) are resolved. */
  readonly cwd: string;
  /** The clock, epoch ms (for --as-of today). */
  readonly now?: () => number;
}

/**
 * How many skipped rows of each kind (problem code) are warned about one by one on stderr; the
 * rest are counted in one line per kind at the end. All are in the JSON (up to its cap).
 */
const PROBLEMS_PER_CODE = 3;

interface ReadHooks {
  readonly onProgress?: (progress: ReadProgress) => void;
  readonly onRead?: (read: FileRead) => void;
  readonly onProblem: (problem: Problem) => void;
}

/**
 * From this size a file is read in a second thread (read-thread.ts), where the machine has two
 * cores: below, starting the thread and warming a second copy of the reading code cost more than
 * it saves (docs/performance.md: one thread is faster at 32 MB, the two even at 40 MB, two faster
 * from 50 MB).
 */
const THREAD_FROM_BYTES = 40 * 1024 * 1024;
const THREAD_CHUNK_BYTES = 64 * 1024;

/**
 * SHOPMETRICS_THREADS=1 reads every file in the main thread; 2 (or more) reads every file (not
 * stdin, `path` null) in a second thread, whatever its size; unset, a file from THREAD_FROM_BYTES
 * is, on a machine with more than one core. Any other value is a usage error, stdin or not.
 */
function readInThread(path: string | null, env: Env): { readonly thread: boolean; readonly reason: string } {
  const threads = env.SHOPMETRICS_THREADS;
  if (threads !== undefined && threads !== "") {
    if (!/^[1-9][0-9]*$/.test(threads))
      throw usageError(`SHOPMETRICS_THREADS=${printable(threads)}: expected a whole number of threads, 1 or more`);
    if (path === null) return { thread: false, reason: "in one thread (standard input always is)" };
    return Number(threads) > 1
      ? { thread: true, reason: `in a second thread (SHOPMETRICS_THREADS=${threads})` }
      : { thread: false, reason: "in one thread (SHOPMETRICS_THREADS=1)" };
  }
  if (path === null) return { thread: false, reason: "in one thread (standard input always is)" };
  const cores = availableParallelism();
  if (cores < 2) return { thread: false, reason: "in one thread (the machine has one core)" };
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return { thread: false, reason: "in one thread (not a regular file)" };
    return stat.size >= THREAD_FROM_BYTES
      ? { thread: true, reason: `in a second thread (${megabytes(stat.size)} on ${cores} cores)` }
      : { thread: false, reason: `in one thread (${megabytes(stat.size)}: a second thread pays from ${megabytes(THREAD_FROM_BYTES)})` };
  } catch {
    return { thread: false, reason: "in one thread" }; // reading it says why
  }
}

/** `673 MB`, `2.0 MB`, `14 KB`: a file's size as --verbose says it. */
function megabytes(bytes: number): string {
  if (bytes < 1_000_000) return `${Math.ceil(bytes / 1000)} KB`;
  return `${(bytes / 1_000_000).toFixed(bytes < 10_000_000 ? 1 : 0)} MB`;
}

/** --verbose's line for a file: how its records are cut, which of its cells, in how many threads. */
function howRead(read: FileRead, thread: string): string {
  const { dialect, path, width, kept } = read;
  if (read.xml) return `${printable(read.file)}: ${dialect.encoding.value}; ${path.reason}; in one thread`;
  const delimiter = dialect.delimiter.value === "\t" ? "tab" : JSON.stringify(dialect.delimiter.value);
  const cells =
    kept === null || kept >= width
      ? `every cell of its ${count(width)} columns read`
      : `${count(kept)} of its ${count(width)} columns read, the rest skipped`;
  return `${printable(read.file)}: ${dialect.encoding.value}, ${delimiter}; ${path.reason}; ${cells}; ${thread}`;
}

export async function main(argv: readonly string[], io: ProcessIo): Promise<number> {
  const warnColor = chalkFor(colorEnabled(io.env, io.stderr.isTTY));
  /** --quiet (report): no warnings, for cron; errors and tripped --fail-if conditions still are said. */
  let quiet = false;
  const warn = (text: string) => {
    if (!quiet) io.stderr.write(`shopmetrics: ${warnColor.yellow("warning:")} ${saidLine(text)}\n`);
  };
  const stdoutColor = () => chalkFor(colorEnabled(io.env, io.stdout.isTTY));
  const now = io.now ?? Date.now;
  let exitCode: number = ExitCode.ok;
  const stdout = output(io.stdout);
  // A warning that can't be written (stderr a closed pipe, a full disk) is lost: never the report
  // on stdout, never a crash, and the exit code stays what it was.
  output(io.stderr);

  /** Why each file opened is read in one thread or two, for --verbose. */
  const threadReasons = new Map<string, string>();
  /** --verbose: how each file is read, said once its header is. */
  let verbose = false;

  /** A file named on the command line (or stdin for `-`), opened when it is read; a big one is read in a second thread. */
  const open = (file: string): Source => {
    const path = resolve(io.cwd, file);
    const source = { file, open: () => (file === "-" ? io.stdin : createReadStream(path)) };
    const { thread, reason } = readInThread(file === "-" ? null : path, io.env);
    threadReasons.set(file, reason);
    return thread ? { ...source, thread: { path, chunkBytes: THREAD_CHUNK_BYTES } } : source;
  };

  /** The command's output: to --out (whole or not at all, never coloured, full width), else to stdout. */
  async function emit(
    out: string | undefined,
    format: string,
    render: (chalk: ChalkInstance, width: number | undefined) => string,
  ): Promise<void> {
    if (format === "html") await (await import("../report/html/charts.js")).loadCharts();
    if (out !== undefined) writeFileAtomically(resolve(io.cwd, out), [render(chalkFor(false), undefined)], printable(out));
    else await stdout.write(render(stdoutColor(), outputWidth(io.stdout, io.env)));
  }

  /**
   * --customers-out FILE|-: the list goes to its file (whole, or not at all: write-file.ts) and the
   * summary where `out` says; with `-` the list goes to stdout, and the summary only to --out's file.
   */
  async function listAndSummary(
    lists: string | undefined,
    out: string | undefined,
    format: string,
    list: () => Iterable<string>,
    summary: (chalk: ChalkInstance, width: number | undefined) => string,
  ): Promise<void> {
    if (lists === "-") for (const bytes of utf8Batches(list())) await stdout.write(bytes);
    else if (lists !== undefined) writeFileAtomically(resolve(io.cwd, lists), list(), printable(lists));
    if (lists !== "-" || out !== undefined) await emit(out, format, summary);
  }

  /** Every input report (and the dashboard) reads. */
  const reportFiles = (cli: InputFiles): ShopSources => ({
    ...(cli.ordersFile === undefined ? {} : { orders: open(cli.ordersFile) }),
    ...(cli.customersFile === undefined ? {} : { customers: open(cli.customersFile) }),
    surveys: cli.surveyFiles.map(open),
    reviews: cli.reviewFiles.map(open),
    attribution: cli.attributionFiles.map(open),
    tickets: cli.ticketFiles.map(open),
    traffic: cli.trafficFiles.map(open),
  });

  /** The orders file, and a customers file to join, as cohorts, rfm and clv read them. */
  const shopFiles = (orders: string, customers: string | undefined): ShopSources => ({
    orders: open(orders),
    ...(customers === undefined ? {} : { customers: open(customers) }),
  });

  /**
   * Runs `read` with the progress line and the per-row warnings every command that reads a file
   * shows: the first PROBLEMS_PER_CODE of each kind, and at the end one line per kind for the rest.
   */
  async function reading<T>(file: string, showProgress: boolean, read: (hooks: ReadHooks) => Promise<T>): Promise<T> {
    if (file === "-" && io.stdin.isTTY) {
      io.stderr.write("shopmetrics: reading orders from the terminal; paste CSV and end with Ctrl-D (or pass a file)\n");
    }
    const progress =
      showProgress && io.stderr.isTTY && !io.env.CI ? progressLine((text) => io.stderr.write(text), printable(file), now) : null;
    // Problems by file and kind: the first few of each are said one by one, the rest counted.
    const kinds = new Map<string, { file: string; code: ProblemCode; seen: number }>();
    let failed = false;
    try {
      return await read({
        ...(progress ? { onProgress: (p: ReadProgress) => progress.update(p) } : {}),
        ...(verbose
          ? {
              onRead: (fileRead: FileRead) => {
                progress?.clear();
                io.stderr.write(`shopmetrics: ${saidLine(howRead(fileRead, threadReasons.get(fileRead.file) ?? "in one thread"))}\n`);
              },
            }
          : {}),
        onProblem(problem) {
          const key = `${problem.code} ${problem.file}`;
          const kind = kinds.get(key) ?? { file: problem.file, code: problem.code, seen: 0 };
          kinds.set(key, kind);
          if (++kind.seen > PROBLEMS_PER_CODE || quiet) return;
          progress?.clear();
          warn(`${formatLocation(problem)}${problem.message}`);
        },
      });
    } catch (error) {
      failed = true; // the error says what the file's rows lacked
      throw error;
    } finally {
      progress?.clear();
      for (const { file, code, seen } of failed ? [] : kinds.values()) {
        if (seen <= PROBLEMS_PER_CODE) continue;
        warn(`${printable(file)}: … and ${count(seen - PROBLEMS_PER_CODE)} more ${code} (${count(seen)} in all; --format json lists them)`);
      }
    }
  }

  /**
   * The flags over the config file's settings over the defaults (withConfig); a config key under
   * its former name is warned about (not with --quiet).
   */
  function settings<T extends RawReading & { quiet?: boolean }>(raw: T, command: CommandName): T {
    const { settings: config, warnings } = loadConfig(raw.config, io.cwd);
    if (raw.quiet !== true) for (const warning of warnings) warn(warning);
    return withConfig(raw, config, command);
  }

  const program = buildProgram({
    version: readVersion(),
    writeOut: (text) => void stdout.write(text),
    writeErr: (text) => io.stderr.write(text),
    // Each command loads its own modules when it runs: a run loads what it uses (report: 70 of
    // the 100 ms that loading every command took before the file's read could start).
    async report(raw) {
      const at = now();
      const cli = parseReportOptions(settings(raw, "report"), io.env, at);
      quiet = cli.quiet;
      verbose = cli.verbose;
      const [{ buildReport, renderReport }, { describeOutcomes }] = await Promise.all([
        import("../commands/report.js"),
        import("../commands/fail-if.js"),
      ]);
      const { ordersFile, surveyFiles, reviewFiles, ticketFiles } = cli;
      const run = await reading(ordersFile ?? surveyFiles[0] ?? reviewFiles[0] ?? ticketFiles[0]!, cli.progress, (hooks) =>
        buildReport(reportFiles(cli), { ...cli.options, ...hooks, now: at }),
      );
      const { report } = run;
      for (const warning of report.warnings) warn(warning);
      await emit(cli.out, cli.format, (chalk, width) => renderReport(run, cli.format, chalk, { width }, cli.locale));
      // --fail-if: after the report, as usual; say which condition tripped, for which currency.
      const said = describeOutcomes(run.failIf, report.asOf, report.groups.length > 0);
      for (const tripped of said.tripped) io.stderr.write(`shopmetrics: ${saidLine(tripped)}\n`);
      if (said.tripped.length > 0) exitCode = ExitCode.failIf;
      for (const notEvaluated of said.notEvaluated) warn(notEvaluated);
    },
    async cohorts(raw) {
      const at = now();
      const cli = parseCohortsOptions(settings(raw, "cohorts"), io.env, at);
      quiet = cli.quiet;
      verbose = cli.verbose;
      const { buildCohorts, renderCohorts } = await import("../commands/cohorts.js");
      const document = await reading(cli.ordersFile, cli.progress, (hooks) =>
        buildCohorts(shopFiles(cli.ordersFile, cli.customersFile), { ...cli.options, ...hooks, now: at }),
      );
      for (const warning of document.warnings) warn(warning);
      await emit(cli.out, cli.format, (chalk, width) => renderCohorts(document, cli.format, chalk, cli.metric, width, cli.locale));
    },
    async rfm(raw) {
      const at = now();
      const cli = parseRfmOptions(settings(raw, "rfm"), io.env, at);
      quiet = cli.quiet;
      verbose = cli.verbose;
      const [{ buildRfm, renderRfm }, { customerListLines }] = await Promise.all([
        import("../commands/rfm.js"),
        import("../report/render-rfm.js"),
      ]);
      const { document, customers } = await reading(cli.ordersFile, cli.progress, (hooks) =>
        buildRfm(shopFiles(cli.ordersFile, cli.customersFile), { ...cli.options, ...hooks, now: at }),
      );
      for (const warning of document.warnings) warn(warning);
      await listAndSummary(
        cli.customersOut,
        cli.out,
        cli.format,
        () => customerListLines(customers ?? []),
        (chalk, width) => renderRfm(document, cli.format, chalk, width, cli.locale),
      );
    },
    async clv(raw) {
      const at = now();
      const cli = parseClvOptions(settings(raw, "clv"), io.env, at);
      quiet = cli.quiet;
      verbose = cli.verbose;
      const [{ buildClv, refusedGroups, renderClv }, { clvCustomerListLines }] = await Promise.all([
        import("../commands/clv.js"),
        import("../report/render-clv.js"),
      ]);
      const { document, customers } = await reading(cli.ordersFile, cli.progress, (hooks) =>
        buildClv(shopFiles(cli.ordersFile, cli.customersFile), { ...cli.options, ...hooks, now: at }),
      );
      for (const warning of document.warnings) warn(warning);
      await listAndSummary(
        cli.customersOut,
        cli.out,
        cli.format,
        () => clvCustomerListLines(customers),
        (chalk, width) => renderClv(document, cli.format, chalk, width, cli.locale),
      );
      // --strict: a refused fit fails the run, after its output, as a tripped --fail-if does.
      const refused = refusedGroups(document);
      if (cli.options.strict && refused.length > 0)
        throw new AppError("INPUT_REFUSED", `--strict: the fit is refused for ${refused.join(", ")} (the notes say why)`);
    },
    async dashboard(raw) {
      const at = now();
      const cli = parseDashboardOptions(settings(raw, "dashboard"), io.env, at);
      quiet = cli.quiet;
      verbose = cli.verbose;
      const { buildDashboard, dashboardWarnings, renderDashboard } = await import("../commands/dashboard.js");
      const docs = await reading(cli.ordersFile, cli.progress, (hooks) =>
        buildDashboard(reportFiles(cli), { ...cli.options, ...hooks, now: at }),
      );
      for (const warning of dashboardWarnings(docs)) warn(warning);
      await emit(cli.out, "html", () => renderDashboard(docs, cli.locale));
    },
    async inspect(raw) {
      const cli = parseInspectOptions(settings(raw, "inspect"), io.env);
      verbose = cli.verbose;
      const { inspectFile, renderInspect } = await import("../commands/inspect.js");
      const inspection = await reading(cli.file, cli.progress, (hooks) => inspectFile(open(cli.file), { ...cli.options, ...hooks }));
      await stdout.write(renderInspect(inspection, cli.format, stdoutColor()));
    },
  });

  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (error) {
    exitCode = exitCodeFor(error, io);
  }
  const failed = await stdout.failure();
  if (failed?.code === "EPIPE") return ExitCode.brokenPipe; // quietly, as `cat` or `yes | head -1`
  if (failed) return exitCodeFor(new AppError("OUTPUT_UNWRITABLE", `cannot write to stdout: ${writeFailure(failed)}`), io);
  return exitCode;
}

interface Output {
  /** Writes `text`; resolves once it is written or has failed (failure() says which). */
  write(text: string | Uint8Array): Promise<void>;
  /** The first error writing to the stream, once every write so far has ended. */
  failure(): Promise<NodeJS.ErrnoException | undefined>;
}

/**
 * A stream written to with its errors kept, not thrown: a closed pipe (EPIPE) or a full disk
 * (ENOSPC) is an 'error' event, which without a listener ends Node with a stack trace.
 */
function output(stream: Writable): Output {
  let failed: NodeJS.ErrnoException | undefined;
  const keep = (error: Error | null | undefined) => {
    failed ??= error ?? undefined;
  };
  stream.on("error", keep);
  let last = Promise.resolve();
  return {
    write(text) {
      const written = new Promise<void>((done) => {
        stream.write(text, (error) => {
          keep(error);
          done();
        });
      });
      last = last.then(() => written);
      return written;
    },
    async failure() {
      await last;
      // The 'error' event comes a tick after the write's callback.
      await new Promise((tick) => setImmediate(tick));
      return failed;
    },
  };
}

function exitCodeFor(error: unknown, io: ProcessIo): number {
  if (error instanceof CommanderError) {
    // commander has already printed its message; help and version are not errors.
    if (error.code === "commander.helpDisplayed" || error.code === "commander.version" || error.exitCode === 0) return ExitCode.ok;
    return ExitCode.usage;
  }
  if (error instanceof AppError) {
    io.stderr.write(`shopmetrics: error: ${saidLine(error.toUserString())}\n`);
    return EXIT_BY_ERROR[error.code];
  }
  const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
  const lines = stack.split("\n").map(saidLine).join("\n");
  io.stderr.write(`shopmetrics: internal error — this is a bug, please report it with the command you ran:\n${lines}\n`);
  return ExitCode.bug;
}

function readVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version?: string };
  return pkg.version ?? "0.0.0";
}

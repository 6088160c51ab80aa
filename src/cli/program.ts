/** commander wiring only: flags, help text, choices. The actions are main.ts's handlers. */
import { Command, Option } from "commander";
import { firstChars, printableLine } from "../core/printable.js";
import { PERIODS } from "../core/window.js";
import { PLATFORM_NAMES } from "../io/platforms/index.js";
import type { RawInspectOptions, RawReportOptions } from "./options.js";

export interface ProgramHandlers {
  version: string;
  writeOut(text: string): void;
  writeErr(text: string): void;
  report(options: RawReportOptions): Promise<void>;
  inspect(options: RawInspectOptions): Promise<void>;
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function buildProgram(handlers: ProgramHandlers): Command {
  const program = new Command("shopmetrics")
    .description("Customer-engagement metrics from shop CSV exports")
    .version(handlers.version)
    .exitOverride()
    .configureOutput({
      writeOut: handlers.writeOut,
      writeErr: handlers.writeErr,
      outputError: (text, write) => write(`shopmetrics: ${commanderError(text)}`),
    })
    .showSuggestionAfterError();

  const report = program
    .command("report")
    .description(
      "Engagement metrics per currency over a window: AOV, purchase frequency, repeat, returning and guest checkout rates, new customers, retention, churn, days between purchases, CLV",
    )
    .requiredOption("--orders <file>", "orders export CSV (Shopify, WooCommerce, Shoptet, … or generic); - reads stdin")
    .option("--customers <file>", "customers export to join on email and customer id (guest orders, customers who never ordered)")
    .option(
      "--customers-map <field=column>",
      "read a customers-file FIELD from COLUMN (repeatable), e.g. email=customer_unique_id",
      collect,
      [],
    );
  addInputOptions(report)
    .option("--window <spec>", "Nd, Nm (calendar months), Ny, all, or YYYY-MM-DD..YYYY-MM-DD", "365d")
    .option("--as-of <date>", "last day inside the window, YYYY-MM-DD or today (default: date of the latest order)")
    .addOption(
      new Option("--format <format>", "output format (csv: tidy rows of as-of, currency, metric, value)")
        .choices(["table", "json", "csv"])
        .default("table"),
    )
    .option("--margin <share>", "share of revenue that is profit, for clv (e.g. 0.3)", "1")
    .addOption(new Option("--compare <what>", "also show the previous window and the change").choices(["previous"]))
    .addOption(new Option("--every <period>", "a series: one window per period end (with --periods)").choices([...PERIODS]))
    .option("--periods <n>", "how many points --every computes (default 12)")
    .option("--fail-if <condition>", "exit 4 when a metric trips, e.g. 'repeatPurchaseRate<0.2' (repeatable)", collect, [])
    .option("--strict", "exit 3 on the first row that cannot be read, instead of skipping it")
    .option("--no-progress", "never show read progress on stderr")
    .option("-q, --quiet", "no warnings on stderr (for cron): only errors and tripped --fail-if conditions")
    .addHelpText(
      "after",
      `
Exit codes: 0 ok, 1 internal error (a bug), 2 usage error, 3 input error, 4 a --fail-if condition tripped.
(3 also when stdout can't be written, e.g. a full disk; 141 when stdout is a pipe whose reader has gone.)

Examples:
  shopmetrics report --orders orders_export.csv
  shopmetrics report --orders orders.csv --window 3m --as-of 2025-12-31 --tz Europe/Prague --format json | jq '.groups[].metrics.aov'
  shopmetrics report --orders invoices.csv --map created_at=InvoiceDate --map total=TotalPrice --currency GBP
  shopmetrics report --orders orders.csv --window 1m --every month --periods 12 --format csv
  shopmetrics report --orders orders.csv --window 30d --compare previous --fail-if 'churnRate>0.5'`,
    )
    .action(async (options: RawReportOptions) => handlers.report(options));

  const inspect = program
    .command("inspect")
    .description(
      "Show what shopmetrics reads in an export, and why: platform, encoding, delimiter, decimal marks, dates, columns, statuses, first orders",
    )
    .argument("<file>", "the export to inspect; - reads stdin");
  addInputOptions(inspect)
    .addOption(new Option("--format <format>", "output format").choices(["table", "json"]).default("table"))
    .option("--strict", "exit 3 on the first row that cannot be read")
    .action(async (file: string, options: Omit<RawInspectOptions, "file">) => handlers.inspect({ ...options, file }));

  return program;
}

/**
 * commander's error message, which quotes what was typed (`unknown option '…'`, `argument '…' is
 * invalid`): each quoted value cut to 60 characters, then printable(), keeping the one line
 * break commander puts before its suggestion.
 */
function commanderError(text: string): string {
  const [, message = text, suggestion = ""] = /^([\s\S]*?)(\n\(Did you mean [^\n]*\?\))?\n?$/.exec(text) ?? [];
  const cut = message.replace(/'([^']{61,})'/g, (_, value: string) => `'${firstChars(value, 60)}…'`);
  return `${printableLine(cut)}${suggestion === "" ? "" : `\n${printableLine(suggestion.slice(1))}`}\n`;
}

/** The options that say how to read an orders export, shared by every command that reads one (READING_SETTINGS). */
function addInputOptions(command: Command): Command {
  return command
    .addOption(
      new Option("--platform <name>", "force the export's platform instead of detecting it from the header").choices(PLATFORM_NAMES),
    )
    .option("--map <field=column>", "read FIELD from COLUMN (repeatable), e.g. --map created_at=InvoiceDate", collect, [])
    .option("--currency <code>", "currency of amounts when the file has no currency column")
    .option("--status-map <text=status>", "map a shop status to ours (repeatable), e.g. 'Čeká na platbu=pending-payment'", collect, [])
    .option("--encoding <label>", "text encoding instead of detecting it (utf-8, windows-1250, …)")
    .option("--delimiter <char>", "field delimiter instead of sniffing it (, ; | or tab)")
    .addOption(new Option("--decimal <mark>", "decimal mark of amounts, when the values can't tell (1,234)").choices([".", ","]))
    .addOption(
      new Option("--date-format <order>", "day/month order of slash dates (01/02/2025), when the values can't tell").choices([
        "dmy",
        "mdy",
      ]),
    )
    .option("--tz <zone>", "IANA time zone for wall-clock times and day bounds (default: $TZ, else the system zone)")
    .option("--config <file>", "JSON settings for reading exports (default: ./shopmetrics.config.json when present); flags override it");
}

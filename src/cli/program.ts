/** commander wiring only: the flags (made from settings.ts), help text, choices. The actions are main.ts's handlers. */
import { Command, Option } from "commander";
import { firstChars, printableLine } from "../core/printable.js";
import { CUSTOMER_FIELDS } from "../io/platforms/customer-platforms.js";
import { ORDER_FIELDS, PLATFORM_NAMES } from "../io/platforms/index.js";
import type {
  RawClvOptions,
  RawCohortsOptions,
  RawDashboardOptions,
  RawInspectOptions,
  RawReportOptions,
  RawRfmOptions,
} from "./options.js";
import { CONFIG_KEYS, type CommandName, SETTINGS, type Setting } from "./settings.js";

export interface ProgramHandlers {
  version: string;
  writeOut(text: string): void;
  writeErr(text: string): void;
  report(options: RawReportOptions): Promise<void>;
  inspect(options: RawInspectOptions): Promise<void>;
  cohorts(options: RawCohortsOptions): Promise<void>;
  rfm(options: RawRfmOptions): Promise<void>;
  clv(options: RawClvOptions): Promise<void>;
  dashboard(options: RawDashboardOptions): Promise<void>;
}

/** A repeatable flag's values; absent when the flag is not given, so that a config's come first (config.ts). */
const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

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

  command(program, {
    name: "report",
    description:
      "Engagement metrics per currency over a window: AOV, purchase frequency, repeat, returning and guest checkout rates, new customers, retention, churn, days between purchases, CLV, where orders came from; and NPS, CSAT, CES from survey exports and positive-review growth from review exports",
    exitCodes: `Exit codes: 0 ok, 1 internal error (a bug), 2 usage error, 3 input error, 4 a --fail-if condition tripped.
(3 also when stdout can't be written, e.g. a full disk; 141 when stdout is a pipe whose reader has gone.)`,
    examples: [
      "--orders orders_export.csv",
      "--orders orders.csv --window 3m --as-of 2025-12-31 --tz Europe/Prague --format json | jq '.groups[].metrics.aov'",
      "--orders invoices.csv --map created_at=InvoiceDate --map total=TotalPrice --currency GBP",
      "--orders orders_export.csv --revenue net-sales",
      "--orders orders.csv --window 1m --every month --periods 12 --format csv",
      "--orders orders.csv --window 30d --compare previous --fail-if 'churnRate>0.5'",
      "--orders orders.csv --survey typeform.csv --reviews heureka.xml --attribution fairing.csv --compare previous",
      "--survey responses.csv --window 90d --fail-if 'nps<30'",
    ],
  }).action(async (options: RawReportOptions) => handlers.report(options));

  command(program, {
    name: "cohorts",
    description:
      "Acquisition cohorts per currency: the customers whose first order fell in each month (week, quarter), and how many ordered again in each period after it, their revenue and orders",
    exitCodes: "Exit codes: 0 ok, 1 internal error (a bug), 2 usage error, 3 input error.",
    examples: [
      "--orders orders_export.csv",
      "--orders orders.csv --period quarter --periods 8 --metric revenue",
      "--orders orders.csv --as-of 2025-12-31 --format csv > cohorts.csv",
    ],
  }).action(async (options: RawCohortsOptions) => handlers.cohorts(options));

  command(program, {
    name: "rfm",
    description:
      "RFM scores (recency, frequency, monetary) per identified customer and currency, their segments (Champions, At risk, …), a summary per segment, and with --customers-out the list of every customer for an email tool",
    exitCodes: "Exit codes: 0 ok, 1 internal error (a bug), 2 usage error, 3 input error (also when --customers-out can't be written).",
    examples: [
      "--orders orders_export.csv",
      "--orders orders.csv --scale 3 --format json | jq '.groups[].segments'",
      "--orders orders.csv --customers-out customers-rfm.csv --quiet",
    ],
  }).action(async (options: RawRfmOptions) => handlers.rfm(options));

  command(program, {
    name: "clv",
    description:
      "Predicted customer lifetime value per customer and currency: BG/NBD or Pareto/NBD for purchases and Gamma-Gamma for spend, fitted on the export; P(alive), expected purchases and order value over a horizon, discounted CLV, and a holdout check",
    exitCodes:
      "Exit codes: 0 ok (a currency whose fit is refused says why), 1 internal error (a bug), 2 usage error, 3 input error (with --strict also a refused fit; also when --customers-out can't be written).",
    examples: [
      "--orders orders_export.csv",
      "--orders orders.csv --holdout 39w --as-of 2025-12-31 --format json | jq '.groups[].holdout'",
      "--orders orders.csv --model pareto-nbd --horizon 6m --margin 0.3 --customers-out clv.csv",
    ],
  }).action(async (options: RawClvOptions) => handlers.clv(options));

  command(program, {
    name: "dashboard",
    description:
      "Every analysis on one self-contained HTML page, from one read of the files: headline cards with the change against the previous window and a sparkline of the last 12 months, trends, the cohort heat map, the RFM segments, predicted CLV with its holdout check, the data-quality ledger and every definition",
    exitCodes: "Exit codes: 0 ok, 1 internal error (a bug), 2 usage error, 3 input error (also when --out can't be written).",
    examples: [
      "--orders orders_export.csv --out dashboard.html",
      "--orders orders.csv --survey responses.csv --reviews heureka.xml --tickets zendesk.csv --traffic ga4.csv --locale cs-CZ --out dashboard.html",
    ],
  }).action(async (options: RawDashboardOptions) => handlers.dashboard(options));

  const inspect = program
    .command("inspect")
    .description(
      "Show what shopmetrics reads in an export, and why: platform, encoding, delimiter, decimal marks, dates, columns, statuses, first orders; for a survey, review or attribution export, its format, questions, ratings or answers",
    )
    .argument("<file>", "the export to inspect; - reads stdin");
  addSettings(inspect, "inspect")
    .addHelpText("after", `\n${fieldsAndPlatforms("inspect")}`)
    .action(async (file: string, options: Omit<RawInspectOptions, "file">) => handlers.inspect({ ...options, file }));

  return program;
}

/** A command that computes from an orders export: its flags (from settings.ts), then its help's fields, exit codes and examples. */
function command(
  program: Command,
  { name, description, exitCodes, examples }: { name: CommandName; description: string; exitCodes: string; examples: readonly string[] },
): Command {
  const lines = examples.map((example) => `  shopmetrics ${name} ${example}`).join("\n");
  return addSettings(program.command(name).description(description), name).addHelpText(
    "after",
    `\n${fieldsAndPlatforms(name)}\n\n${exitCodes}\n\nExamples:\n${lines}`,
  );
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

/** The command's flags, from the table of settings (settings.ts), in its order. */
function addSettings(command: Command, name: CommandName): Command {
  for (const setting of SETTINGS) {
    if (!setting.commands.includes(name) || setting.kind === "object") continue;
    const own = setting.perCommand?.[name];
    const short = setting.short === undefined ? "" : `${setting.short}, `;
    const option = new Option(
      `${short}--${setting.key}${setting.value === undefined ? "" : ` ${setting.value}`}`,
      helpOf(setting, own?.help, own?.defaultSaid),
    );
    const choices = own?.choices ?? setting.choices;
    if (choices) option.choices(choices);
    if (setting.kind === "entries" || setting.kind === "list") option.argParser(collect);
    if (setting.required) option.makeOptionMandatory();
    command.addOption(option);
  }
  return command;
}

/** The default is said, not set: a config's value comes between the flag and the default (config.ts). */
function helpOf(setting: Setting, help = setting.help, defaultSaid = setting.defaultSaid): string {
  const said = setting.default ?? defaultSaid;
  return said === undefined ? help : `${help} (default: ${said})`;
}

/** After the options: the fields --map (and --customers-map) can point at, the platforms, and the config's keys. */
function fieldsAndPlatforms(name: CommandName): string {
  return [
    listed("--map fields:", ORDER_FIELDS),
    ...(name === "inspect" ? [] : [listed("--customers-map fields:", CUSTOMER_FIELDS)]),
    listed("Platforms (--platform; detected from the header when not given):", PLATFORM_NAMES),
    listed("Config keys (./shopmetrics.config.json or --config FILE), the flags' names:", CONFIG_KEYS),
  ].join("\n");
}

/** `title`, then `items` on lines of at most 80 characters, indented. */
function listed(title: string, items: readonly string[]): string {
  const lines = [""];
  for (const item of items) {
    const last = lines.length - 1;
    const next = lines[last] === "" ? `  ${item}` : `${lines[last]}, ${item}`;
    if (next.length > 79 && lines[last] !== "") {
      lines[last] += ",";
      lines.push(`  ${item}`);
    } else lines[last] = next;
  }
  return [title, ...lines].join("\n");
}

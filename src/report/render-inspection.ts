/**
 * Inspection → text for people (JSON is JSON.stringify). A title, then sections, each a heading
 * (bold, the whole line) and its lines; a section with nothing to say is left out. A new section
 * is one more function in SECTIONS.
 */
import type { ChalkInstance } from "chalk";
import { printable } from "../core/printable.js";
import { PROBLEM_CODES, type ProblemCode } from "../core/problems.js";
import { count, plural } from "../core/words.js";
import { formatValue } from "./format-value.js";
import type {
  AttributionInspection,
  Inspection,
  ReviewInspection,
  SurveyInspection,
  TicketsInspection,
  TrafficInspection,
} from "./inspection.js";

/** A file's text in quotes, its control characters escaped as everywhere (printable()). */
const q = (text: string) => `"${printable(text)}"`;
const showDelimiter = (d: string) => (d === "\t" ? "tab" : d === "whitespace" ? "whitespace (runs of spaces and tabs)" : q(d));
const percent = new Intl.NumberFormat("en-US", { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 });

const ZONE_SOURCES = { flag: "from --tz", config: "from the config file", env: "from TZ", system: "the system's zone" } as const;

/** Problems of one kind listed one by one; the rest are counted (the JSON lists them). */
const PROBLEMS_PER_CODE = 3;

/** A section: its heading and lines, or null when it has nothing to say. */
type Section<I = Inspection> = (i: I, chalk: ChalkInstance) => { readonly heading: string; readonly lines: readonly string[] } | null;

/** What the skipped-rows and warnings sections read, in an orders or a survey inspection. */
type Rows = Pick<Inspection, "skippedByCode" | "problems" | "problemsOmitted" | "rowsSkipped" | "warnings">;

export function renderInspection(
  i: Inspection | SurveyInspection | ReviewInspection | AttributionInspection | TicketsInspection | TrafficInspection,
  chalk: ChalkInstance,
): string {
  if (i.kind === "tickets-inspection") return sections(i, TICKET_SECTIONS, chalk);
  if (i.kind === "traffic-inspection") return sections(i, TRAFFIC_SECTIONS, chalk);
  if (i.kind === "attribution-inspection") return sections(i, ATTRIBUTION_SECTIONS, chalk);
  if (i.kind === "survey-inspection") return sections(i, SURVEY_SECTIONS, chalk);
  if (i.kind === "reviews-inspection") return sections(i, REVIEW_SECTIONS, chalk);
  return sections(i, SECTIONS, chalk);
}

function sections<I extends { readonly file: string }>(i: I, list: readonly Section<I>[], chalk: ChalkInstance): string {
  const out: string[] = [chalk.bold(`shopmetrics inspect · ${printable(i.file)}`)];
  for (const section of list) {
    const said = section(i, chalk);
    if (said === null) continue;
    out.push("", chalk.bold(said.heading), ...said.lines);
  }
  return `${out.join("\n")}\n`;
}

/** `  label       value  (reason)`: every value and reason may hold a file's text (header names, cells): printable(). */
function row(chalk: ChalkInstance, label: string, value: string, reason?: string | null): string {
  return `  ${label.padEnd(11)} ${printable(value)}${reason ? chalk.dim(`  (${printable(reason)})`) : ""}`;
}

const notRead: Section = (i, chalk) =>
  i.notRead === null
    ? null
    : {
        heading: "not read as orders",
        lines: [
          `  the header has no column for ${i.notRead.fields.join(", ")}, which a ${printable(i.platform.label)} can't be read without (report stops here, exit 3)`,
          chalk.dim(
            i.rows === 0
              ? "  (the file has no row after its header)"
              : `  (${i.rows === 1 ? "the one row" : `the first ${count(i.rows)} rows`} after the header ${i.rows === 1 ? "was" : "were"} looked at, for the suggestions; none was read as an order)`,
          ),
        ],
      };

const readAs: Section = (i, chalk) => {
  const lines = [
    row(chalk, "platform", `${i.platform.value} — ${i.platform.label}`, i.platform.reason),
    row(chalk, "encoding", i.encoding.value, i.encoding.reason),
    row(chalk, "delimiter", showDelimiter(i.delimiter.value), i.delimiter.reason),
    row(chalk, "rows", i.grain === "order" ? "one per order" : "one per line item, grouped into orders by the order key"),
  ];
  for (const [field, d] of Object.entries(i.decimal)) {
    lines.push(
      row(
        chalk,
        "decimal",
        `${i.columns[field]}: ${d.value === null ? "either (no value needs one)" : showDelimiter(d.value)}`,
        d.value === null ? undefined : `from ${d.reason}`,
      ),
    );
  }
  lines.push(
    row(
      chalk,
      "dates",
      i.dateOrder.value === null ? "no day/month order needed" : i.dateOrder.value === "dmy" ? "day/month/year" : "month/day/year",
      i.dateOrder.value === null ? undefined : i.dateOrder.reason,
    ),
    row(chalk, "timezone", i.timezone, `${ZONE_SOURCES[i.timezoneSource]}; for times without an offset`),
  );
  const { offsets } = i;
  if (offsets.seen.length === 0) lines.push(row(chalk, "offsets", "none written in the order dates"));
  else {
    const seen = offsets.seen.map((o) => `${o.offset} (${count(o.count)})`).join(", ");
    const fits = offsets.zonesFitting;
    const fit =
      fits.length === 0
        ? "no one zone fits them all"
        : `they fit ${fits.slice(0, 4).join(", ")}${fits.length > 4 ? ` (${count(fits.length)} zones in all)` : ""}`;
    const against =
      offsets.contradicted === 0 ? `${i.timezone} agrees with all` : `${i.timezone} contradicts ${count(offsets.contradicted)}`;
    lines.push(row(chalk, "offsets", seen, `${against}; ${fit}`));
  }
  return { heading: "read as", lines };
};

const columns: Section = (i, chalk) => {
  const lines = Object.entries(i.columns).map(([field, header]) => {
    const choice = i.columnChoices[field];
    return `  ${field.padEnd(13)} ← ${printable(header)}${choice?.source === "option" ? chalk.dim(`  (${printable(choice.reason)})`) : ""}`;
  });
  return { heading: "columns", lines: lines.length > 0 ? lines : ["  (no column has a field's name)"] };
};

const suggested: Section = (i, chalk) => {
  const { hints, line } = i.suggestions;
  if (line === null) return null;
  return {
    heading: "suggested --map, from the columns' names and values (check before use)",
    lines: [
      `  ${printable(line)}`,
      ...hints.map((h) => {
        const by = h.byName && h.byValue ? "by name and by value" : h.byName ? "by name" : "by value";
        const example = h.example === null ? "" : ` (${JSON.stringify(h.example)})`;
        const others = h.others.length === 0 ? "" : `; so ${h.others.length === 1 ? "does" : "do"} ${h.others.join(", ")}`;
        return chalk.dim(printable(`  ${h.column} looks like ${h.field} ${by}${example}${others}`));
      }),
    ],
  };
};

const statuses: Section = (i, chalk) => {
  if (i.notRead !== null) return null;
  const noColumn = i.columns.status === undefined;
  const lines = i.statuses.map((s) => {
    const label = noColumn && s.text === "" ? "(no status column)" : q(s.text);
    const reason = s.ruleReason ?? (noColumn && s.text === "" ? "every order counts" : null);
    return `  ${label.padEnd(28)} → ${s.status.padEnd(30)} ${count(s.count)}${reason ? chalk.dim(`  (${printable(reason)})`) : ""}`;
  });
  if (lines.length === 0) lines.push(noColumn ? "  (no status column: every order counts)" : "  (no orders)");
  return { heading: "statuses", lines };
};

const orders: Section = (i, chalk) => {
  if (i.notRead !== null) return null;
  const lines = [row(chalk, "read", `${plural(i.rows, "row")}, ${plural(i.orders, "order")}, ${plural(i.rowsSkipped, "row")} skipped`)];
  if (i.days !== null) lines.push(row(chalk, "days", i.days.first === i.days.last ? i.days.first : `${i.days.first} … ${i.days.last}`));
  if (i.currencies.length > 0) {
    const said = i.currencies.map((c) => `${c.currency ?? "(no currency)"}: ${plural(c.orders, "order")}, ${count(c.counted)} counted`);
    lines.push(row(chalk, "currencies", said.join("; "), "counted: completed, processing or on-hold"));
  }
  if (i.unavailable.identity !== null) lines.push(row(chalk, "customers", `n/a: ${i.unavailable.identity}`));
  else if (i.orders > 0) {
    lines.push(
      row(
        chalk,
        "customers",
        `${count(i.identified.orders)} of ${plural(i.orders, "order")} (${percent.format(i.identified.share ?? 0)}) carry an email or a customer id`,
      ),
    );
  }
  const { guest } = i;
  const known = guest.guest + guest.account;
  const guests =
    i.orders === 0
      ? "no orders"
      : known === 0
        ? "unknown for every order"
        : `${count(guest.guest)} guest, ${count(guest.account)} account${guest.unknown > 0 ? `, ${count(guest.unknown)} unknown` : ""}`;
  lines.push(known === 0 && i.orders > 0 ? row(chalk, "guests", `${guests}: ${guest.rule}`) : row(chalk, "guests", guests, guest.rule));
  if (i.unavailable.amounts !== null) lines.push(row(chalk, "amounts", `n/a: ${i.unavailable.amounts}`));
  return { heading: "orders", lines };
};

const sample: Section = (i) => {
  if (i.notRead !== null || i.orders === 0) return null;
  const n = i.sample.length;
  const heading =
    n === i.orders
      ? n === 1
        ? "the one order, as the metrics see it"
        : `all ${count(n)} orders, as the metrics see them`
      : `the first ${count(n)} of ${count(i.orders)} orders, as the metrics see them`;
  return {
    heading,
    lines: i.sample.map((o) => {
      const who = o.email ?? (o.customerId ? `customer ${o.customerId}` : "(no email or customer id)");
      const money =
        o.total === null
          ? `${o.currency ?? ""}${o.currency ? ", " : ""}no amount`
          : `${formatValue(o.total, "money", o.currency)}${o.refunded ? ` (${formatValue(o.refunded, "money", o.currency)} refunded)` : ""}`;
      const guest = o.guest === null ? "" : o.guest ? ", guest" : ", account";
      return printable(`  line ${o.line}: ${o.key ?? "(no key)"}  ${o.createdAt}  ${money}  ${o.status}  ${who}${guest}`);
    }),
  };
};

const skipped: Section<Rows> = (i, chalk) => {
  const codes = Object.entries(i.skippedByCode) as [ProblemCode, number][];
  if (codes.length === 0) return null;
  const lines: string[] = [];
  for (const [code, rows] of codes) {
    lines.push(`  ${plural(rows, "row")} ${code}: ${PROBLEM_CODES[code]}`);
    const listed = i.problems.filter((p) => p.code === code);
    for (const p of listed.slice(0, PROBLEMS_PER_CODE)) lines.push(chalk.yellow(printable(`    line ${p.line}: ${p.message}`)));
    if (listed.length > PROBLEMS_PER_CODE)
      lines.push(chalk.dim(`    … and ${count(listed.length - PROBLEMS_PER_CODE)} more (--format json lists them)`));
  }
  if (i.problemsOmitted > 0) lines.push(chalk.dim(`  (${plural(i.problemsOmitted, "more problem")} past the first 1,000, counted above)`));
  return { heading: `skipped rows (${count(i.rowsSkipped)})`, lines };
};

const warnings: Section<Rows> = (i, chalk) =>
  i.warnings.length === 0 ? null : { heading: "warnings", lines: i.warnings.map((w) => chalk.yellow(printable(`  ${w}`))) };

const SECTIONS: readonly Section[] = [notRead, readAs, columns, suggested, statuses, orders, sample, skipped, warnings];

/** A survey's or a review file's columns and why (the orders' are `columns`, with their suggestions). */
const columnChoices: Section<Pick<ReviewInspection, "columnChoices">> = (i, chalk) => {
  const entries = Object.entries(i.columnChoices);
  return entries.length === 0 ? null : { heading: "columns", lines: entries.map(([field, c]) => row(chalk, field, c.value, c.reason)) };
};

const surveyReadAs: Section<SurveyInspection> = (i, chalk) => ({
  heading: "read as",
  lines: [
    row(
      chalk,
      "format",
      `${i.platform.value} — ${i.platform.label} (${i.platform.shape === "wide" ? "a row per respondent" : "a row per answer"})`,
      i.platform.reason,
    ),
    row(chalk, "encoding", i.encoding.value, i.encoding.reason),
    row(chalk, "delimiter", showDelimiter(i.delimiter.value), i.delimiter.reason),
    row(chalk, "times", i.times),
    ...(i.dateOrder.value === null
      ? []
      : [row(chalk, "dates", i.dateOrder.value === "dmy" ? "day/month/year" : "month/day/year", i.dateOrder.reason)]),
    ...(i.subHeaderLine === null
      ? []
      : [row(chalk, "header", `two rows: line 1 and line ${i.subHeaderLine}`, "the second names each column's answer or choice")]),
  ],
});

const surveyQuestions: Section<SurveyInspection> = (i, chalk) => ({
  heading: "questions",
  lines: [
    ...i.questions.flatMap((question) => [
      `  ${question.kind.toUpperCase().padEnd(11)} ${q(question.column.value)}${chalk.dim(`  (${printable(question.column.reason)})`)}`,
      row(chalk, "", `scale ${question.kind === "nps" ? "0" : "1"}–${question.scale.value}`, question.scale.reason),
      ...(question.direction ? [row(chalk, "", `direction ${question.direction.value}`, question.direction.reason)] : []),
      row(chalk, "", `${plural(question.answers, "answer")}${question.days ? `, ${question.days.first} … ${question.days.last}` : ""}`),
    ]),
    ...i.passedOver.map((text) => chalk.dim(`  passed over: ${printable(text)}`)),
  ],
});

const surveyRows: Section<SurveyInspection> = (i, chalk) => {
  const excluded = Object.entries(i.excluded);
  return {
    heading: "rows",
    lines: [
      row(chalk, "read", count(i.rows)),
      row(chalk, "skipped", count(i.rowsSkipped)),
      ...excluded.map(([why, n]) => row(chalk, "not counted", `${count(n)} ${why}`)),
    ],
  };
};

const SURVEY_SECTIONS: readonly Section<SurveyInspection>[] = [surveyReadAs, columnChoices, surveyQuestions, surveyRows, skipped, warnings];

const reviewReadAs: Section<ReviewInspection | TicketsInspection | TrafficInspection> = (i, chalk) => ({
  heading: "read as",
  lines: [
    row(chalk, "format", `${i.platform.value} — ${i.platform.label}`, i.platform.reason),
    row(chalk, "encoding", i.encoding.value, i.encoding.reason),
    ...(i.delimiter.value === "" ? [] : [row(chalk, "delimiter", showDelimiter(i.delimiter.value), i.delimiter.reason)]),
    row(chalk, "times", i.times),
    ...(i.dateOrder.value === null
      ? []
      : [row(chalk, "dates", i.dateOrder.value === "dmy" ? "day/month/year" : "month/day/year", i.dateOrder.reason)]),
  ],
});

const reviewCounts: Section<ReviewInspection> = (i, chalk) => ({
  heading: "reviews",
  lines: [
    row(chalk, "read", count(i.rows)),
    row(chalk, "rated", `${count(i.reviews)}${i.days ? `, ${i.days.first} … ${i.days.last}` : ""}`),
    ...i.ratings.map((r) => row(chalk, "", `${String(r.rating).padStart(3)} ★  ${count(r.count)}`)),
    row(chalk, "unrated", count(i.unrated)),
    ...Object.entries(i.excluded).map(([why, n]) => row(chalk, "not counted", `${count(n)} ${why}`)),
  ],
});

const REVIEW_SECTIONS: readonly Section<ReviewInspection>[] = [reviewReadAs, columnChoices, reviewCounts, skipped, warnings];

const attributionAnswers: Section<AttributionInspection> = (i, chalk) => ({
  heading: "answers",
  lines: [
    row(chalk, "format", i.platform, i.platform === "fairing" ? "its question column picks the answers" : "every row is an answer"),
    row(chalk, "rows", count(i.rows)),
    row(chalk, "answered", plural(i.answered, "order")),
    ...Object.entries(i.excluded).map(([why, n]) => row(chalk, "not counted", `${count(n)} ${why}`)),
    ...i.answers
      .slice(0, 20)
      .map((a) => row(chalk, "", `${q(a.text)}  ${count(a.orders)}`, a.channel === a.text ? "no channel: shown as written" : a.channel)),
    ...(i.answers.length > 20 ? [chalk.dim(`  … and ${plural(i.answers.length - 20, "more answer")} (--format json lists them)`)] : []),
  ],
});

const ticketCounts: Section<TicketsInspection> = (i, chalk) => ({
  heading: "tickets",
  lines: [
    row(chalk, "times", i.responseTimes),
    row(chalk, "read", count(i.rows)),
    row(chalk, "kept", `${count(i.tickets)}${i.days ? `, created ${i.days.first} … ${i.days.last}` : ""}`),
    row(chalk, "answered", count(i.answered)),
    row(chalk, "resolved", count(i.resolved)),
    ...i.channels.slice(0, 12).map((c) => row(chalk, "", `${q(c.channel)}  ${count(c.tickets)}`)),
    ...Object.entries(i.excluded).map(([why, n]) => row(chalk, "not counted", `${count(n)} ${why}`)),
  ],
});

const TICKET_SECTIONS: readonly Section<TicketsInspection>[] = [reviewReadAs, columnChoices, ticketCounts, skipped, warnings];

const trafficTable: Section<TrafficInspection> = (i, chalk) => ({
  heading: "traffic",
  lines: [
    row(
      chalk,
      "table",
      `the header on line ${i.headerLine}`,
      i.aggregate ? "no date column: an aggregate over the preamble's range" : null,
    ),
    ...(i.range ? [row(chalk, "range", `${i.range.from} … ${i.range.to}`, "the preamble's")] : []),
    ...i.otherTables.map((t) => row(chalk, "not read", `the table on line ${t.line} (${q(t.first)})`, "no per-day sessions table")),
    row(chalk, "rows", count(i.rows)),
    ...(i.aggregate ? [] : [row(chalk, "days", `${count(i.dayCount)}${i.days ? `, ${i.days.first} … ${i.days.last}` : ""}`)]),
    row(chalk, "sessions", count(i.sessions)),
    ...Object.entries(i.excluded).map(([why, n]) => row(chalk, "not counted", `${count(n)} ${why}`)),
  ],
});

const TRAFFIC_SECTIONS: readonly Section<TrafficInspection>[] = [reviewReadAs, columnChoices, trafficTable, skipped, warnings];

const ATTRIBUTION_SECTIONS: readonly Section<AttributionInspection>[] = [columnChoices, attributionAnswers, skipped, warnings];

/** Inspection → text for people (JSON is JSON.stringify). */
import type { ChalkInstance } from "chalk";
import { printable } from "../core/printable.js";
import type { Inspection } from "./inspection.js";

/** A file's text in quotes, its control characters escaped as everywhere (printable()). */
const q = (text: string) => `"${printable(text)}"`;
const show = (d: string) => (d === "\t" ? "tab" : q(d));

const ZONE_SOURCES = { flag: "from --tz", config: "from the config file", env: "from TZ", system: "the system's zone" } as const;

export function renderInspection(i: Inspection, chalk: ChalkInstance): string {
  const out: string[] = [];
  // Every value and reason may hold a file's text (header names, cells, the file name): printable().
  const line = (label: string, value: string, reason?: string) =>
    out.push(`${chalk.bold(label.padEnd(11))} ${printable(value)}${reason ? chalk.dim(`  (${printable(reason)})`) : ""}`);
  out.push(chalk.bold(`shopmetrics inspect · ${printable(i.file)}`), "");
  line("platform", `${i.platform.value} — ${i.platform.label}`, i.platform.reason);
  line("encoding", i.encoding.value, i.encoding.reason);
  line("delimiter", show(i.delimiter.value), i.delimiter.reason);
  line("rows", i.grain === "order" ? "one per order" : "one per line item, grouped into orders by the order key");
  for (const [field, d] of Object.entries(i.decimal)) {
    line(
      `decimal`,
      `${i.columns[field as keyof typeof i.columns]}: ${d.value === null ? "either (no value needs one)" : show(d.value)}`,
      d.value === null ? undefined : `from ${d.reason}`,
    );
  }
  line(
    "dates",
    i.dateOrder.value === null ? "no day/month order needed" : i.dateOrder.value === "dmy" ? "day/month/year" : "month/day/year",
    i.dateOrder.value === null ? undefined : i.dateOrder.reason,
  );
  line("timezone", i.timezone, `${ZONE_SOURCES[i.timezoneSource]}; for times without an offset`);
  const { offsets } = i;
  if (offsets.seen.length === 0) line("offsets", "none written in the order dates");
  else {
    const seen = offsets.seen.map((o) => `${o.offset} (${o.count.toLocaleString("en-US")})`).join(", ");
    const fits = offsets.zonesFitting;
    const fit =
      fits.length === 0
        ? "no one zone fits them all"
        : `they fit ${fits.slice(0, 4).join(", ")}${fits.length > 4 ? ` (${fits.length.toLocaleString("en-US")} zones in all)` : ""}`;
    const against =
      offsets.contradicted === 0
        ? `${i.timezone} agrees with all`
        : `${i.timezone} contradicts ${offsets.contradicted.toLocaleString("en-US")}`;
    line("offsets", seen, `${against}; ${fit}`);
  }
  out.push("", chalk.bold("columns"));
  for (const [field, header] of Object.entries(i.columns)) {
    const choice = i.columnChoices[field];
    out.push(
      `  ${field.padEnd(13)} ← ${printable(header)}${choice?.source === "option" ? chalk.dim(`  (${printable(choice.reason)})`) : ""}`,
    );
  }
  out.push("", chalk.bold("statuses"));
  if (i.statuses.length === 0) out.push("  (no status column: every order counts)");
  for (const s of i.statuses) out.push(`  ${q(s.text).padEnd(28)} → ${s.status.padEnd(30)} ${s.count.toLocaleString("en-US")}`);
  out.push(
    "",
    chalk.bold(
      `read: ${i.rows.toLocaleString("en-US")} rows, ${i.orders.toLocaleString("en-US")} orders, ${i.rowsSkipped.toLocaleString("en-US")} rows skipped`,
    ),
  );
  out.push("", chalk.bold(`first ${i.sample.length} orders, as the metrics see them`));
  for (const o of i.sample) {
    const who = o.email ?? (o.customerId ? `customer ${o.customerId}` : "(no email or customer id)");
    const refund = o.refunded ? ` − ${o.refunded} refunded` : "";
    const guest = o.guest === null ? "" : o.guest ? ", guest" : ", account";
    out.push(
      printable(
        `  line ${o.line}: ${o.key ?? "(no key)"}  ${o.createdAt}  ${o.total}${refund} ${o.currency ?? ""}  ${o.status}  ${who}${guest}`,
      ),
    );
  }
  for (const p of i.problems) out.push(chalk.yellow(printable(`problem: ${p.file}:${p.line}: ${p.message}`)));
  for (const w of i.warnings) out.push(chalk.yellow(printable(`warning: ${w}`)));
  return `${out.join("\n")}\n`;
}

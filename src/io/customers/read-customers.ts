/**
 * Reads a customers export into the identity graph the orders will use, so that a row holding
 * both an id and an email joins them, and notes which customers are registered accounts.
 */
import type { Readable } from "node:stream";
import { AppError } from "../../core/errors.js";
import type { IdentityGraph } from "../../core/identity.js";
import type { Problem } from "../../core/problems.js";
import { resolveColumns } from "../columns.js";
import type { DialectOptions, TextDialect } from "../csv/dialect.js";
import { extraCells, headerWidth, openCsv } from "../csv/read-csv.js";
import { parseBoolean } from "../parse/boolean.js";
import { normaliseCustomerId, normaliseEmail } from "../parse/identity.js";
import { CUSTOMER_FORMATS, type CustomerField, type CustomerFormat, detectCustomerFormat } from "../platforms/customer-platforms.js";
import { ProblemLog } from "../problems.js";

export interface CustomersOptions extends DialectOptions {
  readonly file: string;
  readonly input: Readable;
  readonly identity: IdentityGraph;
  /** --customers-map FIELD=Column */
  readonly maps: ReadonlyMap<CustomerField, string>;
  readonly strict: boolean;
  readonly onProblem?: (problem: Problem) => void;
}

export interface CustomersResult {
  readonly format: CustomerFormat;
  readonly dialect: TextDialect;
  readonly rowsRead: number;
  readonly problems: ProblemLog;
  /** Identity nodes of every customer read. */
  readonly nodes: readonly number[];
  /** Nodes of registered accounts; null when the file can't tell (it lists guests too). */
  readonly registered: readonly number[] | null;
  /** Why the file can't tell registered accounts; null when it can. */
  readonly registrationUnknownReason: string | null;
}

export async function ingestCustomers(options: CustomersOptions): Promise<CustomersResult> {
  const { file } = options;
  const { dialect, records } = await openCsv(options.input, { file, encoding: options.encoding, delimiter: options.delimiter });
  const first = await records.next();
  if (first.done) throw new AppError("INPUT_HEADER", "the customers file is empty: expected a header row", { file });
  const header = first.value.fields;
  // A --customers-map means a generic file whatever the header looks like.
  const format = options.maps.size > 0 ? CUSTOMER_FORMATS[CUSTOMER_FORMATS.length - 1]! : detectCustomerFormat(header);
  if (!format) {
    throw new AppError(
      "INPUT_HEADER",
      `unrecognised customers header: expected an email or customer_id column (or a platform's customers export)`,
      { file, line: 1 },
    );
  }
  const index = resolveColumns<CustomerField>(header, format, options.maps, { file, formatName: `a ${format.label}` });
  const log = new ProblemLog(file, options.strict, options.onProblem);
  const nodes: number[] = [];
  const registered: number[] = [];
  const reg = format.registration;
  const registrationColumn = index.registered !== undefined;
  let rowsRead = 0;
  for await (const record of records) {
    rowsRead++;
    if (extraCells(record.fields, headerWidth(header)) > 0) {
      log.skip(record.line, 1, {
        code: "SHIFTED_ROW",
        message: `${record.fields.length} cells but the header has ${headerWidth(header)}: a separator inside an unquoted value shifts the columns`,
      });
      continue;
    }
    const cell = (field: CustomerField) => {
      const at = index[field];
      return at === undefined ? null : (record.fields[at] ?? "");
    };
    const node = options.identity.link(normaliseEmail(cell("email")), normaliseCustomerId(cell("customer_id")));
    if (node < 0) {
      log.skip(record.line, 1, { code: "NO_IDENTITY", message: "no email and no customer id" });
      continue;
    }
    nodes.push(node);
    const text = cell("registered");
    const isRegistered =
      reg.kind === "all" ||
      (reg.kind === "column" && registrationColumn && parseBoolean(text) === true) ||
      (reg.kind === "column-equals" && reg.values.includes((text ?? "").trim().toLowerCase()));
    if (isRegistered) registered.push(node);
  }
  const reason =
    reg.kind === "mixed"
      ? reg.reason
      : (reg.kind === "column" || reg.kind === "column-equals") && !registrationColumn
        ? `the ${format.label} has no column saying which customers are registered (for a generic file: a registered column)`
        : null;
  return {
    format,
    dialect,
    rowsRead,
    problems: log,
    nodes,
    registered: reason === null ? registered : null,
    registrationUnknownReason: reason,
  };
}

/**
 * The customers push core: records of a customers export in, into the identity graph the orders
 * will join, so that a row holding both an id and an email makes them one customer; and which
 * customers are registered accounts, when the file can tell.
 */
import type { Decided } from "../../core/decided.js";
import type { IdentityGraph } from "../../core/identity.js";
import type { CsvRecord } from "../csv/read-csv.js";
import { parseBoolean } from "../parse/boolean.js";
import { normaliseCustomerId, normaliseEmail } from "../parse/identity.js";
import { CUSTOMER_FIELDS, type CustomerField, type CustomerPlatform, detectCustomerPlatform } from "../platforms/customer-platforms.js";
import type { ProblemLog } from "../problems.js";
import { type PushReader, platformTable, type TableOptions } from "../table.js";

export interface CustomerReaderOptions extends TableOptions {
  readonly identity: IdentityGraph;
  /** --customers-map FIELD=Column */
  readonly maps: ReadonlyMap<CustomerField, string>;
}

export interface CustomersRead {
  readonly platform: Decided<CustomerPlatform>;
  readonly rowsRead: number;
  /** Lines that repeat the header (exports pasted together): neither used nor skipped. */
  readonly repeatedHeaders: readonly number[];
  readonly problems: ProblemLog;
  /** Identity nodes of every customer read. */
  readonly nodes: readonly number[];
  /** Nodes of registered accounts; null when the file can't tell (it lists guests too). */
  readonly registered: readonly number[] | null;
  /** Why the file can't tell registered accounts; null when it can. */
  readonly registrationUnknownReason: string | null;
}

export function createCustomerReader(header: readonly string[], options: CustomerReaderOptions): PushReader<CustomersRead> {
  const { platform, table } = platformTable(
    header,
    CUSTOMER_FIELDS,
    detectCustomerPlatform(header, options.maps.size > 0),
    "unrecognised customers header: expected an email or customer_id column (or a platform's customers export)",
    { flag: "--customers-map", maps: options.maps },
    options,
  );
  const reg = platform.value.registration;
  const registrationColumn = table.index.registered !== undefined;
  const nodes: number[] = [];
  const registered: number[] = [];
  return {
    push(record: CsvRecord) {
      const cells = table.cells(record);
      if (cells === null) return;
      const node = options.identity.link(normaliseEmail(cells.email), normaliseCustomerId(cells.customer_id));
      if (node < 0) {
        table.problems.skip(record.line, 1, { code: "NO_IDENTITY", message: "no email and no customer id" });
        return;
      }
      nodes.push(node);
      const isRegistered =
        reg.kind === "all" ||
        (reg.kind === "column" && registrationColumn && parseBoolean(cells.registered) === true) ||
        (reg.kind === "column-equals" && reg.values.includes((cells.registered ?? "").trim().toLowerCase()));
      if (isRegistered) registered.push(node);
    },
    end() {
      const reason =
        reg.kind === "mixed"
          ? reg.reason
          : (reg.kind === "column" || reg.kind === "column-equals") && !registrationColumn
            ? `the ${platform.value.label} has no column saying which customers are registered (for a generic file: a registered column)`
            : null;
      return {
        platform,
        rowsRead: table.rowsRead,
        repeatedHeaders: table.repeatedHeaders,
        problems: table.problems,
        nodes,
        registered: reason === null ? registered : null,
        registrationUnknownReason: reason,
      };
    },
  };
}

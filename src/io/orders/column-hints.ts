/**
 * Which columns of a generic file look like the fields it lacks — by name (the names platforms
 * and people give the field) and by value (dates for created_at, amounts for total, emails for
 * email) — for the error about a missing created_at, the note about a missing amount column and
 * inspect's suggested --map line. A hint is only ever said, never acted on: the file is read with
 * the columns it names or --map points at, nothing else.
 *
 * Honest by construction: a column is suggested only with evidence, and the message says which
 * (`TotalPrice looks like total by name and by value ("139.12")`). A name that fits but values
 * that don't (a `date` column of numbers) is no suggestion. Values are looked at in the first
 * SAMPLE_ROWS rows only.
 */
import { Zone } from "../../core/zone.js";
import { parseAmount } from "../parse/amount.js";
import { parseBoolean } from "../parse/boolean.js";
import { parseDateTime } from "../parse/date.js";
import { ORDER_PLATFORMS, type OrderField } from "../platforms/index.js";

/** The fields a generic file may point at a column, in the order hints and --map lines list them. */
export const HINTED_FIELDS = [
  "created_at",
  "total",
  "order_id",
  "customer_id",
  "email",
  "currency",
  "status",
  "refunded",
  "cancelled_at",
  "guest",
] as const satisfies readonly OrderField[];
export type HintedField = (typeof HINTED_FIELDS)[number];

/** Rows whose values are looked at. */
const SAMPLE_ROWS = 200;
/** Share of a column's non-empty sampled values that must read as the field's kind. */
const FITTING_SHARE = 0.9;

type Kind = "date" | "amount" | "email" | "currency" | "boolean";

interface FieldRule {
  /** A name with one of these words is the field's (unless it has an `exclude` word). */
  readonly words?: readonly string[];
  /** A name with a word of each set is the field's (customer + id). */
  readonly pairs?: readonly [readonly string[], readonly string[]];
  /** Whole names (normalised) that are the field's, besides every platform's name for it. */
  readonly names?: readonly string[];
  /** Words that make a name some other field's (a delivery date is no order date). */
  readonly exclude?: readonly string[];
  /** Words that make a name likelier among several that match. */
  readonly prefer?: readonly string[];
  /** What the values must read as; a name whose values don't is no hint. */
  readonly kind?: Kind;
  /** Whether values alone, with no name evidence, make a hint. */
  readonly byValueAlone?: boolean;
}

const ID_WORDS = ["id", "no", "nr", "number", "num", "key", "ref", "reference", "code"];

const RULES: Readonly<Record<HintedField, FieldRule>> = {
  created_at: {
    words: ["date", "datum", "created", "timestamp", "datetime", "time", "placed", "purchased"],
    exclude: [
      "cancelled",
      "canceled",
      "cancel",
      "cancellation",
      "delivered",
      "delivery",
      "shipped",
      "shipping",
      "carrier",
      "paid",
      "payment",
      "approved",
      "estimated",
      "updated",
      "modified",
      "refunded",
      "refund",
      "birth",
      "due",
      "expiry",
      "review",
      "answer",
    ],
    prefer: ["created", "purchase", "purchased", "placed", "invoice", "order", "ordered"],
    kind: "date",
    byValueAlone: true,
  },
  total: {
    words: ["total", "amount", "value", "price", "revenue", "sum", "gross", "grandtotal", "castka", "cena", "suma"],
    exclude: [
      "unit",
      "each",
      "tax",
      "taxes",
      "shipping",
      "freight",
      "discount",
      "refund",
      "refunded",
      "refunds",
      "subtotal",
      "sub",
      "quantity",
      "qty",
      "count",
      "fee",
      "fees",
      "commission",
      "weight",
      "points",
    ],
    prefer: ["total", "grand", "order", "invoice"],
    kind: "amount",
    byValueAlone: true,
  },
  order_id: {
    pairs: [["order", "invoice", "transaction", "receipt", "purchase"], ID_WORDS],
    names: ["order", "invoice", "orderid", "orderno", "ordernumber", "invoiceno", "invoiceid", "invoicenumber", "transactionid"],
  },
  customer_id: {
    pairs: [["customer", "client", "buyer", "user", "member", "account", "shopper", "cust"], ID_WORDS],
    names: ["customer", "client", "customerid", "custid", "clientid", "userid", "buyer"],
    exclude: ["email", "mail", "name", "group", "type", "city", "state", "zip", "country", "phone", "prefix"],
  },
  email: {
    words: ["email", "mail", "emailaddress"],
    kind: "email",
    byValueAlone: true,
  },
  currency: {
    words: ["currency", "curr", "ccy", "currencycode", "mena"],
    kind: "currency",
    byValueAlone: true,
  },
  status: {
    words: ["status", "state", "stav"],
    exclude: ["shipping", "fulfillment", "fulfilment", "delivery", "review", "customer", "zip", "country"],
  },
  refunded: {
    words: ["refund", "refunded", "refunds", "refundamount"],
    kind: "amount",
  },
  cancelled_at: {
    words: ["cancelled", "canceled", "cancellation", "cancel"],
    kind: "date",
  },
  guest: {
    words: ["guest", "isguest", "guestcheckout"],
    kind: "boolean",
  },
};

/** Platform names too general to tell a generic file's field by (Shopify's `Name` is its order id). */
const TOO_GENERAL = new Set(["name", "code", "id", "customergroup"]);

/** Every platform's names for each field, normalised. */
const PLATFORM_NAMES: ReadonlyMap<OrderField, ReadonlySet<string>> = (() => {
  const names = new Map<OrderField, Set<string>>();
  for (const platform of ORDER_PLATFORMS) {
    for (const [field, headers] of Object.entries(platform.columns) as [OrderField, string[]][]) {
      const set = names.get(field) ?? new Set<string>();
      for (const header of headers) {
        const name = normaliseName(header);
        if (!TOO_GENERAL.has(name)) set.add(name);
      }
      names.set(field, set);
    }
  }
  return names;
})();

/** A column that looks like a field the file lacks, and on what evidence. */
export interface ColumnHint {
  readonly field: HintedField;
  /** The header name, as written (trimmed). */
  readonly column: string;
  readonly byName: boolean;
  readonly byValue: boolean;
  /** The first sampled value that read as the field's kind, when byValue. */
  readonly example: string | null;
  /** Other columns that look like the field too, likeliest first. */
  readonly others: readonly string[];
}

/** What the sampled values of one column read as. */
interface ValueTally {
  filled: number;
  date: number;
  amount: number;
  /** Amounts written with two decimals (`11.77`, `12,50`): money, not a count or an id. */
  cents: number;
  email: number;
  currency: number;
  boolean: number;
  example: Partial<Record<Kind, string>>;
}

interface Candidate {
  readonly field: HintedField;
  readonly at: number;
  readonly byName: boolean;
  readonly byValue: boolean;
  readonly score: number;
}

/**
 * Collects the evidence for a header's unused columns: names at once, values from the first
 * SAMPLE_ROWS rows observed. `taken`: the positions of columns already read as some field.
 */
export class ColumnHints {
  readonly #header: readonly string[];
  readonly #fields: readonly HintedField[];
  /** Positions of the columns that may be hinted: named, not read as a field, first of their name. */
  readonly #open: readonly number[];
  readonly #tallies: ValueTally[];
  #rows = 0;
  #hints: ColumnHint[] | undefined;

  constructor(header: readonly string[], fields: readonly HintedField[], taken: ReadonlySet<number>) {
    this.#header = header;
    this.#fields = fields;
    const seen = new Set<string>();
    const open: number[] = [];
    header.forEach((name, at) => {
      const key = name.trim().toLowerCase();
      if (key === "" || seen.has(key)) return;
      seen.add(key);
      if (!taken.has(at)) open.push(at);
    });
    this.#open = fields.length === 0 ? [] : open;
    this.#tallies = header.map(() => ({ filled: 0, date: 0, amount: 0, cents: 0, email: 0, currency: 0, boolean: 0, example: {} }));
  }

  /** Whether observe() still looks at rows. */
  get wantsRows(): boolean {
    return this.#rows < SAMPLE_ROWS && this.#open.length > 0;
  }

  /** One row's cells, by position. */
  observe(values: readonly string[]): void {
    if (!this.wantsRows) return;
    this.#rows++;
    this.#hints = undefined;
    for (const at of this.#open) {
      const text = (values[at] ?? "").trim();
      if (text === "") continue;
      tallyValue(this.#tallies[at]!, text);
    }
  }

  /** The likeliest column for each field with evidence, in HINTED_FIELDS order; a column hints one field at most. */
  get hints(): readonly ColumnHint[] {
    this.#hints ??= this.#decide();
    return this.#hints;
  }

  #decide(): ColumnHint[] {
    const candidates: Candidate[] = [];
    for (const field of this.#fields) {
      for (const at of this.#open) {
        const candidate = this.#candidate(field, at);
        if (candidate) candidates.push(candidate);
      }
    }
    const order = (field: HintedField) => HINTED_FIELDS.indexOf(field);
    candidates.sort((a, b) => b.score - a.score || order(a.field) - order(b.field) || a.at - b.at);
    const fieldsTaken = new Map<HintedField, Candidate>();
    const columnsTaken = new Set<number>();
    for (const c of candidates) {
      if (fieldsTaken.has(c.field) || columnsTaken.has(c.at)) continue;
      fieldsTaken.set(c.field, c);
      columnsTaken.add(c.at);
    }
    const hints: ColumnHint[] = [];
    for (const field of HINTED_FIELDS) {
      const best = fieldsTaken.get(field);
      if (!best) continue;
      const kind = RULES[field].kind;
      const others = candidates
        .filter((c) => c.field === field && c !== best && !columnsTaken.has(c.at))
        .map((c) => this.#header[c.at]!.trim());
      hints.push({
        field,
        column: this.#header[best.at]!.trim(),
        byName: best.byName,
        byValue: best.byValue,
        example: best.byValue && kind ? (this.#tallies[best.at]!.example[kind] ?? null) : null,
        others,
      });
    }
    return hints;
  }

  #candidate(field: HintedField, at: number): Candidate | null {
    const rule = RULES[field];
    const name = this.#header[at]!;
    const named = nameScore(field, rule, name);
    const tally = this.#tallies[at]!;
    let byValue = false;
    if (rule.kind && tally.filled > 0) {
      const fitting = rule.kind === "amount" && !named ? tally.cents : tally[rule.kind];
      byValue = fitting >= tally.filled * FITTING_SHARE;
      // A name that fits over values that don't (a "date" of plain numbers): no hint.
      if (!byValue && tally[rule.kind] < tally.filled * FITTING_SHARE) return null;
    }
    // Dates are amounts too (19970101): a column of dates is no amount column by its values.
    if (byValue && rule.kind === "amount" && tally.date >= tally.filled * FITTING_SHARE) byValue = false;
    if (rule.kind === "boolean") byValue = false; // 0/1 columns are everywhere: support only
    if (named === 0 && !(byValue && rule.byValueAlone)) return null;
    return { field, at, byName: named > 0, byValue, score: named + (byValue ? 2 : 0) };
  }
}

function tallyValue(tally: ValueTally, text: string): void {
  tally.filled++;
  const note = (kind: Kind) => {
    tally[kind]++;
    tally.example[kind] ??= text;
  };
  if (text.length <= 40 && (parseDateTime(text, UTC, "dmy") !== null || parseDateTime(text, UTC, "mdy") !== null)) note("date");
  if (parseAmount(text, ".", 4) !== null || parseAmount(text, ",", 4) !== null) {
    note("amount");
    if (CENTS.test(text)) tally.cents++;
  }
  if (EMAIL.test(text)) note("email");
  if (/^[A-Za-z]{3}$/.test(text) && CURRENCIES.has(text.toUpperCase())) note("currency");
  if (parseBoolean(text) !== null) note("boolean");
}

const UTC = new Zone("UTC");
const CENTS = /\d[.,]\d{2}(?!\d)/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf("currency"));

/**
 * How well a column's name says it is `field`: 0 not at all; 3 a platform's name for it or one
 * of the rule's names; 2 a word of it (`TotalPrice` has "total"); +1 for a preferred word.
 */
function nameScore(field: HintedField, rule: FieldRule, name: string): number {
  const normal = normaliseName(name);
  if (normal === "") return 0;
  const preferred = (ws: readonly string[]) => (rule.prefer?.some((w) => ws.includes(w)) ? 1 : 0);
  const ws = words(name);
  if (PLATFORM_NAMES.get(field)?.has(normal) || rule.names?.includes(normal)) return 3 + preferred(ws);
  if (rule.exclude?.some((w) => ws.includes(w))) return 0;
  const worded = rule.words?.some((w) => ws.includes(w) || normal === w) ?? false;
  const paired = rule.pairs ? rule.pairs[0].some((w) => ws.includes(w)) && rule.pairs[1].some((w) => ws.includes(w)) : false;
  return worded || paired ? 2 + preferred(ws) : 0;
}

/** A name's words: split at separators and camelCase humps, lower-cased, without diacritics. */
function words(name: string): string[] {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== "");
}

/** A name as compared with the known ones: its words run together (`Created at`, `created_at`, `CreatedAt` alike). */
function normaliseName(name: string): string {
  return words(name).join("");
}

/** `TotalPrice looks like total by name and by value ("139.12")`. */
export function describeHint(hint: ColumnHint): string {
  const by = hint.byName && hint.byValue ? "by name and by value" : hint.byName ? "by name" : "by value";
  const example = hint.example === null ? "" : ` (${JSON.stringify(hint.example)})`;
  return `${hint.column} looks like ${hint.field} ${by}${example}`;
}

/** `--map total=TotalPrice`, quoted for a POSIX shell when the column needs it (`--map 'created_at=Order Date'`). */
export function mapFlag(field: string, column: string): string {
  const entry = `${field}=${column}`;
  return /^[A-Za-z0-9_.,:@%+=/-]+$/.test(entry) ? `--map ${entry}` : `--map '${entry.replaceAll("'", `'\\''`)}'`;
}

/** Whether a header's cells are values, not names (every one a number or a date): the file has no header row. */
export function headerHoldsValues(header: readonly string[]): boolean {
  const cells = header.map((cell) => cell.trim()).filter((cell) => cell !== "");
  return (
    cells.length > 0 &&
    cells.every(
      (cell) => parseAmount(cell, ".", 4) !== null || parseDateTime(cell, UTC, "dmy") !== null || parseDateTime(cell, UTC, "mdy") !== null,
    )
  );
}

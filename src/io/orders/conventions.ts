/**
 * How a file writes its amounts and dates, learned from its values as they stream in: one
 * decimal mark per money column and one day/month order per file, each fixed by the first value
 * that shows it (or by --decimal / --date-format). Until then, an order whose value could be read
 * two ways waits (the order reader defers it); if nothing in the file settles it, that is an error
 * naming the flag. Never decided row by row.
 */
import type { Decided } from "../../core/decided.js";
import { type DecimalMark, decimalEvidence } from "../parse/amount.js";
import { type DateEvidence, type DateOrder, dateEvidence } from "../parse/date.js";
import type { OrderCells, OrderField } from "../platforms/index.js";

/** One row of a line-total order (UCI Online Retail): its quantity and unit price, as written. */
export interface OrderLine {
  readonly line: number;
  readonly quantity: string;
  readonly unitPrice: string;
}

/** Money fields whose decimal mark is learned per column. */
export const MONEY_FIELDS = ["total", "refunded", "unit_price", "subtotal", "discount"] as const satisfies readonly OrderField[];
export type MoneyField = (typeof MONEY_FIELDS)[number];

/** What --decimal and --date-format force. */
export interface ForcedConventions {
  readonly decimal?: DecimalMark;
  readonly dateOrder?: DateOrder;
}

/** Each money field's bit in Conventions.#decided (its place in MONEY_FIELDS), and all of them. */
const BIT = Object.fromEntries(MONEY_FIELDS.map((field, i) => [field, 1 << i])) as Record<MoneyField, number>;
const ALL_DECIDED = (1 << MONEY_FIELDS.length) - 1;

export class Conventions {
  readonly decimal = new Map<MoneyField, Decided<DecimalMark>>();
  dateOrder: Decided<DateOrder> | null = null;
  /** The fields in `decimal`, a bit each (BIT): what observe() asks of every amount of every order, with no lookup. */
  #decided = 0;

  /** `platformDateOrder`: the order a platform is known to write, used when no flag says otherwise. */
  constructor(forced: ForcedConventions, platformDateOrder?: Decided<DateOrder>) {
    if (forced.decimal) {
      for (const field of MONEY_FIELDS) this.decimal.set(field, { value: forced.decimal, reason: "--decimal", source: "option" });
      this.#decided = ALL_DECIDED;
    }
    if (forced.dateOrder) this.dateOrder = { value: forced.dateOrder, reason: "--date-format", source: "option" };
    else if (platformDateOrder) this.dateOrder = platformDateOrder;
  }

  /**
   * Learns from one order's cells (and its lines' unit prices, for line-total platforms) what they
   * show. True when that decided something new, so that waiting orders may now be read.
   */
  observe(cells: OrderCells, line: number, lines: readonly OrderLine[] = []): boolean {
    let decided = false;
    // Each field by name, not in a loop over MONEY_FIELDS: a property read by a computed name is
    // slow in V8 (megamorphic), and this runs for every order.
    if (this.#decided !== ALL_DECIDED) {
      const { total, refunded, unit_price, subtotal, discount } = cells;
      if (total !== null) decided = this.#observeMoney("total", BIT.total, total, line) || decided;
      if (refunded !== null) decided = this.#observeMoney("refunded", BIT.refunded, refunded, line) || decided;
      if (unit_price !== null) decided = this.#observeMoney("unit_price", BIT.unit_price, unit_price, line) || decided;
      if (subtotal !== null) decided = this.#observeMoney("subtotal", BIT.subtotal, subtotal, line) || decided;
      if (discount !== null) decided = this.#observeMoney("discount", BIT.discount, discount, line) || decided;
    }
    for (const l of lines) decided = this.#observeMoney("unit_price", BIT.unit_price, l.unitPrice, l.line) || decided;
    const date = cells.created_at;
    if (date !== null && this.dateOrder === null) {
      const evidence = this.#dateEvidence(date);
      if (evidence === "dmy" || evidence === "mdy") {
        this.dateOrder = { value: evidence, reason: `${JSON.stringify(date.trim())} on line ${line}`, source: "content", line };
        decided = true;
      }
    }
    return decided;
  }

  /** The first value in `cells` (or its lines) that can't be read until its column is decided, or null. */
  undecided(cells: OrderCells, lines: readonly OrderLine[] = []): { readonly field: OrderField; readonly text: string } | null {
    // Once any money column is decided, every one is (#decisionFor): nothing to look at.
    if (this.decimal.size === 0) {
      for (const field of MONEY_FIELDS) {
        const text = cells[field];
        if (text !== null && decimalEvidence(text) === "ambiguous") return { field, text: text.trim() };
      }
      for (const l of lines) if (decimalEvidence(l.unitPrice) === "ambiguous") return { field: "unit_price", text: l.unitPrice.trim() };
    }
    const date = cells.created_at;
    if (date !== null && this.dateOrder === null && this.#dateEvidence(date) === "ambiguous")
      return { field: "created_at", text: date.trim() };
    return null;
  }

  // observe() and undecided() ask about the same date one after the other, for every order of a
  // file whose slash dates never settle an order (`05/05/2025`): remember the last answer.
  #lastDate: { text: string; evidence: DateEvidence } | null = null;

  #dateEvidence(text: string): DateEvidence {
    // A date with no slash shows no order (dateEvidence): most files' dates are so, and need no
    // remembered answer (an object and a string compare an order).
    if (text.indexOf("/") < 0) return "none";
    if (this.#lastDate?.text !== text) this.#lastDate = { text, evidence: dateEvidence(text) };
    return this.#lastDate.evidence;
  }

  #observeMoney(field: MoneyField, bit: number, text: string, line: number): boolean {
    if ((this.#decided & bit) !== 0) return false;
    // A value unreadable with the mark it seems to show (`1,2,3.4.5`, `12,5k`) is "none": it is
    // skipped as UNREADABLE_AMOUNT, and one bad cell never decides how its column is read.
    const evidence = decimalEvidence(text);
    if (evidence !== "." && evidence !== ",") return false;
    this.decimal.set(field, { value: evidence, reason: `${JSON.stringify(text.trim())} on line ${line}`, source: "content", line });
    this.#decided |= bit;
    return true;
  }

  /**
   * The decimal mark to read `field` with: its own column's, else another money column's (a file
   * writes all its amounts one way, so a refund column of `1,000`s follows the totals), else "."
   * when no value has shown one yet.
   */
  markOf(field: MoneyField): DecimalMark {
    return this.#decisionFor(field)?.value ?? ".";
  }

  #decisionFor(field: MoneyField): Decided<DecimalMark> | undefined {
    return this.decimal.get(field) ?? MONEY_FIELDS.map((f) => this.decimal.get(f)).find((d) => d !== undefined);
  }
}

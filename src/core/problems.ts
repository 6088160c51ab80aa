/**
 * Why a row could not be used. Every skipped row carries one of these codes, in the JSON
 * (`problems[].code`, `dataQuality.skippedByCode`) and in docs/rules.md, so that scripts match
 * codes, not message text. The list is closed: a new reason is a new code here.
 */
export const PROBLEM_CODES = {
  SHIFTED_ROW: "more filled cells than the header: a separator inside an unquoted value shifts the columns",
  TRUNCATED_ROW:
    "the file ends inside the row (a cut download): the last row, with no line end and fewer cells than the header, or inside a quoted cell",
  EMPTY_KEY: "the order key (order id) is empty",
  DUPLICATE_ROW: "an exact repeat of a row read earlier in the file (overlapping exports pasted together): counted once",
  DUPLICATE_KEY:
    "the order key was already read with another date or total (two orders sharing a key, or one order exported twice at different times)",
  EMPTY_DATE: "the date (an order's, a survey response's, a review's, a ticket's creation) is empty",
  UNREADABLE_DATE:
    "a date (an order's, a survey response's, a review's, a ticket's, a traffic day) is no date we read, or contradicts the file's day/month order",
  UNREADABLE_CURRENCY: "the currency cell is not a 3-letter ISO 4217 code",
  CURRENCY_MISMATCH: "an amount is written in another currency than the order's",
  EMPTY_AMOUNT: "the order total is empty",
  UNREADABLE_AMOUNT: "an amount (total, refund or unit price) is no number we read, or contradicts its column's decimal mark",
  UNREADABLE_QUANTITY: "a line item's quantity is not a whole number",
  AMOUNT_TOO_LARGE: "an amount, or the order's total, is too large to be held exactly (over 2^53 − 1 minor units)",
  NO_IDENTITY: "a customers-file row with neither an email nor a customer id",
  UNREADABLE_SCORE: "a survey answer is no score: not a number, nor a label starting with one (`9 - Extremely likely`)",
  SCORE_OUT_OF_SCALE: "a survey answer lies outside its question's scale (NPS 0–10; CSAT and CES 1 to the scale): never clipped",
  UNKNOWN_QUESTION: "a generic survey file's type is none of nps, csat, ces",
  DUPLICATE_RESPONSE: "a survey response id read earlier in the file: the response counts once",
  UNREADABLE_RATING: "a review's rating is no number",
  RATING_OUT_OF_SCALE: "a review's rating lies outside 1–5 stars (Heureka: 0–5): never clipped",
  DUPLICATE_REVIEW: "a review id read earlier in the file: the review counts once",
  UNREADABLE_DURATION:
    "a ticket's first reply or resolution time is no duration: minutes (Zendesk), hours as hh:mm:ss or decimal hours (Freshdesk)",
  ANSWERED_BEFORE_CREATED: "a ticket's first reply is before its creation, or its first reply time is negative",
  RESOLVED_BEFORE_CREATED: "a ticket's resolution is before its creation, or its resolution time is negative",
  DUPLICATE_TICKET: "a ticket id read earlier in the file: the ticket counts once",
  UNREADABLE_COUNT: "a traffic count (sessions, visitors, converting sessions) is no whole number, or a rate no number",
  COUNT_OUT_OF_RANGE: "a traffic count is negative, or over 100,000,000 for one day: never clipped",
  DUPLICATE_DAY: "a traffic day already read from an earlier --traffic file: counted once, from the first",
} as const;
export type ProblemCode = keyof typeof PROBLEM_CODES;

/** A reason a row can't be used: its code, and the message that says it for this row. */
export interface RowIssue {
  readonly code: ProblemCode;
  /** What is wrong, naming the column and the value; without what was skipped. */
  readonly message: string;
}

/** A row that could not be used: where it is and why. */
export interface Problem {
  readonly file: string;
  /** Line on which the row (or the order's first row) starts. */
  readonly line: number;
  readonly code: ProblemCode;
  /** The reason, ending in what was skipped. */
  readonly message: string;
}

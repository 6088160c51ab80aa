/**
 * An attribution file (--attribution): post-purchase "how did you hear about us?" answers, one
 * row per answer, joined to the orders by order number (or id). Fairing-style long files and any
 * file with an order and an answer column. Each order keeps its first answer, as written (the raw
 * text: the channel map is applied later, metrics/referrals.ts); answers to other questions are
 * read and counted. No row text is kept beyond the distinct answers.
 */
import type { Decided } from "../../core/decided.js";
import { AppError } from "../../core/errors.js";
import { KeyMap } from "../../core/key-map.js";
import { type ColumnSpec, matchSignature } from "../columns.js";
import type { CsvRecord } from "../csv/read-csv.js";
import type { ProblemLog } from "../problems.js";
import { type PushReader, Table, type TableOptions } from "../table.js";
import { questionKey } from "./questions.js";

export const ATTRIBUTION_FIELDS = ["order_number", "order_id", "answer", "question"] as const;
export type AttributionField = (typeof ATTRIBUTION_FIELDS)[number];

const SPEC: ColumnSpec<AttributionField> = {
  columns: {
    order_number: ["order_number", "order_name", "order", "Order Number", "Order"],
    order_id: ["order_id", "Order ID"],
    answer: ["response", "answer", "source", "channel", "Response", "Answer"],
    question: ["question", "question_text", "Question"],
  },
  required: ["answer"],
};

/** Words of an attribution question ("How did you hear about us?", "Jak jste se o nás dozvěděli?", "Honnan hallott rólunk?"). */
const ATTRIBUTION_WORDS = [
  "hear about",
  "heard about",
  "hear of",
  "find us",
  "found us",
  "find out about",
  "found out about",
  "learn about",
  "learned about",
  "discover",
  "referred",
  "where did you",
  "dozved",
  "odkud",
  "kde jste",
  "hallott",
  "honnan",
  "talalt",
];

/** An order key as the join compares it: trimmed, lower case, without Shopify's leading `#`. */
function joinKey(key: string): string {
  return key.trim().replace(/^#/, "").toLowerCase();
}

/** `fairing`: the question column says which rows answer "how did you hear about us?"; `generic`: every row is an answer. */
export const ATTRIBUTION_PLATFORMS = ["fairing", "generic"] as const;

export interface AttributionRead {
  /** `fairing` (a question column) or `generic`. */
  readonly platform: string;
  /** Each distinct answer and how many orders gave it, the most first. */
  readonly answers: readonly { readonly text: string; readonly orders: number }[];
  readonly columns: Readonly<Partial<Record<AttributionField, Decided<string>>>>;
  readonly rowsRead: number;
  readonly repeatedHeaders: readonly number[];
  readonly problems: ProblemLog;
  /** The answer for an order key (joinKey), or null; marks it joined. */
  lookup(key: string): string | null;
  /** Orders answered, and how many of them an order of the orders file joined (after the orders are read). */
  readonly answered: number;
  joined(): number;
  /** Rows read and not used, by why: another question, an empty answer, an order answered before. */
  readonly excluded: Readonly<Record<string, number>>;
  /** What the file's answers are, for the referrals' basis. */
  readonly basis: string;
  /** The question texts the file has (a question column), for saying why none was taken. */
  readonly questionsSeen: readonly string[];
}

export function createAttributionReader(
  header: readonly string[],
  options: TableOptions & { readonly maps: ReadonlyMap<AttributionField, string>; readonly platform?: string },
): PushReader<AttributionRead> {
  if (
    options.maps.size === 0 &&
    matchSignature(header, [["order_number"], ["order_id"], ["order"], ["Order Number"], ["Order ID"]]) === null
  ) {
    throw new AppError(
      "INPUT_HEADER",
      "unrecognised attribution header: expected an order column (order_number or order_id) and an answer column (response, answer or source), as a Fairing-style export writes them",
      { file: options.file, line: 1 },
    );
  }
  const table = new Table(
    header,
    ATTRIBUTION_FIELDS,
    SPEC,
    { flag: "--attribution-map", maps: options.maps, label: "attribution file" },
    "an attribution file",
    options,
  );
  table.project(options.projection);
  const keyField: AttributionField = table.index.order_number !== undefined ? "order_number" : "order_id";
  // --attribution-platform generic: every row is an answer, whatever a question column says.
  const byQuestion = options.platform !== "generic" && table.index.question !== undefined;
  const counts: number[] = [];
  const keys = new KeyMap();
  const answers: string[] = [];
  const answerIds = new Map<string, number>();
  const excluded = new Map<string, number>();
  const exclude = (why: string) => excluded.set(why, (excluded.get(why) ?? 0) + 1);
  /** Per question text: whether it is an attribution question (a file with one question: all rows are). */
  const attributionQuestion = new Map<string, boolean>();
  let answered = 0;
  return {
    push(record: CsvRecord) {
      const cells = table.cells(record);
      if (cells === null) return;
      const question = byQuestion ? (cells.question ?? "").trim() : "";
      if (question !== "") {
        let is = attributionQuestion.get(question);
        if (is === undefined) {
          const key = questionKey(question);
          is = ATTRIBUTION_WORDS.some((w) => key.includes(w));
          attributionQuestion.set(question, is);
        }
        if (!is) {
          exclude("otherQuestions");
          return;
        }
      }
      const order = joinKey(cells[keyField] ?? "");
      if (order === "") {
        table.problems.skip(record.line, 1, {
          code: "EMPTY_KEY",
          message: `the attribution answer's ${table.columnNames[keyField] ?? keyField} is empty`,
        });
        return;
      }
      const answer = (cells.answer ?? "").trim();
      if (answer === "") {
        exclude("unanswered");
        return;
      }
      const slot = keys.hash(order).find();
      if (slot >= 0) {
        exclude("answeredBefore");
        return;
      }
      let id = answerIds.get(answer);
      if (id === undefined) {
        id = answers.length;
        answers.push(answer);
        answerIds.set(answer, id);
      }
      keys.insert(id, 0);
      counts[id] = (counts[id] ?? 0) + 1;
      answered++;
    },
    end() {
      let joined = 0;
      return {
        platform: byQuestion ? "fairing" : "generic",
        answers: answers
          .map((text, i) => ({ text, orders: counts[i] ?? 0 }))
          .sort((a, b) => b.orders - a.orders || a.text.localeCompare(b.text)),
        columns: table.columns,
        rowsRead: table.rowsRead,
        repeatedHeaders: table.repeatedHeaders,
        problems: table.problems,
        lookup(key: string) {
          const map = keys.hash(joinKey(key));
          const slot = map.find();
          if (slot < 0) return null;
          if (map.get(slot, 1) === 0) {
            map.set(slot, 1, 1);
            joined++;
          }
          return answers[map.get(slot, 0)]!;
        },
        answered,
        joined: () => joined,
        excluded: Object.fromEntries([...excluded].sort(([a], [b]) => a.localeCompare(b))),
        basis: "self-reported: the customer's answer to a post-purchase survey (the touch they remember)",
        questionsSeen: [...attributionQuestion.keys()],
      };
    },
  };
}

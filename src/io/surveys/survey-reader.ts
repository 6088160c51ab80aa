/**
 * The survey push core: records of a survey export in, the answers to its NPS, CSAT and CES
 * questions out (core/survey.ts), each with its instant, score and respondent.
 *
 * - The format comes from the header (platforms/survey-platforms.ts); SurveyMonkey's second
 *   header row is read as such, its question cells forward-filled over the columns a question
 *   spans.
 * - Which column (wide) or question text (long) is which kind: --survey-map, else the question's
 *   words (questions.ts), confirmed by its first values being scores. Two candidates for one kind,
 *   or none at all, is an input error naming --survey-map. Until that is decided (the first
 *   CONFIRM_ROWS rows), rows wait; so do rows whose slash date only a later row can settle.
 * - A row is skipped, with its line and reason, for an empty or unreadable date, a score that is no
 *   number or lies outside its scale, an unknown question type (generic), or a response id read
 *   before (counted once). Typeform's partial responses are excluded and counted. A row that
 *   answers none of the questions is counted as unanswered.
 */
import type { Decided } from "../../core/decided.js";
import { AppError } from "../../core/errors.js";
import { KeyMap } from "../../core/key-map.js";
import { quoted } from "../../core/printable.js";
import { type CesDirection, SCALES, SURVEY_KINDS, type SurveyAnswers, type SurveyKind, type SurveyQuestion } from "../../core/survey.js";
import { Zone } from "../../core/zone.js";
import type { CsvRecord } from "../csv/read-csv.js";
import { DateOrderQueue } from "../date-order.js";
import { type DateOrder, parseDateTime } from "../parse/date.js";
import { normaliseEmail } from "../parse/identity.js";
import {
  detectSurveyPlatform,
  GENERIC_WIDE,
  SURVEY_COLUMN_FIELDS,
  type SurveyColumnField,
  type SurveyField,
  type SurveyPlatform,
} from "../platforms/survey-platforms.js";
import type { ProblemLog } from "../problems.js";
import { type PushReader, Table, type TableOptions } from "../table.js";
import { CONFIRM_ROWS, kindsOf, parseScore, questionKey, stemIn, ValueTally } from "./questions.js";

export interface SurveyReaderOptions extends TableOptions {
  /** The report's zone: times without an offset are read in it (Typeform's are UTC). */
  readonly zone: Zone;
  /** --survey-map FIELD=Column; nps, csat, ces name the question's column (or, in a long file, its text). */
  readonly maps: ReadonlyMap<SurveyField, string>;
  /** --survey-platform */
  readonly platform?: string;
  /** --date-format */
  readonly dateOrder?: DateOrder;
  /** --csat-scale, --ces-scale */
  readonly scales?: Partial<Record<"csat" | "ces", number>>;
  /** --ces-direction */
  readonly cesDirection?: CesDirection;
}

export interface SurveysRead {
  readonly platform: Decided<SurveyPlatform>;
  /** Field → its column, and why (a --survey-map, or the format's name for it). */
  readonly columns: Readonly<Partial<Record<SurveyColumnField, Decided<string>>>>;
  readonly rowsRead: number;
  /** Lines that repeat the header (exports pasted together): neither used nor skipped. */
  readonly repeatedHeaders: readonly number[];
  readonly problems: ProblemLog;
  /** The kinds the file asks, in NPS, CSAT, CES order. */
  readonly questions: readonly SurveyQuestion[];
  /** Rows read and not counted, by why (`partial`: Typeform's unfinished responses). */
  readonly excluded: Readonly<Record<string, number>>;
  /** Rows that answer none of the questions (every score cell empty). */
  readonly unanswered: number;
  /** Long files: rows answering another question (a Fairing "How did you hear about us?"). */
  readonly otherAnswers: number;
  /** How the file's slash dates were read; null when it writes none that needed it. */
  readonly dateOrder: Decided<DateOrder> | null;
  /** The line of SurveyMonkey's second header row. */
  readonly subHeaderLine: number | null;
  /** Columns or questions that looked like one of the kinds and were not taken, and why (inspect says them). */
  readonly passedOver: readonly string[];
  /** What the report should say about the file: a 1–10 NPS, an effort-worded CES question. */
  readonly warnings: readonly string[];
}

/** A question kind's column, found or mapped; `values` tallies its first values. */
interface Candidate {
  readonly kind: SurveyKind;
  /** Wide: the column's position. Long: -1 (the question is told by `text`). */
  readonly at: number;
  /** The column's name (SurveyMonkey: question and sub-header), or the question's text. */
  readonly text: string;
  readonly mapped: boolean;
  readonly values: ValueTally;
}

/** One kind's chosen question, and its answers so far. */
interface Chosen {
  readonly kind: SurveyKind;
  readonly at: number;
  readonly key: string;
  readonly column: Decided<string>;
  readonly answers: SurveyAnswers;
  max: number;
  min: number;
}

const UTC = new Zone("UTC");

/** NPS answers from which a file none of whose answers is 0 is warned about (a 1–10 scale?). */
const NPS_SCALE_CHECK = 30;

/** Rows held at most while a candidate question has not yet shown CONFIRM_ROWS answers. */
const MAX_WAITING = 10_000;

/** The most a score may be before the scale is known: NPS 10, CSAT and CES the largest scale (7). */
const CEILING: Readonly<Record<SurveyKind, number>> = { nps: 10, csat: 7, ces: 7 };
const FLOOR: Readonly<Record<SurveyKind, number>> = { nps: 0, csat: 1, ces: 1 };

export function createSurveyReader(header: readonly string[], options: SurveyReaderOptions): PushReader<SurveysRead> {
  return new SurveyReader(header, options);
}

class SurveyReader implements PushReader<SurveysRead> {
  readonly #options: SurveyReaderOptions;
  readonly #platform: Decided<SurveyPlatform>;
  /** Rebuilt at SurveyMonkey's second header row, whose width is the file's (a question spanning the last columns leaves row 1's cells there empty). */
  #table: Table<SurveyColumnField>;
  readonly #columnMaps: ReadonlyMap<SurveyColumnField, string>;
  readonly #header: readonly string[];
  readonly #zone: Zone;
  /** Wide: each column's name, once SurveyMonkey's second header row is read. */
  #names: string[] | null = null;
  #subHeaderLine: number | null = null;
  #candidates: Candidate[] = [];
  /** Set once the questions are decided; until then rows wait in #waiting. */
  #chosen: Chosen[] | null = null;
  /** Long files: a question's text (questionKey) → its kind, or null for another question. */
  readonly #questionKinds = new Map<string, Chosen | null>();
  /** The first rows, waiting, in file order, for the questions to be decided. */
  #waiting: { readonly record: CsvRecord; readonly cells: Record<SurveyColumnField, string | null> }[] = [];
  /** Rows whose slash date waits for the file's day/month order, in file order. */
  readonly #dates: DateOrderQueue<{ readonly record: CsvRecord; readonly cells: Record<SurveyColumnField, string | null> }>;
  readonly #ids = new KeyMap();
  readonly #respondents = new KeyMap();
  readonly #excluded = new Map<string, number>();
  #unanswered = 0;
  #otherAnswers = 0;
  readonly #passedOver: string[] = [];
  /** Warnings about long files' questions asked late (#lateQuestion). */
  readonly #late: string[] = [];
  #dataRows = 0;

  constructor(header: readonly string[], options: SurveyReaderOptions) {
    this.#options = options;
    this.#header = header;
    const columnMaps = new Map<SurveyColumnField, string>();
    for (const [field, column] of options.maps)
      if ((SURVEY_COLUMN_FIELDS as readonly string[]).includes(field)) columnMaps.set(field as SurveyColumnField, column);
    const questionMapped = SURVEY_KINDS.some((kind) => options.maps.has(kind));
    const platform =
      detectSurveyPlatform(header, options.platform) ??
      (columnMaps.size > 0 || questionMapped ? { value: GENERIC_WIDE, reason: "--survey-map", source: "option" as const } : null);
    if (!platform) {
      throw new AppError(
        "INPUT_HEADER",
        "unrecognised survey header: expected a SurveyMonkey, Typeform, Google Forms or Fairing export, or a generic file with date, score and type columns; --survey-platform NAME forces a format, --survey-map FIELD=Column points a field at a column",
        { file: options.file, line: 1 },
      );
    }
    // A generic file whose questions are mapped to columns is wide: it needs only its date.
    const value = platform.value.name === "generic" && questionMapped && !columnMaps.has("score") ? GENERIC_WIDE : platform.value;
    this.#platform = { ...platform, value };
    this.#columnMaps = columnMaps;
    this.#table = this.#makeTable(header);
    this.#zone = value.times === "utc" ? UTC : options.zone;
    this.#dates = new DateOrderQueue(options.file, options.dateOrder);
    if (value.shape === "wide" && !value.subHeader) this.#findColumns(header.map((name) => name.trim()));
  }

  get #wide(): boolean {
    return this.#platform.value.shape === "wide";
  }

  #makeTable(header: readonly string[]): Table<SurveyColumnField> {
    const value = this.#platform.value;
    return new Table(
      header,
      SURVEY_COLUMN_FIELDS,
      value,
      { flag: "--survey-map", maps: this.#columnMaps, label: value.label },
      `a ${value.label}`,
      this.#options,
    );
  }

  push(record: CsvRecord): void {
    if (this.#wide && this.#names === null) {
      // SurveyMonkey: the second header row names each column's answer (`Response`) or choice.
      // A row whose date or respondent id is filled is a response: the export has no second row.
      const { index } = this.#table;
      const filled = (at: number | undefined) => at !== undefined && (record.fields[at] ?? "").trim() !== "";
      if (filled(index.date) || filled(index.id)) this.#findColumns(this.#header.map((name) => name.trim()));
      else {
        this.#subHeaderLine = record.line;
        const names = subHeaderNames(this.#header, record.fields);
        this.#table = this.#makeTable(names);
        this.#findColumns(names);
        return;
      }
    }
    const cells = this.#table.cells(record);
    if (cells === null) return;
    this.#dataRows++;
    if (this.#chosen === null) {
      this.#tally(record, cells);
      this.#waiting.push({ record, cells });
      // Decided once every candidate has shown CONFIRM_ROWS answers, or after MAX_WAITING rows.
      if (this.#dataRows >= MAX_WAITING || (this.#dataRows >= CONFIRM_ROWS && this.#candidates.every((c) => c.values.full))) this.#decide();
      return;
    }
    this.#accept(record, cells);
  }

  /** A row once the questions are decided: read, or queued behind one whose slash date is undecided, in file order. */
  #accept(record: CsvRecord, cells: Record<SurveyColumnField, string | null>): void {
    this.#dates.offer({ record, cells }, cells.date ?? "", record.line, (row) => this.#row(row.record, row.cells));
  }

  end(): SurveysRead {
    if (this.#wide && this.#names === null && this.#platform.value.subHeader) {
      throw new AppError(
        "INPUT_HEADER",
        `the ${this.#platform.value.label} has no second header row (the row naming each column's answer)`,
        {
          file: this.#options.file,
          line: 1,
        },
      );
    }
    if (this.#chosen === null) this.#decide(true);
    else if (this.#chosen.length === 0) this.#noQuestion();
    this.#dates.end();
    // A generic long file names its kinds row by row: those no row gave are not asked.
    const generic = this.#platform.value.name === "generic" && !this.#wide;
    const chosen = (this.#chosen ?? []).filter((c) => !generic || c.answers.score.length > 0);
    const warnings: string[] = [...this.#late];
    const questions = chosen.map((c) => this.#question(c, warnings));
    const table = this.#table;
    return {
      platform: this.#platform,
      columns: table.columns,
      rowsRead: table.rowsRead,
      repeatedHeaders: table.repeatedHeaders,
      problems: table.problems,
      questions,
      excluded: Object.fromEntries([...this.#excluded].sort(([a], [b]) => a.localeCompare(b))),
      unanswered: this.#unanswered,
      otherAnswers: this.#otherAnswers,
      dateOrder: this.#dates.order,
      subHeaderLine: this.#subHeaderLine,
      passedOver: this.#passedOver,
      warnings,
    };
  }

  /** Wide: the columns that may be each kind's question, by --survey-map or by their words. */
  #findColumns(names: string[]): void {
    this.#names = names;
    const used = new Set(Object.values(this.#table.index) as number[]);
    const { maps, file } = this.#options;
    for (const kind of SURVEY_KINDS) {
      const mapped = maps.get(kind);
      if (mapped === undefined) continue;
      const wanted = questionKey(mapped);
      // `@5`: the fifth column, for a header that names two columns alike (a question deleted and added again).
      const position = /^@(\d+)$/.exec(mapped.trim());
      const at = position
        ? Number(position[1]) >= 1 && Number(position[1]) <= names.length
          ? [Number(position[1]) - 1]
          : []
        : names.flatMap((name, i) => (questionKey(name) === wanted || questionKey(this.#header[i] ?? "") === wanted ? [i] : []));
      if (at.length === 0) {
        throw new AppError(
          "INPUT_HEADER",
          `--survey-map ${kind}=${mapped}: no column named ${quoted(mapped)}. Columns found: ${names.map((n) => quoted(n)).join(", ")}`,
          {
            file,
            line: 1,
          },
        );
      }
      if (at.length > 1) {
        throw new AppError(
          "INPUT_HEADER",
          `--survey-map ${kind}=${mapped} names ${at.length} columns: ${at.map((i) => `${quoted(names[i]!)} (column ${i + 1})`).join(", ")}; name one of them, or its position as ${kind}=@N`,
          { file, line: 1 },
        );
      }
      this.#candidates.push({ kind, at: at[0]!, text: names[at[0]!]!, mapped: true, values: new ValueTally() });
    }
    names.forEach((name, at) => {
      if (used.has(at) || name === "" || this.#candidates.some((c) => c.at === at)) return;
      const kinds = kindsOf(name).filter((kind) => !maps.has(kind));
      if (kinds.length > 1) {
        this.#passedOver.push(`${quoted(name)}: its words fit ${kinds.join(" and ")}; --survey-map KIND="…" takes it`);
        return;
      }
      if (kinds.length === 1) this.#candidates.push({ kind: kinds[0]!, at, text: name, mapped: false, values: new ValueTally() });
    });
  }

  /** Tallies the first values of each candidate (long: of each question's text). */
  #tally(record: CsvRecord, cells: Record<SurveyColumnField, string | null>): void {
    if (this.#wide) {
      for (const candidate of this.#candidates) candidate.values.add(record.fields[candidate.at] ?? "");
      return;
    }
    if (this.#platform.value.name === "generic") return; // its type column says the kind
    const text = (cells.question ?? "").trim();
    if (text === "") return;
    const key = questionKey(text);
    let candidate = this.#candidates.find((c) => questionKey(c.text) === key);
    if (!candidate) {
      const mapped = SURVEY_KINDS.find((kind) => {
        const m = this.#options.maps.get(kind);
        return m !== undefined && questionKey(m) === key;
      });
      const kinds = mapped ? [mapped] : kindsOf(text).filter((kind) => !this.#options.maps.has(kind));
      if (kinds.length !== 1) {
        if (kinds.length > 1 && !this.#passedOver.some((p) => p.startsWith(quoted(text)))) {
          this.#passedOver.push(`${quoted(text)}: its words fit ${kinds.join(" and ")}; --survey-map KIND="…" takes it`);
        }
        return;
      }
      candidate = { kind: kinds[0]!, at: -1, text, mapped: mapped !== undefined, values: new ValueTally() };
      this.#candidates.push(candidate);
    }
    candidate.values.add(cells.score ?? "");
  }

  /** Settles each kind's question from the candidates, then reads the rows that waited. */
  /** No question of any kind: an input error naming --survey-map. */
  #noQuestion(): never {
    const seen = this.#passedOver.length > 0 ? ` (passed over: ${this.#passedOver.join("; ")})` : "";
    throw new AppError(
      "INPUT_HEADER",
      `no NPS, CSAT or CES question found in the ${this.#platform.value.label}${seen}: name the question's column with --survey-map nps="column header" (or csat=, ces=)`,
      { file: this.#options.file, line: 1 },
    );
  }

  /** `final`: at the file's end (a long file with no question yet is then an error). */
  #decide(final = false): void {
    const { file } = this.#options;
    const chosen: Chosen[] = [];
    if (this.#platform.value.name === "generic" && !this.#wide) {
      for (const kind of SURVEY_KINDS) {
        chosen.push(
          this.#choose(kind, -1, kind, {
            value: this.#table.columnNames.score ?? "score",
            reason: `rows whose ${this.#table.columnNames.type ?? "type"} is ${kind}`,
            source: "content",
          }),
        );
      }
    } else {
      for (const kind of SURVEY_KINDS) {
        const mapped = this.#candidates.find((c) => c.kind === kind && c.mapped);
        if (mapped) {
          chosen.push(
            this.#choose(kind, mapped.at, mapped.text, {
              value: mapped.text,
              reason: `--survey-map ${kind}=${this.#options.maps.get(kind)}`,
              source: "option",
            }),
          );
          continue;
        }
        const candidates = this.#candidates.filter((c) => c.kind === kind);
        for (const c of candidates) {
          if (!c.values.confirmed && this.#dataRows > 0) {
            this.#passedOver.push(
              c.values.values === 0
                ? `${quoted(c.text)}: its words fit ${kind}, but it has no answers`
                : `${quoted(c.text)}: its words fit ${kind}, but its answers are text (${quoted(c.values.firstText ?? "")}), not scores`,
            );
          }
        }
        // A file with no responses yet (a header only) takes its questions by their words alone.
        const confirmed = this.#dataRows === 0 ? candidates : candidates.filter((c) => c.values.confirmed);
        if (confirmed.length > 1) {
          const where = this.#wide ? "columns" : "questions";
          throw new AppError(
            "INPUT_HEADER",
            `two candidate ${kind.toUpperCase()} ${where}: ${confirmed.map((c) => `${quoted(c.text)}${c.at >= 0 ? ` (column ${c.at + 1})` : ""}`).join(" and ")}; name the one to read with --survey-map ${kind}="…"${this.#wide ? ` (or its position: ${kind}=@N)` : ""}`,
            { file, line: 1 },
          );
        }
        const one = confirmed[0];
        if (one) {
          const stem = stemIn(one.text, kind);
          chosen.push(
            this.#choose(kind, one.at, one.text, {
              value: one.text,
              reason: `its text has "${stem}" and ${one.values.scores} of its first ${one.values.values} answers are scores`,
              source: "content",
              line: 1,
            }),
          );
        }
      }
      // A long file may ask its questions later: it is checked at its end.
      if (chosen.length === 0 && (this.#wide || final)) this.#noQuestion();
    }
    this.#chosen = chosen;
    // Long files: a question looked at and not taken stays other, however late its rows come.
    for (const c of this.#candidates) if (c.at < 0) this.#questionKinds.set(questionKey(c.text), null);
    for (const c of chosen) if (c.at < 0) this.#questionKinds.set(c.key, c);
    this.#flush();
  }

  #choose(kind: SurveyKind, at: number, text: string, column: Decided<string>): Chosen {
    return { kind, at, key: questionKey(text), column, answers: { at: [], score: [], respondent: [] }, max: -1, min: 99 };
  }

  /** Reads the rows that waited for the questions, in file order. */
  #flush(): void {
    const waiting = this.#waiting;
    this.#waiting = [];
    for (const { record, cells } of waiting) this.#accept(record, cells);
  }

  /** One data row, once the questions are decided (a row that can't be read yet waits). */
  #row(record: CsvRecord, cells: Record<SurveyColumnField, string | null>): void {
    const problems = this.#table.problems;
    const { line } = record;
    const platform = this.#platform.value;
    if (platform.completed && cells.response_type !== null) {
      const type = cells.response_type.trim().toLowerCase();
      if (type !== "" && !platform.completed.includes(type)) {
        this.#excluded.set(type, (this.#excluded.get(type) ?? 0) + 1);
        return;
      }
    }
    // Long files: the row's question first (another question's row is not this reader's).
    let only: Chosen | null = null;
    if (!this.#wide) {
      if (platform.name === "generic") {
        const type = (cells.type ?? "").trim().toLowerCase();
        only = this.#chosen!.find((c) => c.kind === type) ?? null;
        if (only === null) {
          problems.skip(line, 1, {
            code: "UNKNOWN_QUESTION",
            message: `${this.#table.columnNames.type ?? "type"} ${quoted((cells.type ?? "").trim())} is none of nps, csat, ces`,
          });
          return;
        }
      } else {
        const text = (cells.question ?? "").trim();
        const key = questionKey(text);
        only = this.#questionKinds.has(key) ? this.#questionKinds.get(key)! : this.#lateQuestion(text, key, line);
        if (only === null) {
          this.#otherAnswers++;
          return;
        }
      }
    }
    const dateText = (cells.date ?? "").trim();
    if (dateText === "") {
      problems.skip(line, 1, { code: "EMPTY_DATE", message: `the date (${this.#table.columnNames.date}) is empty` });
      return;
    }
    const at = parseDateTime(dateText, this.#zone, this.#dates.order?.value ?? null);
    if (at === null) {
      problems.skip(line, 1, {
        code: "UNREADABLE_DATE",
        message: `the date ${quoted(dateText)} (${this.#table.columnNames.date}) is no date we read`,
      });
      return;
    }
    const scores: [Chosen, number][] = [];
    for (const c of only ? [only] : this.#chosen!) {
      const text = only ? (cells.score ?? "") : (record.fields[c.at] ?? "");
      const score = parseScore(text);
      if (score === undefined) continue;
      const column = only ? (this.#table.columnNames.score ?? "score") : c.column.value;
      if (score === null) {
        problems.skip(line, 1, {
          code: "UNREADABLE_SCORE",
          message: `the ${c.kind.toUpperCase()} answer ${quoted(text.trim())} (${column}) is no score: expected a number, or a label starting with one`,
        });
        return;
      }
      const top = c.kind === "nps" ? 10 : (this.#options.scales?.[c.kind] ?? CEILING[c.kind]);
      if (score < FLOOR[c.kind] || score > top) {
        const given = c.kind !== "nps" && this.#options.scales?.[c.kind] !== undefined;
        problems.skip(line, 1, {
          code: "SCORE_OUT_OF_SCALE",
          message: `the ${c.kind.toUpperCase()} answer ${score} (${column}) lies outside its scale, ${FLOOR[c.kind]}–${top}${given ? ` (--${c.kind}-scale)` : ""}`,
        });
        return;
      }
      scores.push([c, score]);
    }
    if (scores.length === 0) {
      this.#unanswered++;
      return;
    }
    const id = (cells.id ?? "").trim();
    // In a long file a response's answers to different questions share its id: the id repeats per question.
    const first = id === "" ? -1 : this.#ids.firstSeen(only ? `${only.kind}\u0000${id}` : id, line);
    if (first >= 0) {
      problems.skip(line, 1, { code: "DUPLICATE_RESPONSE", message: `response id ${quoted(id)} was read on line ${first}: counted once` });
      return;
    }
    const respondent = this.#respondent(cells);
    for (const [c, score] of scores) {
      c.answers.at.push(at);
      c.answers.score.push(score);
      c.answers.respondent.push(respondent);
      if (score > c.max) c.max = score;
      if (score < c.min) c.min = score;
    }
  }

  /**
   * A long file's question first asked after the first rows decided the questions: taken when
   * --survey-map names it, or when its words fit one kind no question was taken for (its answers are
   * then held to the scale row by row); else its rows are other answers, and a warning says why.
   */
  #lateQuestion(text: string, key: string, line: number): Chosen | null {
    const mapped = SURVEY_KINDS.find((kind) => {
      const m = this.#options.maps.get(kind);
      return m !== undefined && questionKey(m) === key;
    });
    const kinds = mapped ? [mapped] : kindsOf(text).filter((kind) => !this.#options.maps.has(kind));
    let chosen: Chosen | null = null;
    if (kinds.length === 1) {
      const kind = kinds[0]!;
      const taken = this.#chosen!.find((c) => c.kind === kind);
      if (!taken) {
        chosen = this.#choose(kind, -1, text, {
          value: text,
          reason: mapped
            ? `--survey-map ${kind}=${this.#options.maps.get(kind)}`
            : `its text has "${stemIn(text, kind)}" (first asked on line ${line})`,
          source: mapped ? "option" : "content",
          line,
        });
        this.#chosen!.push(chosen);
      } else {
        this.#late.push(
          `${this.#options.file}: the question ${quoted(text)} (first on line ${line}) fits ${kind} too, but the ${kind.toUpperCase()} question read is ${quoted(taken.column.value)}: its answers are counted as other questions (--survey-map ${kind}="…" picks one)`,
        );
      }
    }
    this.#questionKinds.set(key, chosen);
    return chosen;
  }

  /** The respondent's number: by email, else the respondent column; -1 when the row has neither. */
  #respondent(cells: Record<SurveyColumnField, string | null>): number {
    const email = normaliseEmail(cells.email);
    const other = (cells.respondent ?? "").trim();
    const key = email !== null ? `e:${email}` : other !== "" ? `r:${other}` : null;
    if (key === null) return -1;
    const n = this.#respondents.size;
    const seen = this.#respondents.firstSeen(key, n);
    return seen >= 0 ? seen : n;
  }

  /** A chosen question as the metrics take it: its scale and direction settled. */
  #question(c: Chosen, warnings: string[]): SurveyQuestion {
    const { file, scales, cesDirection } = this.#options;
    const n = c.answers.score.length;
    let scale: Decided<number>;
    if (c.kind === "nps") scale = { value: 10, reason: "NPS is asked on 0–10", source: "default" };
    else if (scales?.[c.kind] !== undefined) scale = { value: scales[c.kind]!, reason: `--${c.kind}-scale`, source: "option" };
    else if (n === 0) scale = { value: c.kind === "csat" ? 5 : 7, reason: "no answers to tell; the usual scale", source: "default" };
    else {
      const value = SCALES[c.kind].find((s) => s >= c.max)!;
      scale = { value, reason: `the answers run from ${c.min} to ${c.max}; --${c.kind}-scale sets it`, source: "content" };
    }
    // A few answers need not hold a 0: only a file of NPS_SCALE_CHECK answers or more is warned about.
    if (c.kind === "nps" && n >= NPS_SCALE_CHECK && c.min >= 1 && c.max === 10) {
      warnings.push(
        `${file}: no NPS answer is 0 (they run from ${c.min} to 10): was the question asked on 1–10? NPS is defined on 0–10, and a 1–10 scale counts detractors differently`,
      );
    }
    if (c.kind !== "ces") return { kind: c.kind, column: c.column, scale, answers: c.answers };
    const direction: Decided<CesDirection> =
      cesDirection !== undefined
        ? { value: cesDirection, reason: "--ces-direction", source: "option" }
        : { value: "agree", reason: "CES 2.0: agreement, high is easy", source: "default" };
    if (cesDirection === undefined && stemIn(c.column.value, "ces") === "effort") {
      warnings.push(
        `${file}: the CES question ${quoted(c.column.value)} speaks of effort: if a low score means little effort (the legacy CES 1.0), pass --ces-direction effort`,
      );
    }
    return { kind: c.kind, column: c.column, scale, direction, answers: c.answers };
  }
}

/**
 * SurveyMonkey's column names: each question forward-filled over the columns it spans, with the
 * second row's choice where it names one (not the plain `Response` or `Open-Ended Response`).
 */
function subHeaderNames(header: readonly string[], sub: readonly string[]): string[] {
  const names: string[] = [];
  let question = "";
  for (let i = 0; i < Math.max(header.length, sub.length); i++) {
    const top = (header[i] ?? "").trim();
    if (top !== "") question = top;
    const below = (sub[i] ?? "").trim();
    const plain = below === "" || /^(open-ended )?response$/i.test(below);
    names.push(plain ? question : question === "" ? below : `${question} - ${below}`);
  }
  return names;
}

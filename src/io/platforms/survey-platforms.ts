/**
 * Survey exports, as data (engagement-inputs.md §2). Wide files (SurveyMonkey, Typeform, Google
 * Forms) give a row per respondent and a column per question, headed by the question's text; long
 * files (Fairing, generic) a row per answer, with the question's text or kind in a column. Which
 * column or question is the NPS, CSAT or CES one is found by the survey reader (surveys/questions.ts).
 */
import type { Decided } from "../../core/decided.js";
import { type ColumnSpec, matchSignature } from "../columns.js";

/**
 * The fields a survey file may have: when it was submitted, the response's id, who answered
 * (an email, or a respondent id), a Typeform response type; in a long file the question (its text,
 * or its kind in `type`) and the score. nps, csat and ces are for --survey-map only: the column
 * (or, in a long file, the question's text) of each.
 */
export const SURVEY_FIELDS = [
  "date",
  "id",
  "email",
  "respondent",
  "response_type",
  "question",
  "type",
  "score",
  "nps",
  "csat",
  "ces",
] as const;
export type SurveyField = (typeof SURVEY_FIELDS)[number];
/** The fields a column is read for: every one but the questions' (found by the reader). */
export type SurveyColumnField = Exclude<SurveyField, "nps" | "csat" | "ces">;
export const SURVEY_COLUMN_FIELDS = SURVEY_FIELDS.filter((f): f is SurveyColumnField => f !== "nps" && f !== "csat" && f !== "ces");

export interface SurveyPlatform extends ColumnSpec<SurveyColumnField> {
  readonly name: string;
  readonly label: string;
  /** A row per respondent with a column per question, or a row per answer. */
  readonly shape: "wide" | "long";
  readonly signatures: readonly (readonly string[])[];
  /** How a time without an offset is read: in UTC (the header says so), or in the report's zone. */
  readonly times: "utc" | "local";
  /** SurveyMonkey: a second header row under the first, naming each column's answer or choice. */
  readonly subHeader?: boolean;
  /** Typeform: the response types that count (the others are excluded and counted). */
  readonly completed?: readonly string[];
}

/** Google Forms' first column in the spreadsheet's language. */
const FORMS_TIMESTAMP = ["Timestamp", "Časová značka", "Časová pečiatka", "Időbélyeg", "Zeitstempel", "Sygnatura czasowa"];

const SURVEY_PLATFORMS: readonly SurveyPlatform[] = [
  {
    name: "surveymonkey",
    label: "SurveyMonkey export",
    shape: "wide",
    signatures: [["Respondent ID", "Collector ID", "End Date"]],
    columns: { date: ["End Date"], id: ["Respondent ID"], email: ["Email Address"] },
    required: ["date"],
    times: "local",
    subHeader: true,
  },
  {
    name: "typeform",
    label: "Typeform export",
    shape: "wide",
    signatures: [["#", "Submit Date (UTC)"]],
    columns: { date: ["Submit Date (UTC)"], id: ["#"], email: ["email", "Email", "e-mail"], response_type: ["Response Type"] },
    required: ["date"],
    times: "utc",
    completed: ["completed"],
  },
  {
    name: "google-forms",
    label: "Google Forms export",
    shape: "wide",
    signatures: FORMS_TIMESTAMP.map((name) => [name]),
    columns: {
      date: FORMS_TIMESTAMP,
      email: ["Email Address", "Email address", "E-mailová adresa", "E-mailová adresa", "E-mail-cím", "E-Mail-Adresse"],
    },
    required: ["date"],
    times: "local",
  },
  {
    name: "fairing",
    label: "Fairing-style export",
    shape: "long",
    signatures: [["question", "response", "inserted_at"]],
    columns: {
      date: ["inserted_at"],
      id: ["id"],
      email: ["email", "customer_email"],
      respondent: ["customer_id"],
      question: ["question", "question_text"],
      score: ["response"],
    },
    required: ["date", "question", "score"],
    times: "local",
  },
  {
    name: "generic",
    label: "generic survey file",
    shape: "long",
    signatures: [["date", "score", "type"]],
    columns: {
      date: ["date", "submitted_at", "created_at"],
      id: ["id", "response_id"],
      email: ["email"],
      respondent: ["respondent", "respondent_id", "customer_id"],
      type: ["type", "survey_type"],
      score: ["score"],
    },
    required: ["date", "score", "type"],
    times: "local",
  },
];

export const SURVEY_PLATFORM_NAMES = SURVEY_PLATFORMS.map((p) => p.name);

/** A generic file whose questions --survey-map names as columns: wide, one row per respondent, needing only its date. */
export const GENERIC_WIDE: SurveyPlatform = {
  ...SURVEY_PLATFORMS[SURVEY_PLATFORMS.length - 1]!,
  shape: "wide",
  signatures: [],
  required: ["date"],
};

/**
 * The format of a survey file with this header: the one --survey-platform names, else the first
 * whose signature the header has, else null (the header is none we know).
 */
export function detectSurveyPlatform(header: readonly string[], forced?: string): Decided<SurveyPlatform> | null {
  if (forced !== undefined) {
    const named = SURVEY_PLATFORMS.find((p) => p.name === forced.toLowerCase());
    if (!named) throw new Error(`unknown survey platform ${JSON.stringify(forced)}`);
    return { value: named, reason: "--survey-platform", source: "option" };
  }
  for (const platform of SURVEY_PLATFORMS) {
    const signature = matchSignature(header, platform.signatures);
    if (signature !== null) return { value: platform, reason: `the header has ${signature.join(", ")}`, source: "content", line: 1 };
  }
  return null;
}

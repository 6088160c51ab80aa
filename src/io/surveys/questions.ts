/**
 * Which question of a survey is the NPS, the CSAT or the CES one, from its text in English, Czech,
 * Slovak and Hungarian, confirmed by its answers; and a score as written (`9`, `9 - Extremely
 * likely`, `5 (Velmi spokojen)`).
 */
import type { SurveyKind } from "../../core/survey.js";

/**
 * Word stems of each kind, matched in the question's text lower-cased with its accents and any
 * HTML tags taken off (`doporučil` → `doporucil`, `könnyű` → `konnyu`).
 */
const QUESTION_WORDS: Readonly<Record<SurveyKind, readonly string[]>> = {
  nps: ["recommend", "net promoter", "doporuc", "odporuc", "ajanl"],
  csat: ["satisf", "spokojen", "spokojn", "elegedett"],
  ces: ["easy", "effort", "snadn", "jednoduch", "konnyu", "konnyen"],
};

/** A question's text as the stems are matched in it. */
export function questionKey(text: string): string {
  return text
    .replace(/<[^>]*>/g, " ")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** The kinds whose stems a question's text holds (none, one, or — a question about two things — more). */
export function kindsOf(text: string): SurveyKind[] {
  const key = questionKey(text);
  return (Object.keys(QUESTION_WORDS) as SurveyKind[]).filter((kind) => QUESTION_WORDS[kind].some((stem) => key.includes(stem)));
}

/** A stem of `kind` in the question's text, for saying why it was taken. */
export function stemIn(text: string, kind: SurveyKind): string | undefined {
  const key = questionKey(text);
  return QUESTION_WORDS[kind].find((stem) => key.includes(stem));
}

// An integer, alone or leading a label: `9`, `9 - Extremely likely`, `5 (Velmi spokojen)`, `10 = Very likely`.
// Not `4.5`, `4,5`, `1/5` or `5x`: a decimal or a fraction is no score on these scales.
const SCORE = /^\s*([+-]?\d{1,3})(?:\s*$|\s*[-–—:=(]\s*|\s+(?=[^\d\s.,/]))/u;

/** The integer a score cell writes, or null when it writes none; "" is no answer (undefined). */
export function parseScore(text: string): number | null | undefined {
  if (text.trim() === "") return undefined;
  const m = SCORE.exec(text);
  return m ? Number(m[1]) : null;
}

/** How many of a column's first non-empty values are looked at to confirm it holds scores. */
export const CONFIRM_ROWS = 200;

/** Tallies a candidate column's values: a column is a score column when more than half of them are scores. */
export class ValueTally {
  values = 0;
  scores = 0;
  /** The first value that is no score, for saying why a column was not taken. */
  firstText: string | undefined;

  add(text: string): void {
    if (this.values >= CONFIRM_ROWS) return;
    const score = parseScore(text);
    if (score === undefined) return;
    this.values++;
    if (score !== null) this.scores++;
    else this.firstText ??= text.trim();
  }

  get confirmed(): boolean {
    return this.values > 0 && this.scores * 2 > this.values;
  }

  get full(): boolean {
    return this.values >= CONFIRM_ROWS;
  }
}

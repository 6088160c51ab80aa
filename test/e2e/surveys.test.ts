/**
 * --survey (issue 11): NPS, CSAT and CES from SurveyMonkey, Typeform, Google Forms, Fairing and
 * generic exports (fixtures/surveys/), against fixtures/surveys/expected.json — the figures of
 * scripts/crosscheck/engagement.py, an independent re-computation written from the definitions
 * (not from src/), itself checked by hand counts in fixtures/surveys/README.md.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, runCli } from "../helpers.js";

const DIR = resolve(FIXTURES, "surveys");
const EXPECTED = JSON.parse(readFileSync(resolve(DIR, "expected.json"), "utf8")) as Record<string, Record<string, Expected>>;

interface Figures {
  readonly [field: string]: number | string | null;
}
interface Expected {
  readonly window: { readonly from: string; readonly to: string };
  readonly nps?: Figures;
  readonly csat?: Figures;
  readonly ces?: Figures;
  readonly previous?: { readonly nps?: Figures; readonly csat?: Figures; readonly ces?: Figures };
  readonly significant?: boolean;
  readonly rows: { readonly read: number; readonly skipped: number; readonly partial: number; readonly duplicates: number };
}

const BASE = ["--tz", "Europe/Prague", "--as-of", "2026-06-30", "--format", "json"];

/** Each fixture with the options its crosscheck run used (scripts/crosscheck/engagement.py, FIXTURES). */
const CASES: readonly { readonly file: string; readonly args: readonly string[]; readonly suffix: string }[] = [
  { file: "surveymonkey.csv", args: [], suffix: "" },
  { file: "typeform.csv", args: [], suffix: "" },
  { file: "google-forms-cs-cp1250.csv", args: [], suffix: "" },
  { file: "google-forms-hu.csv", args: [], suffix: "" },
  { file: "google-forms-hu.csv", args: ["--survey-dedupe", "latest"], suffix: "-dedupe-latest" },
  { file: "fairing.csv", args: [], suffix: "" },
  { file: "generic-long.csv", args: [], suffix: "" },
  { file: "ces-effort.csv", args: ["--ces-direction", "effort"], suffix: "" },
];

async function report(file: string, args: readonly string[]) {
  const run = await runCli(["report", "--survey", `fixtures/surveys/${file}`, ...BASE, ...args]);
  expect(run.stderr).not.toMatch(/internal error/);
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout);
}

/** Our figures of one kind against the crosscheck's: counts exactly, the rest to 1e-9. */
function expectFigures(ours: Record<string, unknown> | undefined, theirs: Figures | undefined): void {
  if (theirs === undefined) {
    expect(ours).toBeUndefined();
    return;
  }
  expect(ours).toBeDefined();
  for (const [field, value] of Object.entries(theirs)) {
    if (typeof value === "number") expect(ours![field], field).toBeCloseTo(value, 9);
    else expect(ours![field], field).toBe(value);
  }
}

describe("survey figures agree with the independent crosscheck (fixtures/surveys/expected.json)", () => {
  for (const { file, args, suffix } of CASES) {
    it(`${file} ${args.join(" ")}: 365d`, async () => {
      const expected = EXPECTED[file]![`365d${suffix}`]!;
      const r = await report(file, args);
      expect(r.engagement.nps?.window.from ?? r.window.from).toBe(expected.window.from);
      expect(r.window.to).toBe(expected.window.to);
      for (const kind of ["nps", "csat", "ces"] as const) expectFigures(r.engagement[kind], expected[kind]);
      const input = r.dataQuality.inputs.find((i: { kind: string }) => i.kind === "survey");
      expect(input.rowsRead).toBe(expected.rows.read);
      expect(input.rowsSkipped).toBe(expected.rows.skipped + expected.rows.duplicates);
      expect(input.excluded?.partial ?? 0).toBe(expected.rows.partial);
      expect(r.dataQuality.skippedByCode.DUPLICATE_RESPONSE ?? 0).toBe(expected.rows.duplicates);
    });
    it(`${file} ${args.join(" ")}: 90d with the previous window`, async () => {
      const expected = EXPECTED[file]![`90d${suffix}`]!;
      const r = await report(file, [...args, "--window", "90d", "--compare", "previous"]);
      for (const kind of ["nps", "csat", "ces"] as const) {
        expectFigures(r.engagement[kind], expected[kind]);
        expectFigures(r.engagement[kind]?.previous, expected.previous?.[kind]);
      }
      if (expected.nps) {
        // The crosscheck says false where either window has no score; we say null (not evaluated).
        const significant = r.engagement.nps.significant;
        expect(significant ?? false).toBe(expected.significant);
      }
    });
  }
});

describe("a Slovak Google Forms file (fixtures/surveys/google-forms-sk.csv), worked by hand", () => {
  // scripts/crosscheck/engagement.py survey fixtures/surveys/google-forms-sk.csv --format google-forms
  //   --tz Europe/Prague --as-of 2026-06-30 --days 365 gives the same figures.
  // Časová pečiatka; odporučili → NPS, spokojný → CSAT, jednoduché → CES; dates `12. 5. 2026 10:15:32`.
  //   NPS 10, 9 | 7, 8 | 4, 0: 2 promoters, 2 passives, 2 detractors → 0; p = d = 1/3, SE = 100 √((2/3) / 6) = 33.33
  //   CSAT 5, 4, 3, 2, 5, 1: 4–5 three of six → 0.5; mean 20 / 6
  //   CES 7, 6, 4, 2, 5, 1: on 1–7 (7 seen), 5–7 three of six → 0.5; mean 25 / 6
  it("finds the three questions by their Slovak words and gives their figures", async () => {
    const r = await report("google-forms-sk.csv", []);
    expect(r.inputs[0].platform).toBe("google-forms");
    expect(r.engagement.nps).toMatchObject({ responses: 6, promoters: 2, passives: 2, detractors: 2, score: 0 });
    expect(r.engagement.nps.standardError).toBeCloseTo(100 / 3, 9);
    expect(r.engagement.csat).toMatchObject({ responses: 6, satisfied: 3, rate: 0.5, scale: 5 });
    expect(r.engagement.csat.meanScore).toBeCloseTo(20 / 6, 12);
    expect(r.engagement.ces).toMatchObject({ responses: 6, easyRate: 0.5, scale: 7, direction: "agree" });
    expect(r.engagement.ces.meanScore).toBeCloseTo(25 / 6, 12);
  });
});

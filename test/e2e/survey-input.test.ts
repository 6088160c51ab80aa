/**
 * --survey at the edges (issue 11, "Bad input"): which question is taken and when that is an
 * error, --survey-map, scales, --strict, --min-responses, --fail-if on survey figures, --every,
 * the CSV, inspect, and a report of orders and surveys together. Figures are worked by hand in
 * each test.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers.js";

const dir = mkdtempSync(join(tmpdir(), "shopmetrics-surveys-"));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const BASE = ["--tz", "Europe/Prague", "--as-of", "2026-06-30"];
const json = async (args: string[]) => {
  const run = await runCli(["report", ...args, ...BASE, "--format", "json"]);
  expect(run.stderr).not.toMatch(/internal error/);
  return { ...run, report: run.status === 0 || run.status === 4 ? JSON.parse(run.stdout) : null };
};

// A Google Forms file: NPS 10, 9, 7, 3 (P 2, D 1, N 4 → NPS 25) and a free-text follow-up whose words fit NPS too.
const FORMS = file(
  "forms.csv",
  [
    "Timestamp,How likely are you to recommend us?,Why would you recommend us?,Overall how satisfied are you?",
    "2026-05-01 10:00:00,10,Fast delivery,5",
    "2026-05-02 10:00:00,9,Nice shop,4",
    "2026-05-03 10:00:00,7,OK,2",
    "2026-05-04 10:00:00,3,Slow,1",
  ].join("\n"),
);

describe("which question is taken", () => {
  it("takes the score column and passes over the text follow-up whose words fit too", async () => {
    const { report } = await json(["--survey", FORMS]);
    expect(report.engagement.nps).toMatchObject({ responses: 4, promoters: 2, passives: 1, detractors: 1, score: 25 });
    // CSAT 5, 4 satisfied of 4: 0.5; mean (5 + 4 + 2 + 1) / 4 = 3.
    expect(report.engagement.csat).toMatchObject({ responses: 4, satisfied: 2, rate: 0.5, meanScore: 3, scale: 5 });
    expect(report.inputs[0].questions.nps.column).toBe("How likely are you to recommend us?");
    const inspect = await runCli(["inspect", FORMS, "--tz", "Europe/Prague"]);
    expect(inspect.status).toBe(0);
    expect(inspect.stdout).toContain(
      'passed over: "Why would you recommend us?": its words fit nps, but its answers are text ("Fast delivery"), not scores',
    );
  });

  it("refuses two NPS score columns, naming both and --survey-map; the map picks one", async () => {
    const two = file(
      "two.csv",
      ["Timestamp,Would you recommend us?,Would you recommend our app?", "2026-05-01 10:00:00,10,2", "2026-05-02 10:00:00,9,3"].join("\n"),
    );
    const run = await json(["--survey", two]);
    expect(run.status).toBe(3);
    expect(run.stderr).toBe(
      `shopmetrics: error: ${two}:1: two candidate NPS columns: "Would you recommend us?" (column 2) and "Would you recommend our app?" (column 3); name the one to read with --survey-map nps="…" (or its position: nps=@N)\n`,
    );
    const mapped = await json(["--survey", two, "--survey-map", 'nps="Would you recommend our app?"']);
    expect(mapped.status).toBe(0);
    expect(mapped.report.engagement.nps).toMatchObject({ responses: 2, detractors: 2, score: -100 });
    expect(mapped.report.inputs[0].questions.nps.reason).toBe("--survey-map nps=Would you recommend our app?");
  });

  it("says a file with no question it knows is an input error naming --survey-map", async () => {
    const none = file("none.csv", ["Timestamp,Your name,Rate us", "2026-05-01 10:00:00,Eva,9"].join("\n"));
    const run = await json(["--survey", none]);
    expect(run.status).toBe(3);
    expect(run.stderr).toMatch(
      /no NPS, CSAT or CES question found in the Google Forms export: name the question's column with --survey-map nps="column header"/,
    );
    const mapped = await json(["--survey", none, "--survey-map", "nps=Rate us"]);
    expect(mapped.report.engagement.nps).toMatchObject({ responses: 1, promoters: 1 });
  });

  it("says a --survey-map column that is not there, with the columns found", async () => {
    const run = await json(["--survey", FORMS, "--survey-map", "ces=Effort"]);
    expect(run.status).toBe(3);
    expect(run.stderr).toMatch(/--survey-map ces=Effort: no column named "Effort"\. Columns found: "Timestamp", "How likely/);
  });

  it("says an unrecognised header, with --survey-platform and --survey-map", async () => {
    const odd = file("odd.csv", "when,what\n2026-05-01,9\n");
    const run = await json(["--survey", odd]);
    expect(run.status).toBe(3);
    expect(run.stderr).toMatch(/unrecognised survey header: .* --survey-platform NAME forces a format, --survey-map FIELD=Column/);
    const mapped = await json(["--survey", odd, "--survey-map", "date=when", "--survey-map", "nps=what"]);
    expect(mapped.status).toBe(0);
    expect(mapped.report.engagement.nps).toMatchObject({ responses: 1, score: 100 });
  });
});

describe("bad answers", () => {
  const bad = file(
    "bad.csv",
    ["date,score,type", "2026-05-01,9,nps", "2026-05-02,11,nps", "2026-05-03,great,nps", "2026-05-04,4,csat", "2026-05-05,2,csat"].join(
      "\n",
    ),
  );

  it("skips a score outside its scale or no number, with its line, never clipped", async () => {
    const { report, stderr } = await json(["--survey", bad]);
    expect(report.engagement.nps).toMatchObject({ responses: 1, promoters: 1 });
    expect(report.dataQuality.skippedByCode).toEqual({ SCORE_OUT_OF_SCALE: 1, UNREADABLE_SCORE: 1 });
    expect(report.dataQuality.problems.map((p: { line: number }) => p.line)).toEqual([3, 4]);
    expect(stderr).toContain(`${bad}:3: the NPS answer 11 (score) lies outside its scale, 0–10; row skipped`);
    expect(stderr).toContain(
      `${bad}:4: the NPS answer "great" (score) is no score: expected a number, or a label starting with one; row skipped`,
    );
    expect(report.dataQuality.inputs[0]).toEqual({
      kind: "survey",
      file: bad,
      rowsRead: 5,
      rowsUsed: 3,
      rowsSkipped: 2,
      repeatedHeaders: 0,
    });
  });

  it("exits 3 at the first with --strict", async () => {
    const run = await json(["--survey", bad, "--strict"]);
    expect(run.status).toBe(3);
    expect(run.stderr).toBe(`shopmetrics: error: ${bad}:3: the NPS answer 11 (score) lies outside its scale, 0–10 (--strict)\n`);
  });

  it("holds a CSAT answer to --csat-scale: 4 is outside 1–3", async () => {
    const { report } = await json(["--survey", bad, "--csat-scale", "3"]);
    // 4 is skipped; 2 of 1–3 is not the top box.
    expect(report.engagement.csat).toMatchObject({ responses: 1, satisfied: 0, scale: 3 });
    expect(report.dataQuality.skippedByCode.SCORE_OUT_OF_SCALE).toBe(2);
  });

  it("asks for --date-format when no date settles the day/month order, and reads with it", async () => {
    const slashes = file("slashes.csv", ["date,score,type", "01/02/2026,9,nps", "03/04/2026,10,nps"].join("\n"));
    const run = await json(["--survey", slashes]);
    expect(run.status).toBe(3);
    expect(run.stderr).toMatch(
      /slashes\.csv:2: dates like "01\/02\/2026" can be read day-first or month-first.*--date-format dmy or --date-format mdy/,
    );
    const dmy = await json(["--survey", slashes, "--date-format", "dmy", "--window", "all"]);
    expect(dmy.report.engagement.nps.responses).toBe(2);
    expect(dmy.report.window.from.slice(0, 10)).toBe("2026-02-01");
  });

  it("waits for a later date to settle the order, and reads the earlier rows with it", async () => {
    const later = file("later.csv", ["date,score,type", "01/02/2026,9,nps", "13/04/2026,10,nps", "02/05/2026,0,nps"].join("\n"));
    const { report } = await json(["--survey", later, "--window", "all"]);
    expect(report.engagement.nps).toMatchObject({ responses: 3, promoters: 2, detractors: 1 });
    // Day first (13/04): 01/02 is 1 February, the window's first day.
    expect(report.window.from.slice(0, 10)).toBe("2026-02-01");
  });
});

describe("the report's other parts", () => {
  const typeform = "fixtures/surveys/typeform.csv";

  it("--fail-if on nps trips (exit 4) or is not evaluated under --min-responses", async () => {
    // typeform.csv's 365-day NPS is 30.77 (fixtures/surveys/expected.json).
    const tripped = await json(["--survey", typeform, "--fail-if", "nps<31"]);
    expect(tripped.status).toBe(4);
    expect(tripped.stderr).toMatch(
      /fail-if tripped: nps<31 \(nps is 30\.76923076923077 for the survey and review figures as of 2026-06-30\)/,
    );
    expect((await json(["--survey", typeform, "--fail-if", "nps<30"])).status).toBe(0);
    const few = await json(["--survey", typeform, "--fail-if", "nps<31", "--min-responses", "50"]);
    expect(few.status).toBe(0);
    expect(few.report.engagement.nps).toMatchObject({ responses: 13, score: null });
    expect(few.stderr).toMatch(/--fail-if nps<31 not evaluated for the survey and review figures as of 2026-06-30: nps is null/);
  });

  it("--every gives each point the figures of the single report at its as-of", async () => {
    const { report } = await json(["--survey", typeform, "--window", "90d", "--every", "month", "--periods", "3"]);
    expect(report.series.map((p: { asOf: string }) => p.asOf)).toEqual(["2026-04-30", "2026-05-31", "2026-06-30"]);
    for (const point of report.series) {
      const single = await runCli([
        "report",
        "--survey",
        typeform,
        "--tz",
        "Europe/Prague",
        "--window",
        "90d",
        "--as-of",
        point.asOf,
        "--format",
        "json",
      ]);
      const { engagement } = JSON.parse(single.stdout);
      expect(point.engagement.nps).toEqual({ ...engagement.nps, window: undefined, definition: undefined });
    }
  });

  it("writes the figures as CSV rows of no currency", async () => {
    const run = await runCli(["report", "--survey", typeform, ...BASE, "--format", "csv"]);
    expect(run.stdout).toContain("2026-06-30,2025-07-01T00:00:00+02:00,2026-07-01T00:00:00+02:00,,nps,score,30.76923076923077\n");
    expect(run.stdout).toContain(",,npsResponses,count,13\n");
    expect(run.stdout).toContain(",,cesEasyRate,rate,0.6923076923076923\n");
  });

  it("shows a Surveys block in the table, with --compare's change and whether it is significant", async () => {
    const run = await runCli(["report", "--survey", typeform, ...BASE, "--window", "90d", "--compare", "previous"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("\nSurveys\n");
    // 90d NPS 40 against 25 before (fixtures/surveys/expected.json): ▲ 15.0 pts, not significant.
    expect(run.stdout).toMatch(/Net Promoter Score\s+│\s+40\.0 \*\s+│\s+25\.0\s+│\s+▲ 15\.0 pts \(not significant\)/);
  });

  it("reads orders and surveys in one report: the as-of is the latest order's day", async () => {
    const run = await runCli([
      "report",
      "--orders",
      "fixtures/orders/shopify-small.csv",
      "--survey",
      typeform,
      "--tz",
      "Europe/Prague",
      "--format",
      "json",
    ]);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.inputs.map((i: { kind: string }) => i.kind)).toEqual(["orders", "survey"]);
    expect(report.groups.length).toBeGreaterThan(0);
    expect(report.asOf < "2026-01-01").toBe(true);
    expect(report.engagement.nps.window).toEqual(report.window);
    expect(report.dataQuality.rowsRead).toBe(report.dataQuality.inputs.reduce((n: number, i: { rowsRead: number }) => n + i.rowsRead, 0));
  });

  it("needs --orders or --survey", async () => {
    const run = await runCli(["report", "--customers", "fixtures/customers/registered.csv"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      "shopmetrics: error: name the orders export with --orders FILE (or - for stdin), or survey, review or ticket exports with --survey FILE, --reviews FILE, --tickets FILE\n",
    );
  });
});

describe("review regressions (issue 11's review)", () => {
  it("reads a SurveyMonkey file whose last question spans columns left empty in row 1", async () => {
    const path = file(
      "sm-last.csv",
      [
        "Respondent ID,Collector ID,Start Date,End Date,How likely to recommend?,Which channels did you use?,,",
        ",,,,Response,Email,Phone,Chat",
        "1,2,06/14/2026 09:41:07 AM,06/14/2026 09:44:52 AM,9,Email,,Chat",
        "3,2,06/15/2026 09:41:07 AM,06/15/2026 09:44:52 AM,4,,Phone,",
      ].join("\n"),
    );
    const { report, status } = await json(["--survey", path]);
    expect(status).toBe(0);
    expect(report.engagement.nps).toMatchObject({ responses: 2, promoters: 1, detractors: 1, score: 0 });
  });

  it("reads a SurveyMonkey file without its second header row: the second row is a response", async () => {
    const path = file(
      "sm-one.csv",
      [
        "Respondent ID,Collector ID,Start Date,End Date,How likely to recommend?",
        "1,2,06/14/2026 09:41,06/14/2026 09:44,9",
        "2,2,06/15/2026 09:41,06/15/2026 09:44,10",
      ].join("\n"),
    );
    const { report } = await json(["--survey", path]);
    expect(report.engagement.nps).toMatchObject({ responses: 2, promoters: 2 });
  });

  it("waits for a question answered only after the first 200 rows", async () => {
    const rows = ["Timestamp,Overall how satisfied are you?,How likely are you to recommend us?"];
    for (let i = 0; i < 250; i++) rows.push(`2026-05-01 10:00:00,4,`);
    for (let i = 0; i < 50; i++) rows.push(`2026-05-02 10:00:00,5,10`);
    const { report } = await json(["--survey", file("late.csv", rows.join("\n"))]);
    expect(report.engagement.csat).toMatchObject({ responses: 300, satisfied: 300 });
    expect(report.engagement.nps).toMatchObject({ responses: 50, promoters: 50, score: 100 });
  });

  it("takes a long file's question first asked after the first 200 rows", async () => {
    const rows = ["id,question,response,inserted_at"];
    for (let i = 0; i < 210; i++) rows.push(`a${i},How did you hear about us?,Instagram,2026-05-01T10:00:00Z`);
    rows.push("b1,How likely are you to recommend us to a friend?,9,2026-05-02T10:00:00Z");
    rows.push("b2,How likely are you to recommend us to a friend?,3,2026-05-02T11:00:00Z");
    const { report } = await json(["--survey", file("fair-late.csv", rows.join("\n"))]);
    expect(report.engagement.nps).toMatchObject({ responses: 2, promoters: 1, detractors: 1 });
    expect(report.dataQuality.inputs[0].excluded).toEqual({ otherQuestions: 210 });
  });

  it("counts a long file's answers to two questions under one response id", async () => {
    const path = file(
      "long-id.csv",
      ["date,score,type,response_id", "2026-06-01,9,nps,r1", "2026-06-01,5,csat,r1", "2026-06-02,9,nps,r1"].join("\n"),
    );
    const { report } = await json(["--survey", path, "--window", "all"]);
    expect(report.engagement.nps.responses).toBe(1);
    expect(report.engagement.csat.responses).toBe(1);
    expect(report.dataQuality.skippedByCode).toEqual({ DUPLICATE_RESPONSE: 1 });
  });

  it("names a column by its position when two headers are alike (--survey-map nps=@3)", async () => {
    const path = file(
      "alike.csv",
      ["Timestamp,Would you recommend us?,Would you recommend us?", "2026-05-01 10:00:00,10,2", "2026-05-02 10:00:00,9,3"].join("\n"),
    );
    const { report } = await json(["--survey", path, "--survey-map", "nps=@3"]);
    expect(report.engagement.nps).toMatchObject({ responses: 2, detractors: 2 });
  });

  it("takes a numeric csat-scale from the config file", async () => {
    const config = file("scale.json", JSON.stringify({ "csat-scale": 7 }));
    const { report } = await json(["--survey", FORMS, "--config", config]);
    expect(report.engagement.csat).toMatchObject({ scale: 7, satisfied: 0 });
  });
});

describe("an empty export", () => {
  it("is a report of no responses, with a warning (as an orders file with a header only is)", async () => {
    const path = file("empty.csv", "Timestamp,How likely are you to recommend us?\n");
    const { report, status } = await json(["--survey", path]);
    expect(status).toBe(0);
    expect(report.engagement.nps).toMatchObject({ responses: 0, score: null });
    expect(report.warnings).toContain(`${path}: no survey responses could be read (the file has no rows after its header)`);
  });
});

/** The question words in English, Czech, Slovak and Hungarian, and score cells as surveys write them. */
import { describe, expect, it } from "vitest";
import { kindsOf, parseScore } from "../../../src/io/surveys/questions.js";

describe("kindsOf", () => {
  it.each([
    ["How likely is it that you would recommend us to a friend or colleague?", ["nps"]],
    ["Jak pravděpodobné je, že byste nás doporučil(a) známým?", ["nps"]],
    ["Aká je pravdepodobnosť, že by ste nás odporučili priateľovi?", ["nps"]],
    ["Mennyire valószínű, hogy ajánlaná üzletünket egy ismerősének?", ["nps"]],
    ["<strong>Jak pravděpodobné je</strong>, že byste nás doporučili?", ["nps"]],
    ["Overall, how satisfied are you with your purchase?", ["csat"]],
    ["Jak jste spokojen(a) s nákupem?", ["csat"]],
    ["Ste spokojný s doručením?", ["csat"]],
    ["Mennyire elégedett a vásárlással?", ["csat"]],
    ["Acme made it easy to handle my issue.", ["ces"]],
    ["How much effort did you personally have to put forth?", ["ces"]],
    ["Bylo pro vás snadné vyřídit objednávku?", ["ces"]],
    ["Bolo jednoduché nájsť tovar?", ["ces"]],
    ["Mennyire volt könnyű a rendelés?", ["ces"]],
    ["What could we do better?", []],
    ["How satisfied were you with how easy it was?", ["csat", "ces"]],
  ])("%s → %j", (text, kinds) => {
    expect(kindsOf(text)).toEqual(kinds);
  });
});

describe("parseScore", () => {
  it.each([
    ["9", 9],
    [" 10 ", 10],
    ["0", 0],
    ["9 - Extremely likely", 9],
    ["5 (Velmi spokojen)", 5],
    ["10 = Very likely", 10],
    ["3 – Neutral", 3],
    ["4: Satisfied", 4],
    ["7 Strongly agree", 7],
    ["-1", -1],
  ])("reads %j as %d", (text, score) => {
    expect(parseScore(text)).toBe(score);
  });

  it.each(["4.5", "4,5", "1/5", "5x", "Very satisfied", "abc", "n/a"])("reads %j as no score", (text) => {
    expect(parseScore(text)).toBeNull();
  });

  it("reads an empty cell as no answer", () => {
    expect(parseScore("")).toBeUndefined();
    expect(parseScore("   ")).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";
import { TextMemo } from "../../src/core/text-memo.js";

describe("TextMemo", () => {
  it("answers each text as its function does, working each out once", () => {
    const asked: string[] = [];
    const memo = new TextMemo((text) => {
      asked.push(text);
      return text.trim().toUpperCase();
    });
    // Texts as a file's rows repeat them: alternating, with a third now and then; each a string of its own.
    const texts = ["eur", "czk", "eur", "eur", " huf", "czk", "eur", " huf", "czk"].map((t) => ` ${t}`.slice(1));
    expect(texts.map((t) => memo.get(t))).toEqual(["EUR", "CZK", "EUR", "EUR", "HUF", "CZK", "EUR", "HUF", "CZK"]);
    expect(asked).toEqual(["eur", "czk", " huf"]);
  });

  it("keeps falsy answers (null, false, 0, the empty text) as answers, not as misses", () => {
    let calls = 0;
    const memo = new TextMemo((text): string | null | number | boolean => {
      calls++;
      const answers: Record<string, string | null | number | boolean> = { a: null, b: false, c: 0, d: "" };
      return Object.hasOwn(answers, text) ? answers[text]! : "?";
    });
    for (let round = 0; round < 3; round++) for (const t of ["a", "b", "c", "d"]) memo.get(t);
    expect([memo.get("a"), memo.get("b"), memo.get("c"), memo.get("d")]).toEqual([null, false, 0, ""]);
    expect(calls).toBe(4);
  });

  it("forgets all it remembered once it holds `limit` texts, and answers the same after", () => {
    let calls = 0;
    const memo = new TextMemo((text) => {
      calls++;
      return text.length;
    }, 3);
    for (const t of ["a", "bb", "ccc"]) memo.get(t);
    expect(calls).toBe(3);
    memo.get("dddd"); // the fourth: the Map is emptied before it is kept
    expect(calls).toBe(4);
    // "ccc" and "dddd" are still the last two asked; "a" is worked out again.
    expect([memo.get("ccc"), memo.get("dddd"), memo.get("a")]).toEqual([3, 4, 1]);
    expect(calls).toBe(5);
  });

  it("without a limit, never works a text out twice (a number given to each text stays its own)", () => {
    const given: string[] = [];
    const memo = new TextMemo((text) => given.push(text) - 1, Number.POSITIVE_INFINITY);
    for (let i = 0; i < 5000; i++) expect(memo.get(`source ${i % 2000}`)).toBe(i % 2000);
    expect(given).toHaveLength(2000);
  });
});

import { describe, expect, it } from "vitest";
import { currencyMark, currencyOfMark, decimalEvidence, parseAmount } from "../../../src/io/parse/amount.js";

describe("decimalEvidence", () => {
  it.each([
    ["1234.50", "."],
    ["1234,50", ","],
    ["1 234,50", ","],
    ["1\u00a0234,50", ","], // no-break space
    ["1.234,50", ","],
    ["1,234.50", "."],
    ["1,234,567", "."], // two commas: thousands
    ["1.234.567", ","],
    ["$219.40", "."],
    ["99,90 Kč", ","],
    ["0,500", ","], // thousands never start with 0
    ["1234,567", ","], // four digits before: not a thousands group
    ["1,234", "ambiguous"],
    ["1.234", "ambiguous"],
    ["-1,234", "ambiguous"],
    ["1234", "none"],
    ["1 234", "none"],
    ["", "none"],
  ])("%j → %j", (text, evidence) => {
    expect(decimalEvidence(text)).toBe(evidence);
  });
});

describe("parseAmount", () => {
  it.each([
    ["1234.50", ".", 123_450],
    ["1234,50", ",", 123_450],
    ["1 234,50", ",", 123_450],
    ["1\u00a0234,50", ",", 123_450],
    ["1.234,50", ",", 123_450],
    ["1,234.50", ".", 123_450],
    ["1,234", ".", 123_400],
    ["1,234", ",", 123],
    ["1.234", ",", 123_400],
    ["$219.40", ".", 21_940],
    ["-$5.00", ".", -500],
    ["99,90 Kč", ",", 9990],
    ["EUR 12", ".", 1200],
    ["22.200000000000003", ".", 2220],
    ["1'234.50", ".", 123_450], // Swiss grouping
  ])("parseAmount(%j, %j) = %i", (text, mark, minor) => {
    expect(parseAmount(text, mark as "." | ",", 2)).toBe(minor);
  });

  it.each([
    ["1,234.50", ","], // a comma column can't hold a dot after a comma
    ["12,34,5", "."], // a malformed grouping
    ["abc", "."],
    ["", ","],
    ["1.2.3", "."],
  ])("parseAmount(%j, %j) is null", (text, mark) => {
    expect(parseAmount(text, mark as "." | ",", 2)).toBeNull();
  });
});

describe("what is not an amount", () => {
  it.each(["12 EUR 50", "n/a", "abc", "1x2", "EUR", "--5"])("%j reads as nothing", (text) => {
    expect(parseAmount(text, ".", 2)).toBeNull();
    expect(decimalEvidence(text)).toBe("none");
  });

  it.each([
    ["€ 12,50", ",", 1250],
    ["12,50 €", ",", 1250],
    ["-12.50 EUR", ".", -1250],
    ["$-5", ".", -500],
    ["+3", ".", 300],
    [".5", ".", 50],
    ["2 505,55", ",", 250_555],
    ["1\u202f234,5", ",", 123_450], // narrow no-break space (French grouping)
  ])("%j with %j is %i", (text, mark, minor) => {
    expect(parseAmount(text, mark as "." | ",", 2)).toBe(minor);
  });
});

describe("accounting negatives and grouping", () => {
  it.each([
    ["(12.50)", ".", -1250],
    ["12,50-", ",", -1250],
    ["(1 234,50 Kč)", ",", -123_450],
  ])("%j with %j is %i", (text, mark, minor) => {
    expect(parseAmount(text, mark as "." | ",", 2)).toBe(minor);
  });

  it.each(["12 50", "1 23,50", "(-5)", "1234 567"])("%j is not a number", (text) => {
    expect(parseAmount(text, ",", 2)).toBeNull();
  });
});

describe("currency marks", () => {
  it.each([
    ["$219.40", "$", null],
    ["€100.00", "€", "EUR"],
    ["£800.00", "£", "GBP"],
    ["99,90 Kč", "Kč", "CZK"],
    ["EUR 12", "EUR", "EUR"],
    ["12.50 usd", "usd", "USD"],
    ["(12.50 €)", "€", "EUR"],
    ["1234.50", null, null],
  ])("%j is marked %j (%s)", (text, mark, code) => {
    expect(currencyMark(text)).toBe(mark);
    expect(mark === null ? null : currencyOfMark(mark)).toBe(code);
  });
});

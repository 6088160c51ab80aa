import { describe, expect, it } from "vitest";
import { minorDigits, parseMinor, roundMinor, toMajor } from "../../src/core/money.js";

describe("money", () => {
  it.each([
    ["1659.95", 2, 165_995],
    ["0.00", 2, 0],
    ["10", 2, 1000],
    ["-3.5", 2, -350],
    ["+7.25", 2, 725],
    [".5", 2, 50],
    ["22.200000000000003", 2, 2220], // float noise from derived data
    ["19.994999", 2, 1999],
    ["19.995", 2, 2000], // half away from zero
    ["-19.995", 2, -2000],
    ["1234", 0, 1234],
    ["1234.5", 0, 1235],
    ["1.2345", 3, 1235],
  ])("parseMinor(%j, %i) = %i", (text, digits, expected) => {
    expect(parseMinor(text, digits)).toBe(expected);
  });

  it.each(["", "abc", "1,234.50", "1.2.3", "12 EUR", "-", "1e3"])("parseMinor(%j) is null", (text) => {
    expect(parseMinor(text, 2)).toBeNull();
  });

  it("sums exactly where floats drift", () => {
    // 0.1 + 0.2 in floats is 0.30000000000000004; in cents it is 30.
    expect((parseMinor("0.1", 2) ?? 0) + (parseMinor("0.2", 2) ?? 0)).toBe(30);
    expect(toMajor(30, 2)).toBe(0.3);
  });

  it("knows ISO 4217 minor units", () => {
    expect(minorDigits("EUR")).toBe(2);
    expect(minorDigits("CZK")).toBe(2);
    expect(minorDigits("JPY")).toBe(0);
    expect(minorDigits("KWD")).toBe(3);
    expect(minorDigits(null)).toBe(2);
  });

  it("rounds averages half away from zero", () => {
    expect(roundMinor(2.5)).toBe(3);
    expect(roundMinor(-2.5)).toBe(-3);
    expect(roundMinor(2.4999)).toBe(2);
  });
});

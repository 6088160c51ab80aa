import { describe, expect, it } from "vitest";
import { amountOf, currencyMark, currencyOfMark, decimalEvidence, parseAmount } from "../../../src/io/parse/amount.js";

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

describe("minus signs other than the hyphen-minus", () => {
  // U+2212 MINUS SIGN, U+FE63 SMALL HYPHEN-MINUS, U+FF0D FULLWIDTH HYPHEN-MINUS and U+2013 EN DASH
  // (Word's and Excel's autocorrect, Czech typesetting) are minus signs, never currency marks.
  it.each([
    ["\u221212.50", ".", -1250],
    ["\ufe6312.50", ".", -1250],
    ["\uff0d12.50", ".", -1250],
    ["\u201312,50 Kč", ",", -1250],
    ["12,50\u2212", ",", -1250], // the accounting minus after the number
    ["\u2212$5.00", ".", -500],
    ["$\u22125", ".", -500],
    ["\u22121 234,50 €", ",", -123_450],
  ])("%j with %j is %i", (text, mark, minor) => {
    expect(parseAmount(text, mark as "." | ",", 2)).toBe(minor);
  });

  it.each(["\u221212.50", "\u201312,50"])("%j has no currency mark", (text) => {
    expect(currencyMark(text)).toBeNull();
  });

  // U+2012 FIGURE DASH (phone numbers), U+2014 EM DASH, U+2010 HYPHEN: no sign, so no amount,
  // never the positive 12.50 that taking the dash for a currency gave.
  it.each(["\u201212.50", "\u201412.50", "\u201012.50", "\u2212\u221212.50", "\u2212(12.50)"])("%j is not a number", (text) => {
    expect(parseAmount(text, ".", 2)).toBeNull();
  });
});

describe("letters that are no currency", () => {
  // Shorthands (2k, 3M), a letter O for a zero (1OO), a stray letter: the number they leave is not
  // the value meant, so the value is unreadable, and says nothing of its column's decimal mark.
  it.each(["2k", "3M", "1OO", "12.5x", "12,5k", "12%", "~12", "12 abc", "xyz 12", "12¢", "¢12", "5₥"])("%j reads as nothing", (text) => {
    expect(parseAmount(text, ".", 2)).toBeNull();
    expect(parseAmount(text, ",", 2)).toBeNull();
    expect(decimalEvidence(text)).toBe("none");
    expect(currencyMark(text)).toBeNull();
  });

  it.each([
    ["99,90 Kč", ",", 9990, "Kč", "CZK"],
    ["99,90 KČ", ",", 9990, "KČ", "CZK"],
    ["$219.40", ".", 21_940, "$", null],
    ["1 234,50 EUR", ",", 123_450, "EUR", "EUR"],
    ["219.40 USD", ".", 21_940, "USD", "USD"],
    ["1 500 Ft", ",", 150_000, "Ft", "HUF"],
    ["12,50 zł", ",", 1250, "zł", "PLN"],
    ["12,50 lei", ",", 1250, "lei", "RON"], // three letters, but no ISO code: lei are RON
    ["12,50 лв", ",", 1250, "лв", "BGN"],
    ["€12", ".", 1200, "€", "EUR"],
    ["¥1200", ".", 120_000, "¥", null], // yen or yuan
    ["₹1,250.00", ".", 125_000, "₹", "INR"],
    ["US$ 5", ".", 500, "US$", "USD"],
    ["R$ 10,00", ",", 1000, "R$", "BRL"],
    ["CA$10.00", ".", 1000, "CA$", null],
    ["12,50 kr.", ",", 1250, "kr", null],
    ["CHF 12.50", ".", 1250, "CHF", "CHF"],
    ["12.50 chf", ".", 1250, "chf", "CHF"],
    ["100 HRK", ".", 10_000, "HRK", "HRK"], // a withdrawn currency still names itself
  ])("%j with %j is %i, marked %j (%s)", (text, mark, minor, written, code) => {
    expect(parseAmount(text, mark as "." | ",", 2)).toBe(minor);
    expect(currencyMark(text)).toBe(written);
    expect(currencyOfMark(written)).toBe(code);
  });

  it("names no currency for three letters that are no ISO code", () => {
    expect(currencyOfMark("abc")).toBeNull();
    expect(currencyOfMark("pcs")).toBeNull();
  });
});

describe("parentheses with a currency and double negatives", () => {
  it.each([
    ["$(12.50)", ".", -1250], // Excel's currency format for a negative, the symbol outside
    ["(12,50) €", ",", -1250],
    ["($12.50)", ".", -1250],
    ["EUR (1 234,50)", ",", -123_450],
  ])("%j with %j is %i", (text, mark, minor) => {
    expect(parseAmount(text, mark as "." | ",", 2)).toBe(minor);
  });

  it.each(["-(12.50)", "(-12.50)", "(12.50)-", "(+12.50)", "-$(12.50)", "$-(12.50)", "(12.50", "12.50)", "((12.50))"])(
    "%j is refused",
    (text) => {
      expect(parseAmount(text, ".", 2)).toBeNull();
    },
  );
});

describe("a value unreadable with the mark it seems to show is no evidence", () => {
  it.each(["1,2,3.4.5", "12,34,5", "1.234,5.6", "1,23,456"])("%j says nothing", (text) => {
    // Each is unreadable with either mark, so it must not decide its column.
    expect(parseAmount(text, ".", 2)).toBeNull();
    expect(parseAmount(text, ",", 2)).toBeNull();
    expect(decimalEvidence(text)).toBe("none");
  });
});

describe("exactness: minor units up to 2^53 − 1", () => {
  // Number.MAX_SAFE_INTEGER = 2^53 − 1 = 9,007,199,254,740,991.
  it.each([
    ["90071992547409.91", ".", 2, 9_007_199_254_740_991], // exactly 2^53 − 1 cents
    ["-90071992547409.91", ".", 2, -9_007_199_254_740_991],
    ["9007199254740991", ".", 0, 9_007_199_254_740_991], // yen
    ["90 071 992 547 409,91 Kč", ",", 2, 9_007_199_254_740_991],
  ])("%j (%j, %i digits) is %i", (text, mark, digits, minor) => {
    expect(amountOf(text, mark as "." | ",", digits)).toBe(minor);
  });

  it.each([
    ["99999999999999999999", ".", 2], // 10^22 cents
    ["90071992547409.92", ".", 2], // 2^53 cents
    ["90071992547409.915", ".", 2], // rounds up to 2^53 cents
    ["-90071992547409.92", ".", 2],
    ["9007199254740992", ".", 0],
    ["$99,999,999,999,999,999.00", ".", 2],
  ])("%j (%j, %i digits) is too large", (text, mark, digits) => {
    expect(amountOf(text, mark as "." | ",", digits)).toBe("too-large");
    expect(parseAmount(text, mark as "." | ",", digits)).toBeNull();
  });

  it.each(["abc", "2k", "1.2.3", "-(5)"])("%j is unreadable, not too large", (text) => {
    expect(amountOf(text, ".", 2)).toBe("unreadable");
  });
});

describe("decimals beyond the currency's digits", () => {
  // docs/rules.md: rounded half away from zero on the first dropped digit.
  it.each([
    ["12,345", ",", 2, 1235], // 1234.5 cents → 1235
    ["12,344", ",", 2, 1234],
    ["-0,125", ",", 2, -13], // −12.5 cents → −13
    ["0.004", ".", 2, 0],
    ["1234,5", ",", 0, 1235], // JPY: no decimals
    ["1.2345", ".", 3, 1235], // KWD: three
    ["1,234.5678", ".", 2, 123_457],
  ])("%j (%j, %i digits) is %i", (text, mark, digits, minor) => {
    expect(parseAmount(text, mark as "." | ",", digits)).toBe(minor);
  });
});

describe("amountOf on plain numbers (the short path that builds no strings)", () => {
  // An independent reading with BigInt: whole and fraction digits as written, rounded half away
  // from zero on the first dropped digit.
  function reference(sign: string, whole: string, fraction: string | null, digits: number): number | "too-large" {
    const kept = (fraction ?? "").slice(0, digits).padEnd(digits, "0");
    let minor = BigInt((whole || "0") + kept);
    if ((fraction ?? "").length > digits && Number(fraction![digits]) >= 5) minor += 1n;
    if (minor > BigInt(Number.MAX_SAFE_INTEGER)) return "too-large";
    return sign === "-" && minor !== 0n ? -Number(minor) : Number(minor);
  }
  let seed = 12345;
  const next = (n: number) => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed % n;
  };
  const digitsOf = (n: number) => Array.from({ length: n }, () => String(next(10))).join("");

  it("agrees with a BigInt reading on 20,000 seeded values, both marks, 0 to 7 decimals", () => {
    for (let k = 0; k < 20_000; k++) {
      const sign = ["", "", "-", "+"][next(4)]!;
      const whole = digitsOf(next(18));
      const fraction = next(3) === 0 ? null : digitsOf(1 + next(9));
      if (whole === "" && fraction === null) continue;
      const mark = next(2) === 0 ? "." : ",";
      const digits = next(8);
      const text = `${sign}${whole}${fraction === null ? "" : mark + fraction}`;
      expect(amountOf(text, mark, digits), `${text} with ${digits} decimals`).toBe(reference(sign, whole, fraction, digits));
    }
  });

  it("leaves signs, marks and spacing it does not read to the general path", () => {
    expect(amountOf("-0.00", ".", 2)).toBe(0);
    expect(Object.is(amountOf("-0.004", ".", 2), 0)).toBe(true);
    expect(amountOf("1.5", ",", 2)).toBe("unreadable");
    expect(amountOf(" 12.50 ", ".", 2)).toBe(1250);
    expect(amountOf("1,234.50", ".", 2)).toBe(123450);
    expect(amountOf("5.", ".", 2)).toBe(amountOf("5.0", ".", 2));
    expect(amountOf(".5", ".", 2)).toBe(50);
    expect(amountOf("-", ".", 2)).toBe("unreadable");
    expect(amountOf("", ".", 2)).toBe("unreadable");
    expect(amountOf("1O0", ".", 2)).toBe("unreadable");
  });
});

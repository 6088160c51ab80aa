import { describe, expect, it } from "vitest";
import { firstChars, printable, printableLine, quoted } from "../../src/core/printable.js";

describe("printable", () => {
  it("escapes what a terminal acts on, and the separators and bidi controls that make a line read otherwise", () => {
    expect(printable("a\u001b[31mb\u0007\r\n\t\u007f\u009b")).toBe("a\\x1b[31mb\\x07\\r\\n\\t\\x7f\\x9b");
    // U+202E RIGHT-TO-LEFT OVERRIDE would show "exe.txt" as "txt.exe"; U+2028 breaks a line in some terminals.
    expect(printable("\u202etxt.exe\u2028\u2066x\u2069")).toBe("\\u202etxt.exe\\u2028\\u2066x\\u2069");
    expect(printable("Kč 1 234,50 € — žluťoučký")).toBe("Kč 1 234,50 € — žluťoučký");
  });

  it("cuts by code point without copying a huge text", () => {
    const huge = "é".repeat(20_000_000); // 20 M code units
    expect(firstChars(huge, 3)).toBe("ééé");
    expect(printableLine(huge)).toHaveLength(2001); // 2,000 characters and …
    expect(quoted("😀".repeat(100))).toBe(JSON.stringify(`${"😀".repeat(60)}…`)); // a pair is never split
    expect(firstChars("ab", 5)).toBe("ab");
  });
});

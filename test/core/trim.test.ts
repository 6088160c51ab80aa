import { describe, expect, it } from "vitest";
import { trim } from "../../src/core/trim.js";
import { mulberry32 } from "../random.js";

describe("trim", () => {
  it("is String.prototype.trim on texts that start or end with every kind of space, and on plain ones", () => {
    // Every character trim() drops (ECMAScript WhiteSpace and LineTerminator), and neighbours that it keeps.
    const spaces = [
      ..."\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff",
    ];
    const kept = [..."a!~\u007f\u0085\u00a1\u200b\u180e", "0", "é"];
    const random = mulberry32(0x7121);
    const pick = (of: readonly string[]) => of[Math.floor(random() * of.length)]!;
    let trimmed = 0;
    for (let n = 0; n < 20_000; n++) {
      const ends = () => Array.from({ length: Math.floor(random() * 3) }, () => pick(random() < 0.5 ? spaces : kept)).join("");
      const text = ends() + (random() < 0.2 ? "" : `x${pick(kept)}y`) + ends();
      expect(trim(text), JSON.stringify(text)).toBe(text.trim());
      if (text.trim() !== text) trimmed++;
    }
    expect(trimmed).toBeGreaterThan(5_000);
    for (const text of ["", " ", "#1001", "2025-05-11 09:55:16 +0200", " 12.50", "12.50\u00a0", "\ufeffName"])
      expect(trim(text)).toBe(text.trim());
  });
});

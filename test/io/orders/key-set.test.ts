import { describe, expect, it } from "vitest";
import { KeySet } from "../../../src/io/orders/key-set.js";

describe("KeySet", () => {
  it("adds each distinct key once and refuses it the second time", () => {
    const keys = new KeySet();
    expect(keys.add("#1001")).toBe(true);
    expect(keys.add("#1002")).toBe(true);
    expect(keys.add("#1001")).toBe(false);
    expect(keys.add("")).toBe(true);
    expect(keys.add("")).toBe(false);
    expect(keys.size).toBe(3);
  });

  it("keeps 300,000 look-alike keys apart through many resizes", () => {
    const keys = new KeySet();
    for (let i = 0; i < 300_000; i++) expect(keys.add(`#${i}`)).toBe(true);
    for (let i = 0; i < 300_000; i += 997) expect(keys.add(`#${i}`)).toBe(false);
    expect(keys.add("#300000")).toBe(true);
    expect(keys.size).toBe(300_001);
  });
});

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
    let added = 0;
    for (let i = 0; i < 300_000; i++) if (keys.add(`#${i}`)) added++;
    expect(added).toBe(300_000); // every one new
    let again = 0;
    for (let i = 0; i < 300_000; i += 997) if (keys.add(`#${i}`)) again++;
    expect(again).toBe(0); // every one known
    expect(keys.add("#300000")).toBe(true);
    expect(keys.size).toBe(300_001);
  });
});

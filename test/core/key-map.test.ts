import { describe, expect, it } from "vitest";
import { KeyMap } from "../../src/core/key-map.js";

describe("KeyMap", () => {
  it("adds each distinct key once, keeps its two values, and refuses it the second time", () => {
    const keys = new KeyMap();
    expect(keys.hash("#1001").insert(7, 8)).toBe(true);
    expect(keys.hash("#1002").insert(9, 10)).toBe(true);
    expect(keys.hash("#1001").insert(1, 1)).toBe(false);
    expect(keys.hash("").insert(0, 0)).toBe(true);
    expect(keys.hash("").insert(0, 0)).toBe(false);
    expect(keys.size).toBe(3);
    const slot = keys.hash("#1001").find();
    expect([keys.get(slot, 0), keys.get(slot, 1)]).toEqual([7, 8]); // the second insert changed nothing
    keys.set(slot, 1, 42);
    expect(keys.get(keys.hash("#1001").find(), 1)).toBe(42);
    expect(keys.hash("#1003").find()).toBe(-1);
  });

  it("keeps 300,000 look-alike keys and their values apart through many resizes", () => {
    const keys = new KeyMap();
    let added = 0;
    for (let i = 0; i < 300_000; i++) if (keys.hash(`#${i}`).insert(i, 2 * i)) added++;
    expect(added).toBe(300_000);
    let wrong = 0;
    for (let i = 0; i < 300_000; i += 997) {
      const slot = keys.hash(`#${i}`).find();
      if (keys.get(slot, 0) !== i || keys.get(slot, 1) !== 2 * i) wrong++;
    }
    expect(wrong).toBe(0);
    expect(keys.hash("#300000").find()).toBe(-1);
  });

  it("hashes rows cell by cell: the same cells split differently are different rows; trailing empty cells don't count", () => {
    const rows = new KeyMap();
    expect(rows.hashCells(["ab", "c"]).insert(2, 0)).toBe(true);
    expect(rows.hashCells(["a", "bc"]).insert(3, 0)).toBe(true);
    expect(rows.hashCells(["abc"]).insert(4, 0)).toBe(true);
    expect(rows.hashCells(["ab", "c", "", ""]).insert(5, 0)).toBe(false); // line 2 with trailing separators
    expect(rows.get(rows.hashCells(["ab", "c", ""]).find(), 0)).toBe(2);
  });
});

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

  it("keeps a third value a key where asked, through the table's growth, and takes a hash worked out elsewhere", () => {
    const keys = new KeyMap(3);
    for (let i = 0; i < 100_000; i++) expect(keys.hash(`k${i}`).insert(i, 3 * i, 7 * i)).toBe(true);
    let wrong = 0;
    for (let i = 0; i < 100_000; i += 101) {
      const slot = keys.hash(`k${i}`).find();
      if (slot < 0 || keys.get(slot, 0) !== i || keys.get(slot, 1) !== 3 * i || keys.get(slot, 2) !== 7 * i) wrong++;
    }
    expect(wrong).toBe(0);
    const slot = keys.hash("k5").find();
    keys.set(slot, 2, 11);
    expect(keys.get(slot, 0)).toBe(5);
    expect(keys.get(slot, 2)).toBe(11);
    // A hash computed by one map finds the key in another (how a row hashed in the reading thread is looked up).
    const other = new KeyMap();
    other.hash("k42");
    expect(keys.withHash(other.hash1, other.hash2).find()).toBe(keys.hash("k42").find());
    expect(keys.withHash(other.hash1 | 0, other.hash2 | 0).find()).toBe(keys.hash("k42").find()); // as an Int32Array carries it
  });

  it("numbered: places keys read in order in neighbouring slots, and keeps keys of one number apart", () => {
    const keys = new KeyMap(3, { numbered: true });
    // Keys in order take every other slot, one after the other: no look-up lands at random.
    // (Within the first table's 1,024 slots: a number's place wraps around the table's size.)
    for (let i = 101; i <= 300; i++) expect(keys.hash(`#${i}`).insert(i, 0, 0)).toBe(true);
    const first = keys.hash("#101").find();
    for (let i = 102; i <= 300; i++) expect(keys.hash(`#${i}`).find()).toBe(first + 2 * (i - 101));
    // One number written several ways is several keys, each with its own values.
    const spellings = ["101", "#0101", "A101", "ORD-101", "#101 "];
    for (const [v, key] of spellings.entries()) expect(keys.hash(key).insert(10 + v, 0, 0)).toBe(true);
    for (const [v, key] of spellings.entries()) expect(keys.get(keys.hash(key).find(), 0)).toBe(10 + v);
    expect(keys.get(keys.hash("#101").find(), 0)).toBe(101);
  });

  it("numbered: keys by number and keys by hash, mixed and out of order, all kept through the table's growth", () => {
    const keys = new KeyMap(3, { numbered: true });
    const texts: string[] = [];
    for (let i = 0; i < 60_000; i++) {
      texts.push(`#${1001 + i}`, `customer${i}@example.com`, `ORDER${i}`, `${4_000_000_000 + i}`, `x${i}`);
    }
    // A fixed shuffle (a linear congruential step through the indices), so the keys come out of order.
    const order = texts.map((_, i) => (i * 7_919) % texts.length);
    expect(new Set(order).size).toBe(texts.length);
    for (const i of order) expect(keys.hash(texts[i]!).insert(i, 2 * i, 3 * i)).toBe(true);
    expect(keys.size).toBe(texts.length);
    let wrong = 0;
    for (let i = 0; i < texts.length; i++) {
      const slot = keys.hash(texts[i]!).find();
      if (slot < 0 || keys.get(slot, 0) !== i || keys.get(slot, 1) !== 2 * i || keys.get(slot, 2) !== 3 * i) wrong++;
    }
    expect(wrong).toBe(0);
    expect(keys.hash("#61001").find()).toBe(-1);
    expect(keys.hash("x60000").find()).toBe(-1);
  });

  it("hashes a key again as it hashed it first, with other hashes between (the last two keys are remembered)", () => {
    const keys = new KeyMap(3, { numbered: true });
    const hashOf = (key: string) => [keys.hash(key).hash1, keys.hash2];
    const fresh = (key: string) => {
      const other = new KeyMap(3, { numbered: true });
      return [other.hash(key).hash1, other.hash2];
    };
    for (const key of ["#1", "#2", "#1", "x", "#2", "#1", "x", "x", "#3"]) {
      keys.hashBytes(new DataView(new Uint8Array([1, 2, 3]).buffer), 0, 3); // another hash between
      expect(hashOf(key), key).toEqual(fresh(key));
    }
  });

  it("hashes rows cell by cell: the same cells split differently are different rows; trailing empty cells don't count", () => {
    const rows = new KeyMap();
    expect(rows.hashCells(["ab", "c"]).insert(2, 0)).toBe(true);
    expect(rows.hashCells(["a", "bc"]).insert(3, 0)).toBe(true);
    expect(rows.hashCells(["abc"]).insert(4, 0)).toBe(true);
    expect(rows.hashCells(["ab", "c", "", ""]).insert(5, 0)).toBe(false); // line 2 with trailing separators
    expect(rows.get(rows.hashCells(["ab", "c", ""]).find(), 0)).toBe(2);
  });

  it("hashes texts so that 400,000 rows differing in one or two characters anywhere are all apart", () => {
    // Rows alike but for one or two bytes, as line items of one order are; in bytes (< 256) and
    // with wide characters (the two-per-word path).
    const base = "#1001,jana.mueller1@example.com,paid,2023-09-01 00:08:42 +0200,fulfilled,,no,EUR,39.90,4.90,8.96,53.76,,0.00,Packeta";
    for (const [name, alphabet] of [
      ["bytes", '0123456789abcdef,;"\u00e9\u00ff'],
      ["wide", "0123456789abcdef,\u010d\u0159\u4e2d"],
    ] as const) {
      const rows = new KeyMap();
      let added = 0;
      let tried = 0;
      const seen = new Set<string>();
      let seed = 7;
      const next = (n: number) => {
        seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
        return (seed >>> 8) % n;
      };
      while (tried < 200_000) {
        const chars = [...base];
        for (let k = 1 + next(2); k > 0; k--) chars[next(chars.length)] = alphabet[next(alphabet.length)]!;
        const text = chars.join("") + (next(3) === 0 ? alphabet[next(alphabet.length)] : "");
        if (seen.has(text)) continue;
        seen.add(text);
        tried++;
        if (rows.hashText(text).insert(tried, 0)) added++;
      }
      expect(added, name).toBe(200_000);
      expect(rows.hashText([...seen][12_345]!).find(), name).toBeGreaterThanOrEqual(0);
    }
  });

  it("hashes bytes so that rows differing in two words that feed the same lanes are all apart", () => {
    // hashBytes feeds each 32-bit word to two lanes (w0 and w1 to a and b, w2 and w3 to c and d):
    // changes to two such words, or to a word and the tail, are where lanes could cancel out.
    const base = Buffer.from("#1001,jana.mueller1@example.com,paid,2023-09-01 00:08:42 +0200,fulfilled,EUR,39.90,Packeta!", "latin1");
    const rows = new KeyMap();
    const seen = new Set<string>();
    let seed = 11;
    const next = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    let added = 0;
    while (seen.size < 150_000) {
      const row = Buffer.from(base);
      const first = next(row.length);
      // The second change 4, 8 or 12 bytes on (the next words of the same step), or in the tail.
      const second = next(4) === 0 ? row.length - 1 - next(row.length % 16) : Math.min(row.length - 1, first + 4 * (1 + next(3)));
      row[first] = 32 + next(95);
      row[second] = 32 + next(95);
      const text = row.toString("latin1");
      if (seen.has(text)) continue;
      seen.add(text);
      if (rows.hashBytes(new DataView(row.buffer, row.byteOffset, row.length), 0, row.length).insert(1, 0)) added++;
    }
    expect(added).toBe(150_000);
  });

  it("hashes bytes as the definition does, sixteen bytes a step, however the loop is written", () => {
    // The definition (KeyMap.hashBytes' comment) written plainly: the fast loop must agree with it
    // on every length, so a row hashes the same in either thread and from one release to the next.
    const fmix = (h: number) => {
      h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
      h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
      return (h ^ (h >>> 16)) >>> 0;
    };
    const rotl = (x: number, r: number) => (x << r) | (x >>> (32 - r));
    const reference = (view: DataView, from: number, to: number): [number, number] => {
      let [a, b, c, d] = [0x811c9dc5, 0x050c5d1f, 0x1b873593, 0xcc9e2d51];
      let i = from;
      for (; i + 16 <= to; i += 16) {
        const [w0, w1, w2, w3] = [0, 4, 8, 12].map((o) => view.getInt32(i + o, true)) as [number, number, number, number];
        a = (rotl(Math.imul(a ^ w0, 0x9e3779b1), 15) + w1) | 0;
        b = (rotl(Math.imul(b ^ w1, 0x85ebca77), 13) + w0) | 0;
        c = (rotl(Math.imul(c ^ w2, 0xc2b2ae3d), 17) + w3) | 0;
        d = (rotl(Math.imul(d ^ w3, 0x27d4eb2f), 11) + w2) | 0;
      }
      for (; i + 4 <= to; i += 4) {
        const w = view.getInt32(i, true);
        a = rotl(Math.imul(a ^ w, 0x9e3779b1), 15);
        b = rotl(Math.imul(b ^ w, 0x85ebca77), 13);
      }
      for (; i < to; i++) {
        a = Math.imul(a ^ view.getUint8(i), 0x9e3779b1);
        b = Math.imul(b ^ view.getUint8(i), 0x85ebca77);
      }
      const n = to - from;
      let h1 = (a ^ Math.imul(c, 0x27d4eb2f) ^ n) >>> 0;
      let h2 = (b ^ Math.imul(d, 0x165667b1) ^ Math.imul(n, 0x27d4eb2d)) >>> 0;
      h1 = (h1 + h2) >>> 0;
      h2 = (h2 + h1) >>> 0;
      h1 = fmix(h1);
      h2 = fmix(h2);
      h1 = (h1 + h2) >>> 0;
      h2 = (h2 + h1) >>> 0;
      return [h1 === 0 && h2 === 0 ? 1 : h1, h2];
    };
    const bytes = new Uint8Array(200);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 131 + 7) & 0xff;
    const view = new DataView(bytes.buffer);
    const map = new KeyMap();
    for (let from = 0; from < 5; from++) {
      for (let to = from; to <= bytes.length; to++) {
        map.hashBytes(view, from, to);
        expect([map.hash1, map.hash2], `${from}..${to}`).toEqual(reference(view, from, to));
      }
    }
  });

  it("hashes bytes as it hashes their latin1 text, at any offset and length", () => {
    const bytes = new Uint8Array(300);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 167 + 13) & 0xff;
    const view = new DataView(bytes.buffer, 0, bytes.length);
    const text = Buffer.from(bytes).toString("latin1");
    const a = new KeyMap();
    const b = new KeyMap();
    for (let from = 0; from < 9; from++) {
      for (let to = from + 1; to <= 300; to += 7) {
        a.hashText(text.slice(from, to)).insert(1, 0);
        expect(b.hashBytes(view, from, to).insert(1, 0), `${from}..${to}`).toBe(true);
        expect(a.hashBytes(view, from, to).find(), `${from}..${to}`).toBeGreaterThanOrEqual(0);
      }
    }
  });
});

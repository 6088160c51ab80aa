import { describe, expect, it } from "vitest";
import { IdentityGraph } from "../../src/core/identity.js";

describe("IdentityGraph", () => {
  it("returns -1 for an order with no email and no customer id", () => {
    expect(new IdentityGraph().link(null, null)).toBe(-1);
  });

  it("joins orders that share an email or a customer id, transitively", () => {
    const g = new IdentityGraph();
    const a = g.link("a@x.cz", null); // order 1: email a
    const b = g.link(null, "42"); // order 2: id 42
    const c = g.link("b@x.cz", "42"); // order 3: email b + id 42 → 2 and 3 are one customer
    const d = g.link("b@x.cz", "7"); // order 4: email b + id 7 → 2, 3, 4 are one customer
    const e = g.link("a@x.cz", "7"); // order 5: email a + id 7 → all five are one
    const f = g.link("z@x.cz", null); // order 6: someone else
    const roots = [a, b, c, d, e].map((n) => g.find(n));
    expect(new Set(roots).size).toBe(1);
    expect(g.find(f)).not.toBe(roots[0]);
  });

  it("keeps an email and an equal-looking customer id apart", () => {
    const g = new IdentityGraph();
    expect(g.find(g.link("42", null))).not.toBe(g.find(g.link(null, "42")));
  });

  it("grows past its initial capacity", () => {
    const g = new IdentityGraph();
    for (let i = 0; i < 5000; i++) g.link(`c${i}@x.cz`, String(i % 2500));
    // c0 and c2500 share id "0"… but ids are passed as-is here, so they are joined.
    expect(g.find(g.link("c0@x.cz", null))).toBe(g.find(g.link("c2500@x.cz", null)));
    expect(g.find(g.link("c0@x.cz", null))).not.toBe(g.find(g.link("c1@x.cz", null)));
  });

  it("keeps each identifier's text as linked, with keepText: ASCII ones as bytes, others exact, past every initial capacity", () => {
    const g = new IdentityGraph({ keepText: true });
    // Texts the graph must give back as given: long ones (past 64 KiB of bytes in all), empty,
    // accented (in latin1 and beyond it), astral, a lone surrogate (a UTF-16 file may hold one), and ASCII after them.
    const texts: [string | null, string | null][] = [];
    for (let i = 0; i < 3000; i++) {
      const email =
        i % 17 === 8
          ? `josé.${i}@example.com`
          : i % 7 === 3
            ? `žofie.${i}@příklad.cz`
            : i % 11 === 5
              ? `x${i}@\u{1f600}.cz`
              : `customer.${"a".repeat(i % 40)}${i}@example.com`;
      texts.push([email, i % 3 === 0 ? (i % 13 === 0 ? `\ud800id${i}` : `id-${i}`) : null]);
    }
    texts.push(["", null]);
    const nodes = texts.map(([email, id]) => [g.link(email, null), id === null ? -1 : g.link(null, id)] as const);
    expect(g.keepsText).toBe(true);
    for (let i = 0; i < texts.length; i++) {
      const [email, id] = texts[i]!;
      const [e, c] = nodes[i]!;
      expect(g.textOf(e)).toBe(email);
      expect(g.isEmail(e)).toBe(true);
      if (id !== null) {
        expect(g.textOf(c)).toBe(id);
        expect(g.isEmail(c)).toBe(false);
      }
    }
    expect(g.textOf(-1)).toBeUndefined();
    expect(g.textOf(g.size)).toBeUndefined();
  });

  it("keeps no text without keepText", () => {
    const g = new IdentityGraph();
    const node = g.link("a@x.cz", "42");
    expect(g.keepsText).toBe(false);
    expect(g.textOf(node)).toBeUndefined();
    expect(g.isEmail(node)).toBe(false);
  });
});

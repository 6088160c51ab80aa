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
});

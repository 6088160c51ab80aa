/** The scripts' seeded PRNG (the fixtures' generators): mulberry32, 32-bit state, integer ops only, identical on every machine. test/random.ts is the tests' copy in TypeScript. */
export function mulberry32(a) {
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

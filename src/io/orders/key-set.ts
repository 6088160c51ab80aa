/**
 * A set of order keys that costs 8 bytes a key (at most 16 with headroom) instead of a string's
 * ~100: each key is kept as a 64-bit hash, two 32-bit hashes (FNV-1a and a Murmur-style mix). Two different
 * keys collide with probability ~n²/2⁶⁵ — about 1 in 10 million for 2 million orders. Used only
 * to catch an order key that comes back later in a file.
 */

const EMPTY = 0;

export class KeySet {
  #slots = new Uint32Array(2 * 1024);
  #size = 0;

  /** Adds `key`; returns false when it was already there. */
  add(key: string): boolean {
    if (this.#size * 2 >= this.#slots.length / 2) this.#grow();
    const [h1, h2] = hash(key);
    return this.#insert(this.#slots, h1, h2);
  }

  get size(): number {
    return this.#size;
  }

  #insert(slots: Uint32Array, h1: number, h2: number): boolean {
    const mask = slots.length / 2 - 1;
    for (let i = h1 & mask; ; i = (i + 1) & mask) {
      const a = slots[2 * i]!;
      const b = slots[2 * i + 1]!;
      if (a === EMPTY && b === EMPTY) {
        slots[2 * i] = h1;
        slots[2 * i + 1] = h2;
        if (slots === this.#slots) this.#size++;
        return true;
      }
      if (a === h1 && b === h2) return false;
    }
  }

  #grow(): void {
    const old = this.#slots;
    const next = new Uint32Array(old.length * 2);
    for (let i = 0; i < old.length; i += 2) {
      if (old[i] !== EMPTY || old[i + 1] !== EMPTY) this.#insert(next, old[i]!, old[i + 1]!);
    }
    this.#slots = next;
  }
}

/** FNV-1a and a Murmur2-style hash over the UTF-16 code units; never (0, 0). */
function hash(key: string): [number, number] {
  let h1 = 0x811c9dc5;
  let h2 = 0x050c5d1f;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 = (h2 ^ (h2 >>> 13)) >>> 0;
  }
  h2 = Math.imul(h2 ^ (h2 >>> 15), 0x5bd1e995) >>> 0;
  return h1 === EMPTY && h2 === EMPTY ? [1, 0] : [h1, h2];
}

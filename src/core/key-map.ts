/**
 * A hash table from text to two (or three) 32-bit numbers that keeps no text: each key is kept as a 64-bit
 * hash, two 32-bit hashes (FNV-1a and a Murmur-style mix), in one Uint32Array. A key costs 16
 * bytes (at most 32 with headroom) instead of a string's ~100. Two different keys collide with
 * probability ~n²/2⁶⁵ — about 1 in 10 million for 2 million keys.
 *
 * The order reader keeps one for order keys (what became of each order read, and its last row for
 * RowRepeats: a third value), with numbered keys placed by their number (KeyMapOptions.numbered),
 * and RowRepeats one for the rows it does not chain by key. A row is
 * hashed from its bytes, or cell by cell with a separator no cell can hold, so no joined string is
 * built. The identity graph keeps one for emails and one for customer ids: a collision there would
 * join two customers, as rare as above.
 */

const EMPTY = 0;

export interface KeyMapOptions {
  /**
   * Keys that are mostly numbers read in order (order numbers: #1001, 1002, ORD-1003): a key
   * made of at most MAX_PREFIX characters that are no digits and then at most 9 digits is placed
   * by its number, not by a hash of its text, so that keys read in order are looked up in
   * neighbouring slots, one after the other, not each at a random place in a table of tens of
   * megabytes (a cache miss a key: 4 % of a million-order report). Each such key takes every
   * other slot from twice its number on, leaving room for the keys placed by hash among them.
   * The second half of the hash is still the text's, so two keys of one number (#7, A7) remain
   * two keys; two keys collide only when their texts' hashes do.
   */
  readonly numbered?: boolean;
}

/** The characters before a numbered key's digits (KeyMapOptions.numbered). */
const MAX_PREFIX = 4;

/** A numbered key's number (KeyMapOptions.numbered), or −1 for any other key. */
function numberOf(key: string): number {
  const n = key.length;
  let i = 0;
  while (i < n && i <= MAX_PREFIX) {
    const c = key.charCodeAt(i);
    if (c >= 48 && c <= 57) break;
    i++;
  }
  if (i > MAX_PREFIX || i === n || n - i > 9) return -1;
  let value = 0;
  for (; i < n; i++) {
    const d = key.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}
/** A character from 256 up: a text no bytes read as latin1 could be. */
const WIDE = /[\u0100-\uffff]/;
export class KeyMap {
  /** Words a slot takes: the hash's two halves and the values. */
  readonly #words: number;
  #slots: Uint32Array;
  #size = 0;
  /** The last hash computed (hash/hashCells), so no array is allocated per key. */
  #h1 = 0;
  #h2 = 0;

  /** Whether keys ending in a number are placed by it (KeyMapOptions.numbered). */
  readonly #numbered: boolean;

  /** `values`: the numbers kept a key (2, or 3 where a reader needs a third). */
  constructor(values: 2 | 3 = 2, options: KeyMapOptions = {}) {
    this.#words = 2 + values;
    this.#slots = new Uint32Array(this.#words * 1024);
    this.#numbered = options.numbered === true;
  }

  get size(): number {
    return this.#size;
  }

  /**
   * The last two keys hash() hashed, and their hashes. A reader looks one key up several times in
   * a row (the order reader: a row's key, then the previous run's twice as it is finished), and on
   * a file out of order each lookup hashed it again (10 % of its main thread went to hashing keys).
   */
  #lastKey: string | undefined;
  #lastH1 = 0;
  #lastH2 = 0;
  #beforeKey: string | undefined;
  #beforeH1 = 0;
  #beforeH2 = 0;

  /** Hashes a key for the next find/insert. */
  hash(key: string): this {
    if (key === this.#lastKey) return this.withHash(this.#lastH1, this.#lastH2);
    if (key === this.#beforeKey) return this.withHash(this.#beforeH1, this.#beforeH2);
    this.#hashKey(key);
    this.#beforeKey = this.#lastKey;
    this.#beforeH1 = this.#lastH1;
    this.#beforeH2 = this.#lastH2;
    this.#lastKey = key;
    this.#lastH1 = this.#h1;
    this.#lastH2 = this.#h2;
    return this;
  }

  #hashKey(key: string): void {
    let h1 = 0x811c9dc5;
    let h2 = 0x050c5d1f;
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 = (h2 ^ (h2 >>> 13)) >>> 0;
    }
    if (this.#numbered) {
      const n = numberOf(key);
      if (n >= 0) h1 = 2 * n;
    }
    this.#finish(h1, h2);
  }

  /**
   * Hashes a row's cells for the next find/insert. Trailing empty cells are left out, so a row
   * written with and without its trailing separators is the same row.
   */
  hashCells(cells: readonly string[]): this {
    let h1 = 0x811c9dc5;
    let h2 = 0x050c5d1f;
    let end = cells.length;
    while (end > 0 && cells[end - 1] === "") end--;
    for (let f = 0; f < end; f++) {
      const cell = cells[f]!;
      for (let i = 0; i < cell.length; i++) {
        const c = cell.charCodeAt(i);
        h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
        h2 = Math.imul(h2 ^ c, 0x5bd1e995);
        h2 = (h2 ^ (h2 >>> 13)) >>> 0;
      }
      // 0x10000 is no UTF-16 code unit: a separator no cell's text can imitate.
      h1 = Math.imul(h1 ^ 0x10000, 0x01000193) >>> 0;
      h2 = Math.imul(h2 ^ 0x10000, 0x5bd1e995);
      h2 = (h2 ^ (h2 >>> 13)) >>> 0;
    }
    return this.#finish(h1, h2);
  }

  /**
   * Hashes a long text (a row as written) for the next find/insert: where every character is
   * below 256 (a file read as bytes, or a row of one), as hashBytes hashes its latin1 bytes; else
   * two characters a word (#hashWide). Rows read as bytes are hashed from their bytes, so this
   * runs only for a row cut across chunks or a file decoded to text (UTF-16).
   */
  hashText(text: string): this {
    if (WIDE.test(text)) return this.#hashWide(text);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    return this.hashBytes(new DataView(bytes.buffer), 0, bytes.length);
  }

  /**
   * Hashes bytes[from, to) (a row as written, read as bytes) for the next find/insert, sixteen
   * bytes a step as four 32-bit words, one multiply-rotate lane a word, so that the four chains
   * run side by side. Each word also goes into a second lane, added after its multiply: w0 and w1
   * into a and b, w2 and w3 into c and d, each pair one lane of each half of the hash (a, c make
   * the first, b, d the second), so a change to any one word changes both halves. The tail is
   * taken a word, then a byte, at a time; the halves and the length are mixed at the end (#mix).
   * Several times faster than hash() on a 450-character row, and half the multiplies a byte of
   * feeding every word to two lanes by multiplying (a third of the reading thread's hashing).
   */
  hashBytes(bytes: DataView, from: number, to: number): this {
    let a = 0x811c9dc5;
    let b = 0x050c5d1f;
    let c = 0x1b873593;
    let d = 0xcc9e2d51;
    let i = from;
    // Thirty-two bytes a turn, the step taken twice (fewer turns of the loop), then sixteen; each
    // lane's sum is cut to 32 bits where it is made (lane(): `| 0`, as the next `^` would: the
    // same hash), so the compiler adds as integers, where an add that might pass 32 bits is
    // checked or done as a double: 2.9 → 4.6 GB/s.
    for (; i + 16 <= to; i += 16) {
      let w0 = bytes.getInt32(i, true);
      let w1 = bytes.getInt32(i + 4, true);
      let w2 = bytes.getInt32(i + 8, true);
      let w3 = bytes.getInt32(i + 12, true);
      a = lane(a, w0, w1, 0x9e3779b1, 15);
      b = lane(b, w1, w0, 0x85ebca77, 13);
      c = lane(c, w2, w3, 0xc2b2ae3d, 17);
      d = lane(d, w3, w2, 0x27d4eb2f, 11);
      if (i + 32 > to) continue;
      i += 16;
      w0 = bytes.getInt32(i, true);
      w1 = bytes.getInt32(i + 4, true);
      w2 = bytes.getInt32(i + 8, true);
      w3 = bytes.getInt32(i + 12, true);
      a = lane(a, w0, w1, 0x9e3779b1, 15);
      b = lane(b, w1, w0, 0x85ebca77, 13);
      c = lane(c, w2, w3, 0xc2b2ae3d, 17);
      d = lane(d, w3, w2, 0x27d4eb2f, 11);
    }
    for (; i + 4 <= to; i += 4) {
      const w = bytes.getInt32(i, true);
      a = Math.imul(a ^ w, 0x9e3779b1);
      a = (a << 15) | (a >>> 17);
      b = Math.imul(b ^ w, 0x85ebca77);
      b = (b << 13) | (b >>> 19);
    }
    for (; i < to; i++) {
      const ch = bytes.getUint8(i);
      a = Math.imul(a ^ ch, 0x9e3779b1);
      b = Math.imul(b ^ ch, 0x85ebca77);
    }
    return this.#mix(a ^ Math.imul(c, 0x27d4eb2f), b ^ Math.imul(d, 0x165667b1), to - from);
  }

  /** hashText for a text with characters from 256 up: two characters to a word. */
  #hashWide(text: string): this {
    const n = text.length;
    let h1 = 0x1b873593;
    let h2 = 0xcc9e2d51;
    let i = 0;
    for (; i + 2 <= n; i += 2) {
      const w = text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16);
      h1 = Math.imul(h1 ^ w, 0x9e3779b1);
      h1 = (h1 << 15) | (h1 >>> 17);
      h2 = Math.imul(h2 ^ w, 0x85ebca77);
      h2 = (h2 << 13) | (h2 >>> 19);
    }
    if (i < n) {
      h1 = Math.imul(h1 ^ text.charCodeAt(i), 0x9e3779b1);
      h2 = Math.imul(h2 ^ text.charCodeAt(i), 0x85ebca77);
    }
    return this.#mix(h1, h2, n);
  }

  /** The two halves of the last hash computed (a row's, sent by the reading thread: see withHash). */
  get hash1(): number {
    return this.#h1;
  }
  get hash2(): number {
    return this.#h2;
  }

  /** A hash computed before (hash1, hash2 of this or another KeyMap) for the next find/insert. */
  withHash(h1: number, h2: number): this {
    this.#h1 = h1 >>> 0;
    this.#h2 = h2 >>> 0;
    return this;
  }

  /** Murmur3's finaliser over both lanes, with the length. */
  #mix(a: number, b: number, n: number): this {
    let h1 = (a ^ n) >>> 0;
    let h2 = (b ^ Math.imul(n, 0x27d4eb2d)) >>> 0;
    h1 = (h1 + h2) >>> 0;
    h2 = (h2 + h1) >>> 0;
    h1 = fmix(h1);
    h2 = fmix(h2);
    h1 = (h1 + h2) >>> 0;
    h2 = (h2 + h1) >>> 0;
    if (h1 === EMPTY && h2 === EMPTY) h1 = 1;
    this.#h1 = h1;
    this.#h2 = h2;
    return this;
  }

  /**
   * The first value `key` was added with (a response's or review's line: an id read twice), or
   * -1 when it is new, and is now added with `value`.
   */
  firstSeen(key: string, value: number): number {
    const slot = this.hash(key).find();
    if (slot >= 0) return this.get(slot, 0);
    this.insert(value, 0);
    return -1;
  }

  /** The slot of the last hashed key, or -1 when it is not in the table. */
  find(): number {
    const slots = this.#slots;
    const words = this.#words;
    const mask = slots.length / words - 1;
    for (let i = this.#h1 & mask; ; i = (i + 1) & mask) {
      const a = slots[words * i]!;
      const b = slots[words * i + 1]!;
      if (a === this.#h1 && b === this.#h2) return i;
      if (a === EMPTY && b === EMPTY) return -1;
    }
  }

  /** Adds the last hashed key with its values (a third, where kept, starts at `third`); returns false (changing nothing) when it was there. */
  insert(first: number, second: number, third = 0): boolean {
    const words = this.#words;
    if (this.#size * 2 >= this.#slots.length / words) this.#grow();
    const at = this.#place(this.#slots, this.#h1, this.#h2);
    if (at < 0) return false;
    this.#slots[words * at + 2] = first;
    this.#slots[words * at + 3] = second;
    if (words > 4) this.#slots[words * at + 4] = third;
    this.#size++;
    return true;
  }

  /** A value of the key in `slot` (from find): word 0, 1 (or 2, where three are kept). Valid until the next insert. */
  get(slot: number, word: 0 | 1 | 2): number {
    return this.#slots[this.#words * slot + 2 + word]!;
  }

  set(slot: number, word: 0 | 1 | 2, value: number): void {
    this.#slots[this.#words * slot + 2 + word] = value;
  }

  #finish(h1: number, h2: number): this {
    h2 = Math.imul(h2 ^ (h2 >>> 15), 0x5bd1e995) >>> 0;
    if (h1 === EMPTY && h2 === EMPTY) h1 = 1;
    this.#h1 = h1;
    this.#h2 = h2;
    return this;
  }

  /** The free slot for (h1, h2), or -1 when it is taken by the same hash. */
  #place(slots: Uint32Array, h1: number, h2: number): number {
    const words = this.#words;
    const mask = slots.length / words - 1;
    for (let i = h1 & mask; ; i = (i + 1) & mask) {
      const a = slots[words * i]!;
      const b = slots[words * i + 1]!;
      if (a === EMPTY && b === EMPTY) {
        slots[words * i] = h1;
        slots[words * i + 1] = h2;
        return i;
      }
      if (a === h1 && b === h2) return -1;
    }
  }

  #grow(): void {
    const old = this.#slots;
    const next = new Uint32Array(old.length * 2);
    // Written before it is read: a fresh page read first maps the shared zero page, and the write
    // after it must then flush that mapping from every core the process runs on (an interrupt to
    // the other thread's core, costly in a VM); a page written first is simply allocated.
    next.fill(0);
    const words = this.#words;
    for (let i = 0; i < old.length; i += words) {
      if (old[i] === EMPTY && old[i + 1] === EMPTY) continue;
      const at = this.#place(next, old[i]!, old[i + 1]!);
      for (let w = 2; w < words; w++) next[words * at + w] = old[i + w]!;
    }
    this.#slots = next;
  }
}

/** One lane's step of hashBytes: the word multiplied in and rotated, the other word added (32 bits). */
function lane(h: number, word: number, added: number, multiplier: number, rotation: number): number {
  const x = Math.imul(h ^ word, multiplier);
  return (((x << rotation) | (x >>> (32 - rotation))) + added) | 0;
}

function fmix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Customer identity by union-find. Two orders belong to one customer when they share a
 * normalised email or a platform customer id — transitively, over every order in the file.
 * Nodes are merged as orders stream in; roots are read once the file is done. No text is kept:
 * emails and ids are held as 64-bit hashes (key-map.ts), one table each, so an email and an id
 * that read alike are still two identifiers. A graph made with `keepText` (`rfm --customers-out`,
 * which names each customer) also keeps each identifier's text, once per identifier: memory that
 * grows with customers, not with rows. An ASCII text (nearly every email and id) is kept as its
 * bytes in one growing array, not as a string of its own: a million strings made as the file is
 * read would each be copied by the garbage collector as they age, and scanned after.
 */
import { KeyMap } from "./key-map.js";

export class IdentityGraph {
  readonly #emails = new KeyMap();
  readonly #ids = new KeyMap();
  #parent = new Int32Array(1024);
  #rank = new Uint8Array(1024);
  #size = 0;
  /** With keepText: each node's text, as linked; see #keepText. */
  readonly #texts: NodeTexts | null;

  constructor(options: { readonly keepText?: boolean } = {}) {
    this.#texts = options.keepText ? new NodeTexts() : null;
  }

  /**
   * Registers the identifiers one order carries and links them. Returns a node for the order's
   * customer, or -1 when the order has no identifier at all (an unidentified order).
   */
  link(email: string | null, customerId: string | null): number {
    const a = email === null ? -1 : this.#node(this.#emails.hash(email), email, true);
    const b = customerId === null ? -1 : this.#node(this.#ids.hash(customerId), customerId, false);
    if (a < 0) return b;
    if (b >= 0) this.#union(a, b);
    return a;
  }

  /** Joins two nodes' customers into one (a later row of an order names another identifier of its customer). */
  join(a: number, b: number): void {
    if (a >= 0 && b >= 0) this.#union(a, b);
  }

  /** The representative of `node`'s customer. Stable once no more links are added. */
  find(node: number): number {
    const parent = this.#parent;
    let root = node;
    while (parent[root] !== root) root = parent[root]!;
    // Path compression.
    let current = node;
    while (parent[current] !== root) {
      const next = parent[current]!;
      parent[current] = root;
      current = next;
    }
    return root;
  }

  /** How many nodes (identifiers) there are: nodes are 0 … size − 1. */
  get size(): number {
    return this.#size;
  }

  /** Whether the graph keeps each identifier's text (textOf). */
  get keepsText(): boolean {
    return this.#texts !== null;
  }

  /** A node's email or customer id, when the graph keeps text (undefined otherwise). */
  textOf(node: number): string | undefined {
    return node >= 0 && node < this.#size ? this.#texts?.textOf(node) : undefined;
  }

  /** Whether a node is an email (else a customer id); false when the graph keeps no text. */
  isEmail(node: number): boolean {
    return this.#texts?.isEmail(node) === true;
  }

  /** The node of the key `keys` last hashed (`text`), made when it is new. */
  #node(keys: KeyMap, text: string, email: boolean): number {
    const slot = keys.find();
    if (slot >= 0) return keys.get(slot, 0);
    const node = this.#size++;
    if (node >= this.#parent.length) {
      const parent = new Int32Array(this.#parent.length * 2);
      parent.set(this.#parent);
      this.#parent = parent;
      const rank = new Uint8Array(this.#rank.length * 2);
      rank.set(this.#rank);
      this.#rank = rank;
    }
    this.#parent[node] = node;
    keys.insert(node, 0);
    this.#texts?.add(node, text, email);
    return node;
  }

  #union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return;
    const rankA = this.#rank[ra]!;
    const rankB = this.#rank[rb]!;
    if (rankA < rankB) this.#parent[ra] = rb;
    else if (rankA > rankB) this.#parent[rb] = ra;
    else {
      this.#parent[rb] = ra;
      this.#rank[ra] = rankA + 1;
    }
  }
}

/**
 * The texts of a graph's nodes (IdentityGraph keepText), added in node order: an ASCII text as
 * bytes in one array, a node's ending where the next one's starts (ends); any other text as a
 * string of its own, in `wide` (rare, and kept exact: an email may hold any character).
 */
class NodeTexts {
  #bytes = new Uint8Array(1 << 16);
  #length = 0;
  #ends = new Int32Array(1024);
  #email = new Uint8Array(1024);
  readonly #wide = new Map<number, string>();
  readonly #decoder = new TextDecoder();

  /** Keeps node's text (node is the next one: each is added once, in order). */
  add(node: number, text: string, email: boolean): void {
    if (node >= this.#ends.length) {
      const ends = new Int32Array(2 * this.#ends.length);
      ends.set(this.#ends);
      this.#ends = ends;
      const emails = new Uint8Array(2 * this.#email.length);
      emails.set(this.#email);
      this.#email = emails;
    }
    this.#email[node] = email ? 1 : 0;
    const n = text.length;
    let at = this.#length;
    if (at + n > this.#bytes.length) {
      const bytes = new Uint8Array(Math.max(2 * this.#bytes.length, at + n));
      bytes.set(this.#bytes.subarray(0, at));
      this.#bytes = bytes;
    }
    const bytes = this.#bytes;
    let i = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c >= 0x80) break;
      bytes[at + i++] = c;
    }
    // A copy of its own: a substring would keep the whole decoded row (or chunk) it was cut from alive.
    if (i < n) this.#wide.set(node, ` ${text}`.slice(1));
    else at += n;
    this.#length = at;
    this.#ends[node] = at;
  }

  textOf(node: number): string {
    if (this.#wide.size > 0) {
      const wide = this.#wide.get(node);
      if (wide !== undefined) return wide;
    }
    const start = node === 0 ? 0 : this.#ends[node - 1]!;
    return this.#decoder.decode(this.#bytes.subarray(start, this.#ends[node]!));
  }

  isEmail(node: number): boolean {
    return this.#email[node] === 1;
  }
}

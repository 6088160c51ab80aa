/**
 * Customer identity by union-find. Two orders belong to one customer when they share a
 * normalised email or a platform customer id — transitively, over every order in the file.
 * Nodes are merged as orders stream in; roots are read once the file is done. No text is kept:
 * emails and ids are held as 64-bit hashes (key-map.ts), one table each, so an email and an id
 * that read alike are still two identifiers. A graph made with `keepText` (`rfm --customers-out`,
 * which names each customer) also keeps each identifier's text, once per identifier: memory that
 * grows with customers, not with rows.
 */
import { KeyMap } from "./key-map.js";

export class IdentityGraph {
  readonly #emails = new KeyMap();
  readonly #ids = new KeyMap();
  #parent = new Int32Array(1024);
  #rank = new Uint8Array(1024);
  #size = 0;
  /** With keepText: node → its email or customer id, as linked. */
  readonly #texts: string[] | null;
  readonly #emailNodes: boolean[] | null;

  constructor(options: { readonly keepText?: boolean } = {}) {
    this.#texts = options.keepText ? [] : null;
    this.#emailNodes = options.keepText ? [] : null;
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

  /** A node's email or customer id, when the graph keeps text (undefined otherwise). */
  textOf(node: number): string | undefined {
    return this.#texts?.[node];
  }

  /** Whether a node is an email (else a customer id); false when the graph keeps no text. */
  isEmail(node: number): boolean {
    return this.#emailNodes?.[node] === true;
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
    if (this.#texts !== null) {
      // A copy of its own: a substring would keep the whole decoded row (or chunk) it was cut from alive.
      this.#texts[node] = ` ${text}`.slice(1);
      this.#emailNodes![node] = email;
    }
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

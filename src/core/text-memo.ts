/**
 * Answers about texts that a file repeats from row to row (a status, a currency, a sales channel),
 * remembered by the text. The last two texts asked about are compared first: each row's cell is a
 * string of its own, whose hash a Map works out anew at every lookup, and comparing it with two
 * short texts costs less (a million-order report looked up four such texts an order: 5 % of its
 * main thread went to hashing them and finding them in Maps). Behind those two, a Map of up to
 * `limit` texts, emptied when full, so that a file of many odd texts keeps the memory small; an
 * answer that must never be worked out twice (a number given to each text) takes no limit.
 */
export class TextMemo<V> {
  readonly #answer: (text: string) => V;
  readonly #limit: number;
  readonly #known = new Map<string, V>();
  #lastText: string | undefined;
  #lastValue: V | undefined;
  #beforeText: string | undefined;
  #beforeValue: V | undefined;

  constructor(answer: (text: string) => V, limit = 1024) {
    this.#answer = answer;
    this.#limit = limit;
  }

  get(text: string): V {
    if (text === this.#lastText) return this.#lastValue as V;
    let value: V;
    if (text === this.#beforeText) value = this.#beforeValue as V;
    else if (this.#known.has(text)) value = this.#known.get(text) as V;
    else {
      value = this.#answer(text);
      if (this.#known.size >= this.#limit) this.#known.clear();
      this.#known.set(text, value);
    }
    this.#beforeText = this.#lastText;
    this.#beforeValue = this.#lastValue;
    this.#lastText = text;
    this.#lastValue = value;
    return value;
  }
}

/**
 * Where a currency's orders came from, over a window: each counted order's source (an
 * attribution answer, a discount code, a UTM source, a sales channel: Order.source) mapped to a
 * channel — direct, organic, paid, social, email, referral, marketplace, other — by the
 * config's sourceMap, then by the defaults below; a source neither knows stays under its own text.
 * Not a metric of the registry: a breakdown, per currency group, beside them.
 */
import { minorDigits, toMajor } from "../../core/money.js";
import type { Referrals } from "../../core/referral.js";
import { lowerBound, type Timeline } from "../../core/timeline.js";
import type { ReportWindow } from "../../core/window.js";

const CHANNELS = ["direct", "organic", "paid", "social", "email", "referral", "marketplace", "other"] as const;

/**
 * The default channel of a source, by a word in its text (lower case, accents off), the first that
 * matches: a word of the text that starts with the entry ("facebook.com", "doporučení"), or, for
 * the short ones marked whole, is the entry ("direct", not "directory"; "other", not "brother"). Heureka, Zboží.cz and Árukereső are
 * marketplaces (price comparison), as are Allegro, Amazon, eBay, Glami.
 */
const DEFAULTS: readonly (readonly [string, (typeof CHANNELS)[number], "whole"?])[] = [
  ["heureka", "marketplace"],
  ["zbozi", "marketplace"],
  ["arukereso", "marketplace"],
  ["allegro", "marketplace"],
  ["amazon", "marketplace"],
  ["ebay", "marketplace"],
  ["glami", "marketplace"],
  ["pricemania", "marketplace"],
  ["cpc", "paid", "whole"],
  ["ppc", "paid", "whole"],
  ["paid", "paid", "whole"],
  ["google ads", "paid"],
  ["adwords", "paid"],
  ["sklik", "paid"],
  ["facebook", "social"],
  ["instagram", "social"],
  ["tiktok", "social"],
  ["pinterest", "social"],
  ["youtube", "social"],
  ["twitter", "social"],
  ["linkedin", "social"],
  ["social", "social", "whole"],
  ["newsletter", "email"],
  ["e-mail", "email"],
  ["email", "email", "whole"],
  ["klaviyo", "email"],
  ["mailchimp", "email"],
  ["ecomail", "email"],
  ["organic", "organic"],
  ["seo", "organic", "whole"],
  ["google", "organic"],
  ["seznam", "organic"],
  ["bing", "organic", "whole"],
  ["duckduckgo", "organic"],
  ["search", "organic", "whole"],
  ["friend", "referral"],
  ["family", "referral"],
  ["word of mouth", "referral"],
  ["doporuc", "referral"],
  ["referral", "referral"],
  ["affiliate", "referral"],
  ["influencer", "referral"],
  ["podcast", "referral"],
  ["blog", "referral", "whole"],
  ["direct", "direct", "whole"],
  ["typein", "direct"],
  ["other", "other", "whole"],
];

const REFERRALS_DEFINITION =
  "Counted orders created in the window by source: each order's source (an --attribution answer, else a discount code, else the export's source column) in its channel (direct, organic, paid, social, email, referral, marketplace, other) by sourceMap, then by the defaults; a source neither maps stays under its own text. coverage = orders with a source / counted orders; orderShare = the source's orders / orders with a source; newCustomers = customers whose first counted order in the currency is in the window and came from the source; revenue as the revenue metric.";

const NOT_WORD = /[^\p{L}\p{N}]/u;
const NOT_WORDS = /[^\p{L}\p{N}]+/u;
/** No character from 0x80 up. */
const ASCII = /^[^\u0080-\uffff]*$/;
/** NOT_WORDS in a lower-cased ASCII text. */
const NOT_ASCII_WORDS = /[^a-z0-9]+/;

/** A source text as the map's words are looked for in it. */
const key = (text: string) =>
  text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();

/** The channel of each source text (by its number), under --source-map / sourceMap (words → channel) then the defaults; the text itself when none maps it. */
export function channelsOf(sources: readonly string[], sourceMap: ReadonlyMap<string, string>): string[] {
  const given = [...sourceMap].map(([word, channel]) => [key(word), channel] as const).sort((a, b) => b[0].length - a[0].length);
  // A file may have a source a discount code: tens of thousands of texts, each tried against every entry.
  const defaults = DEFAULTS.map(([word, channel, whole]) => ({ word, channel, whole: whole === "whole", phrase: NOT_WORD.test(word) }));
  return sources.map((text) => {
    // ASCII (most sources, every discount code) needs no Unicode: the same words, found sooner.
    const ascii = ASCII.test(text);
    const k = ascii ? text.toLowerCase() : key(text);
    const words = k.split(ascii ? NOT_ASCII_WORDS : NOT_WORDS).filter((w) => w !== "");
    const fits = (entry: (typeof defaults)[number]) =>
      entry.phrase ? k.includes(entry.word) : words.some((w) => (entry.whole ? w === entry.word : w.startsWith(entry.word)));
    return given.find(([word]) => k.includes(word))?.[1] ?? defaults.find(fits)?.channel ?? text;
  });
}

export function computeReferrals(
  timeline: Timeline,
  window: Pick<ReportWindow, "from" | "to">,
  channels: readonly string[],
  texts: readonly string[],
  currency: string | null,
  basis: string,
): Referrals {
  const from = lowerBound(timeline.at, window.from);
  const to = lowerBound(timeline.at, window.to);
  const byChannel = new Map<string, { orders: number; newCustomers: number; revenue: number; answers: Map<string, number> }>();
  const entry = (channel: string) => {
    let e = byChannel.get(channel);
    if (!e) {
      e = { orders: 0, newCustomers: 0, revenue: 0, answers: new Map() };
      byChannel.set(channel, e);
    }
    return e;
  };
  let known = 0;
  const source = timeline.source;
  for (let k = from; k < to && source !== null; k++) {
    const s = source[k]!;
    if (s < 0) continue;
    known++;
    const e = entry(channels[s]!);
    e.orders++;
    e.revenue += timeline.revenue[k]!;
    const text = texts[s]!;
    e.answers.set(text, (e.answers.get(text) ?? 0) + 1);
  }
  // A new customer's source is their first counted order's (in this currency, whole history).
  const { customerStart, customerAt, customerSource } = timeline;
  for (let c = 0; c + 1 < customerStart.length && customerSource !== null; c++) {
    const first = customerStart[c]!;
    const at = customerAt[first]!;
    if (at < window.from || at >= window.to) continue;
    const s = customerSource[first]!;
    if (s >= 0) entry(channels[s]!).newCustomers++;
  }
  const digits = minorDigits(currency);
  const orders = to - from;
  const sources = [...byChannel]
    .map(([name, e]) => ({
      source: name,
      orders: e.orders,
      newCustomers: e.newCustomers,
      revenue: toMajor(e.revenue, digits),
      orderShare: known === 0 ? 0 : e.orders / known,
      answers: [...e.answers].map(([text, n]) => ({ text, orders: n })).sort((a, b) => b.orders - a.orders || a.text.localeCompare(b.text)),
    }))
    .sort((a, b) => b.orders - a.orders || a.source.localeCompare(b.source));
  return { coverage: orders === 0 ? null : known / orders, basis, sources, definition: REFERRALS_DEFINITION };
}

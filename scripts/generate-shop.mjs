#!/usr/bin/env node

// Seeded generator of a made-up Shopify shop: a specialty-coffee roastery in Prague that sells in
// EUR and CZK. Writes a Shopify orders export (orders_export.csv, the current 79-column header)
// and a customers export (customers_export.csv, the 2024+ header); see
// ../shared/reference/export-formats.md §4 for the formats this imitates.
//
//   node scripts/generate-shop.mjs --out DIR [--orders N] [--seed S] [--customers-file yes|no]
//
// Determinism: one seeded PRNG (mulberry32), integer money (cents), only + - * / and floor in
// anything that decides a value (no Math.log/pow, whose last bit may differ between engines), no
// Math.random, no locale formatting, no dependence on the machine's TZ (Europe/Prague offsets are
// computed from the EU DST rule and checked against Intl once at start-up).
// Output is streamed in ~64 KB chunks honouring backpressure, so --orders 1000000 runs in
// bounded memory (the per-order typed arrays below are ~25 bytes/order; no text is kept).
// The true counts (and the metrics for the default report window) go to stderr as JSON.

import { once } from "node:events";
import { createWriteStream, mkdirSync } from "node:fs";
import { join } from "node:path";
import { mulberry32 } from "./lib/random.mjs";

// ---------------------------------------------------------------- arguments
function parseArgs(argv) {
  const opts = { out: null, orders: 3000, seed: 42, customersFile: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => {
      if (i + 1 >= argv.length) fail(`${a} needs a value`);
      return argv[++i];
    };
    if (a === "--out") opts.out = v();
    else if (a === "--orders") opts.orders = Number(v());
    else if (a === "--seed") opts.seed = Number(v());
    else if (a === "--customers-file") {
      const x = v();
      if (x !== "yes" && x !== "no") fail(`--customers-file must be yes or no, got ${x}`);
      opts.customersFile = x === "yes";
    } else if (a === "--help" || a === "-h") {
      process.stdout.write("usage: node scripts/generate-shop.mjs --out DIR [--orders N] [--seed S] [--customers-file yes|no]\n");
      process.exit(0);
    } else fail(`unknown argument ${a}`);
  }
  if (!opts.out) fail("--out DIR is required");
  if (!Number.isInteger(opts.orders) || opts.orders < 1) fail("--orders must be a positive integer");
  if (!Number.isInteger(opts.seed)) fail("--seed must be an integer");
  return opts;
}
function fail(msg) {
  process.stderr.write(`generate-shop: ${msg}\n`);
  process.exit(2);
}

// ---------------------------------------------------------------- PRNG
// mulberry32 (scripts/lib/random.mjs): 32-bit state, integer ops only, identical on every machine.
// A 32-bit mix of (seed, n): gives every customer its own stream, so a customer's name, address
// and habits can be re-derived from its index instead of being stored.
function hash32(seed, n) {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(n + 0x27d4eb2f, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}
const int = (rng, lo, hi) => lo + Math.floor(rng() * (hi - lo + 1)); // inclusive
const pickOne = (rng, arr) => arr[Math.floor(rng() * arr.length)];
// pairs = [[value, integerWeight], ...]
function weighted(pairs) {
  const total = pairs.reduce((s, p) => s + p[1], 0);
  return (rng) => {
    let r = rng() * total;
    for (const [v, w] of pairs) {
      r -= w;
      if (r < 0) return v;
    }
    return pairs[pairs.length - 1][0];
  };
}

// ---------------------------------------------------------------- time (Europe/Prague)
// EU rule since 1996: CEST from the last Sunday of March 01:00 UTC to the last Sunday of
// October 01:00 UTC. Cached per year; checked against Intl in checkPragueOffsets().
const dstCache = new Map();
function lastSundayUtc(year, month0) {
  const last = new Date(Date.UTC(year, month0 + 1, 0)); // last day of the month
  return Date.UTC(year, month0 + 1, -last.getUTCDay(), 1) / 1000;
}
function pragueOffset(t) {
  const y = new Date(t * 1000).getUTCFullYear();
  let d = dstCache.get(y);
  if (!d) {
    d = [lastSundayUtc(y, 2), lastSundayUtc(y, 9)];
    dstCache.set(y, d);
  }
  return t >= d[0] && t < d[1] ? 7200 : 3600;
}
function checkPragueOffsets(fromT, toT) {
  let fmt;
  try {
    fmt = new Intl.DateTimeFormat("en-US", { timeZone: "Europe/Prague", timeZoneName: "longOffset" });
  } catch {
    return; // no tz data in this Node build: the arithmetic rule stands alone
  }
  const intlOffset = (t) => {
    const name = fmt.formatToParts(new Date(t * 1000)).find((p) => p.type === "timeZoneName").value;
    const m = /GMT([+-])(\d\d):(\d\d)/.exec(name);
    return m ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3]) * 60) : 0;
  };
  for (let y = new Date(fromT * 1000).getUTCFullYear(); y <= new Date(toT * 1000).getUTCFullYear(); y++) {
    for (const t of [lastSundayUtc(y, 2), lastSundayUtc(y, 9), Date.UTC(y, 0, 15) / 1000, Date.UTC(y, 6, 15) / 1000]) {
      for (const u of [t - 1, t]) {
        if (intlOffset(u) !== pragueOffset(u)) throw new Error(`Europe/Prague offset mismatch at ${u}`);
      }
    }
  }
}
const pad2 = (n) => (n < 10 ? `0${n}` : `${n}`);
const dayCache = new Map(); // local day number -> "YYYY-MM-DD"
function localDate(dayNo) {
  let s = dayCache.get(dayNo);
  if (!s) {
    const d = new Date(dayNo * 86400000);
    s = `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
    dayCache.set(dayNo, s);
  }
  return s;
}
// Shopify's timestamp: store-local wall time plus its offset, "2025-05-11 09:55:16 +0200".
function shopifyTime(t) {
  const off = pragueOffset(t);
  const local = t + off;
  const day = Math.floor(local / 86400);
  const sod = local - day * 86400;
  return `${localDate(day)} ${pad2(Math.floor(sod / 3600))}:${pad2(Math.floor(sod / 60) % 60)}:${pad2(sod % 60)} ${off === 7200 ? "+0200" : "+0100"}`;
}
const pragueDayNo = (t) => Math.floor((t + pragueOffset(t)) / 86400);
// UTC instant of local midnight starting Prague day `dayNo` (midnight is never in a DST gap).
// DST switches at 01:00 UTC, so the offset 2 h before local midnight is the one at midnight.
const pragueMidnight = (dayNo) => dayNo * 86400 - pragueOffset(dayNo * 86400 - 7200);

// ---------------------------------------------------------------- shop data
const SPAN_FROM = Date.UTC(2023, 7, 31, 22) / 1000; // 2023-09-01 00:00 +0200
const SPAN_TO = Date.UTC(2026, 5, 30, 22) / 1000; //   2026-07-01 00:00 +0200 (exclusive)
const EXPORTED_AT = SPAN_TO + 9 * 3600; // the moment the merchant clicked Export
const CZK_PER_EUR = 25;
const PICKUP = "Osobní odběr Letná"; // local pick-up at the roastery (CZK customers) // for the customers export's Total Spent (shop currency EUR)

// [name, sku, eurCents, czkCents, vendor, requiresShipping/taxable]
const PRODUCTS = [
  ["Ethiopia Yirgacheffe - 250 g", "CB-ETH-250", 1290, 32900, "Kafe Letná", true],
  ["Ethiopia Yirgacheffe - 1 kg", "CB-ETH-1000", 4490, 114900, "Kafe Letná", true],
  ["Kenya Nyeri AA - 250 g", "CB-KEN-250", 1490, 37900, "Kafe Letná", true],
  ["Colombia Huila, washed - 250 g", "CB-COL-250", 1190, 29900, "Kafe Letná", true],
  ["Colombia Huila, washed - 1 kg", "CB-COL-1000", 3990, 99900, "Kafe Letná", true],
  ["Brazil Cerrado - 250 g", "CB-BRA-250", 990, 24900, "Kafe Letná", true],
  ["Brazil Cerrado - 1 kg", "CB-BRA-1000", 3290, 82900, "Kafe Letná", true],
  ["Guatemala Huehuetenango - 250 g", "CB-GUA-250", 1290, 32900, "Kafe Letná", true],
  ["Rwanda Nyamasheke - 250 g", "CB-RWA-250", 1390, 34900, "Kafe Letná", true],
  ['Espresso Blend "Letná" - 250 g', "CB-ESP-250", 1090, 27900, "Kafe Letná", true],
  ['Espresso Blend "Letná" - 1 kg', "CB-ESP-1000", 3590, 89900, "Kafe Letná", true],
  ["Decaf Colombia (sugar cane) - 250 g", "CB-DEC-250", 1190, 29900, "Kafe Letná", true],
  ["Drip bags, mixed - 10 pcs", "DB-MIX-10", 1490, 37900, "Kafe Letná", true],
  ["Cold brew concentrate - 500 ml", "CBR-500", 890, 21900, "Kafe Letná", true],
  ["Hario V60 02 dripper, ceramic", "HA-V60-02", 2490, 62900, "Hario", true],
  ["Hario V60 paper filters 02 - 100 pcs", "HA-VCF-02", 690, 16900, "Hario", true],
  ["Hario Buono kettle 1.2 l", "HA-BUONO", 4990, 124900, "Hario", true],
  ["AeroPress Original", "AP-ORIG", 3990, 99900, "AeroPress", true],
  ["AeroPress Go", "AP-GO", 3690, 92900, "AeroPress", true],
  ["Comandante C40 MK4 grinder", "CMD-C40", 24900, 629000, "Comandante", true],
  ["Timemore C3 grinder", "TM-C3", 7990, 199900, "Timemore", true],
  ["Timemore Black Mirror scale", "TM-SCALE", 4490, 112900, "Timemore", true],
  ["Chemex 6-cup", "CHX-6", 5490, 137900, "Chemex", true],
  ["Chemex filters, square - 100 pcs", "CHX-FS100", 1290, 32900, "Chemex", true],
  ["Moka pot Bialetti Venus, 4 cups", "BIA-VEN4", 4290, 107900, "Bialetti", true],
  ['Tasting mug "Letná"', "MG-LET", 1490, 37900, "Kafe Letná", true],
  ["Coffee subscription - 3 months", "SUB-3M", 3900, 97500, "Kafe Letná", true],
  ["Barista course (evening, 3 h)", "CRS-BAR", 7900, 199000, "Kafe Letná", false],
  ["Gift Card - 25 EUR / 600 CZK", "", 2500, 60000, "Kafe Letná", false],
  ["Gift Card - 50 EUR / 1200 CZK", "", 5000, 120000, "Kafe Letná", false],
];
// Coffee is bought far more often than grinders: product popularity weights (same order).
const pickProduct = weighted(
  PRODUCTS.map((_p, i) => [
    i,
    [90, 20, 60, 70, 18, 80, 25, 50, 35, 85, 30, 30, 40, 25, 12, 30, 5, 10, 6, 2, 5, 5, 4, 12, 6, 10, 8, 3, 6, 4][i],
  ]),
);

const FIRST = [
  "Jana",
  "Petr",
  "Tereza",
  "Jakub",
  "Lucie",
  "Tomáš",
  "Eva",
  "Martin",
  "Anna",
  "Lukáš",
  "Kateřina",
  "Ondřej",
  "Lena",
  "Jonas",
  "Sophie",
  "Maximilian",
  "Marie",
  "Felix",
  "Laura",
  "Lukas",
  "Zuzana",
  "Michal",
  "Katarína",
  "Peter",
  "Emma",
  "Daan",
  "Julia",
  "Piotr",
  "Agnieszka",
  "Camille",
  "Louis",
  "Giulia",
  "Marco",
  "Elise",
  "Thomas",
  "Hannah",
  "Paul",
  "Clara",
  "Matej",
  "Veronika",
];
const LAST = [
  "Novák",
  "Svobodová",
  "Dvořák",
  "Černá",
  "Procházka",
  "Kučerová",
  "Veselý",
  "Horáková",
  "Müller",
  "Schmidt",
  "Schneider",
  "Fischer",
  "Weber",
  "Wagner",
  "Becker",
  "Hoffmann",
  "Gruber",
  "Huber",
  "Horváth",
  "Kováčová",
  "Varga",
  "de Vries",
  "Jansen",
  "Bakker",
  "Kowalski",
  "Nowak",
  "Wiśniewska",
  "Martin",
  "Bernard",
  "Dubois",
  "Rossi",
  "Bianchi",
  "Peeters",
  "Janssens",
  "O'Brien",
  "Lange",
  "Krüger",
  "Pokorný",
  "Marek",
  "Benešová",
];
const ASCII = {
  á: "a",
  č: "c",
  ď: "d",
  é: "e",
  ě: "e",
  í: "i",
  ň: "n",
  ó: "o",
  ř: "r",
  š: "s",
  ť: "t",
  ú: "u",
  ů: "u",
  ý: "y",
  ž: "z",
  ä: "ae",
  ö: "oe",
  ü: "ue",
  ß: "ss",
  ś: "s",
  ł: "l",
  " ": "",
  "'": "",
};
const asciiLower = (s) => [...s.toLowerCase()].map((c) => ASCII[c] ?? c).join("");

// [code, weight, currency, vat%, tax label, phone prefix, [[city, zip, province code, province name], ...], streets]
const COUNTRIES = [
  [
    "CZ",
    150,
    "CZK",
    21,
    "DPH 21%",
    "+420",
    [
      ["Praha", "170 00"],
      ["Praha", "120 00"],
      ["Brno", "602 00"],
      ["Ostrava", "702 00"],
      ["Plzeň", "301 00"],
      ["Olomouc", "779 00"],
    ],
    ["Milady Horákové", "Korunní", "Veveří", "Nádražní", "Husova", "Dukelských hrdinů"],
  ],
  [
    "DE",
    270,
    "EUR",
    19,
    "DE MwSt 19%",
    "+49",
    [
      ["Berlin", "10115"],
      ["München", "80331"],
      ["Hamburg", "20095"],
      ["Leipzig", "04109"],
      ["Dresden", "01067"],
      ["Köln", "50667"],
    ],
    ["Hauptstraße", "Bahnhofstraße", "Gartenweg", "Lindenallee", "Schillerstraße"],
  ],
  [
    "AT",
    120,
    "EUR",
    20,
    "AT USt 20%",
    "+43",
    [
      ["Wien", "1070"],
      ["Wien", "1010"],
      ["Graz", "8010"],
      ["Linz", "4020"],
      ["Salzburg", "5020"],
    ],
    ["Mariahilfer Straße", "Landstraße", "Hauptplatz", "Kirchengasse"],
  ],
  [
    "SK",
    110,
    "EUR",
    20,
    "SK DPH 20%",
    "+421",
    [
      ["Bratislava", "811 01"],
      ["Košice", "040 01"],
      ["Žilina", "010 01"],
    ],
    ["Obchodná", "Hlavná", "Štúrova"],
  ],
  [
    "NL",
    80,
    "EUR",
    21,
    "NL BTW 21%",
    "+31",
    [
      ["Amsterdam", "1012 AB"],
      ["Utrecht", "3511 LX"],
      ["Rotterdam", "3011 AD"],
    ],
    ["Prinsengracht", "Oudegracht", "Witte de Withstraat"],
  ],
  [
    "PL",
    60,
    "EUR",
    23,
    "PL VAT 23%",
    "+48",
    [
      ["Warszawa", "00-950"],
      ["Kraków", "31-042"],
      ["Wrocław", "50-001"],
    ],
    ["Marszałkowska", "Floriańska", "Świdnicka"],
  ],
  [
    "FR",
    70,
    "EUR",
    20,
    "FR TVA 20%",
    "+33",
    [
      ["Paris", "75011"],
      ["Lyon", "69002"],
      ["Strasbourg", "67000"],
    ],
    ["Rue Oberkampf", "Rue de la République", "Grand'Rue"],
  ],
  [
    "IT",
    60,
    "EUR",
    22,
    "IT IVA 22%",
    "+39",
    [
      ["Roma", "00184", "RM", "Roma"],
      ["Milano", "20121", "MI", "Milano"],
      ["Bologna", "40121", "BO", "Bologna"],
    ],
    ["Via Nazionale", "Via Torino", "Via dell'Indipendenza"],
  ],
  [
    "BE",
    30,
    "EUR",
    21,
    "BE BTW 21%",
    "+32",
    [
      ["Bruxelles", "1000"],
      ["Gent", "9000"],
    ],
    ["Rue Neuve", "Veldstraat"],
  ],
];
const pickCountry = weighted(COUNTRIES.map((c, i) => [i, c[1]]));
const _COUNTRY_CZ = 0;

// Repeat buying as the "buy till you die" literature models it (Fader, Hardie & Lee 2005, the
// BG/NBD): each customer gets, once, a mean time between orders and a chance of dropping out after
// each repeat order, drawn independently; gaps are exponential. Many customers buy once (slow
// buyers whose next order falls after the export), a few weekly; some stay for years.
const pickGapDays = weighted([
  [21, 2],
  [45, 5],
  [90, 8],
  [180, 12],
  [365, 15],
  [730, 18],
  [1500, 20],
  [4000, 20],
]);
const pickDropout = weighted([
  [0.02, 15],
  [0.08, 25],
  [0.2, 25],
  [0.4, 20],
  [0.8, 15],
]);
// -ln(u) for u in (0, 1] with + - * / and sqrt only (IEEE 754 makes sqrt exact, unlike Math.log):
// 16 square roots bring u near 1, where 2·atanh((y-1)/(y+1)) converges in a few terms.
function negLn(u) {
  let y = u;
  for (let i = 0; i < 16; i++) y = Math.sqrt(y);
  const z = (y - 1) / (y + 1),
    z2 = z * z;
  return -65536 * 2 * z * (1 + z2 * (1 / 3 + z2 * (1 / 5 + z2 / 7)));
}
const exponential = (rng) => negLn(1 - rng()); // mean 1

const pickItemCount = weighted([
  [1, 65],
  [2, 24],
  [3, 8],
  [4, 3],
]);
const pickQty = weighted([
  [1, 75],
  [2, 18],
  [3, 5],
  [4, 1],
  [6, 1],
]);
// Order outcome. "cancelled" = Cancelled at set; its Financial Status is refunded or voided.
const pickOutcomeWeb = weighted([
  ["paid", 770],
  ["partially_refunded", 55],
  ["refunded", 35],
  ["pending", 45],
  ["authorized", 20],
  ["partially_paid", 15],
  ["voided", 15],
  ["cancelled", 45],
]);
const pickOutcomePos = weighted([
  ["paid", 960],
  ["partially_refunded", 20],
  ["refunded", 15],
  ["cancelled", 5],
]);
const pickOutcomeDraft = weighted([
  ["paid", 780],
  ["pending", 150],
  ["partially_paid", 30],
  ["refunded", 10],
  ["cancelled", 30],
]);
const pickWebPayment = weighted([
  ["Shopify Payments", 70],
  ["PayPal Express Checkout", 20],
  ["Cash on Delivery (COD)", 5],
  ["Bank Deposit", 5],
]);
// Source of orders that carry an email: the online store, an app channel (numeric id), POS, drafts.
const pickSource = weighted([
  ["web", 85],
  ["301689896961", 5],
  ["pos", 5],
  ["shopify_draft_order", 5],
]);
const pickRisk = weighted([
  ["Low", 950],
  ["Medium", 40],
  ["High", 10],
]);

// Financial statuses whose (non-cancelled) orders the CLI counts: completed (paid,
// partially_refunded), processing (pending, partially_paid), on-hold (authorized).
const COUNTED_STATUSES = new Set(["paid", "partially_refunded", "pending", "partially_paid", "authorized"]);

const NOTES = [
  "Please leave the parcel at the door, ring twice.",
  'Gift - please add a card:\n"Happy birthday, Tom! Enjoy the beans."',
  'Grind for "AeroPress", not espresso, please',
  "Deliver after 5 pm, the office is closed in the morning",
  "Customer called:\n- wants the 1 kg bag instead of 4x250 g\n- same price, OK'd by Tereza",
  "Mám alergii na ořechy, prosím nepřidávejte ochutnávky s oříšky.",
  'Invoice to company, VAT ID CZ12345678, "Kafe s.r.o."',
];
const NOTE_ATTRIBUTES = [
  "gift_wrap: yes\ndelivery_window: 9-12",
  "Packeta point: Z-BOX Praha 7, Letná\npoint_id: 12345",
  'grind: "fine, for moka pot"',
  "how_did_you_hear: Instagram, friend\nnewsletter_popup: closed",
];

const HEADER =
  "Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Accepts Marketing,Currency,Subtotal,Shipping,Taxes,Total,Discount Code,Discount Amount,Shipping Method,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem compare at price,Lineitem sku,Lineitem requires shipping,Lineitem taxable,Lineitem fulfillment status,Billing Name,Billing Street,Billing Address1,Billing Address2,Billing Company,Billing City,Billing Zip,Billing Province,Billing Country,Billing Phone,Shipping Name,Shipping Street,Shipping Address1,Shipping Address2,Shipping Company,Shipping City,Shipping Zip,Shipping Province,Shipping Country,Shipping Phone,Notes,Note Attributes,Cancelled at,Payment Method,Payment Reference,Refunded Amount,Vendor,Outstanding Balance,Employee,Location,Device ID,Id,Tags,Risk Level,Source,Lineitem discount,Tax 1 Name,Tax 1 Value,Tax 2 Name,Tax 2 Value,Tax 3 Name,Tax 3 Value,Tax 4 Name,Tax 4 Value,Tax 5 Name,Tax 5 Value,Phone,Receipt Number,Duties,Billing Province Name,Shipping Province Name,Payment ID,Payment Terms Name,Next Payment Due At,Payment References";
const CUSTOMERS_HEADER =
  "Customer ID,First Name,Last Name,Email,Accepts Email Marketing,Default Address Company,Default Address Address1,Default Address Address2,Default Address City,Default Address Province Code,Default Address Country Code,Default Address Zip,Default Address Phone,Phone,Accepts SMS Marketing,Total Spent,Total Orders,Note,Tax Exempt,Tags";
const N_COLS = 79;
const C = Object.fromEntries(HEADER.split(",").map((h, i) => [h, i]));

// ---------------------------------------------------------------- formatting helpers
// RFC 4180 quoting, only when needed (as Shopify does); `""` is Shopify's explicit empty.
const esc = (s) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const money = (c) => `${Math.floor(c / 100)}.${pad2(c % 100)}`;
// Shopify prefixes an apostrophe to all-digit zips (Excel would drop leading zeros).
const zipField = (z) => (/^\d+$/.test(z) ? `'${z}` : z);
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
function token(rng, n) {
  let s = "";
  for (let i = 0; i < n; i++) s += ALNUM[Math.floor(rng() * 62)];
  return s;
}

// ---------------------------------------------------------------- customers
// Everything about customer `idx` except its order history comes from its own hash stream.
function customerProfile(seed, idx, phoneOnly) {
  const r = mulberry32(hash32(seed, idx));
  const first = pickOne(r, FIRST);
  const last = pickOne(r, LAST);
  const ci = pickCountry(r);
  const [code, , currency, vat, taxName, prefix, cities, streets] = COUNTRIES[ci];
  const [city, zipRaw, provCode = "", provName = ""] = pickOne(r, cities);
  // Czech/Slovak zips are written "170 00" or "17000" by different customers.
  const zip = (code === "CZ" || code === "SK") && r() < 0.5 ? zipRaw.replace(" ", "") : zipRaw;
  const street = `${pickOne(r, streets)} ${int(r, 1, 180)}`;
  const pattern = int(r, 0, 2);
  const f = asciiLower(first),
    l = asciiLower(last);
  // the number suffix makes every address unique (names hold no digits)
  const local = pattern === 0 ? `${f}.${l}${idx + 1}` : pattern === 1 ? `${f[0]}${l}${idx + 1}` : `${l}.${f}${idx + 1}`;
  const digits = String(600000000 + int(r, 0, 399999999));
  return {
    first,
    last,
    code,
    currency,
    vat,
    taxName,
    city,
    zip,
    street,
    provCode,
    provName,
    email: phoneOnly ? "" : `${local}@example.com`,
    phone: phoneOnly || r() < 0.6 ? prefix + digits : "", // customer phone, E.164
    phoneSpaced: `${prefix} ${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`,
    company: r() < 0.05 ? `${l[0].toUpperCase()}${l.slice(1)} & Co, s.r.o.` : "",
    address2: r() < 0.1 ? `Apt ${int(r, 1, 40)}` : "",
    acceptsMarketing: r() < 0.45,
    messyEmail: r() < 0.08, // sometimes typed with other case and stray spaces
    multiCurrency: r() < 0.05, // buys in both EUR and CZK
  };
}
// A differently typed version of the same address: other case, stray spaces.
function messyVariant(rng, email) {
  const [local, _domain] = email.split("@");
  const titled = local.replace(/(^|[.])([a-z])/g, (_m, p, c) => p + c.toUpperCase());
  const v = int(rng, 0, 3);
  if (v === 0) return `${titled}@Example.com `;
  if (v === 1) return ` ${email.toUpperCase()}`;
  if (v === 2) return `${titled}@example.com`;
  return ` ${local}@EXAMPLE.COM  `;
}

// A binary min-heap of (due slot, customer) for repeat purchases.
class Heap {
  constructor(cap) {
    this.k = new Float64Array(cap);
    this.v = new Int32Array(cap);
    this.n = 0;
  }
  push(key, val) {
    let i = this.n++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.k[p] <= key) break;
      this.k[i] = this.k[p];
      this.v[i] = this.v[p];
      i = p;
    }
    this.k[i] = key;
    this.v[i] = val;
  }
  pop() {
    const top = this.v[0],
      key = this.k[--this.n],
      val = this.v[this.n];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= this.n) break;
      if (c + 1 < this.n && this.k[c + 1] < this.k[c]) c++;
      if (this.k[c] >= key) break;
      this.k[i] = this.k[c];
      this.v[i] = this.v[c];
      i = c;
    }
    this.k[i] = key;
    this.v[i] = val;
    return top;
  }
}

// ---------------------------------------------------------------- timeline
// Order instants: a density over the span's hours (time of day, weekday, season, growth), and
// order i placed at quantile (i + u)/N of it, so instants are increasing and #1001.. in time order.
function makeTimeline(n, rng) {
  const hours = (SPAN_TO - SPAN_FROM) / 3600;
  const hourW = [2, 1, 1, 1, 1, 2, 4, 7, 10, 12, 13, 13, 12, 11, 10, 10, 11, 12, 14, 16, 17, 15, 10, 5];
  const dowW = [115, 110, 100, 100, 100, 90, 85]; // Sun..Sat
  const monthW = [85, 85, 95, 95, 95, 90, 85, 85, 100, 105, 135, 155];
  const cum = new Float64Array(hours + 1);
  for (let h = 0; h < hours; h++) {
    const local = SPAN_FROM + h * 3600 + pragueOffset(SPAN_FROM + h * 3600);
    const day = Math.floor(local / 86400);
    const month = new Date(day * 86400000).getUTCMonth();
    const w = hourW[Math.floor(local / 3600) % 24] * dowW[(day + 4) % 7] * monthW[month] * (1 + (1.5 * h) / hours);
    cum[h + 1] = cum[h] + w;
  }
  let b = 0;
  let last = SPAN_FROM;
  return (i) => {
    const target = ((i + rng()) / n) * cum[hours];
    while (b < hours - 1 && cum[b + 1] <= target) b++;
    const frac = (target - cum[b]) / (cum[b + 1] - cum[b]);
    last = Math.max(last, SPAN_FROM + b * 3600 + Math.min(3599, Math.floor(frac * 3600)));
    return last;
  };
}

// ---------------------------------------------------------------- main
async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const N = opts.orders,
    seed = opts.seed;
  checkPragueOffsets(SPAN_FROM, EXPORTED_AT);
  mkdirSync(opts.out, { recursive: true });
  const rng = mulberry32(hash32(seed, -1));
  const nextTime = makeTimeline(N, rng);
  const slotsPerDay = N / ((SPAN_TO - SPAN_FROM) / 86400);

  // Per-customer state (index = customer number, in order of first purchase).
  const custPhoneOnly = new Uint8Array(N + 1);
  const custOrders = new Int32Array(N + 1); // non-cancelled orders, for the customers export
  const custSpent = new Float64Array(N + 1); // EUR-equivalent cents of those orders, net of refunds
  let nCustomers = 0;
  const repeatQueue = new Heap(N + 1);
  const gapDays = new Float64Array(N + 1); // mean days between a customer's orders
  const dropout = new Float64Array(N + 1); // chance of not coming back after a repeat order

  // Per-order truth, kept to compute the default report window at the end.
  const oTime = new Float64Array(N),
    oCents = new Float64Array(N);
  const oCust = new Int32Array(N),
    oCur = new Uint8Array(N),
    oCounted = new Uint8Array(N);

  const stats = {
    seed,
    orders: N,
    lineItemRows: 0,
    createdFrom: "",
    createdTo: "",
    ordersByCurrency: { EUR: 0, CZK: 0 },
    ordersByFinancialStatus: {},
    cancelled: 0,
    ordersWithoutEmail: 0,
    distinctNormalisedEmails: 0,
    ordersWithMessyEmail: 0,
    customersBuyingInBothCurrencies: 0,
    ordersWithNotes: 0,
  };
  const bothCurrencies = new Uint8Array(N + 1); // bit 1 = EUR seen, bit 2 = CZK seen

  const out = createWriteStream(join(opts.out, "orders_export.csv"));
  let buf = `${HEADER}\n`;
  const flush = async (force) => {
    if (buf.length < 65536 && !force) return;
    const ok = out.write(buf);
    buf = "";
    if (!ok) await once(out, "drain"); // backpressure
  };

  let orderId = 5512345678901;
  const row = new Array(N_COLS);
  for (let i = 0; i < N; i++) {
    const created = nextTime(i);
    const name = `#${1001 + i}`;

    // --- who: no email (POS/draft), a due repeat customer, or a new customer
    let cust = -1,
      source,
      newCustomer = false;
    if (rng() < 0.05) {
      source = rng() < 0.6 ? "pos" : "shopify_draft_order";
      if (rng() < 0.3) {
        cust = nCustomers++;
        custPhoneOnly[cust] = 1;
      } // POS customer by phone
    } else {
      if (repeatQueue.n > 0 && repeatQueue.k[0] <= i) cust = repeatQueue.pop();
      else {
        cust = nCustomers++;
        newCustomer = true;
      }
      source = pickSource(rng);
    }
    const p = cust >= 0 ? customerProfile(seed, cust, custPhoneOnly[cust] === 1) : null;
    if (newCustomer) {
      gapDays[cust] = pickGapDays(rng);
      dropout[cust] = pickDropout(rng);
      if (p.email) stats.distinctNormalisedEmails++;
    }
    // alive at the first order; after each repeat order, gone with the customer's dropout chance
    if (cust >= 0 && !custPhoneOnly[cust] && (newCustomer || rng() >= dropout[cust])) {
      repeatQueue.push(i + gapDays[cust] * exponential(rng) * slotsPerDay, cust);
    }

    // --- currency: the customer's own, a few switch; walk-ins at the Prague store pay CZK
    let currency;
    if (p && !p.multiCurrency) currency = p.currency;
    else if (p?.multiCurrency) currency = rng() < 0.3 ? (p.currency === "EUR" ? "CZK" : "EUR") : p.currency;
    else currency = source === "pos" ? (rng() < 0.7 ? "CZK" : "EUR") : rng() < 0.15 ? "CZK" : "EUR";
    const czk = currency === "CZK";

    // --- line items and money (integer cents)
    const nItems = pickItemCount(rng);
    const items = [];
    for (let j = 0; j < nItems; j++) {
      let pi = pickProduct(rng);
      while (items.some((it) => it.pi === pi)) pi = (pi + 1) % PRODUCTS.length;
      const pr = PRODUCTS[pi];
      const price = czk ? pr[3] : pr[2];
      const qty = pickQty(rng);
      items.push({
        pi,
        pr,
        price,
        qty,
        line: price * qty,
        compareAt: rng() < 0.08 ? Math.floor((price * 6) / 5 / 100) * 100 + (czk ? 0 : 90) : 0,
      });
    }
    const subtotal = items.reduce((s, it) => s + it.line, 0);
    const taxableSubtotal = items.reduce((s, it) => s + (it.pr[5] ? it.line : 0), 0);
    const needsShipping = source !== "pos" && items.some((it) => it.pr[5]);
    let shipping = 0,
      shippingMethod = "";
    if (needsShipping) {
      const m = int(rng, 0, 2);
      if (czk)
        [shippingMethod, shipping] = [
          ["Zásilkovna - výdejní místo", 7900],
          ["PPL", 12900],
          [PICKUP, 0],
        ][m];
      else
        [shippingMethod, shipping] = [
          ["Packeta pick-up point", 490],
          ["DPD Classic", 690],
          ["DHL Express", 1490],
        ][m];
      if (subtotal >= (czk ? 150000 : 5000) && shipping > 0 && m < 2) shipping = 0; // free shipping threshold
    }
    let discountCode = "",
      discount = 0;
    const dr = rng();
    if (source !== "pos" && dr < 0.16) {
      const month = new Date((created + 3600) * 1000).getUTCMonth();
      if (newCustomer && dr < 0.08) {
        discountCode = "WELCOME10";
        discount = Math.floor((subtotal * 10 + 50) / 100);
      } else if (shipping > 0 && dr < 0.11) {
        discountCode = "FREESHIP";
        discount = shipping;
      } else if (month >= 10) {
        discountCode = "XMAS20";
        discount = Math.floor((subtotal * 20 + 50) / 100);
      } else {
        discountCode = "LETNA15";
        discount = Math.floor((subtotal * 15 + 50) / 100);
      }
    }
    const itemDiscount = discountCode === "FREESHIP" ? 0 : discount;
    // VAT added on top (tax-exclusive prices), on taxable goods net of their discount share + shipping.
    const taxableNet = taxableSubtotal - Math.floor((itemDiscount * taxableSubtotal) / Math.max(1, subtotal));
    const vat = p ? p.vat : 21;
    const taxes = Math.floor(((taxableNet + shipping - (discountCode === "FREESHIP" ? discount : 0)) * vat + 50) / 100);
    const total = subtotal + shipping + taxes - discount; // Σ lines + Shipping + Taxes − Discount Amount

    // --- status, payment, fulfilment
    const outcome = source === "pos" ? pickOutcomePos(rng) : source === "shopify_draft_order" ? pickOutcomeDraft(rng) : pickOutcomeWeb(rng);
    const cancelled = outcome === "cancelled";
    const financial = cancelled ? (rng() < 0.6 ? "refunded" : "voided") : outcome;
    let refunded = 0,
      outstanding = 0;
    if (financial === "refunded") refunded = total;
    else if (financial === "partially_refunded") refunded = Math.max(1, Math.min(total - 1, Math.floor(total * (0.1 + 0.6 * rng()))));
    else if (financial === "pending" || financial === "authorized") outstanding = total;
    else if (financial === "partially_paid") outstanding = Math.floor(total * (0.3 + 0.4 * rng()));
    const paymentMethod =
      source === "pos"
        ? rng() < 0.5
          ? "Cash"
          : "Shopify Payments"
        : source === "shopify_draft_order"
          ? financial === "pending"
            ? "Bank Deposit"
            : "manual"
          : financial === "pending"
            ? "Cash on Delivery (COD)"
            : financial === "authorized" || financial === "voided"
              ? "Shopify Payments"
              : financial === "partially_paid"
                ? "Bank Deposit"
                : pickWebPayment(rng);
    const hasPayment = financial !== "pending" && financial !== "authorized" && financial !== "voided";
    let payRef = "";
    if (hasPayment || financial === "voided" || financial === "authorized") {
      payRef =
        paymentMethod === "Shopify Payments"
          ? `c${orderId % 100000000000}.1`
          : paymentMethod === "PayPal Express Checkout"
            ? token(rng, 17).toUpperCase()
            : `r${token(rng, 24)}`;
    }
    // Paid at: empty when unpaid, and for app-channel orders even when paid (seen in real files).
    const paidAt =
      hasPayment && source !== "301689896961"
        ? Math.min(
            EXPORTED_AT,
            created + (paymentMethod === "Cash on Delivery (COD)" ? int(rng, 2, 5) * 86400 + int(rng, 0, 30000) : int(rng, 1, 90)),
          )
        : 0;
    const cancelledAt = cancelled ? Math.min(EXPORTED_AT, created + int(rng, 600, 3 * 86400)) : 0;
    let fulfillment = "unfulfilled",
      fulfilledAt = 0;
    if (!cancelled && financial !== "voided" && financial !== "authorized") {
      const at = source === "pos" ? created + int(rng, 5, 60) : created + int(rng, 3 * 3600, 3 * 86400);
      if (at < EXPORTED_AT) {
        fulfillment = nItems > 1 && rng() < 0.03 ? "partial" : "fulfilled";
        fulfilledAt = fulfillment === "fulfilled" ? at : 0;
      }
    }

    // --- identity fields
    let email = "";
    if (p?.email) {
      email = p.messyEmail && rng() < 0.5 ? messyVariant(rng, p.email) : p.email;
      if (email !== p.email) stats.ordersWithMessyEmail++;
    }
    const continuationEmail = rng() < 0.5; // about half the orders repeat Email/Phone on later rows
    const note = rng() < 0.025 ? pickOne(rng, NOTES) : "";
    const noteAttributes = rng() < 0.03 ? pickOne(rng, NOTE_ATTRIBUTES) : "";
    if (note || noteAttributes) stats.ordersWithNotes++;
    const tags = cust >= 0 && custOrders[cust] >= 4 ? "VIP" : items.some((it) => it.pr[1] === "SUB-3M") ? "subscription" : "";
    orderId += int(rng, 20000, 2000000);

    // --- first row: all order-level fields
    row.fill("");
    row[C.Name] = name;
    row[C.Email] = email;
    row[C["Financial Status"]] = financial;
    row[C["Paid at"]] = paidAt ? shopifyTime(paidAt) : "";
    row[C["Fulfillment Status"]] = fulfillment;
    row[C["Fulfilled at"]] = fulfilledAt ? shopifyTime(fulfilledAt) : "";
    row[C["Accepts Marketing"]] = p?.acceptsMarketing ? "yes" : "no";
    row[C.Currency] = currency;
    // Shopify's Subtotal is after the items' discounts (Σ lines − Discount Amount, as in real
    // exports); a FREESHIP discount is the shipping's, so it leaves the Subtotal whole.
    row[C.Subtotal] = money(subtotal - itemDiscount);
    row[C.Shipping] = money(shipping);
    row[C.Taxes] = money(taxes);
    row[C.Total] = money(total);
    row[C["Discount Code"]] = discountCode || '""';
    row[C["Discount Amount"]] = money(discount);
    row[C["Shipping Method"]] = shippingMethod || '""';
    if (p && source !== "pos") {
      const billing = [
        esc(`${p.first} ${p.last}`),
        esc(p.street),
        esc(p.street),
        p.address2,
        esc(p.company),
        p.city,
        zipField(p.zip),
        p.provCode,
        p.code,
        p.phone ? `'${p.phoneSpaced}` : "",
      ];
      for (let j = 0; j < billing.length; j++) row[C["Billing Name"] + j] = billing[j];
      // no shipping address for POS, gift-card/course-only orders and local pick-up
      const shipped = needsShipping && shippingMethod !== PICKUP;
      if (shipped) for (let j = 0; j < billing.length; j++) row[C["Shipping Name"] + j] = billing[j];
      row[C["Billing Province Name"]] = p.provName;
      if (shipped) row[C["Shipping Province Name"]] = p.provName;
    } else if (p) row[C["Billing Name"]] = esc(`${p.first} ${p.last}`);
    row[C.Notes] = esc(note);
    row[C["Note Attributes"]] = noteAttributes ? esc(noteAttributes) : '""';
    row[C["Cancelled at"]] = cancelledAt ? shopifyTime(cancelledAt) : "";
    row[C["Payment Method"]] = paymentMethod;
    row[C["Payment Reference"]] = payRef;
    row[C["Refunded Amount"]] = money(refunded);
    row[C["Outstanding Balance"]] = money(outstanding);
    if (source === "pos") {
      row[C.Employee] = rng() < 0.5 ? "Tereza Dvořáková" : "Jakub Malý";
      row[C.Location] = "Letná store";
      row[C["Device ID"]] = String(int(rng, 1, 3) * 1048576 + 7);
      row[C["Receipt Number"]] = String(int(rng, 1000, 9999));
    } else if (source === "shopify_draft_order") {
      row[C.Employee] = "Petr Kopecký";
      row[C.Location] = "Holešovice warehouse";
    }
    row[C.Id] = String(orderId);
    row[C.Tags] = tags || '""';
    row[C["Risk Level"]] = pickRisk(rng);
    row[C.Source] = source;
    if (taxes > 0) {
      row[C["Tax 1 Name"]] = p ? p.taxName : "DPH 21%";
      row[C["Tax 1 Value"]] = money(taxes);
    }
    row[C.Phone] = p ? p.phone : "";
    if (payRef) {
      row[C["Payment ID"]] = payRef;
      row[C["Payment References"]] = payRef;
    }
    if (source === "shopify_draft_order" && financial === "pending") {
      row[C["Payment Terms Name"]] = "Net 14";
      row[C["Next Payment Due At"]] = shopifyTime(created + 14 * 86400);
    }

    // --- line items: the first on the order row, the rest on continuation rows
    const createdText = shopifyTime(created);
    let discLeft = itemDiscount;
    for (let j = 0; j < nItems; j++) {
      const it = items[j];
      if (j > 0) {
        row.fill("");
        row[C.Name] = name;
        if (continuationEmail) {
          row[C.Email] = email;
          row[C.Phone] = p ? p.phone : "";
        }
      }
      // this line's share of the order discount; the last line takes the rounding remainder
      const share = j === nItems - 1 ? discLeft : Math.floor((itemDiscount * it.line) / subtotal);
      discLeft -= share;
      row[C["Created at"]] = createdText;
      row[C["Lineitem quantity"]] = String(it.qty);
      row[C["Lineitem name"]] = esc(it.pr[0]);
      row[C["Lineitem price"]] = money(it.price);
      row[C["Lineitem compare at price"]] = it.compareAt ? money(it.compareAt) : j > 0 ? '""' : "";
      row[C["Lineitem sku"]] = it.pr[1] || (j > 0 ? '""' : "");
      row[C["Lineitem requires shipping"]] = it.pr[5] ? "true" : "false";
      row[C["Lineitem taxable"]] = it.pr[5] ? "true" : "false";
      row[C["Lineitem fulfillment status"]] =
        fulfillment === "fulfilled" || (fulfillment === "partial" && j === 0) ? "fulfilled" : "pending";
      row[C.Vendor] = esc(it.pr[4]);
      row[C["Lineitem discount"]] = money(share);
      buf += `${row.join(",")}\n`;
      stats.lineItemRows++;
    }
    await flush(false);

    // --- bookkeeping: stats, customer totals, truth for the report window
    if (i === 0) stats.createdFrom = createdText;
    stats.createdTo = createdText;
    stats.ordersByCurrency[currency]++;
    stats.ordersByFinancialStatus[financial] = (stats.ordersByFinancialStatus[financial] || 0) + 1;
    if (cancelled) stats.cancelled++;
    if (!email) stats.ordersWithoutEmail++;
    if (p?.email) bothCurrencies[cust] |= czk ? 2 : 1;
    if (p && !cancelled) {
      custOrders[cust]++;
      const net = total - refunded;
      custSpent[cust] += czk ? Math.floor((net + CZK_PER_EUR / 2) / CZK_PER_EUR) : net;
    }
    oTime[i] = created;
    oCents[i] = total - refunded;
    oCur[i] = czk ? 1 : 0;
    oCust[i] = p?.email ? cust : -1;
    oCounted[i] = !cancelled && COUNTED_STATUSES.has(financial) ? 1 : 0;
  }
  await flush(true);
  out.end();
  await once(out, "finish");
  for (let c = 0; c < nCustomers; c++) if (bothCurrencies[c] === 3) stats.customersBuyingInBothCurrencies++;

  if (opts.customersFile) Object.assign(stats, await writeCustomers(opts, nCustomers, custPhoneOnly, custOrders, custSpent));
  stats.expectedReport = expectedReport(N, oTime, oCents, oCust, oCur, oCounted, nCustomers);
  process.stderr.write(`${JSON.stringify(stats, null, 2)}\n`);
}

// customers_export.csv: every customer who ordered (phone-only POS customers have no email),
// plus newsletter-only subscribers (Total Orders 0, tag "newsletter") in between.
async function writeCustomers(opts, nCustomers, custPhoneOnly, custOrders, custSpent) {
  const seed = opts.seed;
  const rng = mulberry32(hash32(seed, -2));
  const out = createWriteStream(join(opts.out, "customers_export.csv"));
  let buf = `${CUSTOMERS_HEADER}\n`;
  let id = 7012345600000;
  let rows = 0,
    newsletter = 0,
    phoneOnly = 0;
  const line = (p, accepts, spent, orders, note, tags) => {
    id += int(rng, 1, 5000);
    rows++;
    return `${[
      `'${id}`,
      esc(p.first),
      esc(p.last),
      p.email,
      accepts ? "yes" : "no",
      esc(p.company),
      esc(p.street),
      p.address2,
      p.city,
      p.provCode,
      p.code,
      zipField(p.zip),
      `'${p.phoneSpaced}`,
      p.phone,
      p.phone && rng() < 0.1 ? "yes" : "no",
      money(spent),
      String(orders),
      esc(note),
      "no",
      tags,
    ].join(",")}\n`;
  };
  for (let c = 0; c < nCustomers; c++) {
    if (rng() < 0.03) {
      // newsletter-only: its own index range, so the address can't collide with a buyer's
      const p = customerProfile(seed, nCustomers + 1 + newsletter, false);
      newsletter++;
      buf += line(
        { ...p, street: "", address2: "", company: "", city: "", provCode: "", code: "", zip: "", phone: "" },
        true,
        0,
        0,
        "",
        "newsletter",
      );
    }
    const p = customerProfile(seed, c, custPhoneOnly[c] === 1);
    if (custPhoneOnly[c]) phoneOnly++;
    const tags = [custOrders[c] >= 5 ? "VIP" : "", p.acceptsMarketing && rng() < 0.3 ? "newsletter" : ""].filter(Boolean).join(", ");
    const note = rng() < 0.01 ? 'Prefers pick-up at Letná,\nasks for "light roast" only' : "";
    buf += line(p, p.acceptsMarketing, custSpent[c], custOrders[c], note, tags);
    if (buf.length >= 65536) {
      if (!out.write(buf)) await once(out, "drain");
      buf = "";
    }
  }
  out.end(buf);
  await once(out, "finish");
  return { customersRows: rows, customersNewsletterOnly: newsletter, customersPhoneOnly: phoneOnly };
}

// The metrics the CLI should print for its default run on this file: as-of = Prague date of the
// latest order, window 365 days ending at local midnight after as-of. Computed from the
// generator's own truth (not from the CSV), as an oracle for the CLI and the DuckDB check.
function expectedReport(N, oTime, oCents, oCust, oCur, oCounted, nCustomers) {
  let latest = -Infinity;
  for (let i = 0; i < N; i++) if (oTime[i] > latest) latest = oTime[i];
  const asOfDay = pragueDayNo(latest);
  const from = pragueMidnight(asOfDay + 1 - 365),
    to = pragueMidnight(asOfDay + 1);
  const groups = {};
  for (const [cur, code] of [
    ["EUR", 0],
    ["CZK", 1],
  ]) {
    const inWin = new Int32Array(nCustomers),
      firstCounted = new Float64Array(nCustomers).fill(Infinity);
    let orders = 0,
      revenue = 0,
      identified = 0,
      customers = 0,
      repeaters = 0,
      newCustomers = 0;
    for (let i = 0; i < N; i++) {
      if (oCur[i] !== code || !oCounted[i]) continue;
      const c = oCust[i];
      if (c >= 0 && oTime[i] < firstCounted[c]) firstCounted[c] = oTime[i];
      if (oTime[i] < from || oTime[i] >= to) continue;
      orders++;
      revenue += oCents[i];
      if (c >= 0) {
        identified++;
        if (++inWin[c] === 1) customers++;
        else if (inWin[c] === 2) repeaters++;
      }
    }
    for (let c = 0; c < nCustomers; c++) if (firstCounted[c] >= from && firstCounted[c] < to) newCustomers++;
    groups[cur] = {
      orders,
      revenue: revenue / 100,
      aov: orders ? Math.floor((2 * revenue + orders) / (2 * orders)) / 100 : null,
      customers,
      purchaseFrequency: customers ? identified / customers : null,
      repeatPurchaseRate: customers ? repeaters / customers : null,
      guestCheckoutRate: null,
      newCustomers,
    };
  }
  const iso = (t) =>
    shopifyTime(t)
      .replace(" ", "T")
      .replace(/ ([+-]\d\d)(\d\d)$/, "$1:$2");
  return { asOf: localDate(asOfDay), window: { from: iso(from), to: iso(to), days: 365 }, groups };
}

main().catch((e) => {
  process.stderr.write(`generate-shop: ${e.stack || e}\n`);
  process.exit(1);
});

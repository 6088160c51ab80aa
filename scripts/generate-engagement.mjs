#!/usr/bin/env node
// Writes the sample shop's engagement inputs beside its orders (fixtures/sample-shop):
//   survey_responses.csv  a Czech Google Forms responses file re-saved by Excel (windows-1250, `;`,
//                         CRLF): Časová značka; E-mailová adresa; an NPS (0–10) and a CSAT (1–5
//                         labels) question; a free-text note
//   heureka_reviews.xml   a Heureka "Ověřeno zákazníky" shop reviews export: total_rating 0.5–5 in
//                         halves, some reviews without one, unix_timestamp in seconds
//   zendesk_tickets.csv   a Zendesk Support CSV export (the full header), times in the account's
//                         zone Europe/Prague, about one ticket per eight orders, many from the
//                         orders' customers; first reply minutes log-normal-ish, some unanswered
//   ga4_sessions.csv      a GA4 report download: the `#` preamble, then Date,Sessions,Active
//                         users,Session key event rate per day for the 365 days to the last order's
//                         day, sessions derived from the web orders per day, and a Grand total row
// The last two read DIR/orders_export.csv (scripts/generate-shop.mjs writes it), so run that first.
// Seeded (mulberry32), integer arithmetic only: byte-identical on any machine. Every file has its
// own stream (seed ^ a constant), so changing one file's model leaves the others as they were.
//   node scripts/generate-engagement.mjs [--out DIR] [--seed S]      (DIR defaults to fixtures/sample-shop)
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { mulberry32 } from "./lib/random.mjs";

const args = process.argv.slice(2);
const out = args.includes("--out") ? args[args.indexOf("--out") + 1] : join(import.meta.dirname, "..", "fixtures", "sample-shop");
const seed = args.includes("--seed") ? Number(args[args.indexOf("--seed") + 1]) : 42;
if (!out || out.startsWith("--")) {
  process.stderr.write("usage: node scripts/generate-engagement.mjs [--out DIR] [--seed S]\n");
  process.exit(2);
}

// pairs = [[value, weight], ...]: a weighted choice drawn from `rand`.
const weighted = (rand) => (weights) => {
  const total = weights.reduce((s, [, w]) => s + w, 0);
  let r = rand() * total;
  for (const [value, w] of weights) {
    r -= w;
    if (r < 0) return value;
  }
  return weights[weights.length - 1][0];
};
const rng = mulberry32(seed ^ 0x5eed);
const pick = weighted(rng);
const pad = (n) => String(n).padStart(2, "0");

// The shop's days: 2023-09-01 … 2026-06-30, as UTC days (the local time is Prague's, written as is).
const FIRST = Date.UTC(2023, 8, 1) / 86_400_000;
const LAST = Date.UTC(2026, 5, 30) / 86_400_000;
const civil = (day) => {
  const d = new Date(day * 86_400_000);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() };
};

// The survey: answers grow happier over time (the shop improves), so the trend has a direction.
const CSAT_LABELS = {
  5: "5 (Velmi spokojen)",
  4: "4 (Spokojen)",
  3: "3 (Ani spokojen, ani nespokojen)",
  2: "2 (Nespokojen)",
  1: "1 (Velmi nespokojen)",
};
const NOTES = [
  "",
  "",
  "",
  "Rychlé dodání",
  "Skvělá káva, děkuji!",
  "Balík přišel pozdě",
  "Příště zkusím výběrovou Etiopii",
  "Čerstvě pražené, voňavé",
];
const rows = [
  "Časová značka;E-mailová adresa;Jak pravděpodobné je, že byste nás doporučil(a) známým?;Jak jste spokojen(a) s nákupem?;Poznámka",
];
let responses = 0;
for (let day = FIRST; day <= LAST; day++) {
  const n = pick([
    [0, 55],
    [1, 35],
    [2, 10],
  ]);
  for (let k = 0; k < n; k++) {
    const progress = (day - FIRST) / (LAST - FIRST); // 0 → 1
    const happy = rng() < 0.45 + 0.25 * progress;
    const nps = happy
      ? pick([
          [9, 4],
          [10, 5],
          [8, 2],
        ])
      : pick([
          [0, 1],
          [3, 1],
          [5, 2],
          [6, 3],
          [7, 4],
          [8, 2],
        ]);
    const csat =
      nps >= 9
        ? pick([
            [5, 6],
            [4, 3],
          ])
        : nps >= 7
          ? pick([
              [4, 5],
              [3, 2],
              [5, 1],
            ])
          : pick([
              [3, 3],
              [2, 3],
              [1, 2],
            ]);
    const { y, m, d } = civil(day);
    const hour = 7 + Math.floor(rng() * 15);
    const time = `${d}.${m}.${y} ${hour}:${pad(Math.floor(rng() * 60))}:${pad(Math.floor(rng() * 60))}`;
    const email = rng() < 0.7 ? `zakaznik${1 + Math.floor(rng() * 900)}@example.com` : "";
    // One answer in forty skips the satisfaction question.
    rows.push([time, email, String(nps), rng() < 0.025 ? "" : CSAT_LABELS[csat], NOTES[Math.floor(rng() * NOTES.length)]].join(";"));
    responses++;
  }
}
// windows-1250, as Excel writes a Czech CSV: Buffer has no cp1250 encoder, so by hand for the letters used.
const CP1250 = {
  Č: 0xc8,
  č: 0xe8,
  á: 0xe1,
  é: 0xe9,
  ě: 0xec,
  í: 0xed,
  ř: 0xf8,
  š: 0x9a,
  ý: 0xfd,
  ž: 0x9e,
  ů: 0xf9,
  ú: 0xfa,
  Ř: 0xd8,
  Ž: 0x8e,
  Š: 0x8a,
  ň: 0xf2,
  ť: 0x9d,
  ď: 0xef,
  ó: 0xf3,
};
const text = `${rows.join("\r\n")}\r\n`;
const bytes = Buffer.alloc(text.length);
for (let i = 0; i < text.length; i++) {
  const c = text[i];
  const code = c.charCodeAt(0) < 0x80 ? c.charCodeAt(0) : CP1250[c];
  if (code === undefined) throw new Error(`no windows-1250 byte for ${JSON.stringify(c)}`);
  bytes[i] = code;
}
writeFileSync(join(out, "survey_responses.csv"), bytes);

// Heureka shop reviews: about one every three days, ratings in halves, some with no rating.
const PROS = ["rychlé dodání", "výborná káva", "hezky zabalené", "ochotná komunikace", "čerstvé pražení"];
const CONS = ["doprava mohla být levnější", "chyběl dárek", "pozdní doručení", ""];
const reviews = ['<?xml version="1.0" encoding="utf-8"?>', "<reviews>"];
let id = 512000000;
let written = 0;
for (let day = FIRST; day <= LAST; day++) {
  if (rng() >= 0.33) continue;
  const progress = (day - FIRST) / (LAST - FIRST);
  const rated = rng() >= 0.08;
  const rating = pick([
    [5, 5 + 4 * progress],
    [4.5, 3],
    [4, 2],
    [3.5, 1],
    [3, 1],
    [2, 0.6],
    [1, 0.4],
    [0.5, 0.2],
  ]);
  const at = Math.floor(day * 86_400 + 6 * 3600 + rng() * 15 * 3600);
  reviews.push(
    "  <review>",
    `    <rating_id>${id++}</rating_id>`,
    "    <source>Heureka.cz</source>",
    `    <name><![CDATA[Zákazník ${1 + Math.floor(rng() * 900)}]]></name>`,
    ...(rated ? [`    <total_rating>${rating}</total_rating>`] : []),
    `    <recommends>${rated && rating >= 3 ? 1 : 0}</recommends>`,
    `    <pros><![CDATA[${PROS[Math.floor(rng() * PROS.length)]}]]></pros>`,
    `    <cons><![CDATA[${CONS[Math.floor(rng() * CONS.length)]}]]></cons>`,
    `    <unix_timestamp>${at}</unix_timestamp>`,
    "  </review>",
  );
  written++;
}
reviews.push("</reviews>", "");
writeFileSync(join(out, "heureka_reviews.xml"), reviews.join("\n"));

// ---------------------------------------------------------------- the orders (DIR/orders_export.csv)
// The helpdesk and the analytics files follow the shop's orders: tickets come from its customers
// after their orders, sessions follow the web orders per day. One row per line item; the
// order-level fields are on an order's first row.
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  return rows;
}

// Europe/Prague by the EU rule (CEST from the last Sunday of March 01:00 UTC to the last Sunday of
// October 01:00 UTC), as scripts/generate-shop.mjs computes it (and checks against Intl); times are
// UTC seconds, days are Prague day numbers (days since 1970-01-01 in Prague's calendar).
const lastSundayUtc = (year, month0) => Date.UTC(year, month0 + 1, -new Date(Date.UTC(year, month0 + 1, 0)).getUTCDay(), 1) / 1000;
const pragueOffset = (t) => {
  const y = new Date(t * 1000).getUTCFullYear();
  return t >= lastSundayUtc(y, 2) && t < lastSundayUtc(y, 9) ? 7200 : 3600;
};
const pragueDay = (t) => Math.floor((t + pragueOffset(t)) / 86_400);
// Local midnight starting Prague day `day`: the switch is at 01:00 UTC, so the offset 2 h earlier is midnight's.
const pragueMidnight = (day) => day * 86_400 - pragueOffset(day * 86_400 - 7200);
const isoDate = (day) => {
  const { y, m, d } = civil(day);
  return `${y}-${pad(m)}-${pad(d)}`;
};
// Zendesk's CSV time: the account zone's wall time, no offset ("2025-11-03 14:07:55").
const wallTime = (t) => {
  const local = t + pragueOffset(t);
  const sod = local - Math.floor(local / 86_400) * 86_400;
  return `${isoDate(Math.floor(local / 86_400))} ${pad(Math.floor(sod / 3600))}:${pad(Math.floor(sod / 60) % 60)}:${pad(sod % 60)}`;
};

const orderRows = parseCsv(readFileSync(join(out, "orders_export.csv"), "utf8"));
const col = Object.fromEntries(orderRows[0].map((name, i) => [name, i]));
const orders = [];
const seenOrder = new Set();
for (const r of orderRows.slice(1)) {
  if (seenOrder.has(r[col.Name])) continue; // a continuation row (another line item)
  seenOrder.add(r[col.Name]);
  const [, y, mo, d, h, mi, s, sign, oh, om] = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d) ([+-])(\d\d)(\d\d)$/.exec(r[col["Created at"]]);
  const at = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s) / 1000 - (sign === "-" ? -1 : 1) * (oh * 3600 + om * 60);
  orders.push({
    name: r[col.Name],
    // The helpdesk has one user per address: trimmed and lower-cased, whatever the order wrote.
    email: r[col.Email].trim().toLowerCase(),
    customer: r[col["Billing Name"]],
    country: r[col["Billing Country"]],
    source: r[col.Source],
    at,
    day: pragueDay(at),
  });
}
orders.sort((a, b) => a.at - b.at);
const FIRST_ORDER_DAY = orders[0].day;
const AS_OF = orders[orders.length - 1].day; // the report's as-of: the last order's Prague day
const EXPORTED = pragueMidnight(AS_OF + 1); // both exports are taken as the as-of day ends
const int = (rand, lo, hi) => lo + Math.floor(rand() * (hi - lo + 1)); // inclusive

// ---------------------------------------------------------------- zendesk_tickets.csv
// A log-normal of median 1 and σ 1.2, as its quantiles (exp(1.2·Φ⁻¹(p)), 4 digits; the ends cut at
// z = −3.2 and +3.0), interpolated linearly: no Math.exp/log runs, whose last bit may differ
// between engines. Times a channel's median (REPLY_MEDIAN), it gives the first reply: for mail,
// median 250 min, p90 19 h, at most 6.4 days; with chats and calls the file's median is about 3 h.
const LOGNORMAL = [
  [0, 0.02149],
  [0.01, 0.06132],
  [0.025, 0.09518],
  [0.05, 0.1389],
  [0.1, 0.2148],
  [0.15, 0.2883],
  [0.2, 0.3642],
  [0.25, 0.4451],
  [0.3, 0.533],
  [0.35, 0.6298],
  [0.4, 0.7378],
  [0.45, 0.86],
  [0.5, 1],
  [0.55, 1.163],
  [0.6, 1.355],
  [0.65, 1.588],
  [0.7, 1.876],
  [0.75, 2.247],
  [0.8, 2.745],
  [0.85, 3.468],
  [0.9, 4.655],
  [0.95, 7.198],
  [0.975, 10.51],
  [0.99, 16.31],
  [1, 36.6],
];
const logNormal = (u) => {
  let i = 1;
  while (LOGNORMAL[i][0] < u) i++;
  const [p0, q0] = LOGNORMAL[i - 1];
  const [p1, q1] = LOGNORMAL[i];
  return q0 + ((q1 - q0) * (u - p0)) / (p1 - p0);
};
const trand = mulberry32(seed ^ 0x7e1c3e75);
const tpick = weighted(trand);
const tone = (arr) => arr[Math.floor(trand() * arr.length)];

// What tickets are about. `order` topics come from a customer some days after an order (`days`
// after it, uniformly) and name it; the others are questions from anyone, on any day.
const TOPICS = [
  {
    w: 30,
    order: true,
    days: [2, 9],
    tags: "doprava",
    type: "question",
    priority: "normal",
    cs: (n) => `Kde je moje objednávka ${n}?`,
    en: (n) => `Where is my order ${n}?`,
  },
  {
    w: 12,
    order: true,
    days: [2, 12],
    tags: "reklamace poskozeni",
    type: "incident",
    priority: "high",
    cs: (n) => `Reklamace: poškozený balík (${n})`,
    en: (n) => `Damaged parcel, order ${n}`,
  },
  {
    w: 9,
    order: true,
    days: [2, 12],
    tags: "reklamace zamena",
    type: "incident",
    priority: "normal",
    cs: (n) => `Objednávka ${n}, přišla jiná káva`,
    en: (n) => `Order ${n}, wrong coffee in the box`,
  },
  {
    w: 10,
    order: true,
    days: [0, 1],
    tags: "zmena_adresy",
    type: "question",
    priority: "high",
    cs: (n) => `Změna doručovací adresy, ${n}`,
    en: (n) => `Change of delivery address, ${n}`,
  },
  {
    w: 10,
    order: true,
    days: [1, 30],
    tags: "faktura",
    type: "question",
    priority: "low",
    cs: (n) => `Faktura k objednávce ${n}`,
    en: (n) => `Invoice for order ${n}`,
  },
  {
    w: 8,
    order: true,
    days: [3, 20],
    tags: "vraceni_penez",
    type: "incident",
    priority: "normal",
    cs: (n) => `Vrácení peněz za objednávku ${n}`,
    en: (n) => `Refund for order ${n}`,
  },
  {
    w: 6,
    tags: "dotaz mleti",
    type: "question",
    priority: "low",
    cs: () => "Jaké mletí na moka konvičku?",
    en: () => "Which grind for a moka pot?",
  },
  {
    w: 6,
    tags: "dotaz sklad",
    type: "question",
    priority: "low",
    cs: () => 'Etiopie "Yirgacheffe" – kdy bude zase skladem?',
    en: () => 'When is "Yirgacheffe" back in stock?',
  },
  {
    w: 4,
    tags: "predplatne",
    type: "question",
    priority: "normal",
    cs: () => "Předplatné: pauza na léto",
    en: () => "Pausing my subscription",
  },
  {
    w: 3,
    tags: "poukaz",
    type: "question",
    priority: "low",
    cs: () => "Dárkový poukaz, platnost",
    en: () => "Gift card, how long is it valid?",
  },
  {
    w: 3,
    tags: "ucet",
    type: "incident",
    priority: "normal",
    cs: () => "Nejde mi přihlášení do účtu",
    en: () => "I cannot log in to my account",
  },
  {
    w: 3,
    wholesale: true,
    tags: "velkoobchod",
    type: "question",
    priority: "normal",
    cs: () => "Velkoobchodní spolupráce pro kavárnu",
    en: () => "Wholesale coffee for our café",
  },
];
const ORDER_TOPICS = TOPICS.filter((t) => t.order).map((t) => [t, t.w]);
const OTHER_TOPICS = TOPICS.filter((t) => !t.order).map((t) => [t, t.w]);
// People who are not the shop's customers (no order has their email; customers' emails end in digits).
const STRANGERS = [
  ["Tomáš Král", "tomas.kral"],
  ["Eva Marková", "eva.markova"],
  ["Jakub Veselý", "jakub.vesely"],
  ["Tereza Pokorná", "tereza.pokorna"],
  ["Ondřej Šimek", "ondrej.simek"],
  ["Klára Němcová", "klara.nemcova"],
  ["Lukas Weber", "lukas.weber"],
  ["Sophie Laurent", "sophie.laurent"],
  ["Marek Zelenka", "marek.zelenka"],
  ["Anna Richter", "anna.richter"],
  ["Pieter de Vries", "pieter.devries"],
  ["Martina Kolárová", "martina.kolarova"],
];
const CAFES = ["Kavárna Pod Lipami s.r.o.", "Café Adria, s.r.o.", "Bistro Na Rohu", "Kaffeehaus Brünn GmbH"];
const AGENTS = [
  ["Petra Dvořáková", 5],
  ["Martin Horák", 3],
  ["Lucie Benešová", 2],
];
const OWNER = "Jan Malý"; // handles the wholesale group himself
// Local hour a ticket is written at (the customer's day, rarely at night).
const HOURS = Array.from({ length: 24 }, (_, h) => [h, h < 7 ? 1 : h === 7 ? 3 : h < 18 ? 8 : h < 22 ? 5 : 2]);
const VIA = [
  ["Mail", 48],
  ["Web form", 30],
  ["Chat", 14],
  ["Phone call", 8],
];
// Median first reply in minutes by channel: mail and the form wait for the team, a chat or a call
// is answered while it happens (a call's ticket is written by the agent).
const REPLY_MEDIAN = { Mail: 250, "Web form": 250, Chat: 12, "Phone call": 4 };
const language = (country) => (country === "CZ" || country === "SK" || country === "" ? "cs" : "en");

const drafts = [];
// Tickets about orders: about one order in nine with an email brings one.
for (const o of orders) {
  if (!o.email || trand() >= 0.11) continue;
  const topic = tpick(ORDER_TOPICS);
  const at = o.at + Math.floor(topic.days[0] * 86_400 + trand() * (topic.days[1] - topic.days[0] + 1) * 86_400);
  const draft = { at, topic, subject: topic[language(o.country)](o.name), name: o.customer, email: o.email };
  if (at < EXPORTED) drafts.push(draft);
}
// Questions not about an order: on about one day in eleven; two in five from customers who
// have already bought (a customer of a random earlier order).
const byDay = new Map();
for (let k = 0; k < orders.length; k++) if (!byDay.has(orders[k].day)) byDay.set(orders[k].day, k);
for (let day = FIRST_ORDER_DAY; day <= AS_OF; day++) {
  if (trand() >= 0.09) continue;
  const topic = tpick(OTHER_TOPICS);
  const at = pragueMidnight(day) + tpick(HOURS) * 3600 + Math.floor(trand() * 3600);
  const before = orders.slice(0, byDay.get(day) ?? orders.findIndex((o) => o.day > day)).filter((o) => o.email);
  const known = !topic.wholesale && before.length > 0 && trand() < 0.4 ? before[Math.floor(trand() * before.length)] : null;
  if (known) {
    drafts.push({ at, topic, subject: topic[language(known.country)](), name: known.customer, email: known.email });
  } else {
    const [name, slug] = tone(STRANGERS);
    const lang = trand() < 0.6 ? "cs" : "en";
    const email = trand() < 0.7 ? `${slug}@example.com` : `${slug[0]}${slug.slice(slug.indexOf(".") + 1)}@example.com`;
    drafts.push({ at, topic, subject: topic[lang](), name, email, org: topic.wholesale ? tone(CAFES) : "" });
  }
}
drafts.sort((a, b) => a.at - b.at);

const ZENDESK_HEADER =
  "Summation column,Id,Requester,Requester id,Requester external id,Requester email,Requester domain,Submitter,Assignee,Group,Subject,Tags,Status,Priority,Via,Ticket type,Created at,Updated at,Assigned at,Organization,Due date,Initially assigned at,Solved at,Resolution time,Satisfaction Score,Group stations,Assignee stations,Reopens,Replies,First reply time in minutes,First reply time in minutes within business hours,First resolution time in minutes,First resolution time in minutes within business hours,Full resolution time in minutes,Full resolution time in minutes within business hours,Agent wait time in minutes,Agent wait time in minutes within business hours,Requester wait time in minutes,Requester wait time in minutes within business hours,On hold time in minutes,On hold time in minutes within business hours";
const csvField = (v) => (/[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
const CLOSE_AFTER = 28 * 86_400; // Zendesk's automation closes a solved ticket 28 days on
const minutes = (from, to) => Math.floor((to - from) / 60);
const tickets = [ZENDESK_HEADER];
const requesterIds = new Map();
const ticketStats = { tickets: 0, unanswered: 0, status: {}, via: {}, fromCustomers: 0, solvedAcrossDst: 0, firstReplies: [] };
const orderEmails = new Set(orders.map((o) => o.email));
let ticketId = 1041; // the account's first tickets were Zendesk's samples and tests, deleted
for (const { at, topic, subject, name, email, org = "" } of drafts) {
  ticketId += trand() < 0.04 ? 2 : 1; // a deleted ticket (spam) leaves a gap
  const via = topic.wholesale
    ? tpick([
        ["Mail", 3],
        ["Phone call", 1],
      ])
    : tpick(VIA);
  // A caller may give no email (the agent types the name only).
  const requesterEmail = via === "Phone call" && !orderEmails.has(email) && trand() < 0.5 ? "" : email;
  const key = requesterEmail || name;
  if (!requesterIds.has(key)) requesterIds.set(key, 21_467_859_000_000 + requesterIds.size * 48_271 + int(trand, 0, 9999));
  const agent = topic.wholesale ? OWNER : tpick(AGENTS);
  const group = topic.wholesale ? "Velkoobchod" : "Zákaznická podpora";

  // The ticket's life: its first public reply (none for about one in twelve, calls aside), then
  // solved (once or, if reopened, twice), or left pending (waiting for the customer) or open (the
  // customer wrote back). Whatever falls after the export has not happened yet.
  const neverAnswered = via !== "Phone call" && trand() < 0.085;
  const frt = Math.max(1, Math.round(REPLY_MEDIAN[via] * logNormal(trand())));
  let replied = neverAnswered ? null : at + frt * 60 + Math.floor(trand() * 60);
  if (replied !== null && replied >= EXPORTED) replied = null;
  let status;
  let firstSolved = null;
  let solved = null;
  let updated = at;
  let replies = 0;
  let reopens = 0;
  let agentWait = 0; // minutes pending (waiting for the customer)
  let solvedIdle = 0;
  if (replied === null) {
    // Never answered: new (not even assigned) or open; or closed without a public reply (the
    // customer wrote that it had sorted itself out), its resolution times still kept.
    status = neverAnswered
      ? tpick([
          ["new", 40],
          ["open", 25],
          ["closed", 35],
        ])
      : "new";
    if (status === "open") updated = Math.min(at + int(trand, 600, 86_400), EXPORTED - 1);
    if (status === "closed") {
      solved = at + int(trand, 3600, 5 * 86_400);
      if (solved + CLOSE_AFTER >= EXPORTED) status = solved >= EXPORTED ? "open" : "solved";
      if (solved >= EXPORTED) solved = null;
      firstSolved = solved;
    }
  } else {
    replies = 1;
    updated = replied;
    const fate = tpick([
      ["solved", 90],
      ["pending", 4],
      ["open", 3],
    ]);
    if (fate === "solved") {
      const oneTouch = trand() < (via === "Phone call" ? 0.7 : 0.35);
      firstSolved = oneTouch ? replied + int(trand, 0, 600) : replied + Math.round(900 * logNormal(trand())) * 60;
      if (!oneTouch) replies += int(trand, 1, 3);
      solved = firstSolved;
      if (trand() < 0.06) {
        reopens = 1;
        replies++;
        const reopened = firstSolved + int(trand, 86_400, 3 * 86_400); // the customer writes back
        solvedIdle = minutes(firstSolved, reopened); // solved meanwhile: nobody waits
        solved = reopened + Math.round(300 * logNormal(trand())) * 60;
      }
      if (!oneTouch) agentWait = Math.floor(minutes(replied, firstSolved) * (0.3 + 0.4 * trand()));
    } else if (fate === "open") updated = replied + int(trand, 3600, 2 * 86_400);
    if (firstSolved !== null && firstSolved >= EXPORTED) [firstSolved, solved, status, replies, reopens] = [null, null, "pending", 1, 0];
    else if (solved !== null && solved >= EXPORTED) [solved, status, updated] = [null, "open", firstSolved];
    else if (solved !== null) status = solved + CLOSE_AFTER < EXPORTED ? "closed" : "solved";
    else status = fate;
    if (updated >= EXPORTED) updated = replied;
  }
  if (solved !== null) updated = status === "closed" ? solved + CLOSE_AFTER : solved;
  const assigned = status === "new" ? null : at + Math.floor((replied === null ? 600 : replied - at) * trand());
  const reassigned = assigned !== null && trand() < 0.05;
  const full = solved === null ? null : minutes(at, solved);
  const satisfaction =
    solved === null || replied === null
      ? "Not Offered"
      : tpick([
          ["Offered", 50],
          ["Good", 38],
          ["Bad", 6],
          ["Not Offered", 6],
        ]);
  const n = (v) => (v === null ? "" : String(v));
  tickets.push(
    [
      "",
      String(ticketId),
      name,
      String(requesterIds.get(key)),
      "",
      requesterEmail,
      requesterEmail ? requesterEmail.slice(requesterEmail.indexOf("@") + 1) : "",
      via === "Phone call" ? agent : name,
      assigned === null ? "" : agent,
      group,
      subject,
      trand() < 0.1 ? "" : topic.tags,
      status,
      trand() < 0.2 ? "" : topic.priority,
      via,
      trand() < 0.15 ? "" : topic.type,
      wallTime(at),
      wallTime(updated),
      assigned === null ? "" : wallTime(reassigned ? Math.min(assigned + int(trand, 60, 3600), updated) : assigned),
      org,
      "",
      assigned === null ? "" : wallTime(assigned),
      solved === null ? "" : wallTime(solved),
      full === null ? "" : String(Math.round(full / 60)),
      satisfaction,
      assigned === null ? "0" : "1",
      assigned === null ? "0" : reassigned ? "2" : "1",
      String(reopens),
      String(replies),
      replied === null ? "" : String(minutes(at, replied)),
      "", // business-hours minutes: empty, as Zendesk writes them without a schedule
      firstSolved === null ? "" : String(minutes(at, firstSolved)),
      "",
      n(full),
      "",
      full === null ? "" : String(agentWait),
      "",
      full === null ? "" : String(full - agentWait - solvedIdle),
      "",
      full === null ? "" : "0",
      "",
    ]
      .map(csvField)
      .join(","),
  );
  ticketStats.tickets++;
  ticketStats.status[status] = (ticketStats.status[status] ?? 0) + 1;
  ticketStats.via[via] = (ticketStats.via[via] ?? 0) + 1;
  if (requesterEmail && orderEmails.has(requesterEmail)) ticketStats.fromCustomers++;
  if (replied === null) ticketStats.unanswered++;
  else ticketStats.firstReplies.push(minutes(at, replied));
  // Created and solved on either side of a DST change: the minutes are not the wall clocks' difference.
  if (solved !== null && pragueOffset(at) !== pragueOffset(solved)) ticketStats.solvedAcrossDst++;
}
writeFileSync(join(out, "zendesk_tickets.csv"), `${tickets.join("\n")}\n`);

// ---------------------------------------------------------------- ga4_sessions.csv
// Sessions per day for the 365 days to the as-of: the web orders' level (their mean over the 29
// days around, so days without an order still have traffic) × 45 sessions per order, a weekly
// pattern and ±12 % noise, a campaign day now and then, plus 6 sessions for each order of the day.
// The shop's POS and draft orders (and its app's) have no web session. Key-event sessions: a
// session per web order and one in ten more (a newsletter sign-up is a key event too).
const grand = mulberry32(seed ^ 0x6a4d5e55);
const webOrders = new Map();
for (const o of orders) if (o.source === "web") webOrders.set(o.day, (webOrders.get(o.day) ?? 0) + 1);
const WEEK = [1.12, 1.08, 1.04, 1.0, 0.97, 0.88, 0.86]; // Sunday … Saturday
const ymd = (day) => isoDate(day).replaceAll("-", "");
const FROM_DAY = AS_OF - 364;
const traffic = [
  "# ----------------------------------------",
  "# Reports snapshot",
  "# Account: Kafe Letná",
  "# Property: kafeletna.example - GA4",
  "# ----------------------------------------",
  "#",
  "# All Users",
  `# Start date: ${ymd(FROM_DAY)}`,
  `# End date: ${ymd(AS_OF)}`,
  "Date,Sessions,Active users,Session key event rate",
];
const trafficStats = { days: 0, sessions: 0, activeUsersSummed: 0, keyEventSessions: 0, webOrders: 0, orders: 0 };
for (let day = FROM_DAY; day <= AS_OF; day++) {
  let around = 0;
  let counted = 0;
  for (let d = Math.max(day - 14, FIRST_ORDER_DAY); d <= Math.min(day + 14, AS_OF); d++, counted++) around += webOrders.get(d) ?? 0;
  const today = webOrders.get(day) ?? 0;
  const campaign = grand() < 0.012 ? 1.6 + 0.6 * grand() : 1;
  const sessions = Math.round((around / counted) * 45 * WEEK[(day + 4) % 7] * (0.88 + 0.24 * grand()) * campaign + today * 6);
  const users = Math.round(sessions * (0.76 + 0.08 * grand()));
  let keyEvents = today;
  for (let k = 0; k < today; k++) if (grand() < 0.1) keyEvents++;
  traffic.push(`${ymd(day)},${sessions},${users},${(keyEvents / sessions).toFixed(4)}`);
  trafficStats.days++;
  trafficStats.sessions += sessions;
  trafficStats.activeUsersSummed += users;
  trafficStats.keyEventSessions += keyEvents;
  trafficStats.webOrders += today;
}
for (const o of orders) if (o.day >= FROM_DAY) trafficStats.orders++;
// The period's active users count a returning user once: fewer than the days' sum.
const periodUsers = Math.round(trafficStats.activeUsersSummed * 0.6);
traffic.push(`Grand total,${trafficStats.sessions},${periodUsers},${(trafficStats.keyEventSessions / trafficStats.sessions).toFixed(4)}`);
writeFileSync(join(out, "ga4_sessions.csv"), `${traffic.join("\n")}\n`);

const replies = ticketStats.firstReplies.sort((a, b) => a - b);
const { firstReplies, ...ticketCounts } = ticketStats;
process.stderr.write(
  `${JSON.stringify({
    surveyResponses: responses,
    reviews: written,
    tickets: {
      ...ticketCounts,
      created: [wallTime(drafts[0].at), wallTime(drafts[drafts.length - 1].at)],
      medianFirstReplyMinutes: (replies[(replies.length - 1) >> 1] + replies[replies.length >> 1]) / 2,
    },
    traffic: { ...trafficStats, from: ymd(FROM_DAY), to: ymd(AS_OF), periodActiveUsers: periodUsers },
  })}\n`,
);

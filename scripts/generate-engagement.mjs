#!/usr/bin/env node
// Writes the sample shop's engagement inputs beside its orders (fixtures/sample-shop):
//   survey_responses.csv  a Czech Google Forms responses file re-saved by Excel (windows-1250, `;`,
//                         CRLF): Časová značka; E-mailová adresa; an NPS (0–10) and a CSAT (1–5
//                         labels) question; a free-text note
//   heureka_reviews.xml   a Heureka "Ověřeno zákazníky" shop reviews export: total_rating 0.5–5 in
//                         halves, some reviews without one, unix_timestamp in seconds
// Seeded (mulberry32), integer arithmetic only: byte-identical on any machine.
//   node scripts/generate-engagement.mjs --out DIR [--seed S]
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { mulberry32 } from "./lib/random.mjs";

const args = process.argv.slice(2);
const out = args[args.indexOf("--out") + 1];
const seed = args.includes("--seed") ? Number(args[args.indexOf("--seed") + 1]) : 42;
if (!out || args.indexOf("--out") < 0) {
  process.stderr.write("usage: node scripts/generate-engagement.mjs --out DIR [--seed S]\n");
  process.exit(2);
}

const rng = mulberry32(seed ^ 0x5eed);
const pick = (weights) => {
  const total = weights.reduce((s, [, w]) => s + w, 0);
  let r = rng() * total;
  for (const [value, w] of weights) {
    r -= w;
    if (r < 0) return value;
  }
  return weights[weights.length - 1][0];
};
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
process.stderr.write(`${JSON.stringify({ surveyResponses: responses, reviews: written })}\n`);

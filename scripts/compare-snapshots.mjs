#!/usr/bin/env node
/**
 * Compares two directories written by snapshot-outputs.mjs: every run's exit code and output must
 * be the same, except for fields a change added on purpose. JSON documents are compared as values
 * (key order aside); `--added KEY` (repeatable) names a key the after side may have that the
 * before side lacks, anywhere in the document. Text outputs and stderr are compared line by line.
 *
 *   node scripts/compare-snapshots.mjs /tmp/before /tmp/after --added code --added skippedByCode
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const [before, after, ...rest] = process.argv.slice(2);
if (!before || !after) {
  console.error("usage: node scripts/compare-snapshots.mjs BEFORE AFTER [--added KEY]… [--stderr-may-differ]");
  process.exit(2);
}
const added = new Set(rest.flatMap((arg, i) => (rest[i - 1] === "--added" ? [arg] : [])));
const lenientStderr = rest.includes("--stderr-may-differ");

/** Paths at which `b` differs from `a`, ignoring keys in `added` that `a` lacks. */
function differences(a, b, path = "$") {
  if (Array.isArray(a) !== Array.isArray(b) || typeof a !== typeof b || (a === null) !== (b === null)) return [path];
  if (Array.isArray(a)) {
    if (a.length !== b.length) return [`${path} (length ${a.length} → ${b.length})`];
    return a.flatMap((x, i) => differences(x, b[i], `${path}[${i}]`));
  }
  if (a !== null && typeof a === "object") {
    const out = [];
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (!(key in a) && added.has(key)) continue;
      if (!(key in a) || !(key in b)) out.push(`${path}.${key} (${key in a ? "removed" : "added"})`);
      else out.push(...differences(a[key], b[key], `${path}.${key}`));
    }
    return out;
  }
  return Object.is(a, b) ? [] : [`${path}: ${JSON.stringify(a)} → ${JSON.stringify(b)}`];
}

const parse = (text) => {
  try {
    return { json: JSON.parse(text) };
  } catch {
    return null;
  }
};

let failed = 0;
let compared = 0;
for (const name of readdirSync(before).sort()) {
  compared++;
  const a = readFileSync(join(before, name), "utf8");
  let b;
  try {
    b = readFileSync(join(after, name), "utf8");
  } catch {
    console.log(`${name}: missing after`);
    failed++;
    continue;
  }
  if (a === b) continue;
  const [ja, jb] = [parse(a), parse(b)];
  if (ja && jb) {
    const diff = differences(ja.json, jb.json);
    if (diff.length === 0) continue;
    console.log(`${name}:\n  ${diff.slice(0, 10).join("\n  ")}${diff.length > 10 ? `\n  … ${diff.length - 10} more` : ""}`);
  } else if (name.endsWith(".err") && lenientStderr && a.split("\n").at(-2) === b.split("\n").at(-2)) {
    console.log(`${name}: stderr differs (exit code the same)`);
    continue;
  } else {
    const [la, lb] = [a.split("\n"), b.split("\n")];
    const at = la.findIndex((line, i) => line !== lb[i]);
    console.log(`${name}: line ${at + 1}\n  - ${la[at]}\n  + ${lb[at]}`);
  }
  failed++;
}
console.log(`${compared} outputs compared, ${failed} differ`);
process.exit(failed === 0 ? 0 : 1);

#!/usr/bin/env node
// The bench's "csv-parse alone" row (issue 10): how long merely tokenising the file takes with
// csv-parse (a dev dependency; the CLI read files with it until issue 8), streamed, no metrics.
// Prints the number of records, the header included, so the bench can check the whole file was read.
//
//   node scripts/bench-csv-parse.mjs FILE

import { createReadStream } from "node:fs";
import { parse } from "csv-parse";

const file = process.argv[2];
if (!file) {
  process.stderr.write("usage: node scripts/bench-csv-parse.mjs FILE\n");
  process.exit(2);
}
let records = 0;
// Rows may have fewer cells than the header (rules.md), so no column-count check.
for await (const _record of createReadStream(file).pipe(parse({ bom: true, relax_column_count: true }))) records++;
process.stdout.write(`${JSON.stringify({ records })}\n`);

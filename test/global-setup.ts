/**
 * Before any test file loads: write src/metrics/all.ts, the generated list of metric files, as
 * the build does, so that `npx vitest` right after adding a metric file sees it too.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
// @ts-expect-error: a plain .mjs build script, without types
import { METRICS_DIR, metricListSource } from "../scripts/generate-metric-list.mjs";

export default function setup(): void {
  const path = join(METRICS_DIR, "all.ts");
  const source: string = metricListSource();
  let current = "";
  try {
    current = readFileSync(path, "utf8");
  } catch {}
  if (current !== source) writeFileSync(path, source);
}

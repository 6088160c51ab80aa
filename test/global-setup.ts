/**
 * Before any test file loads: write src/metrics/all.ts, the generated list of metric files, as
 * the build does, so that `npx vitest` right after adding a metric file sees it too.
 */
// @ts-expect-error: a plain .mjs build script, without types
import { writeMetricList } from "../scripts/generate-metric-list.mjs";

export default function setup(): void {
  writeMetricList();
}

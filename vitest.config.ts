import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    // A non-UTC zone with DST makes local-midnight and day-bucketing bugs show up.
    env: { TZ: "Europe/Prague", NO_COLOR: "", FORCE_COLOR: "" },
    testTimeout: 30_000,
    // vitest keeps a core free by default, which on a 2-core machine means one worker: the suite
    // waits on itself. Every core runs tests.
    maxWorkers: Math.max(2, availableParallelism()),
    minWorkers: 1,
  },
});

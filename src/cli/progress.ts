/**
 * Progress for long reads, on stderr, only when stderr is a TTY: one line, redrawn in place,
 * shown after the first second and erased before the report is written.
 */
import type { ReadProgress } from "../io/csv/read-csv.js";

export interface ProgressLine {
  update(progress: ReadProgress): void;
  clear(): void;
}

const DELAY_MS = 1000;
const INTERVAL_MS = 200;

export function progressLine(write: (text: string) => void, file: string, now: () => number = Date.now): ProgressLine {
  const started = now();
  let last = 0;
  let shown = false;
  return {
    update({ records, bytes }) {
      const t = now();
      if (t - started < DELAY_MS || t - last < INTERVAL_MS) return;
      last = t;
      shown = true;
      write(`\r\x1b[Kreading ${file}: ${records.toLocaleString("en-US")} rows, ${(bytes / 1e6).toFixed(1)} MB`);
    },
    clear() {
      if (shown) write("\r\x1b[K");
      shown = false;
    },
  };
}

/**
 * Durations as helpdesk exports write them: Zendesk's whole (or decimal) minutes, Freshdesk's
 * hours as `hh:mm:ss` (the hours unbounded: `27:30:00`) or as decimal hours (`1.5`, `1,5`).
 */

/** How a duration column is written: minutes (Zendesk), or hours as `hh:mm:ss` or decimal (Freshdesk). */
export type DurationUnit = "minutes" | "hours";

const CLOCK = /^(-?)(\d+):([0-5]\d)(?::([0-5]\d))?$/;
const DECIMAL = /^-?\d+(?:[.,]\d+)?$/;

/** The duration in ms (negative when written so), or null when it is no duration; `text` is not empty. */
export function parseDuration(text: string, unit: DurationUnit): number | null {
  const t = text.trim();
  const clock = CLOCK.exec(t);
  if (clock) {
    if (unit === "minutes") return null; // minutes columns hold numbers only
    const ms = ((Number(clock[2]) * 60 + Number(clock[3])) * 60 + Number(clock[4] ?? 0)) * 1000;
    return clock[1] === "-" ? -ms : ms;
  }
  if (!DECIMAL.test(t)) return null;
  const value = Number(t.replace(",", "."));
  return Math.round(value * (unit === "minutes" ? 60_000 : 3_600_000));
}

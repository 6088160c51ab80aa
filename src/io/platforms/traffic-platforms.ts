/**
 * Web-analytics exports, as data (engagement-inputs.md §4): each tool's per-day table — its date
 * column, sessions, visitors and the sessions it counts as converting — under the names its UI
 * languages write them. A table with sessions and no date column is an aggregate over the range
 * its preamble states.
 */
import type { Decided } from "../../core/decided.js";
import type { ReportedRate } from "../../core/traffic.js";
import { type ColumnSpec, matchSignature } from "../columns.js";

export const TRAFFIC_FIELDS = ["date", "sessions", "visitors", "converted", "converted_rate"] as const;
export type TrafficField = (typeof TRAFFIC_FIELDS)[number];

export interface TrafficPlatform extends ColumnSpec<TrafficField> {
  readonly name: string;
  readonly label: string;
  /** Any of these (with sessions) makes a table this tool's. */
  readonly signatures: readonly (readonly string[])[];
  /** Only for a file that starts with a `#` preamble (GA4 and UA write one; a generic file does not). */
  readonly preamble?: boolean;
  /** How the tool's own conversion rate is defined, when `converted` or `converted_rate` is read. */
  readonly reported?: string;
}

// Google Analytics 4 in the UI languages our shops use: English, Czech, Slovak, Hungarian, German.
const GA4_DATE = ["Date", "Datum", "Dátum"];
const GA4_SESSIONS = ["Sessions", "Relace", "Relácie", "Munkamenetek", "Sitzungen"];

const PLATFORMS: readonly TrafficPlatform[] = [
  {
    name: "shopify",
    label: "Shopify Analytics sessions report",
    signatures: [["Day", "Sessions"]],
    columns: {
      date: ["Day"],
      sessions: ["Sessions"],
      visitors: ["Online store visitors"],
      converted: ["Sessions that completed checkout"],
    },
    required: ["sessions"],
    reported: "Shopify's conversion rate: sessions that completed checkout / sessions",
  },
  {
    name: "ua",
    label: "Universal Analytics export",
    signatures: [["Day Index", "Sessions"]],
    columns: { date: ["Day Index"], sessions: ["Sessions", "Sessies", "Sitzungen", "Relace"], visitors: ["Users"] },
    required: ["sessions"],
  },
  {
    name: "plausible",
    label: "Plausible visitors.csv",
    signatures: [["date", "visits", "visitors"]],
    columns: { date: ["date"], sessions: ["visits"], visitors: ["visitors"] },
    required: ["sessions"],
  },
  {
    name: "matomo",
    label: "Matomo visits export",
    signatures: [["nb_visits"]],
    columns: { date: ["date"], sessions: ["nb_visits"], visitors: ["nb_uniq_visitors"], converted: ["nb_visits_converted"] },
    required: ["sessions"],
    reported: "Matomo's conversion rate: visits that converted a goal / visits",
  },
  {
    name: "ga4",
    label: "Google Analytics 4 export",
    signatures: GA4_SESSIONS.map((s) => [s]),
    preamble: true,
    columns: {
      date: GA4_DATE,
      sessions: GA4_SESSIONS,
      visitors: ["Active users", "Aktivní uživatelé", "Aktívni používatelia", "Aktív felhasználók", "Aktive Nutzer"],
      converted_rate: ["Session key event rate", "Session conversion rate"],
    },
    required: ["sessions"],
    reported: "GA4's session key event rate: sessions with a key event / sessions (each day's rate weighted by its sessions)",
  },
  {
    name: "generic",
    label: "generic traffic file",
    signatures: [["sessions"]],
    columns: { date: ["date", "day"], sessions: ["sessions"], visitors: ["visitors", "users"] },
    required: ["sessions"],
  },
];

export const TRAFFIC_PLATFORM_NAMES = PLATFORMS.map((p) => p.name);

/**
 * The tool whose table this header is: --traffic-platform's, else the first whose signature it
 * has (GA4 only after a `#` preamble); with --traffic-map only, generic. Null: no sessions table.
 */
export function detectTrafficPlatform(
  header: readonly string[],
  options: { readonly forced?: string; readonly mapped: boolean; readonly preamble: boolean },
): Decided<TrafficPlatform> | null {
  if (options.forced !== undefined) {
    const named = PLATFORMS.find((p) => p.name === options.forced!.toLowerCase());
    return named ? { value: named, reason: "--traffic-platform", source: "option" } : null;
  }
  for (const platform of PLATFORMS) {
    if (platform.preamble && !options.preamble) continue;
    const signature = matchSignature(header, platform.signatures);
    if (signature !== null)
      return {
        value: platform,
        reason: `the table's header has ${signature.join(", ")}${platform.preamble ? " after a # preamble" : ""}`,
        source: "content",
      };
  }
  return options.mapped ? { value: PLATFORMS[PLATFORMS.length - 1]!, reason: "--traffic-map", source: "option" } : null;
}

/** The reported rate's definition for a platform, as ReportedRate. */
export function reportedRate(platform: TrafficPlatform): ReportedRate | null {
  return platform.reported === undefined ? null : { platform: platform.name, definition: platform.reported };
}

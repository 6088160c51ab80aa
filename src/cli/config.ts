/**
 * --config FILE (or ./shopmetrics.config.json when present): what a shop would otherwise repeat
 * on every cron line — how to read its exports. Flags override it; an unknown key is an error
 * naming the key, so a typo never silently does nothing.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { usageError } from "../core/errors.js";
import type { RawReportOptions } from "./options.js";

export const DEFAULT_CONFIG = "shopmetrics.config.json";

/** The keys a config may hold, and the flag each stands for. */
const KEYS = {
  platform: "--platform",
  map: "--map",
  statusMap: "--status-map",
  currency: "--currency",
  timezone: "--tz",
  encoding: "--encoding",
  delimiter: "--delimiter",
  decimal: "--decimal",
  dateFormat: "--date-format",
} as const;
type Key = keyof typeof KEYS;

export type ConfigOptions = Partial<
  Pick<RawReportOptions, "platform" | "currency" | "tz" | "encoding" | "delimiter" | "decimal" | "dateFormat">
> & {
  map: string[];
  statusMap: string[];
};

/**
 * Reads `path` (an explicit --config must exist) or, without one, ./shopmetrics.config.json if it
 * exists. Returns the options it sets, in the shape the flags have.
 */
export function loadConfig(path: string | undefined, cwd: string): ConfigOptions {
  const file = path ?? DEFAULT_CONFIG;
  let text: string;
  try {
    text = readFileSync(resolve(cwd, file), "utf8");
  } catch (error) {
    if (path === undefined && (error as NodeJS.ErrnoException).code === "ENOENT") return { map: [], statusMap: [] };
    throw usageError(`${file}: cannot read the config file: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw usageError(`${file}: not valid JSON: ${(error as Error).message}`);
  }
  if (json === null || typeof json !== "object" || Array.isArray(json)) throw usageError(`${file}: expected a JSON object of settings`);
  const out: ConfigOptions = { map: [], statusMap: [] };
  for (const [key, value] of Object.entries(json)) {
    if (!Object.hasOwn(KEYS, key)) throw usageError(`${file}: unknown key "${key}"; keys are ${Object.keys(KEYS).join(", ")}`);
    const k = key as Key;
    if (k === "map" || k === "statusMap") {
      if (
        value === null ||
        typeof value !== "object" ||
        Array.isArray(value) ||
        !Object.values(value).every((v) => typeof v === "string")
      ) {
        throw usageError(
          `${file}: "${k}" must be an object of strings, e.g. ${k === "map" ? '{ "created_at": "InvoiceDate" }' : '{ "Čeká na platbu": "pending-payment" }'}`,
        );
      }
      out[k] = Object.entries(value as Record<string, string>).map(([from, to]) => `${from}=${to}`);
      continue;
    }
    if (typeof value !== "string") throw usageError(`${file}: "${k}" must be a string (as its flag ${KEYS[k]} takes)`);
    if (k === "timezone") out.tz = value;
    else out[k] = value;
  }
  return out;
}

/** Flags win; a config's map and status map come first, so a flag for the same field overrides. */
export function withConfig<T extends Partial<RawReportOptions> & { map: string[]; statusMap: string[] }>(raw: T, config: ConfigOptions): T {
  const merged = { ...raw, map: [...config.map, ...raw.map], statusMap: [...config.statusMap, ...raw.statusMap] };
  for (const key of ["platform", "currency", "tz", "encoding", "delimiter", "decimal", "dateFormat"] as const) {
    if (merged[key] === undefined && config[key] !== undefined) (merged as Partial<RawReportOptions>)[key] = config[key];
  }
  return merged;
}

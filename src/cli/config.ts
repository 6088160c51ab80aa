/**
 * --config FILE (or ./shopmetrics.config.json when present): what a shop would otherwise repeat
 * on every cron line — how to read its exports. Its keys are the reading settings, named as
 * their flags are (READING_SETTINGS: `statusMap` for --status-map); flags override it. An
 * unknown key is an error naming the key, so a typo never silently does nothing.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { usageError } from "../core/errors.js";
import { quoted } from "../core/printable.js";
import { flagOf, type RawReading, READING_SETTINGS, type ReadingSetting } from "./options.js";

const DEFAULT_CONFIG = "shopmetrics.config.json";

/** Keys written before the keys were named after the flags, still read: `timezone` is `tz`. */
const FORMER_KEYS: Readonly<Record<string, ReadingSetting>> = { timezone: "tz" };

const EXAMPLES: Readonly<Partial<Record<ReadingSetting, string>>> = {
  map: '{ "created_at": "InvoiceDate" }',
  statusMap: '{ "Čeká na platbu": "pending-payment" }',
  customersMap: '{ "email": "customer_unique_id" }',
};

/**
 * Reads `path` (an explicit --config must exist) or, without one, ./shopmetrics.config.json in
 * `cwd` if it exists. Returns the settings it holds, in the shape the flags have.
 */
export function loadConfig(path: string | undefined, cwd: string): RawReading {
  if (path === "") throw usageError("--config is empty: name a JSON file of settings");
  const file = path ?? DEFAULT_CONFIG;
  let text: string;
  try {
    text = readFileSync(resolve(cwd, file), "utf8");
  } catch (error) {
    if (path === undefined && (error as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw usageError(`${file}: cannot read the config file: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    // A BOM is what Windows' Notepad writes at the start of a UTF-8 file; JSON.parse refuses it.
    json = JSON.parse(text.startsWith("\uFEFF") ? text.slice(1) : text);
  } catch (error) {
    throw usageError(`${file}: not valid JSON: ${(error as Error).message}`);
  }
  if (json === null || typeof json !== "object" || Array.isArray(json)) throw usageError(`${file}: expected a JSON object of settings`);
  const settings: Record<string, string | string[]> = {};
  for (const [written, value] of Object.entries(json)) {
    const key = FORMER_KEYS[written] ?? written;
    if (key !== written && Object.hasOwn(json, key))
      throw usageError(`${file}: ${quoted(written)} and "${key}" are one setting; keep "${key}"`);
    if (!Object.hasOwn(READING_SETTINGS, key)) {
      throw usageError(`${file}: unknown key ${quoted(written)}; keys are ${Object.keys(READING_SETTINGS).join(", ")}`);
    }
    const setting = key as ReadingSetting;
    if (READING_SETTINGS[setting] === "entries") {
      if (
        value === null ||
        typeof value !== "object" ||
        Array.isArray(value) ||
        !Object.values(value).every((v) => typeof v === "string")
      ) {
        throw usageError(`${file}: ${quoted(written)} must be an object of strings, e.g. ${EXAMPLES[setting]}`);
      }
      settings[setting] = Object.entries(value as Record<string, string>).map(([from, to]) => `${from}=${to}`);
    } else {
      if (typeof value !== "string")
        throw usageError(`${file}: ${quoted(written)} must be a string (as its flag ${flagOf(setting)} takes)`);
      settings[setting] = value;
    }
  }
  return settings as RawReading;
}

/** Flags win; a config's entries come first, so a flag for the same field overrides them. */
export function withConfig<T extends RawReading>(raw: T, config: RawReading): T {
  const merged: Record<string, unknown> = { ...raw };
  for (const key of Object.keys(READING_SETTINGS) as ReadingSetting[]) {
    const fromConfig = config[key];
    if (fromConfig === undefined) continue;
    if (READING_SETTINGS[key] === "entries") merged[key] = [...(fromConfig as string[]), ...((raw[key] as string[] | undefined) ?? [])];
    else if (raw[key] === undefined) merged[key] = fromConfig;
  }
  return merged as T;
}

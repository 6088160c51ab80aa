/**
 * --config FILE (or ./shopmetrics.config.json when present): what a shop would otherwise repeat
 * on every cron line — how to read its exports, and how to report on them. Its keys are the
 * flags' names without the dashes (`status-map` for --status-map: settings.ts); flags override
 * it. An unknown key, a key no config may hold (`as-of`, …: the message says why) or a value of
 * the wrong kind is an error naming the key, so a typo never silently does nothing. A key under
 * its former name (`statusMap`, `timezone`) is read, with a warning naming the new one.
 */
import { readFileSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { usageError } from "../core/errors.js";
import { quoted } from "../core/printable.js";
import type { RawReading } from "./options.js";
import { attributeOf, CONFIG_KEYS, type CommandName, SETTINGS, settingOfKey } from "./settings.js";

const DEFAULT_CONFIG = "shopmetrics.config.json";

/** A config's settings, by the attributes commander gives the flags (`statusMap` for `status-map`). */
export type ConfigSettings = RawReading & Record<string, string | string[] | undefined>;

export interface LoadedConfig {
  readonly settings: ConfigSettings;
  /** One line each, for stderr: a key written under its former name. */
  readonly warnings: readonly string[];
}

const NONE: LoadedConfig = { settings: {}, warnings: [] };

/**
 * Reads `path` (an explicit --config must exist) or, without one, ./shopmetrics.config.json in
 * `cwd` if it exists. Returns the settings it holds, in the shape the flags have, and what to warn.
 */
export function loadConfig(path: string | undefined, cwd: string): LoadedConfig {
  if (path === "") throw usageError("--config is empty: name a JSON file of settings");
  const file = path ?? DEFAULT_CONFIG;
  let text: string;
  try {
    text = readFileSync(resolve(cwd, file), "utf8");
  } catch (error) {
    if (path === undefined && (error as NodeJS.ErrnoException).code === "ENOENT") return NONE;
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
  const warnings: string[] = [];
  for (const [written, value] of Object.entries(json)) {
    const found = settingOfKey(written);
    if (!found) {
      const kebab = written.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
      const hint = settingOfKey(kebab) ? ` (keys are the flags' names: "${kebab}")` : "";
      throw usageError(`${file}: unknown key ${quoted(written)}${hint}; keys are ${CONFIG_KEYS.join(", ")}`);
    }
    const { setting } = found;
    const key = setting.key;
    if (setting.notInConfig !== undefined) throw usageError(`${file}: "${key}" can't be in a config: ${setting.notInConfig}`);
    if (found.former) {
      if (Object.hasOwn(json, key)) throw usageError(`${file}: ${quoted(written)} and "${key}" are one setting; keep "${key}"`);
      warnings.push(`${file}: the key ${quoted(written)} is now "${key}", as its flag --${key} is named; rename it`);
    }
    const attribute = attributeOf(setting);
    if (setting.kind === "schedule") {
      // The object is checked where it is used (options.ts), with the zone it defaults to.
      if (value === null || typeof value !== "object" || Array.isArray(value))
        throw usageError(`${file}: ${quoted(written)} must be an object, e.g. ${setting.example ?? "{}"}`);
      settings[`${attribute}Schedule`] = JSON.stringify(value);
      continue;
    }
    if (setting.kind === "object") {
      // Checked where it is used (options.ts), against the other settings it depends on.
      if (value === null || typeof value !== "object" || Array.isArray(value))
        throw usageError(`${file}: ${quoted(written)} must be an object, e.g. ${setting.example ?? "{}"}`);
      settings[attribute] = JSON.stringify(value);
      continue;
    }
    if (setting.kind === "entries") {
      if (
        value === null ||
        typeof value !== "object" ||
        Array.isArray(value) ||
        !Object.values(value).every((v) => typeof v === "string")
      ) {
        throw usageError(`${file}: ${quoted(written)} must be an object of strings, e.g. ${setting.example ?? '{ "a": "b" }'}`);
      }
      settings[attribute] = Object.entries(value as Record<string, string>).map(([from, to]) => `${from}=${to}`);
      continue;
    }
    if (typeof value !== "string" && !(setting.kind === "number" && typeof value === "number")) {
      const what = setting.kind === "number" ? "a number or a string" : "a string";
      throw usageError(`${file}: ${quoted(written)} must be ${what} (as its flag --${key} takes)`);
    }
    const text = String(value);
    if (setting.choices && !setting.choices.includes(text)) {
      throw usageError(
        `${file}: ${quoted(written)} must be one of ${setting.choices.join(", ")} (as its flag --${key} takes), not ${quoted(text)}`,
      );
    }
    // A file named in a config is where the config is: the same file whatever directory cron runs in.
    settings[attribute] = key === "customers" && text !== "" && !isAbsolute(text) ? besideConfig(text, file, cwd) : text;
  }
  return { settings: settings as ConfigSettings, warnings };
}

/** `name` relative to the config file's directory, as written when that is the working directory. */
function besideConfig(name: string, configFile: string, cwd: string): string {
  const there = resolve(dirname(resolve(cwd, configFile)), name);
  return there === resolve(cwd, name) ? name : there;
}

/**
 * The settings `command` runs with: its flags, then the config's values for what the flags left
 * out (repeatable entries: the config's first, so a flag for the same field overrides them), then
 * each flag's default. A config's value for a flag the command lacks (a report setting, for
 * inspect) is kept too, so that one config is checked the same way by every command. `tzFrom`
 * says when the zone came from the config.
 */
export function withConfig<T extends RawReading>(raw: T, config: ConfigSettings, command: CommandName): T {
  const merged: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
  for (const setting of SETTINGS) {
    const key = attributeOf(setting);
    const fromConfig = config[key];
    // format: a config's value is the report's (inspect has no csv).
    const applies = !setting.commands.includes(command) || (setting.configCommands ?? setting.commands).includes(command);
    if (fromConfig !== undefined && applies) {
      if (setting.kind === "entries") merged[key] = [...(fromConfig as string[]), ...((merged[key] as string[] | undefined) ?? [])];
      else if (merged[key] === undefined) merged[key] = fromConfig;
    }
    if (setting.default !== undefined && setting.commands.includes(command) && merged[key] === undefined) merged[key] = setting.default;
  }
  // A schedule object rides along under its own attribute (--business-hours applies it).
  for (const setting of SETTINGS) {
    const key = `${attributeOf(setting)}Schedule`;
    if (setting.kind === "schedule" && config[key] !== undefined) merged[key] = config[key];
  }
  // The zone's source is in the report (timezoneSource): say when the config gave it.
  if (raw.tz === undefined && config.tz !== undefined) merged.tzFrom = "config";
  return merged as T;
}

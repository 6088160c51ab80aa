/**
 * Which zone days are drawn in, and where it came from: --tz, else the config file's `tz`, else
 * an IANA `TZ`, else the system's zone. `TZ` is what Docker images and systemd units set, in all
 * its spellings: `Europe/Prague`, `:Europe/Prague`, `:/etc/localtime` (a path, POSIX's form). A
 * path is read as the zone it names (the target of its link into a zoneinfo directory, or
 * /etc/timezone), and when it names none, days are drawn in UTC with a warning; a `TZ` that is
 * no zone at all is a usage error naming it. Never Intl's answer alone: with such a `TZ`, Intl
 * reports no zone.
 */
import { readFileSync, realpathSync } from "node:fs";
import { usageError } from "../core/errors.js";
import { quoted } from "../core/printable.js";
import { isValidTimeZone, Zone, type ZoneSource } from "../core/zone.js";
import type { Env } from "./color.js";

export interface ZoneChoice {
  readonly zone: Zone;
  readonly source: ZoneSource;
  /** Said once on stderr: the zone could not be found and UTC is used. */
  readonly warning?: string;
}

/** The files the system zone is read from; tests point them elsewhere. */
export interface ZoneFiles {
  /** The link target of a path, resolved all the way (realpath). */
  realpath(path: string): string;
  /** A file's text (/etc/timezone). */
  read(path: string): string;
}

const SYSTEM_FILES: ZoneFiles = { realpath: (path) => realpathSync(path), read: (path) => readFileSync(path, "utf8") };

const EXAMPLE = "an IANA time zone such as Europe/Prague";

/**
 * `tz`: the --tz flag's value or the config file's (`from` says which); undefined for neither.
 * Throws a usage error for an invalid --tz or TZ.
 */
export function chooseZone(tz: string | undefined, from: "flag" | "config", env: Env, files: ZoneFiles = SYSTEM_FILES): ZoneChoice {
  if (tz !== undefined) {
    if (!isValidTimeZone(tz)) {
      throw usageError(`invalid --tz ${quoted(tz)}: expected ${EXAMPLE}`);
    }
    return { zone: new Zone(tz), source: from };
  }
  const fromEnv = (env.TZ ?? "").trim();
  if (fromEnv === "" || fromEnv === ":") return systemZone(files);
  const named = fromEnv.startsWith(":") ? fromEnv.slice(1) : fromEnv;
  if (named.startsWith("/")) {
    const zone = zoneOfPath(named, files);
    if (zone) return { zone, source: "system" };
    return {
      zone: new Zone("UTC"),
      source: "system",
      warning: `TZ=${quoted(fromEnv)} names no time zone shopmetrics can find (no zoneinfo link, no /etc/timezone); days are drawn in UTC (pass --tz ZONE, or set TZ to ${EXAMPLE})`,
    };
  }
  if (isValidTimeZone(named)) return { zone: new Zone(named), source: "env" };
  throw usageError(
    `invalid TZ ${quoted(fromEnv)} in the environment: expected ${EXAMPLE}, or a path such as :/etc/localtime (POSIX rules such as CET-1CEST are not read); pass --tz ZONE or unset TZ`,
  );
}

/** The system's zone: Intl's, else the one /etc/localtime names, else UTC with a warning. */
function systemZone(files: ZoneFiles): ZoneChoice {
  const intl = new Intl.DateTimeFormat().resolvedOptions().timeZone as string | undefined;
  if (intl !== undefined && isValidTimeZone(intl)) return { zone: new Zone(intl), source: "system" };
  const zone = zoneOfPath("/etc/localtime", files);
  if (zone) return { zone, source: "system" };
  return {
    zone: new Zone("UTC"),
    source: "system",
    warning: `the system's time zone can't be found (no zoneinfo link at /etc/localtime, no /etc/timezone); days are drawn in UTC (pass --tz ZONE, or set TZ to ${EXAMPLE})`,
  };
}

/**
 * The zone a zoneinfo path names: `/etc/localtime` → `/usr/share/zoneinfo/Europe/Prague` →
 * Europe/Prague (a `posix/` or `right/` tree's too); else /etc/timezone's, for /etc/localtime.
 */
function zoneOfPath(path: string, files: ZoneFiles): Zone | null {
  const candidates: string[] = [];
  for (const target of [path, attempt(() => files.realpath(path))]) {
    const at = target?.lastIndexOf("/zoneinfo/") ?? -1;
    if (target && at >= 0) candidates.push(target.slice(at + "/zoneinfo/".length).replace(/^(posix|right)\//, ""));
  }
  if (path === "/etc/localtime") {
    const written = attempt(() => files.read("/etc/timezone"))?.trim();
    if (written) candidates.push(written);
  }
  const name = candidates.find((candidate) => isValidTimeZone(candidate));
  return name === undefined ? null : new Zone(name);
}

function attempt<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

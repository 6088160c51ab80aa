/**
 * When to colour. chalk alone does not honour NO_COLOR (chalk#547), and cli-table3 colours its
 * borders by default, so the level is decided here and passed down as a chalk instance.
 * Rules (https://no-color.org): NO_COLOR set and non-empty → never; otherwise FORCE_COLOR set and
 * not 0/false → always; otherwise only when the stream is a TTY.
 */
import { Chalk, type ChalkInstance } from "chalk";

export type Env = Readonly<Record<string, string | undefined>>;

export function colorEnabled(env: Env, isTTY: boolean | undefined): boolean {
  if ((env.NO_COLOR ?? "") !== "") return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== "") return force !== "0" && force.toLowerCase() !== "false";
  return isTTY === true;
}

export function chalkFor(enabled: boolean): ChalkInstance {
  return new Chalk({ level: enabled ? 1 : 0 });
}

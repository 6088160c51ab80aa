/**
 * Money is held in integer minor units (cents, haléře, …) and summed exactly. Amounts are read
 * from their decimal text, never through a float, so `22.200000000000003` is 2,220 cents.
 */

/** An amount in the currency's minor unit (EUR: cents; JPY: yen). Always an integer. */
export type Minor = number;

const digitsCache = new Map<string, number>();

/**
 * ISO 4217 minor-unit digits of `currency` (EUR 2, JPY 0, KWD 3), from Intl's CLDR data.
 * An unknown or absent currency gets 2.
 */
export function minorDigits(currency: string | null): number {
  if (currency === null) return 2;
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    digitsCache.set(currency, digits);
  }
  return digits;
}

const DECIMAL = /^([+-])?(\d*)(?:\.(\d*))?$/;

/**
 * Parses a plain decimal (`1659.95`, `-3`, `22.200000000000003`) into minor units with `digits`
 * decimals, rounding half away from zero on the first dropped digit. Null when it is not a number.
 */
export function parseMinor(text: string, digits: number): Minor | null {
  const m = DECIMAL.exec(text.trim());
  if (!m) return null;
  const whole = m[2] ?? "";
  const fraction = m[3] ?? "";
  if (whole === "" && fraction === "") return null;
  const kept = fraction.slice(0, digits).padEnd(digits, "0");
  let minor = Number((whole || "0") + kept);
  if ((fraction.charCodeAt(digits) || 0) >= 53 /* '5' */) minor += 1;
  if (!Number.isSafeInteger(minor)) return null;
  return m[1] === "-" && minor !== 0 ? -minor : minor;
}

/** Minor units → a number in major units, exact to the minor unit (1999 → 19.99). */
export function toMajor(minor: Minor, digits: number): number {
  return digits === 0 ? minor : minor / 10 ** digits;
}

/** A fractional amount of minor units (an average) rounded half away from zero to a whole one. */
export function roundMinor(value: number): Minor {
  return value < 0 ? -Math.round(-value) : Math.round(value);
}

/** Minor units → the plain decimal text, with exactly `digits` decimals (123450, 2 → "1234.50"; −5, 2 → "-0.05"). */
export function formatMinor(minor: Minor, digits: number): string {
  const abs = String(Math.abs(minor)).padStart(digits + 1, "0");
  const text = digits === 0 ? abs : `${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
  return minor < 0 ? `-${text}` : text;
}

/**
 * A zone's UTC offset at an instant as Intl names it (`GMT+05:45`, `GMT-00:44:30`, `GMT`), with no
 * cache: the reference the zone and offsets tests check core/zone.ts and core/offsets.ts against.
 */
const formats = new Map<string, Intl.DateTimeFormat>();

/** Milliseconds east of UTC in `zone` at `instant`. */
export function intlOffset(zone: string, instant: number): number {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" });
    formats.set(zone, format);
  }
  const name = format.formatToParts(new Date(instant)).find((p) => p.type === "timeZoneName")!.value;
  const m = /^GMT(?:([+-])(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(name)!;
  return m[1] === undefined ? 0 : (m[1] === "-" ? -1 : 1) * ((Number(m[2]) * 60 + Number(m[3])) * 60 + Number(m[4] ?? 0)) * 1000;
}

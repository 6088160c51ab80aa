import { describe, expect, it } from "vitest";
import { Zone } from "../../../src/core/zone.js";
import { parseTimestamp } from "../../../src/io/parse/timestamp.js";

const prague = new Zone("Europe/Prague");

describe("parseTimestamp", () => {
  it.each([
    ["2025-05-11 09:55:16 -0400", "2025-05-11T13:55:16Z"], // Shopify
    ["2025-05-11T09:55:16+02:00", "2025-05-11T07:55:16Z"],
    ["2025-05-11T09:55:16Z", "2025-05-11T09:55:16Z"],
    ["2025-05-11 09:55:16 UTC", "2025-05-11T09:55:16Z"],
    ["2025-05-11T09:55:16.250+0530", "2025-05-11T04:25:16.250Z"],
    ["2025-05-11 09:55+01", "2025-05-11T08:55:00Z"],
  ])("reads %s with its offset as an exact instant", (text, iso) => {
    expect(parseTimestamp(text, prague)).toBe(Date.parse(iso));
  });

  it.each([
    ["2025-01-15 10:00:00", "2025-01-15T09:00:00Z"], // winter, +01:00
    ["2025-07-15 10:00:00", "2025-07-15T08:00:00Z"], // summer, +02:00
    ["2025-07-15 10:00", "2025-07-15T08:00:00Z"],
    ["2025-07-15", "2025-07-14T22:00:00Z"], // a date alone is local midnight
    ["  2025-07-15  ", "2025-07-14T22:00:00Z"],
  ])("reads %s without an offset as wall-clock time in the zone", (text, iso) => {
    expect(parseTimestamp(text, prague)).toBe(Date.parse(iso));
  });

  it.each([
    "",
    "12/31/24",
    "31.12.2025",
    "2025-02-30",
    "2025-01-01 24:00",
    "2025-01-01 10:61",
    "yesterday",
    "2025-01-01 10:00 +1500",
    "0025-05-11 10:00", // a typo, not antiquity
    "2025-05-11-04", // an offset needs a time before it
    "2025-05-11 10:00 +02:",
  ])("returns null for %j", (text) => {
    expect(parseTimestamp(text, prague)).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { Zone } from "../../../src/core/zone.js";
import { dateEvidence, parseDateTime } from "../../../src/io/parse/date.js";

const prague = new Zone("Europe/Prague");

describe("parseDateTime", () => {
  it.each([
    ["2025-03-04 10:00:00", null, "2025-03-04T09:00:00Z"],
    ["2025-05-11 09:55:16 -0400", null, "2025-05-11T13:55:16Z"],
    ["4.3.2025 10:00", null, "2025-03-04T09:00:00Z"], // Czech Excel: day first
    ["4.3.2025 10:00:30", null, "2025-03-04T09:00:30Z"],
    ["10. 7. 2026", null, "2026-07-09T22:00:00Z"],
    ["04.03.25", null, "2025-03-03T23:00:00Z"],
    ["2025/03/04 10:00", null, "2025-03-04T09:00:00Z"],
    ["19970101", null, "1996-12-31T23:00:00Z"],
    ["12/1/10 8:26", "mdy", "2010-12-01T07:26:00Z"], // UCI Online Retail
    ["12/1/10 8:26", "dmy", "2010-01-12T07:26:00Z"],
    ["13/01/2025", "dmy", "2025-01-12T23:00:00Z"],
    ["05/05/2025", null, "2025-05-04T22:00:00Z"], // the same either way
    ["Jun 9, 2023 9:00:00 AM", null, "2023-06-09T07:00:00Z"], // Magento
    ["Jun 17, 2026 11:49 AM", null, "2026-06-17T09:49:00Z"], // Ecwid
    ["2026-04-20 9:41 AM", null, "2026-04-20T07:41:00Z"], // Ecwid too
    ["2026-04-20 2:05 PM", null, "2026-04-20T12:05:00Z"],
    ["June 9, 2023 12:30 PM", null, "2023-06-09T10:30:00Z"],
    ["Jun 9, 2023 12:05 AM", null, "2023-06-08T22:05:00Z"], // 12 AM is midnight
  ])("%j (order %s) is %s", (text, order, iso) => {
    expect(parseDateTime(text, prague, order as "dmy" | "mdy" | null)).toBe(Date.parse(iso));
  });

  it.each([
    ["01/02/2025", null], // undecided order
    ["32.1.2025", null],
    ["13/13/2025", "dmy"],
    ["Foo 9, 2023", null],
    ["9:00 PM", null],
    ["Jun 9, 2023 13:00 PM", null],
    ["20251301", null],
  ])("%j (order %s) is unreadable", (text, order) => {
    expect(parseDateTime(text, prague, order as "dmy" | "mdy" | null)).toBeNull();
  });
});

describe("dateEvidence", () => {
  it.each([
    ["13/01/2025", "dmy"],
    ["01/13/2025 10:00", "mdy"],
    ["01/02/2025", "ambiguous"],
    ["05/05/2025", "none"],
    ["2025-01-02", "none"],
    ["4.3.2025", "none"], // dots are always day first
    ["13/13/2025", "none"],
  ])("%j → %s", (text, evidence) => {
    expect(dateEvidence(text)).toBe(evidence);
  });
});

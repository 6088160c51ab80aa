/** A document (a report, cohorts, rfm) → one JSON document (schema: docs/json-schema.md). Raw numbers, no colour, no formatting. */
import type { CohortsDocument, Report, RfmDocument } from "./model.js";

export function renderJson(document: Report | CohortsDocument | RfmDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** A document (a report, cohorts, rfm) → one JSON document (schema: docs/json-schema.md). Raw numbers, no colour, no formatting. */
import type { ClvDocument, CohortsDocument, Report, RfmDocument } from "./model.js";

export function renderJson(document: Report | CohortsDocument | RfmDocument | ClvDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** Report → one JSON document (schema: docs/json-schema.md). Raw numbers, no colour, no formatting. */
import type { Report } from "./model.js";

export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

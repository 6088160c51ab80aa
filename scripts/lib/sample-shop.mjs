/** The bundled sample shop's inputs, as `npm run demo` and `npm run docs:screenshots` read them. */
import { join } from "node:path";

const shop = (file) => join("fixtures", "sample-shop", file);

export const SAMPLE_SHOP_INPUTS = [
  "--orders",
  shop("orders_export.csv"),
  "--survey",
  shop("survey_responses.csv"),
  "--reviews",
  shop("heureka_reviews.xml"),
  "--tickets",
  shop("zendesk_tickets.csv"),
  "--traffic",
  shop("ga4_sessions.csv"),
  "--tz",
  "Europe/Prague",
];

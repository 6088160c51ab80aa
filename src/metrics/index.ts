/** The metrics of `report`: every metric file in this folder, checked and ordered (registry.ts). */
import { ALL_METRICS } from "./all.js";
import { createRegistry } from "./registry.js";

export const METRICS = createRegistry(ALL_METRICS);
export type MetricId = (typeof ALL_METRICS)[number]["id"];

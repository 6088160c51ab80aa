/** The order formats we read, and detection from a header row. */
import { normaliseHeader } from "../columns.js";
import { generic } from "./generic.js";
import type { OrderFormat } from "./order-format.js";
import { shopify } from "./shopify.js";
import { woocommerce } from "./woocommerce.js";

/** Detection order matters: the most specific signature first, generic last. */
export const ORDER_FORMATS: readonly OrderFormat[] = [shopify, woocommerce, generic];

export const PLATFORM_NAMES = ORDER_FORMATS.map((f) => f.platform);

export function orderFormatByName(name: string): OrderFormat | undefined {
  return ORDER_FORMATS.find((f) => f.platform === name.toLowerCase());
}

/** The first format whose signature headers are all present; null when none is. */
export function detectOrderFormat(header: readonly string[]): OrderFormat | null {
  const present = new Set(header.map(normaliseHeader));
  return ORDER_FORMATS.find((f) => f.signature.length > 0 && f.signature.every((h) => present.has(normaliseHeader(h)))) ?? null;
}

export type { OrderField, OrderFormat } from "./order-format.js";
export { ORDER_FIELDS } from "./order-format.js";

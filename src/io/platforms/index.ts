/** The order formats we read, and detection from a header row. */
import { matchSignature } from "../columns.js";
import { bigcommerce } from "./bigcommerce.js";
import { ecwid } from "./ecwid.js";
import { generic } from "./generic.js";
import { magento } from "./magento.js";
import { onlineRetail } from "./online-retail.js";
import type { OrderFormat } from "./order-platform.js";
import { prestashop } from "./prestashop.js";
import { shopify } from "./shopify.js";
import { shoptet } from "./shoptet.js";
import { upgates } from "./upgates.js";
import { woocommerce } from "./woocommerce.js";

/** Detection order matters: the most specific signatures first, generic last. */
export const ORDER_FORMATS: readonly OrderFormat[] = [
  shopify,
  woocommerce,
  shoptet,
  upgates,
  prestashop,
  bigcommerce,
  magento,
  ecwid,
  onlineRetail,
  generic,
];

export const PLATFORM_NAMES = ORDER_FORMATS.map((f) => f.platform);

export function orderFormatByName(name: string): OrderFormat | undefined {
  return ORDER_FORMATS.find((f) => f.platform === name.toLowerCase());
}

/** The first format one of whose signatures is wholly present; null when none is. */
export function detectOrderFormat(header: readonly string[]): OrderFormat | null {
  return ORDER_FORMATS.find((f) => matchSignature(header, f.signatures) !== null) ?? null;
}

export type { OrderCells, OrderField, OrderFormat } from "./order-platform.js";
export { mapStatus, ORDER_FIELDS } from "./order-platform.js";

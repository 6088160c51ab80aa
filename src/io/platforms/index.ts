/** The order platforms we read, and which one a header is. */
import type { Decided } from "../../core/decided.js";
import { matchSignature } from "../columns.js";
import { bigcommerce } from "./bigcommerce.js";
import { ecwid } from "./ecwid.js";
import { generic } from "./generic.js";
import { magento } from "./magento.js";
import { onlineRetail } from "./online-retail.js";
import type { OrderPlatform } from "./order-platform.js";
import { prestashop } from "./prestashop.js";
import { shopify } from "./shopify.js";
import { shoptet } from "./shoptet.js";
import { upgates } from "./upgates.js";
import { woocommerce } from "./woocommerce.js";

/** Detection order matters: the most specific signatures first, generic last. */
export const ORDER_PLATFORMS: readonly OrderPlatform[] = [
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

export const PLATFORM_NAMES = ORDER_PLATFORMS.map((p) => p.name);

/**
 * The platform of an orders file with this header: the one --platform names, else the first one
 * of whose signatures the header has every column, else generic (whose required columns are then
 * checked, naming what is missing).
 */
export function detectOrderPlatform(header: readonly string[], forced?: string): Decided<OrderPlatform> {
  if (forced !== undefined) {
    const named = ORDER_PLATFORMS.find((p) => p.name === forced.toLowerCase());
    // The CLI has checked the name; another caller passing an unknown one is a bug.
    if (!named) throw new Error(`unknown platform ${JSON.stringify(forced)}`);
    return { value: named, reason: "--platform", source: "option" };
  }
  for (const platform of ORDER_PLATFORMS) {
    const signature = matchSignature(header, platform.signatures);
    if (signature === null) continue;
    if (platform === generic) {
      return { value: generic, reason: "the header has the generic columns created_at and total", source: "content", line: 1 };
    }
    return { value: platform, reason: `the header has ${signature.join(", ")}`, source: "content", line: 1 };
  }
  return { value: generic, reason: "no platform's header matched; read as a generic file", source: "default" };
}

export type { OrderCells, OrderField, OrderPlatform } from "./order-platform.js";
export { keyPrefixStatus, mapStatus, ORDER_FIELDS, statusKey } from "./order-platform.js";

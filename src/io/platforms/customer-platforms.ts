/**
 * Customers exports, as data (export-formats.md §2–5, §8). What matters for the join: the
 * customer id and email columns, and whether the file lists registered accounts only — then an
 * order whose customer is not in it is a guest checkout.
 */
import type { Decided } from "../../core/decided.js";
import { type ColumnSpec, matchSignature } from "../columns.js";

export const CUSTOMER_FIELDS = ["customer_id", "email", "created_at", "registered"] as const;
export type CustomerField = (typeof CUSTOMER_FIELDS)[number];

export type Registration =
  /** Every row is a registered account (WooCommerce, Shoptet). */
  | { readonly kind: "all" }
  /** The file lists guests too, so it can't tell guest orders (Shopify). */
  | { readonly kind: "mixed"; readonly reason: string }
  /** A boolean column says (generic `registered`). */
  | { readonly kind: "column" }
  /** The column holds one of these values (lower case) for a registered account (Upgates [CUSTOMER_YN] 1). */
  | { readonly kind: "column-equals"; readonly values: readonly string[] };

export interface CustomerPlatform extends ColumnSpec<CustomerField> {
  readonly name: string;
  readonly label: string;
  readonly signatures: readonly (readonly string[])[];
  readonly registration: Registration;
}

const CUSTOMER_PLATFORMS: readonly CustomerPlatform[] = [
  {
    name: "shopify",
    label: "Shopify customers export",
    signatures: [
      ["Customer ID", "Email", "Total Orders"],
      ["First Name", "Last Name", "Email", "Total Spent"],
    ],
    columns: { customer_id: ["Customer ID"], email: ["Email"] },
    required: ["email"],
    registration: { kind: "mixed", reason: "the Shopify customers export lists guest checkouts' customers too" },
  },
  {
    name: "woocommerce",
    label: "WooCommerce customers export",
    signatures: [["customer_id", "email", "date_registered"]],
    columns: { customer_id: ["customer_id"], email: ["email"], created_at: ["date_registered"] },
    required: ["email"],
    registration: { kind: "all" },
  },
  {
    name: "upgates",
    label: "Upgates customers export",
    signatures: [["[CUSTOMER_YN]", "[EMAIL]"]],
    columns: { email: ["[EMAIL]"], customer_id: ["[CODE]"], registered: ["[CUSTOMER_YN]"] },
    required: ["email"],
    registration: { kind: "column-equals", values: ["1", "ano", "yes", "true"] },
  },
  {
    name: "generic",
    label: "generic customers file",
    signatures: [["email"], ["customer_id"]],
    columns: { customer_id: ["customer_id"], email: ["email"], created_at: ["created_at"], registered: ["registered"] },
    required: [],
    registration: { kind: "column" },
  },
];

/**
 * The platform of a customers file with this header; a --customers-map (`mapped`) means a generic
 * file whatever the header looks like. Null when no platform's signature matches.
 */
export function detectCustomerPlatform(header: readonly string[], mapped: boolean): Decided<CustomerPlatform> | null {
  const generic = CUSTOMER_PLATFORMS[CUSTOMER_PLATFORMS.length - 1]!;
  if (mapped) return { value: generic, reason: "--customers-map", source: "option" };
  for (const platform of CUSTOMER_PLATFORMS) {
    const signature = matchSignature(header, platform.signatures);
    if (signature !== null) return { value: platform, reason: `the header has ${signature.join(", ")}`, source: "content", line: 1 };
  }
  return null;
}

/**
 * Review exports, as data (engagement-inputs.md §5): the CSV ones (Judge.me, Trustpilot, Olist,
 * generic) as columns, and Heureka's "Ověřeno zákazníky" XML exports as elements. A review counts
 * by its creation time, never its reply's.
 */
import type { Decided } from "../../core/decided.js";
import { type ColumnSpec, matchSignature } from "../columns.js";

export const REVIEW_FIELDS = ["date", "rating", "id", "curated", "hidden"] as const;
export type ReviewField = (typeof REVIEW_FIELDS)[number];

export interface ReviewPlatform extends ColumnSpec<ReviewField> {
  readonly name: string;
  readonly label: string;
  readonly signatures: readonly (readonly string[])[];
  /** How a time without an offset is read: in UTC (the header says so), or in the report's zone. */
  readonly times: "utc" | "local";
  /** Judge.me: the `curated` values that exclude a review (spam), lower case. */
  readonly excludedCurated?: readonly string[];
}

/** Heureka's XML exports: the root element, and the element of a review's rating. */
export interface XmlReviewPlatform {
  readonly name: string;
  readonly label: string;
  readonly root: string;
  readonly rating: string;
}

const CSV_PLATFORMS: readonly ReviewPlatform[] = [
  {
    name: "judgeme",
    label: "Judge.me reviews export",
    signatures: [
      ["title", "body", "rating", "review_date", "curated"],
      ["product_handle", "review_title", "rating", "review_date"],
      ["title", "body", "rating", "review_date", "reviewer_email"],
    ],
    columns: { date: ["review_date"], rating: ["rating"], curated: ["curated"], hidden: ["hidden"] },
    required: ["date", "rating"],
    times: "local",
    excludedCurated: ["spam"],
  },
  {
    name: "trustpilot",
    label: "Trustpilot reviews export",
    signatures: [["Review Created (UTC)", "Review Stars"]],
    columns: { date: ["Review Created (UTC)"], rating: ["Review Stars"], id: ["Review Id"] },
    required: ["date", "rating"],
    times: "utc",
  },
  {
    name: "olist",
    label: "Olist reviews file",
    signatures: [["review_id", "review_score", "review_creation_date"]],
    columns: { date: ["review_creation_date"], rating: ["review_score"], id: ["review_id"] },
    required: ["date", "rating"],
    times: "local",
  },
  {
    name: "generic",
    label: "generic reviews file",
    signatures: [["date", "rating"]],
    columns: { date: ["date", "created_at"], rating: ["rating", "stars", "score"], id: ["id", "review_id"], hidden: ["hidden"] },
    required: ["date", "rating"],
    times: "local",
  },
];

export const XML_PLATFORMS: readonly XmlReviewPlatform[] = [
  { name: "heureka-shop", label: "Heureka shop reviews (XML)", root: "reviews", rating: "total_rating" },
  { name: "heureka-products", label: "Heureka product reviews (XML)", root: "products", rating: "rating" },
];

export const REVIEW_PLATFORM_NAMES = [...CSV_PLATFORMS.map((p) => p.name), ...XML_PLATFORMS.map((p) => p.name)];

/**
 * The format of a CSV reviews file with this header: the one --reviews-platform names (a CSV
 * one), else the first whose signature the header has; with --reviews-map only, generic.
 */
export function detectReviewPlatform(
  header: readonly string[],
  forced: string | undefined,
  mapped: boolean,
): Decided<ReviewPlatform> | null {
  const generic = CSV_PLATFORMS[CSV_PLATFORMS.length - 1]!;
  if (forced !== undefined) {
    const named = CSV_PLATFORMS.find((p) => p.name === forced.toLowerCase());
    if (named) return { value: named, reason: "--reviews-platform", source: "option" };
    return null; // an XML format named for a CSV file: the reader says so
  }
  for (const platform of CSV_PLATFORMS) {
    const signature = matchSignature(header, platform.signatures);
    if (signature !== null) return { value: platform, reason: `the header has ${signature.join(", ")}`, source: "content", line: 1 };
  }
  return mapped ? { value: generic, reason: "--reviews-map", source: "option" } : null;
}

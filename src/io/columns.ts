/**
 * Header resolution, for any record kind: which column holds each canonical field. Headers are
 * matched by name (trimmed, case-insensitive), never by position, because exports gain columns
 * over the years and users trim them.
 */
import { AppError } from "../core/errors.js";
import { firstChars, printable } from "../core/printable.js";

/** Canonical field → index in the row; absent when the file has no such column. */
export type ColumnIndex<F extends string> = Partial<Record<F, number>>;

/** What a header must and may contain for one platform's export. */
export interface ColumnSpec<F extends string> {
  /** Field → accepted header names, first match wins. */
  readonly columns: Readonly<Partial<Record<F, readonly string[]>>>;
  readonly required: readonly F[];
}

/** A header name safe to echo on a terminal: control characters escaped, at most 60 characters. */
function echoed(name: string): string {
  const cut = firstChars(name, 59);
  return printable(cut.length < name.length ? `${cut}…` : name);
}

const normaliseHeader = (name: string): string => name.trim().toLowerCase();

/** The first of `signatures` whose headers are all in `header` (by normalised name), or null. */
export function matchSignature(header: readonly string[], signatures: readonly (readonly string[])[]): readonly string[] | null {
  const present = new Set(header.map(normaliseHeader));
  return signatures.find((set) => set.every((h) => present.has(normaliseHeader(h)))) ?? null;
}

/**
 * Resolves fields to columns. `overrides` (from --map) point a field at a named column and win
 * over the spec. Throws AppError INPUT_HEADER when a mapped column or a required field is missing.
 */
export function resolveColumns<F extends string>(
  header: readonly string[],
  spec: ColumnSpec<F>,
  /** The map flag (--map, --customers-map) and its FIELD=Column entries. */
  overrides: { readonly flag: string; readonly maps: ReadonlyMap<F, string> },
  /** `what` completes "unrecognised header: … needs", e.g. "a Shopify orders export". */
  where: { file: string; what: string },
): ColumnIndex<F> {
  const positions = new Map<string, number>();
  header.forEach((name, i) => {
    const key = normaliseHeader(name);
    if (key !== "" && !positions.has(key)) positions.set(key, i);
  });
  const index: ColumnIndex<F> = {};
  for (const field of Object.keys(spec.columns) as F[]) {
    for (const alias of spec.columns[field] ?? []) {
      const at = positions.get(normaliseHeader(alias));
      if (at !== undefined) {
        index[field] = at;
        break;
      }
    }
  }
  for (const [field, column] of overrides.maps) {
    const at = positions.get(normaliseHeader(column));
    if (at === undefined) {
      throw new AppError(
        "INPUT_HEADER",
        `${overrides.flag} ${field}=${column}: no column named "${column}". Columns found: ${listColumns(header)}`,
        {
          file: where.file,
          line: 1,
        },
      );
    }
    index[field] = at;
  }
  const missing = spec.required.filter((field) => index[field] === undefined);
  if (missing.length > 0) {
    const wanted = missing.map((field) => {
      const header = spec.columns[field]?.[0] ?? field;
      return header === field ? field : `${header} (${field})`;
    });
    throw new AppError(
      "INPUT_HEADER",
      `unrecognised header: ${where.what} needs ${wanted.join(", ")}. Columns found: ${listColumns(header)}. Point a field at a column with ${overrides.flag} FIELD=COLUMN`,
      { file: where.file, line: 1 },
    );
  }
  return index;
}

/** A header's names for a message: each trimmed and escaped, `""` for an empty one, the first 40. */
export function listColumns(header: readonly string[]): string {
  const names = header.map((h) => (h.trim() === "" ? '""' : echoed(h.trim())));
  return names.length <= 40 ? names.join(", ") : `${names.slice(0, 40).join(", ")}, … (${names.length} in all)`;
}

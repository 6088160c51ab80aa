/**
 * RFM scores and segment grids. A score is 1 + floor(scale × W / n), W the customers with a
 * strictly worse value: ties share a score and the file's order never matters (docs/metrics.md,
 * "RFM"). A grid is an ordered list of rules over the scores — ranges of R, F, M and FM = (F + M) / 2,
 * or a list of "rfm" codes — where the first rule that matches names the segment, and a fallback
 * takes what none matches. Built in: our grid in the spirit of Shopify's groups for each scale, and
 * the R package rfm's; a config's own (`rfmSegments`) is checked here, against the run's scale.
 */

export const RFM_SCALES = ["5", "4", "3"] as const;
export type RfmScale = 3 | 4 | 5;
export const RFM_GRIDS = ["default", "rfm-package", "config"] as const;
export type RfmGridName = (typeof RFM_GRIDS)[number];

/** Inclusive bounds of a score (or of FM, which may be x.5). */
export type ScoreRange = readonly [number, number];

export interface SegmentRule {
  readonly name: string;
  readonly r?: ScoreRange;
  readonly f?: ScoreRange;
  readonly m?: ScoreRange;
  readonly fm?: ScoreRange;
  /** "rfm" codes as digits (pymc-marketing's lists): matches exactly these. */
  readonly codes?: readonly string[];
}

export interface SegmentGrid {
  readonly name: RfmGridName;
  readonly scale: RfmScale;
  /** What the grid is, for the JSON and the table's heading. */
  readonly description: string;
  readonly rules: readonly SegmentRule[];
  /** The segment of a combination no rule matches; null when the rules cover every one. */
  readonly fallback: string | null;
}

/** The score of a value with `worse` of `n` customers strictly worse than it: 1 … scale, exactly (integer division). */
export function rfmScore(worse: number, n: number, scale: RfmScale): number {
  const scaled = scale * worse;
  return 1 + (scaled - (scaled % n)) / n;
}

const range = (lo: number, hi: number): ScoreRange => [lo, hi];

/** Ours on 1–5 (Shopify publishes its group names, not its cut-offs): rows of R, columns of FM. */
const DEFAULT_5: readonly SegmentRule[] = [
  { name: "Champions", r: range(5, 5), fm: range(4, 5) },
  { name: "Loyal", r: range(3, 4), fm: range(4, 5) },
  { name: "Active", r: range(4, 5), fm: range(2.5, 3.5) },
  { name: "Needs attention", r: range(3, 3), fm: range(2.5, 3.5) },
  { name: "New", r: range(5, 5), fm: range(1, 2) },
  { name: "Promising", r: range(3, 4), fm: range(1, 2) },
  { name: "Previously loyal", r: range(1, 2), fm: range(4.5, 5) },
  { name: "At risk", r: range(1, 2), fm: range(3, 4) },
  { name: "Almost lost", r: range(1, 2), fm: range(2, 2.5) },
  { name: "Dormant", r: range(1, 2), fm: range(1, 1.5) },
];

/** Ours on 1–3, with Klaviyo's six group names (Klaviyo publishes no cut-offs either). */
const DEFAULT_3: readonly SegmentRule[] = [
  { name: "Champions", r: range(3, 3), fm: range(2.5, 3) },
  { name: "Loyal", r: range(3, 3), fm: range(1.5, 2) },
  { name: "Loyal", r: range(2, 2), fm: range(2.5, 3) },
  { name: "Recent", r: range(3, 3), fm: range(1, 1) },
  { name: "Needs attention", r: range(2, 2), fm: range(1, 2) },
  { name: "At risk", r: range(1, 1), fm: range(2, 3) },
  { name: "Inactive", r: range(1, 1), fm: range(1, 1.5) },
];

/** pymc-marketing's rfm_segments() default groups on quartiles (1–4), by code; the rest is "Other". */
const PYMC_4: readonly SegmentRule[] = [
  { name: "Premium Customer", codes: ["334", "443", "444", "344", "434", "433", "343", "333"] },
  { name: "Repeat Customer", codes: ["244", "234", "232", "332", "143", "233", "243"] },
  { name: "Top Spender", codes: ["424", "414", "144", "314", "324", "124", "224", "423", "413", "133", "323", "313", "134"] },
  { name: "At Risk Customer", codes: ["422", "223", "212", "122", "222", "132", "322", "312", "412", "123", "214"] },
  { name: "Inactive Customer", codes: ["411", "111", "113", "114", "112", "211", "311"] },
];

/** The R package rfm's (v0.3) default segments on 1–5: R, F and M ranges; first match wins; the rest is "Others". */
const RFM_PACKAGE: readonly SegmentRule[] = [
  { name: "Champions", r: range(5, 5), f: range(5, 5), m: range(5, 5) },
  { name: "Potential Loyalist", r: range(3, 5), f: range(3, 5), m: range(2, 5) },
  { name: "Loyal Customers", r: range(2, 4), f: range(2, 4), m: range(2, 4) },
  { name: "Promising", r: range(3, 4), f: range(1, 3), m: range(3, 5) },
  { name: "New Customers", r: range(4, 5), f: range(1, 3), m: range(1, 5) },
  { name: "Can't Lose Them", r: range(1, 2), f: range(3, 4), m: range(4, 5) },
  { name: "At Risk", r: range(1, 2), f: range(2, 5), m: range(4, 5) },
  { name: "Need Attention", r: range(1, 3), f: range(3, 5), m: range(3, 5) },
  { name: "About To Sleep", r: range(2, 3), f: range(1, 3), m: range(1, 4) },
  { name: "Lost", r: range(1, 1), f: range(1, 5), m: range(1, 5) },
];

/** A built-in grid for the scale, or why there is none. */
export function builtInGrid(name: "default" | "rfm-package", scale: RfmScale): SegmentGrid | string {
  if (name === "rfm-package") {
    if (scale !== 5) return `--segments rfm-package is the R package rfm's grid on scores 1–5: it needs --scale 5, not ${scale}`;
    return {
      name,
      scale,
      description: "the R package rfm's default segments (v0.3): R, F and M ranges, first match wins",
      rules: RFM_PACKAGE,
      fallback: "Others",
    };
  }
  if (scale === 4)
    return {
      name,
      scale,
      description: "pymc-marketing's default segments on quartiles (rfm_segments), by R F M code",
      rules: PYMC_4,
      fallback: "Other",
    };
  return scale === 5
    ? {
        name,
        scale,
        description: "shopmetrics' grid on R and FM = (F + M) / 2, with Shopify's group names",
        rules: DEFAULT_5,
        fallback: null,
      }
    : {
        name,
        scale,
        description: "shopmetrics' grid on R and FM = (F + M) / 2, with Klaviyo's group names",
        rules: DEFAULT_3,
        fallback: null,
      };
}

const RULE_KEYS = ["name", "r", "f", "m", "fm"] as const;
const GRID_KEYS = ["rules", "fallback"] as const;

/**
 * A config's `rfmSegments` ({ "rules": [{ "name": "VIP", "r": [4, 5], "fm": [4, 5] }, …],
 * "fallback": "Others" }), checked against the scale: every key known, every range within
 * 1 … scale, and every score combination given a segment (by a rule, or the fallback). Returns the
 * grid, or what is wrong with it (a usage error's text).
 */
export function parseGrid(json: unknown, scale: RfmScale): SegmentGrid | string {
  if (!isObject(json)) return 'must be an object: { "rules": [{ "name": …, "r": [lo, hi], "fm": [lo, hi] }, …], "fallback": "…" }';
  for (const key of Object.keys(json))
    if (!(GRID_KEYS as readonly string[]).includes(key)) return `has an unknown key ${JSON.stringify(key)}; keys are rules and fallback`;
  const { rules, fallback } = json;
  if (!Array.isArray(rules) || rules.length === 0)
    return '"rules" must be a list of rules, e.g. [{ "name": "VIP", "r": [4, 5], "fm": [4, 5] }]';
  if (fallback !== undefined && (typeof fallback !== "string" || fallback.trim() === ""))
    return '"fallback" must be the name of the segment no rule matches, e.g. "Others"';
  const parsed: SegmentRule[] = [];
  for (const [i, rule] of rules.entries()) {
    const where = `rule ${i + 1}`;
    if (!isObject(rule)) return `${where} must be an object such as { "name": "VIP", "r": [4, 5], "fm": [4, 5] }`;
    for (const key of Object.keys(rule))
      if (!(RULE_KEYS as readonly string[]).includes(key))
        return `${where} has an unknown key ${JSON.stringify(key)}; a rule's keys are ${RULE_KEYS.join(", ")}`;
    if (typeof rule.name !== "string" || rule.name.trim() === "") return `${where} needs a "name"`;
    const out: { -readonly [K in keyof SegmentRule]: SegmentRule[K] } = { name: rule.name.trim() };
    for (const key of ["r", "f", "m", "fm"] as const) {
      if (rule[key] === undefined) continue;
      const bounds = scoreRange(rule[key], scale);
      if (typeof bounds === "string") return `${where} (${JSON.stringify(out.name)}): "${key}" ${bounds}`;
      out[key] = bounds;
    }
    parsed.push(out);
  }
  const grid: SegmentGrid = {
    name: "config",
    scale,
    description: "the config's rfmSegments, first match wins",
    rules: parsed,
    fallback: typeof fallback === "string" ? fallback.trim() : null,
  };
  if (grid.fallback === null) {
    const table = segmentTable(grid);
    const gap = table.of.indexOf(-1);
    if (gap >= 0) {
      const [r, f, m] = codeOf(gap, scale);
      return `assigns no segment to R=${r} F=${f} M=${m} (FM ${(f + m) / 2}): add a rule that matches it, or a "fallback" name for every combination no rule matches`;
    }
  }
  return grid;
}

/** [lo, hi] (or one score) within 1 … scale. */
function scoreRange(value: unknown, scale: RfmScale): ScoreRange | string {
  const pair = typeof value === "number" ? [value, value] : value;
  if (!Array.isArray(pair) || pair.length !== 2 || !pair.every((n) => typeof n === "number" && Number.isFinite(n)))
    return `must be [lowest, highest] scores, e.g. [4, ${scale}], or one score`;
  const [lo, hi] = pair as [number, number];
  if (lo > hi) return `[${lo}, ${hi}]: the lowest score comes first`;
  if (lo < 1 || hi > scale) return `[${lo}, ${hi}] is outside the scores 1 … ${scale} (--scale ${scale})`;
  return [lo, hi];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** A grid's segments, in order (the fallback last), and each score combination's: of[index(r, f, m)], −1 none. */
export interface SegmentTable {
  readonly names: readonly string[];
  readonly of: Int16Array;
}

export function segmentTable(grid: SegmentGrid): SegmentTable {
  const { scale } = grid;
  const names: string[] = [];
  const indexOf = (name: string) => {
    let i = names.indexOf(name);
    if (i < 0) i = names.push(name) - 1;
    return i;
  };
  const ruleSegments = grid.rules.map((rule) => indexOf(rule.name));
  const fallback = grid.fallback === null ? -1 : indexOf(grid.fallback);
  const of = new Int16Array(scale ** 3).fill(-1);
  for (let index = 0; index < of.length; index++) {
    const [r, f, m] = codeOf(index, scale);
    const rule = grid.rules.findIndex((rule) => matches(rule, r, f, m));
    of[index] = rule >= 0 ? ruleSegments[rule]! : fallback;
  }
  return { names, of };
}

/** The table index of scores r, f, m. */
export const comboIndex = (r: number, f: number, m: number, scale: RfmScale): number => ((r - 1) * scale + (f - 1)) * scale + (m - 1);

function codeOf(index: number, scale: RfmScale): [number, number, number] {
  return [Math.floor(index / (scale * scale)) + 1, (Math.floor(index / scale) % scale) + 1, (index % scale) + 1];
}

function matches(rule: SegmentRule, r: number, f: number, m: number): boolean {
  if (rule.codes) return rule.codes.includes(`${r}${f}${m}`);
  const within = (bounds: ScoreRange | undefined, value: number) => bounds === undefined || (value >= bounds[0] && value <= bounds[1]);
  return within(rule.r, r) && within(rule.f, f) && within(rule.m, m) && within(rule.fm, (f + m) / 2);
}

/** One segment of a currency group, as `rfm` sums it up. */
export interface RfmSegmentSummary {
  readonly name: string;
  readonly customers: number;
  /** customers / the group's customers. */
  readonly customerShare: number;
  /** Σ monetary, major units. */
  readonly revenue: number;
  /** revenue / the group's revenue; null when that is 0. */
  readonly revenueShare: number | null;
  readonly meanRecencyDays: number | null;
  readonly meanFrequency: number | null;
  /** revenue / orders, rounded to the minor unit; null without orders. */
  readonly aov: number | null;
}

export interface RfmGroup {
  readonly currency: string | null;
  readonly customers: number;
  readonly segments: readonly RfmSegmentSummary[];
}

/**
 * A currency's customer lines, made one at a time (row(i), in list order) from figures kept in
 * typed arrays: a list of millions of customers is never a million objects at once.
 */
export interface CustomerList {
  readonly length: number;
  row(i: number): RfmCustomerRow;
}

/** One customer's line of `rfm --customers-out`. */
export interface RfmCustomerRow {
  /** The email when known, else the customer id. */
  readonly customer: string;
  readonly email: string | null;
  readonly customerId: string | null;
  readonly currency: string | null;
  /** Local days, YYYY-MM-DD. */
  readonly firstOrder: string;
  readonly lastOrder: string;
  readonly recencyDays: number;
  readonly frequency: number;
  /** Minor units (the renderer writes them with the currency's decimals). */
  readonly monetary: number;
  readonly r: number;
  readonly f: number;
  readonly m: number;
  readonly segment: string;
}

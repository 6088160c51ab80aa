/**
 * --fail-if: a cron job's guard. Each condition is checked against every currency group of the
 * report's window (the latest point, with --every). A null value trips nothing — it is reported
 * as not evaluated, since "no data" is not "below the threshold". A report without any group (no
 * orders at all) is checked as one empty group, the metrics computed over no orders: counts are 0
 * there, so 'orders<1' trips, and a metric whose input the file lacks stays null.
 */

import { type EngagementMetricInfo, engagementValue } from "../core/engagement.js";
import { usageError } from "../core/errors.js";
import { listed } from "../core/words.js";
import type { GroupResult } from "../metrics/compute.js";
import { ENGAGEMENT_METRICS } from "../metrics/engagement/index.js";
import type { Registry } from "../metrics/registry.js";
import type { Engagement } from "../report/model.js";

export interface Condition<Id extends string = string> {
  /** As the user wrote it, for messages. */
  readonly text: string;
  readonly metric: Id;
  readonly op: "<" | "<=" | ">" | ">=";
  readonly threshold: number;
  /** A survey figure (`nps`, `csatRate` …): checked once on the report's engagement block, not per currency. */
  readonly engagement?: EngagementMetricInfo;
}

export interface ConditionOutcome<Id extends string = string> {
  readonly condition: Condition<Id>;
  readonly currency: string | null;
  readonly value: number | null;
  /** True when the value meets the condition; false when it doesn't or is null. */
  readonly tripped: boolean;
  /** Checked on the survey figures (currency is then null). */
  readonly engagement?: boolean;
}

/** `METRIC<NUMBER` (or <=, >, >=) → a condition on one of the registry's metrics; a usage error otherwise. */
export function parseCondition<Id extends string>(text: string, registry: Registry<Id>): Condition<Id> {
  const m = /^\s*([A-Za-z]+)\s*(<=|>=|<|>)\s*(-?\d+(?:\.\d+)?|-?\.\d+)\s*$/.exec(text);
  if (!m)
    throw usageError(
      `invalid --fail-if ${JSON.stringify(text)}: expected METRIC<NUMBER, with <, <=, > or >=, e.g. 'repeatPurchaseRate<0.2'`,
    );
  const metric = m[1]!;
  const op = m[2] as Condition["op"];
  const threshold = Number(m[3]);
  const engagement = ENGAGEMENT_METRICS.find((e) => e.id === metric);
  if (engagement) return { text: text.trim(), metric: metric as Id, op, threshold, engagement };
  if (!registry.has(metric)) {
    throw usageError(
      `invalid --fail-if ${JSON.stringify(text)}: unknown metric "${metric}"; metrics are ${[...registry.ids, ...ENGAGEMENT_METRICS.map((e) => e.id)].join(", ")}`,
    );
  }
  return { text: text.trim(), metric, op, threshold };
}

/** The survey conditions, checked once on the report's engagement block; null (no such input, or too few responses) trips nothing. */
export function checkEngagementConditions<Id extends string>(
  conditions: readonly Condition<Id>[],
  engagement: Engagement | undefined,
): ConditionOutcome<Id>[] {
  return conditions.map((condition) => {
    const info = condition.engagement!;
    const value = engagementValue(engagement?.[info.kind], info.field);
    return {
      condition,
      currency: null,
      value,
      tripped: value !== null && compare(value, condition.op, condition.threshold),
      engagement: true,
    };
  });
}

/** `groups`: the report's groups, or the one empty group when it has none. */
export function checkConditions<Id extends string>(
  conditions: readonly Condition<Id>[],
  groups: readonly GroupResult<Id>[],
): ConditionOutcome<Id>[] {
  return conditions.flatMap((condition) =>
    groups.map((group) => {
      const value = group.metrics[condition.metric];
      return { condition, currency: group.currency, value, tripped: value !== null && compare(value, condition.op, condition.threshold) };
    }),
  );
}

function compare(value: number, op: Condition["op"], threshold: number): boolean {
  switch (op) {
    case "<":
      return value < threshold;
    case "<=":
      return value <= threshold;
    case ">":
      return value > threshold;
    case ">=":
      return value >= threshold;
  }
}

/**
 * What stderr says of the outcomes: each condition that tripped, for each currency (the run then
 * exits 4), and once per condition the currencies it could not be evaluated for (the metric is
 * null there).
 */
export function describeOutcomes(
  outcomes: readonly ConditionOutcome[],
  asOf: string,
  hasGroups: boolean,
): { readonly tripped: string[]; readonly notEvaluated: string[] } {
  const where = (outcome: ConditionOutcome) =>
    outcome.engagement ? "the survey and review figures" : hasGroups ? (outcome.currency ?? "(no currency)") : "the report (no orders)";
  const tripped = outcomes
    .filter((o) => o.tripped)
    .map((o) => `fail-if tripped: ${o.condition.text} (${o.condition.metric} is ${o.value} for ${where(o)} as of ${asOf})`);
  const unevaluated = new Map<string, { metric: string; where: string[] }>();
  for (const outcome of outcomes) {
    if (outcome.tripped || outcome.value !== null) continue;
    const entry = unevaluated.get(outcome.condition.text) ?? { metric: outcome.condition.metric, where: [] };
    entry.where.push(where(outcome));
    unevaluated.set(outcome.condition.text, entry);
  }
  const notEvaluated = [...unevaluated].map(
    ([text, { metric, where }]) => `--fail-if ${text} not evaluated for ${listed(where)} as of ${asOf}: ${metric} is null`,
  );
  return { tripped, notEvaluated };
}

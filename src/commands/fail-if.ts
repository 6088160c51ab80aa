/**
 * --fail-if: a cron job's guard. Each condition is checked against every currency group of the
 * report's window (the latest point, with --every). A null value trips nothing — it is reported
 * as not evaluated, since "no data" is not "below the threshold". A report without any group
 * (no orders at all) is checked as one empty group.
 */

import type { GroupResult } from "../metrics/compute.js";
import { METRICS } from "../metrics/index.js";
import type { MetricId } from "../metrics/metric.js";

export interface Condition {
  /** As the user wrote it, for messages. */
  readonly text: string;
  readonly metric: MetricId;
  readonly op: "<" | "<=" | ">" | ">=";
  readonly threshold: number;
}

export interface ConditionOutcome {
  readonly condition: Condition;
  readonly currency: string | null;
  readonly value: number | null;
  /** True when the value meets the condition; false when it doesn't or is null. */
  readonly tripped: boolean;
}

export function checkConditions(conditions: readonly Condition[], groups: readonly GroupResult[]): ConditionOutcome[] {
  const outcomes: ConditionOutcome[] = [];
  for (const condition of conditions) {
    // An export without orders has no group, but a guard like 'orders<1' must still see it:
    // counts (and revenue) are 0 there, every other metric null.
    if (groups.length === 0) {
      const metric = METRICS.find((m) => m.id === condition.metric)!;
      const value = metric.unit === "count" || metric.id === "revenue" ? 0 : null;
      outcomes.push({ condition, currency: null, value, tripped: value !== null && compare(value, condition.op, condition.threshold) });
    }
    for (const group of groups) {
      const value = group.metrics[condition.metric];
      outcomes.push({
        condition,
        currency: group.currency,
        value,
        tripped: value !== null && compare(value, condition.op, condition.threshold),
      });
    }
  }
  return outcomes;
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

/**
 * --fail-if: a cron job's guard. Each condition is checked against every currency group of the
 * report's window (the latest point, with --every). A null value trips nothing — it is reported
 * as not evaluated, since "no data" is not "below the threshold".
 */
import type { MetricId } from "../metrics/metric.js";
import type { GroupResult } from "./compute.js";

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
    for (const group of groups) {
      const value = group.metrics[condition.metric];
      outcomes.push({ condition, currency: group.currency, value, tripped: value !== null && compare(value, condition.op, condition.threshold) });
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

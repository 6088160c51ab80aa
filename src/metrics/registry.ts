/**
 * The registry: every metric, checked and ordered once, when the program loads. It rejects a
 * duplicate id or position, a derived metric using one that does not exist, and a cycle; it
 * orders the metrics for the report (by position) and for computation (each after the metrics
 * it uses), and works out what each needs, its own needs and those of everything it uses.
 */
import { isDerived, type MetricDef, NEEDS, type Need } from "./metric.js";

export type RegisteredMetric<Id extends string = string> = MetricDef & {
  readonly id: Id;
  /** The inputs the metric needs, transitively through what it uses, in NEEDS order. */
  readonly requires: readonly Need[];
};

export interface Registry<Id extends string = string> {
  /** In report order. */
  readonly metrics: readonly RegisteredMetric<Id>[];
  /** In computation order: every metric after the metrics it uses. */
  readonly computeOrder: readonly RegisteredMetric<Id>[];
  readonly ids: readonly Id[];
  has(id: string): id is Id;
}

export function createRegistry<const Defs extends readonly MetricDef[]>(definitions: Defs): Registry<Defs[number]["id"]> {
  type Id = Defs[number]["id"];
  const byId = new Map<string, MetricDef>();
  const positions = new Map<number, string>();
  for (const def of definitions) {
    if (byId.has(def.id)) throw new Error(`metric registry: two metrics have the id "${def.id}"`);
    const clash = positions.get(def.position);
    if (clash !== undefined) throw new Error(`metric registry: "${def.id}" and "${clash}" have the same position ${def.position}`);
    byId.set(def.id, def);
    positions.set(def.position, def.id);
  }
  for (const def of definitions) {
    if (!isDerived(def)) continue;
    if (def.uses.length === 0) throw new Error(`metric registry: "${def.id}" is derived from nothing`);
    for (const used of def.uses) if (!byId.has(used)) throw new Error(`metric registry: "${def.id}" uses "${used}", which is no metric`);
  }

  const inReportOrder = [...definitions].sort((a, b) => a.position - b.position);
  const requires = new Map<string, readonly Need[]>();
  const computeOrder: MetricDef[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (def: MetricDef, path: readonly string[]): void => {
    if (state.get(def.id) === "done") return;
    if (state.get(def.id) === "visiting") throw new Error(`metric registry: a cycle: ${[...path, def.id].join(" → ")}`);
    state.set(def.id, "visiting");
    const needs = new Set<Need>(isDerived(def) ? [] : def.needs);
    if (isDerived(def)) {
      for (const used of def.uses) {
        const input = byId.get(used)!;
        visit(input, [...path, def.id]);
        for (const need of requires.get(input.id)!) needs.add(need);
      }
    }
    requires.set(
      def.id,
      NEEDS.filter((need) => needs.has(need)),
    );
    state.set(def.id, "done");
    computeOrder.push(def);
  };
  for (const def of inReportOrder) visit(def, []);

  const registered = new Map(definitions.map((def) => [def.id, { ...def, requires: requires.get(def.id)! } as RegisteredMetric<Id>]));
  const metrics = inReportOrder.map((def) => registered.get(def.id)!);
  return {
    metrics,
    computeOrder: computeOrder.map((def) => registered.get(def.id)!),
    ids: metrics.map((m) => m.id),
    has: (id: string): id is Id => registered.has(id),
  };
}

/**
 * Conversion over a window (engagement-inputs.md §7): the shop's counted orders over the analytics
 * tool's sessions, on the days both cover — order-based, so it is comparable between tools, and
 * the tool's own rate (session-based) beside it, never mixed.
 */
import type { OrderDays, TrafficFigures, TrafficInput } from "../../core/traffic.js";
import type { ReportWindow } from "../../core/window.js";

export const TRAFFIC_DEFINITION =
  "conversionRate = counted orders created in the window (every currency; with --web-orders-only, not POS or draft orders) / sessions in the window, on the days both the traffic and the orders files cover (coveredDays); ordersPerThousandSessions = 1000 × orders / sessions; visitors = the days' unique visitors summed (a visitor who came on two days counts twice); reportedConversionRate = the analytics tool's own rate, as it defines it.";

type Days = Pick<ReportWindow, "firstDay" | "asOf" | "days">;

/** The traffic figures over `window`, or why there are none (an aggregate over another range). */
export function computeTraffic(
  input: TrafficInput,
  orders: OrderDays | null,
  window: Days,
  webOnly: boolean,
): { readonly figures: TrafficFigures } | { readonly none: string } {
  let ordersIn = 0;
  let offline = 0;
  const countOrders = (day: number) => {
    const all = orders?.orders.get(day) ?? 0;
    const off = webOnly ? (orders?.offline.get(day) ?? 0) : 0;
    ordersIn += all - off;
    offline += off;
  };
  let sessions = 0;
  let visitors: number | null = 0;
  let converted: number | null = 0;
  let covered = 0;
  if (input.kind === "range") {
    if (input.firstDay !== window.firstDay || input.lastDay !== window.asOf)
      return { none: `the traffic (${input.from === "files" ? "an aggregate file" : "--sessions"}) is over another range` };
    ({ sessions, visitors, converted } = input.total);
    covered = window.days;
    for (let day = window.firstDay; day <= window.asOf; day++) countOrders(day);
  } else {
    // The window's days the orders cover too.
    const first = Math.max(window.firstDay, orders?.firstDay ?? window.firstDay);
    const last = Math.min(window.asOf, orders?.lastDay ?? window.asOf);
    for (let day = first; day <= last; day++) {
      const d = input.days.get(day);
      if (d === undefined) continue;
      covered++;
      sessions += d.sessions;
      visitors = visitors === null || d.visitors === null ? null : visitors + d.visitors;
      converted = converted === null || d.converted === null ? null : converted + d.converted;
      countOrders(day);
    }
  }
  const { reported } = input;
  return {
    figures: {
      sessions,
      orders: ordersIn,
      conversionRate: sessions === 0 ? null : ordersIn / sessions,
      ordersPerThousandSessions: sessions === 0 ? null : (1000 * ordersIn) / sessions,
      coveredDays: covered,
      windowDays: window.days,
      visitors: covered === 0 ? null : visitors,
      ...(reported
        ? {
            reportedConversionRate: {
              rate: sessions === 0 || converted === null ? null : converted / sessions,
              definition: reported.definition,
            },
          }
        : {}),
      ...(webOnly ? { webOrdersOnly: { excludedOrders: offline } } : {}),
      sessionsFrom: input.kind === "range" ? input.from : "files",
    },
  };
}

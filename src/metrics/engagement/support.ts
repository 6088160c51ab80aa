/**
 * First response and resolution over a window (engagement-inputs.md §7): the tickets created in
 * it, how many were answered, and the mean, median and 90th percentile of the answered ones'
 * first response times, the share within the target, and the resolution times; per channel too.
 */
import { quantile } from "../../core/quantile.js";
import type { ChannelFigures, ResponseTimes, SupportFigures, TicketLog, TimeBasis } from "../../core/ticket.js";
import type { ReportWindow } from "../../core/window.js";

export const SUPPORT_DEFINITION =
  "Helpdesk tickets created in the window (a ticket counts in the window of its creation; deleted and spam tickets are excluded): answered = those with a first public agent reply, unanswered = the rest; firstResponse = the mean, median and 90th percentile (linear interpolation, as numpy and Excel) of the answered tickets' first reply − creation, in hours, as the export gives it, calendar time or with --business-hours within the schedule's open hours; withinTarget = answered tickets with a first response within targetHours / answered tickets with a time; resolution = the tickets resolved, and the median and 90th percentile of their creation → resolution hours.";

const HOUR = 3_600_000;

type Range = Pick<ReportWindow, "from" | "to">;

/** Hours of `ms`, ascending, and their statistics. */
function times(ms: number[]): ResponseTimes & { readonly count: number; readonly sorted: Float64Array } {
  const sorted = Float64Array.from(ms, (m) => m / HOUR).sort();
  let sum = 0;
  for (const h of sorted) sum += h;
  return {
    count: sorted.length,
    sorted,
    meanHours: sorted.length === 0 ? null : sum / sorted.length,
    medianHours: quantile(sorted, 0.5),
    p90Hours: quantile(sorted, 0.9),
  };
}

interface Tally {
  tickets: number;
  answered: number;
  first: number[];
  resolved: number;
  resolution: number[];
}

const tally = (): Tally => ({ tickets: 0, answered: 0, first: [], resolved: 0, resolution: [] });

function within(first: ResponseTimes & { readonly sorted: Float64Array }, targetHours: number): number | null {
  if (first.sorted.length === 0) return null;
  let n = 0;
  for (const h of first.sorted) if (h <= targetHours) n++;
  return n / first.sorted.length;
}

export function computeSupport(files: readonly TicketLog[], window: Range, targetHours: number, basis: TimeBasis): SupportFigures {
  const all = tally();
  const byChannel = new Map<string, Tally>();
  for (const log of files) {
    for (let i = 0; i < log.created.length; i++) {
      const at = log.created[i]!;
      if (at < window.from || at >= window.to) continue;
      const into = [all];
      if (log.channel[i]! >= 0) {
        const name = log.channels[log.channel[i]!]!;
        let t = byChannel.get(name);
        if (!t) {
          t = tally();
          byChannel.set(name, t);
        }
        into.push(t);
      }
      for (const t of into) {
        t.tickets++;
        if (log.answered[i] === 1) t.answered++;
        if (!Number.isNaN(log.firstResponseMs[i]!)) t.first.push(log.firstResponseMs[i]!);
        if (log.resolved[i] === 1) t.resolved++;
        if (!Number.isNaN(log.resolutionMs[i]!)) t.resolution.push(log.resolutionMs[i]!);
      }
    }
  }
  // A file with a channel column gives the breakdown, even when none of its tickets is in the window.
  const channelled = files.some((log) => log.channel.some((c) => c >= 0));
  const first = times(all.first);
  const resolution = times(all.resolution);
  const channels: ChannelFigures[] = [...byChannel]
    .map(([channel, t]) => {
      const f = times(t.first);
      return {
        channel,
        tickets: t.tickets,
        answered: t.answered,
        unanswered: t.tickets - t.answered,
        firstResponse: { meanHours: f.meanHours, medianHours: f.medianHours, p90Hours: f.p90Hours },
        withinTarget: within(f, targetHours),
      };
    })
    .sort((a, b) => b.tickets - a.tickets || (a.channel < b.channel ? -1 : a.channel > b.channel ? 1 : 0));
  return {
    tickets: all.tickets,
    answered: all.answered,
    unanswered: all.tickets - all.answered,
    firstResponse: { meanHours: first.meanHours, medianHours: first.medianHours, p90Hours: first.p90Hours },
    withinTarget: within(first, targetHours),
    targetHours,
    resolution: { resolved: all.resolved, medianHours: resolution.medianHours, p90Hours: resolution.p90Hours },
    basis,
    ...(channelled ? { channels } : {}),
  };
}

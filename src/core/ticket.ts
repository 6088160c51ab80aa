/**
 * Helpdesk tickets as the metrics take them (engagement-inputs.md §3, §7): each ticket's
 * creation instant, its first response time and resolution time on the file's basis (calendar or
 * business hours), whether it was answered or resolved when the export says so without a time
 * (osTicket), and its channel. No text but the channels' names.
 */

/** How first response and resolution times are counted: wall-clock time, or only the schedule's open hours. */
export type TimeBasis = "calendar" | "business";

/** One ticket file's tickets, in file order (excluded and skipped ones are not here). */
export interface TicketLog {
  /** Epoch ms of each ticket's creation. */
  readonly created: number[];
  /** Its first response time in ms on the basis; NaN when it has none (unanswered, or the export has no time). */
  readonly firstResponseMs: number[];
  /** 1 when it was answered (with or without a time), 0 when not. */
  readonly answered: number[];
  /** Its resolution time in ms on the basis; NaN when unresolved or the export has no time. */
  readonly resolutionMs: number[];
  /** 1 when it was resolved (with or without a time). */
  readonly resolved: number[];
  /** Its channel, an index into `channels`; -1 when the file has no channel column. */
  readonly channel: number[];
  readonly channels: string[];
}

export interface ResponseTimes {
  readonly meanHours: number | null;
  readonly medianHours: number | null;
  readonly p90Hours: number | null;
}

export interface ChannelFigures {
  /** As written (trimmed); "(none)" for an empty cell. */
  readonly channel: string;
  readonly tickets: number;
  readonly answered: number;
  readonly unanswered: number;
  readonly firstResponse: ResponseTimes;
  readonly withinTarget: number | null;
}

export interface SupportFigures {
  /** Tickets created in the window (deleted and spam tickets are not). */
  readonly tickets: number;
  readonly answered: number;
  readonly unanswered: number;
  /** Over the answered tickets with a time; null with none. */
  readonly firstResponse: ResponseTimes;
  /** Answered tickets with a first response within targetHours / answered tickets with a time; null with none. */
  readonly withinTarget: number | null;
  readonly targetHours: number;
  readonly resolution: { readonly resolved: number; readonly medianHours: number | null; readonly p90Hours: number | null };
  readonly basis: TimeBasis;
  /** Per channel, most tickets first; only when a file has a channel column. */
  readonly channels?: readonly ChannelFigures[];
}

/** A channel cell left empty. */
export const NO_CHANNEL = "(none)";

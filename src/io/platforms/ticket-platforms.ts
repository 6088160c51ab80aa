/**
 * Helpdesk ticket exports, as data (engagement-inputs.md §3): each format's columns for the
 * ticket's creation, its first response (a timestamp, a duration in calendar time, a duration in
 * business hours), its resolution, channel and status, and the statuses that take a ticket out
 * (deleted, spam). Which columns a format has decides what can be computed: osTicket writes no
 * first-reply time, so its tickets give counts and resolution only.
 */
import type { Decided } from "../../core/decided.js";
import { type ColumnSpec, matchSignature } from "../columns.js";
import type { DurationUnit } from "../parse/duration.js";

export const TICKET_FIELDS = [
  "id",
  "created",
  /** The first public agent reply's instant. */
  "first_response",
  /** The first response time as the tool computed it, calendar time. */
  "first_response_duration",
  /** The same within business hours. */
  "first_response_business",
  "resolved",
  "resolution_duration",
  "resolution_business",
  "channel",
  "status",
  /** osTicket: whether the ticket was answered (Yes/No), where no time says it. */
  "answered",
  /** LiveAgent: when the ticket was deleted (filled: deleted). */
  "deleted",
] as const;
export type TicketField = (typeof TICKET_FIELDS)[number];

export interface TicketPlatform extends ColumnSpec<TicketField> {
  readonly name: string;
  readonly label: string;
  readonly signatures: readonly (readonly string[])[];
  /** The unit of the duration columns. */
  readonly durations: DurationUnit;
  /** Status values (lower case) that take a ticket out, and why: `deleted`, `spam`. */
  readonly excludedStatuses: Readonly<Record<string, string>>;
  /** Status values (lower case) that mean resolved, for an export without a resolution time (osTicket). */
  readonly resolvedStatuses?: readonly string[];
  /** Channel codes → names (LiveAgent writes one letter). */
  readonly channelNames?: Readonly<Record<string, string>>;
}

/** Every tool's words for a ticket that is no ticket any more (a status cell, any case). */
const EXCLUDED: Readonly<Record<string, string>> = {
  deleted: "deleted",
  spam: "spam",
  trash: "deleted",
  smazáno: "deleted",
  smazaný: "deleted",
  zmazaný: "deleted",
  törölt: "deleted",
};

const PLATFORMS: readonly TicketPlatform[] = [
  {
    name: "zendesk",
    label: "Zendesk tickets export",
    signatures: [["Created at", "First reply time in minutes"]],
    columns: {
      id: ["Id"],
      created: ["Created at"],
      first_response_duration: ["First reply time in minutes"],
      first_response_business: ["First reply time in minutes within business hours"],
      resolved: ["Solved at"],
      resolution_duration: ["Full resolution time in minutes"],
      resolution_business: ["Full resolution time in minutes within business hours"],
      channel: ["Via"],
      status: ["Status"],
    },
    required: ["created"],
    durations: "minutes",
    excludedStatuses: EXCLUDED,
  },
  {
    name: "freshdesk",
    label: "Freshdesk tickets export",
    signatures: [
      ["Created time", "First response time (in hrs)"],
      ["Ticket ID", "Created time", "Initial response time"],
    ],
    columns: {
      id: ["Ticket ID"],
      created: ["Created time"],
      first_response: ["Initial response time"],
      first_response_duration: ["First response time (in hrs)"],
      resolved: ["Resolved time"],
      resolution_duration: ["Resolution time (in hrs)"],
      channel: ["Source"],
      status: ["Status"],
    },
    required: ["created"],
    durations: "hours",
    excludedStatuses: EXCLUDED,
  },
  {
    name: "osticket",
    label: "osTicket tickets export",
    signatures: [["Ticket Number", "Date", "Current Status"]],
    columns: {
      id: ["Ticket Number"],
      created: ["Date"],
      channel: ["Source"],
      status: ["Current Status"],
      answered: ["Answered"],
    },
    required: ["created"],
    durations: "hours",
    excludedStatuses: EXCLUDED,
    resolvedStatuses: ["closed", "resolved", "uzavřeno", "vyřešeno", "uzavreté", "vyriešené", "lezárt", "megoldott"],
  },
  {
    name: "liveagent",
    label: "LiveAgent tickets (API fields)",
    signatures: [["date_created", "channel_type", "status"]],
    columns: {
      id: ["id"],
      created: ["date_created"],
      first_response: ["first_response", "date_first_answered"],
      resolved: ["date_resolved"],
      channel: ["channel_type"],
      status: ["status"],
      deleted: ["date_deleted"],
    },
    required: ["created"],
    durations: "minutes",
    // LiveAgent's status letters (faq.liveagent.com/416908): X deleted, B spam.
    excludedStatuses: { ...EXCLUDED, x: "deleted", b: "spam" },
    resolvedStatuses: ["r", "l"],
    channelNames: {
      E: "email",
      B: "chat",
      M: "contact form",
      I: "invitation",
      C: "call",
      W: "call button",
      F: "facebook",
      A: "facebook message",
      T: "twitter",
      Q: "forum",
      S: "suggestion",
    },
  },
  {
    name: "generic",
    label: "generic tickets file",
    signatures: [
      ["created", "first_response"],
      ["created", "first_response_minutes"],
      ["created_at", "first_response_at"],
    ],
    columns: {
      id: ["id", "ticket_id"],
      created: ["created", "created_at"],
      first_response: ["first_response", "first_response_at", "first_reply_at"],
      first_response_duration: ["first_response_minutes"],
      first_response_business: ["first_response_business_minutes"],
      resolved: ["resolved", "resolved_at", "solved_at"],
      channel: ["channel"],
      status: ["status"],
    },
    required: ["created"],
    durations: "minutes",
    excludedStatuses: EXCLUDED,
  },
];

export const TICKET_PLATFORM_NAMES = PLATFORMS.map((p) => p.name);

/** The format of a tickets file with this header: --tickets-platform's, else the first whose signature it has; with --tickets-map only, generic. */
export function detectTicketPlatform(
  header: readonly string[],
  forced: string | undefined,
  mapped: boolean,
): Decided<TicketPlatform> | null {
  if (forced !== undefined) {
    const named = PLATFORMS.find((p) => p.name === forced.toLowerCase());
    return named ? { value: named, reason: "--tickets-platform", source: "option" } : null;
  }
  for (const platform of PLATFORMS) {
    const signature = matchSignature(header, platform.signatures);
    if (signature !== null) return { value: platform, reason: `the header has ${signature.join(", ")}`, source: "content", line: 1 };
  }
  return mapped ? { value: PLATFORMS[PLATFORMS.length - 1]!, reason: "--tickets-map", source: "option" } : null;
}

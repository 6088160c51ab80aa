/**
 * --tickets and --traffic (issue 12): first response, resolution and conversion figures from every
 * format of fixtures/tickets/ and fixtures/traffic/, against their expected.json — the figures of
 * scripts/crosscheck/engagement.py (`tickets`, `traffic`: Python's zoneinfo and statistics, written
 * from the definitions, not from src/), itself checked by hand in the fixtures' READMEs (the
 * business hours of the ticket across the October DST change, a median and a p90 by the type-7
 * formula, a conversion rate). Each run is 365 days, and 90 days with --compare previous, as of
 * 2026-06-30 in Europe/Prague; the formats are detected, never forced.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, runCli } from "../helpers.js";

const TICKETS = resolve(FIXTURES, "tickets");
const TRAFFIC = resolve(FIXTURES, "traffic");
const CONFIG = resolve(FIXTURES, "config/business-hours.config.json");
type Figures = Record<string, unknown>;
const expected = (dir: string) =>
  JSON.parse(readFileSync(resolve(dir, "expected.json"), "utf8")) as Record<string, Record<string, Figures>>;
const TICKETS_EXPECTED = expected(TICKETS);
const TRAFFIC_EXPECTED = expected(TRAFFIC);

const BASE = ["--tz", "Europe/Prague", "--as-of", "2026-06-30", "--format", "json"];
const WINDOWS = [
  ["365d", ["--window", "365d"]],
  ["90d", ["--window", "90d", "--compare", "previous"]],
] as const;

/** Run key → our flags (the crosscheck's RUNS, as the CLI takes them). */
const TICKET_RUNS: Record<string, readonly string[]> = {
  "zendesk.csv": ["--tickets", "zendesk.csv"],
  "zendesk.csv --business-hours": ["--tickets", "zendesk.csv", "--business-hours", "--config", CONFIG],
  "zendesk.csv --business-hours (no config)": ["--tickets", "zendesk.csv", "--business-hours"],
  "zendesk-business.csv": ["--tickets", "zendesk-business.csv"],
  "zendesk-business.csv --business-hours": ["--tickets", "zendesk-business.csv", "--business-hours"],
  "zendesk-mixed.csv": ["--tickets", "zendesk-mixed.csv"],
  "zendesk-mixed.csv --business-hours": ["--tickets", "zendesk-mixed.csv", "--business-hours", "--config", CONFIG],
  "freshdesk.csv": ["--tickets", "freshdesk.csv"],
  "freshdesk.csv --frt-target 8": ["--tickets", "freshdesk.csv", "--frt-target", "8"],
  "freshdesk-decimal.csv": ["--tickets", "freshdesk-decimal.csv"],
  "freshdesk.csv + freshdesk-decimal.csv": ["--tickets", "freshdesk.csv", "--tickets", "freshdesk-decimal.csv"],
  "osticket-cs.csv": ["--tickets", "osticket-cs.csv"],
  "liveagent.csv": ["--tickets", "liveagent.csv"],
  "generic.csv": ["--tickets", "generic.csv"],
  "business-hours-dst.csv": ["--tickets", "business-hours-dst.csv"],
  "business-hours-dst.csv --business-hours": ["--tickets", "business-hours-dst.csv", "--business-hours", "--config", CONFIG],
};

const TRAFFIC_RUNS: Record<string, readonly string[]> = {
  "ga4-cs.csv": ["--traffic", "ga4-cs.csv"],
  "ga4-cs.csv --web-orders-only": ["--traffic", "ga4-cs.csv", "--web-orders-only"],
  "ga4-en.csv": ["--traffic", "ga4-en.csv"],
  "ga4-aggregate.csv": ["--traffic", "ga4-aggregate.csv"],
  "ga4-aggregate-month.csv": ["--traffic", "ga4-aggregate-month.csv"],
  "ua.csv": ["--traffic", "ua.csv"],
  "shopify-sessions.csv": ["--traffic", "shopify-sessions.csv"],
  "shopify-sessions.csv --web-orders-only": ["--traffic", "shopify-sessions.csv", "--web-orders-only"],
  "plausible-visitors.csv": ["--traffic", "plausible-visitors.csv"],
  "matomo.csv": ["--traffic", "matomo.csv"],
  "generic.csv": ["--traffic", "generic.csv"],
  "generic.csv + generic-overlap.csv": ["--traffic", "generic.csv", "--traffic", "generic-overlap.csv"],
  "generic-overlap.csv + generic.csv": ["--traffic", "generic-overlap.csv", "--traffic", "generic.csv"],
  "--sessions 40000": ["--sessions", "40000"],
};

/** A file name of a run's flags, in its fixture directory. */
const inDir = (dir: string, args: readonly string[]) =>
  args.map((a, i) => (["--tickets", "--traffic"].includes(args[i - 1] ?? "") ? resolve(dir, a) : a));

const SUPPORT_FIELDS = ["tickets", "answered", "unanswered", "firstResponse", "withinTarget", "targetHours", "resolution", "basis"];
const TRAFFIC_FIELDS = ["sessions", "orders", "conversionRate", "ordersPerThousandSessions", "coveredDays", "windowDays", "visitors"];

function expectClose(ours: unknown, theirs: unknown, path: string): void {
  if (typeof theirs === "number" && typeof ours === "number") {
    expect(ours, path).toBeCloseTo(theirs, 9);
  } else if (theirs !== null && typeof theirs === "object") {
    expect(ours, path).toBeTypeOf("object");
    for (const [k, v] of Object.entries(theirs)) expectClose((ours as Record<string, unknown>)[k], v, `${path}.${k}`);
  } else expect(ours, path).toEqual(theirs);
}

describe("--tickets: every format against the independent re-computation", () => {
  for (const [name, args] of Object.entries(TICKET_RUNS)) {
    for (const [window, flags] of WINDOWS) {
      it(`${name}, ${window}`, async () => {
        const theirs = TICKETS_EXPECTED[name]![window]!;
        const run = await runCli(["report", ...inDir(TICKETS, args), ...flags, ...BASE]);
        expect(run.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
        if ("refused" in theirs) {
          // Refused, with one line saying why: no schedule (a usage error), or a mix (an input error).
          expect(run.status, run.stderr).toBe(name.includes("no config") ? 2 : 3);
          expect(run.stderr).toMatch(
            name.includes("no config") ? /has no businessHours schedule/ : /mixes tickets with and without a schedule/,
          );
          expect(run.stdout).toBe("");
          return;
        }
        expect(run.status, run.stderr).toBe(0);
        const r = JSON.parse(run.stdout);
        const support = r.engagement.support;
        expect(support.window.from).toBe((theirs.window as Figures).from);
        for (const field of SUPPORT_FIELDS) expectClose(support[field], theirs[field], field);
        if (theirs.channels) expectClose(support.channels, theirs.channels, "channels");
        else expect(support.channels).toBeUndefined();
        const rows = theirs.rows as { read: number; skipped: number; excluded: Record<string, number>; duplicates: number };
        const inputs = r.dataQuality.inputs.filter((i: { kind: string }) => i.kind === "tickets");
        expect(inputs.reduce((n: number, i: { rowsRead: number }) => n + i.rowsRead, 0)).toBe(rows.read);
        expect(r.dataQuality.rowsSkipped).toBe(rows.skipped);
        expect(r.dataQuality.skippedByCode.DUPLICATE_TICKET ?? 0).toBe(rows.duplicates);
        const excluded: Record<string, number> = {};
        for (const i of inputs) for (const [k, n] of Object.entries(i.excluded ?? {})) excluded[k] = (excluded[k] ?? 0) + (n as number);
        expect(excluded).toEqual(rows.excluded);
        // The crosscheck's previous window gives the figures only (no targetHours, basis or rows).
        if (theirs.previous) {
          for (const field of SUPPORT_FIELDS.filter((f) => f in (theirs.previous as Figures)))
            expectClose(support.previous[field], (theirs.previous as Figures)[field], `previous.${field}`);
        }
      });
    }
  }
});

describe("inspect on a helpdesk and an analytics export", () => {
  it("shows a Czech GA4 file's preamble range, the table read and the one not", async () => {
    const run = await runCli(["inspect", resolve(TRAFFIC, "ga4-cs.csv"), "--format", "json", "--tz", "Europe/Prague"]);
    expect(run.status, run.stderr).toBe(0);
    const i = JSON.parse(run.stdout);
    expect(i.kind).toBe("traffic-inspection");
    expect(i.platform.value).toBe("ga4");
    expect(i.delimiter.value).toBe(";");
    expect(i.range).toEqual({ from: "2026-04-01", to: "2026-06-30" });
    expect(i.otherTables).toHaveLength(1);
    expect(i.otherTables[0].first).toMatch(/^Primární skupina kanálů/);
    // Every day of the file is in the 365-day window, so its sessions are the crosscheck's 365d figure.
    expect(i.sessions).toBe(TRAFFIC_EXPECTED["ga4-cs.csv"]!["365d"]!.sessions);
    expect(i.dayCount).toBe(88);
    expect(i.excluded).toEqual({ totals: 1 });
  });

  it("shows an osTicket file's tickets, with no first-reply time and resolution from the status", async () => {
    const run = await runCli(["inspect", resolve(TICKETS, "osticket-cs.csv"), "--format", "json", "--tz", "Europe/Prague"]);
    expect(run.status, run.stderr).toBe(0);
    const i = JSON.parse(run.stdout);
    expect(i.kind).toBe("tickets-inspection");
    expect(i.platform.value).toBe("osticket");
    expect(i.responseTimes).toMatch(/^no first-reply time .*resolution: no resolution time: resolved or not from the status$/);
    expect(i.excluded).toEqual({ deleted: 1 });
    expect(i.channels.map((c: { channel: string }) => c.channel)).toEqual(["Email", "Web", "Phone"]);
  });

  it("excludes a ticket for a status in the platform's list only, not for one named like an object property", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "tickets-")), "tickets.csv");
    writeFileSync(
      file,
      "created,first_response,resolved,channel,status,id\n" +
        "2026-06-01 09:00,2026-06-01 09:30,2026-06-02 09:00,email,constructor,T-1\n" +
        "2026-06-01 10:00,2026-06-01 10:30,2026-06-02 10:00,email,toString,T-2\n" +
        "2026-06-01 11:00,2026-06-01 11:30,2026-06-02 11:00,email,spam,T-3\n",
    );
    const run = await runCli(["inspect", file, "--format", "json", "--tz", "Europe/Prague"]);
    expect(run.status, run.stderr).toBe(0);
    const i = JSON.parse(run.stdout);
    expect(i.kind).toBe("tickets-inspection");
    expect(i.excluded).toEqual({ spam: 1 });
  });
});

describe("--traffic and --sessions: every format against the independent re-computation", () => {
  for (const [name, args] of Object.entries(TRAFFIC_RUNS)) {
    for (const [window, flags] of WINDOWS) {
      it(`${name}, ${window}`, async () => {
        const theirs = TRAFFIC_EXPECTED[name]![window]!;
        const run = await runCli(["report", "--orders", resolve(TRAFFIC, "orders.csv"), ...inDir(TRAFFIC, args), ...flags, ...BASE]);
        expect(run.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
        if ("refused" in theirs) {
          expect(run.status, run.stderr).toBe(3);
          expect(run.stderr).toMatch(/is an aggregate over .* but the window is/);
          expect(run.stdout).toBe("");
          return;
        }
        expect(run.status, run.stderr).toBe(0);
        const r = JSON.parse(run.stdout);
        const traffic = r.engagement.traffic;
        expect(traffic.window.from).toBe((theirs.window as Figures).from);
        for (const field of TRAFFIC_FIELDS) expectClose(traffic[field], theirs[field], field);
        if (theirs.reportedConversionRate)
          expectClose(traffic.reportedConversionRate.rate, (theirs.reportedConversionRate as Figures).rate, "reported");
        else expect(traffic.reportedConversionRate).toBeUndefined();
        expectClose(traffic.webOrdersOnly, theirs.webOrdersOnly ?? undefined, "webOrdersOnly");
        const rows = theirs.rows as { read: number; skipped: number; totals: number };
        const inputs = r.dataQuality.inputs.filter((i: { kind: string }) => i.kind === "traffic");
        expect(inputs.reduce((n: number, i: { rowsRead: number }) => n + i.rowsRead, 0)).toBe(rows.read);
        expect(r.dataQuality.rowsSkipped).toBe(rows.skipped);
        expect(inputs.reduce((n: number, i: { excluded?: { totals?: number } }) => n + (i.excluded?.totals ?? 0), 0)).toBe(rows.totals);
        // The previous window: per-day files give it; --sessions and an aggregate give the report's window only.
        const previous = theirs.previous as Figures | undefined;
        if (previous && traffic.sessionsFrom === "files" && !name.includes("aggregate")) {
          for (const field of TRAFFIC_FIELDS) expectClose(traffic.previous[field], previous[field], `previous.${field}`);
        } else expect(traffic.previous).toBeUndefined();
      });
    }
  }
});

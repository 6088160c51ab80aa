/**
 * The page's charts: Observable Plot drawing static SVG at build time into a linkedom document,
 * so the page needs no script to show them. Colours are one blue ramp and greys (readable for
 * colour-blind readers and in black-and-white print); every chart's SVG has an aria-label, and
 * its figures are also written as a table by the caller (a chart is never the only place a
 * number is). Scale types are given explicitly, so Plot has nothing to warn about on the console.
 */
import type * as PlotModule from "@observablehq/plot";
import type { PageFormat } from "./format.js";
import { html } from "./page.js";

/** The page's locale's tick labels (format.ts): a chart's axes read as its tables do. */
type Ticks = PageFormat["ticks"];

// Plot and linkedom are loaded when a page is drawn (loadCharts), not when the CLI starts: they
// cost a quarter of a second that every table, JSON and CSV run would otherwise pay.
let Plot: typeof PlotModule | null = null;
let document: unknown = null;

/** Loads the chart library and the DOM it draws into; call (and await) before drawing a page. */
export async function loadCharts(): Promise<void> {
  if (Plot !== null) return;
  const [plot, linkedom] = await Promise.all([import("@observablehq/plot"), import("linkedom")]);
  document = linkedom.parseHTML("<!DOCTYPE html><html><body></body></html>").document;
  Plot = plot;
}

function plot(): typeof PlotModule {
  if (Plot === null) throw new Error("charts.ts: loadCharts() was not awaited before drawing");
  return Plot;
}

const BLUE = "#2f6db5";
const GREY = "#9aa4ae";

function svg(options: PlotModule.PlotOptions, label: string, stretch = false): string {
  // Plot's types name the browser's Document; linkedom's is the same shape.
  const element = plot().plot({ ...options, document: document as never, style: { background: "transparent" } }) as unknown as {
    setAttribute(name: string, value: string): void;
    readonly outerHTML: string;
  };
  element.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  element.setAttribute("role", "img");
  element.setAttribute("aria-label", label);
  if (stretch) element.setAttribute("preserveAspectRatio", "none");
  return element.outerHTML;
}

/** A line of the last points, no axes (a headline card's), stretched to the card's width. Null points break the line. */
export function sparkline(values: readonly (number | null)[], label: string): string {
  const P = plot();
  const points = values.map((v, i) => ({ i, v: v ?? Number.NaN }));
  return svg(
    {
      width: 200,
      height: 36,
      margin: 3,
      axis: null,
      x: { type: "linear", domain: [0, Math.max(1, values.length - 1)] },
      y: { type: "linear", nice: false, zero: false },
      marks: [
        P.lineY(points, { x: "i", y: "v", stroke: BLUE, strokeWidth: 2 }),
        P.dot(points.slice(-1), { x: "i", y: "v", fill: BLUE, r: 2.5 }),
      ],
    },
    label,
    true,
  );
}

/** A metric over time: one point per window end, with the formatted value as each point's tooltip. */
export function trendChart(
  points: readonly { day: string; value: number | null; text: string }[],
  label: string,
  percent: boolean,
  ticks: Ticks,
): string {
  const P = plot();
  const data = points.map((p) => ({ at: new Date(`${p.day}T00:00:00Z`), v: p.value ?? Number.NaN, text: `${p.day}: ${p.text}` }));
  const spanDays = data.length < 2 ? 0 : (data[data.length - 1]!.at.getTime() - data[0]!.at.getTime()) / 86_400_000;
  return svg(
    {
      width: 360,
      height: 190,
      marginLeft: 56,
      x: { type: "utc", label: null, tickFormat: (at: Date) => ticks.day(at, spanDays) },
      y: { type: "linear", grid: true, label: null, zero: false, tickFormat: percent ? ticks.percent : ticks.number },
      marks: [
        P.lineY(data, { x: "at", y: "v", stroke: BLUE, strokeWidth: 2 }),
        P.dot(data, { x: "at", y: "v", fill: BLUE, r: 3, title: "text" }),
      ],
    },
    label,
  );
}

/**
 * Cohort × offset cells, shaded by value on one blue ramp over the cells from offset `shadeFrom`
 * (retention's offset 0 is always 100 %, so it is left out of the ramp), each with its short text
 * written in it (a partial cell's marked *) and its full text as the tooltip.
 */
export function heatmap(
  cells: readonly { cohort: string; offset: number; value: number; text: string; short: string; mature: boolean }[],
  cohorts: readonly string[],
  offsets: number,
  label: string,
  shadeFrom: number,
): string {
  const P = plot();
  const data = cells.map((c) => ({
    ...c,
    x: String(c.offset),
    tip: `${c.cohort}, +${c.offset}: ${c.text}${c.mature ? "" : " (partial)"}`,
  }));
  const shaded = data.filter((c) => c.offset >= shadeFrom).map((c) => c.value);
  const top = Math.max(1e-9, ...shaded);
  return svg(
    {
      width: Math.max(320, 70 + offsets * 44),
      height: 40 + cohorts.length * 24,
      marginLeft: 70,
      padding: 0.04,
      x: { type: "band", domain: Array.from({ length: offsets }, (_, i) => String(i)), label: "periods after acquisition", axis: "top" },
      y: { type: "band", domain: [...cohorts], label: null },
      color: { type: "linear", domain: [0, top], range: ["#e8f0fa", "#1f4e8c"], clamp: true },
      marks: [
        P.cell(data, {
          x: "x",
          y: "cohort",
          fill: (d: { value: number }) => d.value,
          title: "tip",
        }),
        P.text(data, {
          x: "x",
          y: "cohort",
          text: (d: { short: string; mature: boolean }) => `${d.short}${d.mature ? "" : "*"}`,
          fill: (d: { value: number }) => (d.value > top * 0.55 ? "white" : "black"),
          fontSize: 9,
        }),
      ],
    },
    label,
  );
}

/** Horizontal bars, one per label, with the formatted value at each bar's end. */
export function bars(items: readonly { label: string; value: number; text: string }[], label: string, ticks: Ticks): string {
  const P = plot();
  return svg(
    {
      width: 560,
      height: 30 + items.length * 24,
      marginLeft: 150,
      marginRight: 160,
      x: { type: "linear", grid: true, label: null, tickFormat: ticks.number },
      y: { type: "band", domain: items.map((i) => i.label), label: null },
      marks: [
        P.barX(items, { x: "value", y: "label", fill: BLUE, title: (d: { label: string; text: string }) => `${d.label}: ${d.text}` }),
        P.text(items, { x: "value", y: "label", text: "text", textAnchor: "start", dx: 4 }),
      ],
    },
    label,
  );
}

/** Counts in named bins as columns (the P(alive) histogram). */
export function columns(items: readonly { label: string; value: number }[], label: string, ticks: Ticks): string {
  const P = plot();
  return svg(
    {
      width: 420,
      height: 200,
      x: { type: "band", domain: items.map((i) => i.label), label: null },
      y: { type: "linear", grid: true, label: null, tickFormat: ticks.number },
      marks: [
        P.barY(items, { x: "label", y: "value", fill: BLUE, title: (d: { label: string; value: number }) => `${d.label}: ${d.value}` }),
        P.ruleY([0]),
      ],
    },
    label,
  );
}

/** Actual (grey columns) against predicted (a dark tick) per bucket: the holdout check. */
export function actualAgainstPredicted(
  items: readonly { label: string; actual: number; predicted: number }[],
  label: string,
  ticks: Ticks,
): string {
  const P = plot();
  return svg(
    {
      width: 420,
      height: 200,
      x: { type: "band", domain: items.map((i) => i.label), label: "repeat purchases in calibration" },
      y: { type: "linear", grid: true, label: null, tickFormat: ticks.number },
      marks: [
        P.barY(items, {
          x: "label",
          y: "actual",
          fill: GREY,
          title: (d: { label: string; actual: number }) => `${d.label}: ${d.actual} actual`,
        }),
        P.tickY(items, {
          x: "label",
          y: "predicted",
          // The page's text colour: dark on the light scheme, light on the dark one.
          stroke: "currentColor",
          strokeWidth: 3,
          title: (d: { label: string; predicted: number }) => `${d.label}: ${d.predicted.toFixed(1)} predicted`,
        }),
        P.ruleY([0]),
      ],
    },
    label,
  );
}

/** A chart with its caption (and a link to the definition of what it shows) and its figures as a table (the text alternative). */
export function figure(chart: string, caption: string, table: string, definition?: string): string {
  const link = definition === undefined ? "" : ` <a href="#def-${html(definition)}">Definition</a>`;
  return `<figure>${chart}<figcaption>${html(caption)}${link}</figcaption><details><summary>Figures</summary><div class="scroll">${table}</div></details></figure>`;
}

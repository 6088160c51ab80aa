/**
 * The shape of src/, as a test: imports run one way, cli → commands → {io, metrics, report} →
 * core, with no cycle between files, and each outside package used only where it belongs.
 * docs/architecture.md draws the same picture.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers.js";

const SRC = resolve(ROOT, "src");

/** Layer → the layers it may import (itself included). */
const LAYERS: Readonly<Record<string, readonly string[]>> = {
  cli: ["cli", "commands", "io", "metrics", "report", "core"],
  commands: ["commands", "io", "metrics", "report", "core"],
  io: ["io", "core"],
  metrics: ["metrics", "core"],
  report: ["report", "core"],
  core: ["core"],
};

/**
 * Inside io/: the rooms, lowest first. A room may import its own and the rooms of lower ranks:
 * text parsing and the CSV reader know nothing of platforms, platforms nothing of the readers,
 * and the readers (one rank) nothing of each other.
 */
const IO_ROOMS: readonly (readonly string[])[] = [
  ["parse"],
  ["csv"],
  ["(io)"],
  ["platforms"],
  ["customers", "orders", "reviews", "surveys", "tickets", "traffic"],
];

/** Outside packages (node: builtins by prefix) → the layers that may import them. */
const PACKAGES: Readonly<Record<string, readonly string[]>> = {
  commander: ["cli"],
  chalk: ["cli", "commands", "report"],
  "cli-table3": ["report"],
  "node:fs": ["cli"],
  "node:path": ["cli"],
  "node:stream": ["cli", "commands", "io"],
  "node:buffer": ["io"],
  "node:os": ["cli"],
  "node:worker_threads": ["io"],
  saxes: ["io"],
  // The HTML page: its charts drawn at build time, and the hash of its one script for the CSP.
  "@observablehq/plot": ["report"],
  linkedom: ["report"],
  "node:crypto": ["report"],
};

/**
 * Single files that may use a package their layer may not, and why. The reading thread opens the
 * file the CLI named, by the path the CLI put in Source.thread: a stream can't be handed to
 * another thread.
 */
const FILE_PACKAGES: Readonly<Record<string, readonly string[]>> = {
  "io/csv/read-thread-worker.ts": ["node:fs"],
};

interface Edge {
  readonly from: string;
  readonly to: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** Every module a file imports or re-exports — type-only and dynamic imports included — as TypeScript's own parser reads them. */
function specifiers(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

/** Whether the code (not its comments or strings) names the global `process`. */
function usesProcess(file: string, text: string): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && node.text === "process") {
      const parent = node.parent;
      const isMemberName = parent && ts.isPropertyAccessExpression(parent) && parent.name === node;
      const isKey = parent && (ts.isPropertyAssignment(parent) || ts.isPropertySignature(parent)) && parent.name === node;
      if (!isMemberName && !isKey) found = true;
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true));
  return found;
}

const files = sourceFiles(SRC);
const relativeEdges: Edge[] = [];
const packageEdges: Edge[] = [];
for (const file of files) {
  const from = relative(SRC, file);
  for (const spec of specifiers(readFileSync(file, "utf8"))) {
    if (spec.startsWith(".")) relativeEdges.push({ from, to: relative(SRC, resolve(dirname(file), spec.replace(/\.js$/, ".ts"))) });
    else packageEdges.push({ from, to: spec });
  }
}

const layerOf = (path: string) => path.split("/")[0]!;
const ioRoomOf = (path: string) => {
  const parts = path.split("/");
  return parts.length === 2 ? "(io)" : parts[1]!;
};

describe("the layers of src/", () => {
  it("has every file in a known layer", () => {
    expect(files.map((f) => layerOf(relative(SRC, f))).filter((layer) => !(layer in LAYERS))).toEqual([]);
  });

  it("reads its own imports (the parser finds the edges it should)", () => {
    expect(relativeEdges.length).toBeGreaterThan(100);
    expect(relativeEdges).toContainEqual({ from: "cli/main.ts", to: "cli/program.ts" });
    expect(packageEdges).toContainEqual({ from: "io/csv/dialect.ts", to: "node:buffer" });
  });

  it("imports only downwards: cli → commands → {io, metrics, report} → core", () => {
    const against = relativeEdges.filter((e) => !LAYERS[layerOf(e.from)]!.includes(layerOf(e.to)));
    expect(against.map((e) => `${e.from} → ${e.to}`)).toEqual([]);
  });

  it("keeps the rooms of io/ in order: parse, csv, io's own files, platforms, the readers", () => {
    const rank = (path: string) => IO_ROOMS.findIndex((rooms) => rooms.includes(ioRoomOf(path)));
    const io = relativeEdges.filter((e) => layerOf(e.from) === "io" && layerOf(e.to) === "io");
    expect(io.filter((e) => rank(e.from) < 0).map((e) => e.from)).toEqual([]);
    const against = io.filter((e) => rank(e.to) > rank(e.from) || (ioRoomOf(e.to) !== ioRoomOf(e.from) && rank(e.to) === rank(e.from)));
    expect(against.map((e) => `${e.from} → ${e.to}`)).toEqual([]);
  });

  it("uses each outside package only in the layers that own it", () => {
    const against = packageEdges.filter(
      (e) => !(PACKAGES[e.to] ?? []).includes(layerOf(e.from)) && !(FILE_PACKAGES[e.from] ?? []).includes(e.to),
    );
    expect(against.map((e) => `${e.from} → ${e.to}`)).toEqual([]);
  });

  it("touches process (argv, env, exit codes) only in cli/, and the clock only in cli/ too", () => {
    const outside = files.filter((f) => !relative(SRC, f).startsWith("cli/"));
    expect(outside.filter((f) => usesProcess(f, readFileSync(f, "utf8"))).map((f) => relative(SRC, f))).toEqual([]);
    expect(outside.filter((f) => /\bDate\.now\(/.test(readFileSync(f, "utf8"))).map((f) => relative(SRC, f))).toEqual([]);
  });

  it("sees what a regular expression would miss: an apostrophe in an import's comment, process destructured", () => {
    expect(
      specifiers('import {\n  // the registry\'s metrics\n  METRICS,\n} from "../metrics/index.js";\nimport type { X } from "./x.js";'),
    ).toEqual(["../metrics/index.js", "./x.js"]);
    expect(usesProcess("a.ts", "const { env } = process;")).toBe(true);
    expect(usesProcess("a.ts", "// process.env\nconst s = 'process'; const o = { process: 1 }; o.process;")).toBe(false);
  });

  it("has no import cycle between files", () => {
    const next = new Map<string, string[]>();
    for (const e of relativeEdges) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
    const state = new Map<string, "open" | "done">();
    const cycles: string[] = [];
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === "done") return;
      if (state.get(file) === "open") {
        cycles.push([...path.slice(path.indexOf(file)), file].join(" → "));
        return;
      }
      state.set(file, "open");
      for (const to of next.get(file) ?? []) visit(to, [...path, file]);
      state.set(file, "done");
    };
    for (const file of next.keys()) visit(file, []);
    expect(cycles).toEqual([]);
  });
});

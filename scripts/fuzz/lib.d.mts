/** Types of scripts/fuzz/lib.mjs, for test/fuzz/fuzz.test.ts. */
export interface RunResult {
  status: number | null | "timeout";
  stdout: string;
  stderr: string;
}
/** Runs main() with argv; `stdin`: what stdin hands over, chunk by chunk. */
export type Run = (args: string[], options?: { stdin?: Buffer[] }) => Promise<RunResult>;
export interface BaseFile {
  id: string;
  path: string;
  args: string[];
}
export interface Base extends BaseFile {
  platform: string;
  grain: string;
  big: boolean;
}
export interface Category {
  name: string;
  title: string;
  weight?: number;
}
export interface PythonOracle {
  ask(path: string, options?: { encoding?: string | null; delimiter?: string | null }): Promise<unknown>;
  close(): void;
}
export interface CategoryStats {
  tried: number;
  outcomes: Record<string, number>;
  passed: number;
  failed: number;
}
export interface Failure {
  k: number;
  category: string;
  variant: string;
  base: string;
  problems: string[];
}
export const ROOT: string;
export const SHARED_DATA: string;
export const EXIT_CODES: number[];
export const CATEGORIES: Category[];
export function documentedExitCodes(): number[];
export function baseFiles(options?: { shared?: boolean }): { files: BaseFile[]; notes: string[] };
export function prepareBases(files: BaseFile[], run: Run, dir: string): Promise<{ bases: Base[]; notes: string[] }>;
export function startPythonOracle(): PythonOracle;
export function fuzz(options: {
  seed: number;
  count: number;
  run: Run;
  bases: Base[];
  categories?: Category[];
  only?: number | null;
  python: PythonOracle;
  dir: string;
  timeoutMs?: number;
  onCase?: (c: { k: number; category: string; variant: string; base: string; problems: string[] }) => void;
}): Promise<{ stats: Map<string, CategoryStats>; failures: Failure[] }>;
export function table(stats: Map<string, CategoryStats>): string;

/**
 * The writer of long outputs (a customer list, --customers-out): text in pieces, out as UTF-8 in
 * batches. Checked against Node's own encoding of the whole text at once (Buffer.from), and the
 * written file read back from disk.
 */
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { utf8Batches, writeFileAtomically } from "../../src/cli/write-file.js";

/** Lines like a customer list's, some with Czech and Hungarian letters and an emoji (a surrogate pair), and one piece longer than a batch. */
function pieces(): string[] {
  const out = ["customer,email,segment\n"];
  for (let i = 0; i < 30_000; i++) {
    const name = i % 7 === 0 ? `Řehoř Šťastný ${i}` : i % 11 === 0 ? `Erdős Győző ${i} 🙂` : `customer${i}@example.com`;
    out.push(`${name},${name},Champions\n`);
  }
  out.push(`${"ž".repeat(200_000)}\n`);
  out.push("last,line,\n");
  return out;
}

describe("utf8Batches", () => {
  it("gives the bytes Node's UTF-8 encoder gives the whole text, in batches that stay as they were yielded", () => {
    const text = pieces();
    const batches = [...utf8Batches(text)];
    // Each batch is its own memory: one yielded earlier is not overwritten by a later one (stdout writes them asynchronously).
    expect(Buffer.concat(batches).equals(Buffer.from(text.join(""), "utf8"))).toBe(true);
    expect(batches.length).toBeGreaterThan(3);
    const buffers = new Set(batches.map((b) => b.buffer));
    expect(buffers.size).toBe(batches.length);
    // The long piece (400,000 bytes of ž) is a batch of its own; the others hold at most 256 KiB.
    expect(batches.filter((b) => b.length > 1 << 18).map((b) => b.length)).toEqual([400_001]);
  });

  it("gives nothing for no text, and one batch for a short one", () => {
    expect([...utf8Batches([])]).toEqual([]);
    expect([...utf8Batches(["", ""])]).toEqual([]);
    expect([...utf8Batches(["a,b\n", "č\n"])].map((b) => Buffer.from(b).toString("utf8"))).toEqual(["a,b\nč\n"]);
  });
});

describe("writeFileAtomically", () => {
  it("writes the pieces' UTF-8 to the file, read back from disk, and leaves no temporary file", () => {
    const dir = mkdtempSync(join(tmpdir(), "shopmetrics-write-"));
    const path = join(dir, "list.csv");
    const text = pieces();
    writeFileAtomically(path, text, "list.csv");
    expect(readFileSync(path).equals(Buffer.from(text.join(""), "utf8"))).toBe(true);
    expect(readdirSync(dir)).toEqual(["list.csv"]);
  });
});

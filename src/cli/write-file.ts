/**
 * A file the tool writes (rfm --customers-out), all or nothing: the text goes to a temporary file
 * in the same folder, which is flushed to disk and then renamed over the target, so a crash, a
 * full disk or a kill leaves either the old file or the whole new one, never half a list. A rename
 * within one folder is atomic on POSIX file systems and on NTFS.
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { AppError } from "../core/errors.js";

export function writeFileAtomically(path: string, pieces: Iterable<string>, shownAs: string): void {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  let fd: number | null = null;
  try {
    fd = openSync(temporary, "wx", 0o644);
    for (const bytes of utf8Batches(pieces)) {
      let written = 0;
      while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
    }
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    renameSync(temporary, path);
  } catch (error) {
    if (fd !== null) closeSync(fd);
    rmSync(temporary, { force: true });
    throw new AppError("OUTPUT_UNWRITABLE", `cannot write ${shownAs}: ${writeFailure(error as NodeJS.ErrnoException)}`);
  }
}

/** Bytes a batch of utf8Batches holds. */
const BATCH_BYTES = 1 << 18;

/**
 * Text written in pieces (a customer list's lines, csvLines) as UTF-8, gathered into batches of
 * about BATCH_BYTES: each piece encoded straight into its batch, one write a batch. (Lines joined
 * into one string first were slower: encoding the joined string flattened it, a third of the
 * list's time.) A piece larger than a batch is a batch of its own. Each batch is a new buffer,
 * so one written asynchronously (stdout) may still be in flight while the next fills.
 */
export function* utf8Batches(pieces: Iterable<string>): Generator<Uint8Array> {
  let batch = Buffer.allocUnsafe(BATCH_BYTES);
  let used = 0;
  for (const piece of pieces) {
    // A UTF-16 code unit is at most 3 bytes of UTF-8.
    if (used + 3 * piece.length > BATCH_BYTES) {
      if (used > 0) yield batch.subarray(0, used);
      batch = Buffer.allocUnsafe(BATCH_BYTES);
      used = 0;
    }
    if (3 * piece.length > BATCH_BYTES) yield Buffer.from(piece, "utf8");
    else used += batch.write(piece, used, "utf8");
  }
  if (used > 0) yield batch.subarray(0, used);
}

const WRITE_FAILURES: Readonly<Record<string, string>> = {
  ENOENT: "its folder does not exist",
  ENOTDIR: "its folder does not exist",
  EACCES: "permission denied",
  EISDIR: "it is a folder",
  ENOSPC: "no space left on device",
  EDQUOT: "disk quota exceeded",
  EFBIG: "the file is too large",
  EIO: "input/output error",
  EROFS: "the file system is read-only",
};

/** What a failed write says to a user: the reason in words for the usual errors, else the system's message. */
export function writeFailure(error: NodeJS.ErrnoException): string {
  return (error.code && WRITE_FAILURES[error.code]) ?? error.message;
}

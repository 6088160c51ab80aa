/**
 * The stream adapter for any push reader (table.ts): opens the file's text (encoding, delimiter),
 * hands the header to `create`, pushes every record after it, and ends the reader. The file is
 * never held whole; a test feeds a reader from an array instead.
 */
import { Readable } from "node:stream";
import { AppError } from "../core/errors.js";
import { type DialectOptions, type ReadPath, readPath, type TextDialect } from "./csv/dialect.js";
import { openCsv, type Projection, type ReadProgress, toAppError } from "./csv/read-csv.js";
import { openCsvInThread, type ReadThread } from "./csv/read-thread.js";
import type { PushReader } from "./table.js";

/** A file to read: its name in messages (`-` for stdin), and how to open its bytes when it is read. */
export interface Source {
  readonly file: string;
  open(): Readable;
  /** Where the file is read in a second thread instead (read-thread.ts): a big file, not stdin. */
  readonly thread?: ReadThread;
}

/** How a file is being read, once its header is (`--verbose` says it). */
export interface FileRead {
  readonly file: string;
  readonly dialect: TextDialect;
  readonly path: ReadPath;
  /** Read in a second thread (Source.thread). */
  readonly inThread: boolean;
  /** The header's cells, and how many of each row's the reader cuts out (null: every one). */
  readonly width: number;
  readonly kept: number | null;
  /** An XML file (Heureka's reviews), read by its own parser: no delimiter, no columns to cut. */
  readonly xml?: boolean;
}

export interface ReadFileOptions extends DialectOptions {
  readonly onProgress?: (progress: ReadProgress) => void;
  /** Called once the header's reader is made: how the file is read. */
  readonly onRead?: (read: FileRead) => void;
  /** How an empty file is named in its error: "the file", "the customers file". */
  readonly what: string;
}

export async function readFile<R>(
  source: Source,
  options: ReadFileOptions,
  /** The reader for the header; `projection`, when the reader may read fewer cells (see Table.project). */
  create: (header: readonly string[], projection: Projection | null) => PushReader<R>,
): Promise<{ readonly dialect: TextDialect; readonly result: R }> {
  const csvOptions = { ...options, file: source.file };
  const { dialect, batches, projection } = source.thread
    ? await openCsvInThread(source.thread, csvOptions)
    : await openCsv(source.open(), csvOptions);
  try {
    let reader: PushReader<R> | undefined;
    read: for await (const batch of batches) {
      let i = 0;
      if (reader === undefined) {
        const header = batch[0]!.fields;
        // The cells the reader asks to have cut (Table.project), for onRead.
        let keep: Uint8Array | null = null;
        const watched: Projection | null =
          projection && options.onRead !== undefined
            ? {
                cellsOf: (text) => projection.cellsOf(text),
                project: (k) => {
                  keep = k;
                  projection.project(k);
                },
              }
            : projection;
        reader = create(header, watched);
        options.onRead?.({
          file: source.file,
          dialect,
          path: readPath(dialect),
          inThread: source.thread !== undefined,
          width: header.length,
          kept: keep === null ? null : (keep as Uint8Array).reduce((n, v) => n + v, 0),
        });
        i = 1;
      }
      for (; i < batch.length; i++) {
        reader.push(batch[i]!);
        if (reader.done) break read;
      }
    }
    if (reader === undefined) throw new AppError("INPUT_HEADER", `${options.what} is empty: expected a header row`, { file: source.file });
    return { dialect, result: reader.end() };
  } finally {
    // Closes the file when the header or a row stopped the read early.
    await batches.return(undefined);
  }
}

/**
 * The first `n` bytes of a file (fewer when it is shorter), and the file to read on: how a reader
 * is chosen before the file is read (a Heureka XML export or a CSV one). The bytes are read once:
 * the source returned replays them, then the rest of the same stream, so stdin can be peeked and
 * a file is opened once. A file read in a second thread is opened there again (the peek is closed).
 */
export async function peek(source: Source, n: number): Promise<{ readonly head: Uint8Array; readonly source: Source }> {
  const stream = source.open();
  const chunks = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const read: Buffer[] = [];
  let length = 0;
  let ended = false;
  try {
    while (length < n) {
      const next = await chunks.next();
      if (next.done) {
        ended = true;
        break;
      }
      read.push(next.value);
      length += next.value.length;
    }
  } catch (error) {
    stream.destroy();
    throw toAppError(error, source.file);
  }
  const head = Buffer.concat(read).subarray(0, n);
  if (source.thread) {
    stream.destroy();
    return { head, source };
  }
  let replayed = false;
  const replay = async function* (): AsyncGenerator<Buffer> {
    yield* read;
    if (ended) return;
    for (;;) {
      const next = await chunks.next();
      if (next.done) return;
      yield next.value;
    }
  };
  return {
    head,
    source: {
      ...source,
      open: () => {
        if (replayed) return source.open();
        replayed = true;
        return Readable.from(replay(), { objectMode: false });
      },
    },
  };
}

/**
 * The stream adapter for any push reader (table.ts): opens the file's text (encoding, delimiter),
 * hands the header to `create`, pushes every record after it, and ends the reader. The file is
 * never held whole; a test feeds a reader from an array instead.
 */
import type { Readable } from "node:stream";
import { AppError } from "../core/errors.js";
import type { DialectOptions, TextDialect } from "./csv/dialect.js";
import { openCsv, type Projection, type ReadProgress } from "./csv/read-csv.js";
import { openCsvInThread, type ReadThread } from "./csv/read-thread.js";
import type { PushReader } from "./table.js";

/** A file to read: its name in messages (`-` for stdin), and how to open its bytes when it is read. */
export interface Source {
  readonly file: string;
  open(): Readable;
  /** Where the file is read in a second thread instead (read-thread.ts): a big file, not stdin. */
  readonly thread?: ReadThread;
}

export interface ReadFileOptions extends DialectOptions {
  readonly onProgress?: (progress: ReadProgress) => void;
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
        reader = create(batch[0]!.fields, projection);
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

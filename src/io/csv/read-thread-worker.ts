/**
 * The reading thread (read-thread.ts): openCsv on the file, each chunk's records packed and sent
 * to the thread that started it, at most as many batches ahead as it allows (credits).
 */
import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { parentPort, workerData } from "node:worker_threads";
import { AppError } from "../../core/errors.js";
import { KeyMap } from "../../core/key-map.js";
import { type OpenedCsv, openCsv, type ReadProgress } from "./read-csv.js";
import { type FromThread, packBatch, type ThreadData, type ToThread } from "./read-thread.js";
import { CellSpans } from "./tokenizer.js";

const port = parentPort!;
const data = workerData as ThreadData;
let opened: OpenedCsv | undefined;
/** The batch holding the header may go at once; the rest as the other thread asks for them. */
let credits = 1;
let wake: (() => void) | undefined;
/** The keep arrays as received here, each with the version it was sent as. */
const versions = new Map<Uint8Array | null, number>([[null, 0]]);

port.on("message", (message: ToThread) => {
  if (message.type === "project") {
    versions.set(message.keep, message.version);
    opened?.projection?.project(message.keep);
  } else {
    credits += message.batches;
    wake?.();
  }
});

/**
 * Chunks read from the file at once. Each read is a round trip through libuv's thread pool, whose
 * thread wakes and takes a core from one of the two reading the file: with a read a chunk, a 1M-order
 * file cost 50k context switches, with a read every 16 chunks 10k (and 5 % of the wall time). The
 * tokenizer and the batches still take a chunk at a time (64 KiB is their best size: docs/performance.md).
 */
const READ_CHUNKS = 16;

/**
 * The file's first bytes go to the tokenizer in small pieces, WARM_PIECE bytes each: V8 optimises
 * the tokenizer's `push` (and packBatch) while it is still in the first chunk it is given, and
 * compiles it again each time the optimised code reaches a path that had not run by then: the
 * end of a chunk inside a record, a long run of quoted cells. In 64 KiB chunks from the start,
 * push was compiled 7 times on the 1M-order bench file, 0.4 s of the compiler's CPU while both
 * threads wanted the two cores; in small pieces every such path has run before push is
 * optimised (3 to 5 compilations). The records are the same however the file is cut (the tests
 * read every file in chunks of many sizes); the first batches are only smaller.
 */
const WARM_BYTES = 256 * 1024;
const WARM_PIECE = 4096;

/** The reads of `file`, as chunks of `size` bytes (the first WARM_BYTES in smaller ones): views into them, so packBatch copies each it sends. */
async function* chunksOf(file: AsyncIterable<Buffer>, size: number): AsyncGenerator<Buffer> {
  let given = 0;
  for await (const read of file) {
    for (let at = 0; at < read.length; ) {
      const end = Math.min(read.length, at + (given < WARM_BYTES ? Math.min(size, WARM_PIECE) : size));
      yield read.subarray(at, end);
      given += end - at;
      at = end;
    }
  }
}

const send = (message: FromThread, transfer?: ArrayBuffer[]) => port.postMessage(message, transfer);

async function run(): Promise<void> {
  let progress: ReadProgress | undefined;
  try {
    const file = createReadStream(data.path, { highWaterMark: READ_CHUNKS * data.chunkBytes });
    const input = Readable.from(chunksOf(file, data.chunkBytes), { objectMode: false });
    // The progress counts the file's bytes read (read-csv.ts reads bytesRead, which an fs.ReadStream has).
    Object.defineProperty(input, "bytesRead", { get: () => file.bytesRead });
    const spans = new CellSpans();
    opened = await openCsv(input, {
      file: data.file,
      spans,
      ...(data.encoding === undefined ? {} : { encoding: data.encoding }),
      ...(data.delimiter === undefined ? {} : { delimiter: data.delimiter }),
      ...(data.progress ? { onProgress: (p: ReadProgress) => (progress = p) } : {}),
    });
    send({ type: "dialect", dialect: opened.dialect });
    const hasher = new KeyMap();
    const version = (kept: Uint8Array | null) => versions.get(kept) ?? 0;
    for await (const batch of opened.batches) {
      while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
      credits--;
      const packed = packBatch(batch, credits <= data.hashCredits ? hasher : null, version, spans);
      const transfer = [packed.ints.buffer as ArrayBuffer];
      if (packed.bytes) transfer.push(packed.bytes.buffer as ArrayBuffer);
      send({ type: "batch", batch: packed, progress }, transfer);
      progress = undefined;
    }
    send({ type: "end" });
  } catch (error) {
    send(
      error instanceof AppError
        ? { type: "error", code: error.code, message: error.message, location: error.location }
        : { type: "crash", message: error instanceof Error ? (error.stack ?? error.message) : String(error) },
    );
  }
  port.close();
}

void run();

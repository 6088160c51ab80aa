/**
 * Heureka's "Ověřeno zákazníky" review exports, which are XML: the shop reviews
 * (`<reviews><review>…<total_rating/>…<unix_timestamp/></review></reviews>`) and the product
 * reviews (`<products><product>…<reviews><review>…<rating/>…</review></reviews></product></products>`).
 * Read as a stream with saxes (a well-kept, strict XML parser: a file that is not well-formed is
 * an input error with its line, never half read), each review kept as numbers as the CSV readers
 * keep theirs (review-log.ts). Ratings 0–5 with halves; a review without one is unrated;
 * `unix_timestamp` is Unix seconds; `rating_id` is the review's id.
 */
import type { Readable } from "node:stream";
import type { Decided } from "../../core/decided.js";
import { AppError } from "../../core/errors.js";
import { quoted } from "../../core/printable.js";
import { toAppError } from "../csv/read-csv.js";
import { XML_PLATFORMS, type XmlReviewPlatform } from "../platforms/review-platforms.js";
import { ProblemLog } from "../problems.js";
import type { TableOptions } from "../table.js";
import { ReviewLog } from "./review-log.js";
import type { ReviewsRead } from "./review-reader.js";

/** Whether a file's first bytes are XML (a `<` first, after a BOM and white space). */
export function looksLikeXml(head: Uint8Array): boolean {
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0a || head[i] === 0x0d)) i++;
  return head[i] === 0x3c;
}

export interface HeurekaOptions extends Omit<TableOptions, "projection"> {
  /** --reviews-platform heureka-shop|heureka-products: the root element must be that export's. */
  readonly platform?: string;
  /** Called once the encoding is known, before any review is read (--verbose says it). */
  readonly onEncoding?: (encoding: Decided<string>) => void;
}

export interface XmlReviewsRead extends ReviewsRead {
  /** The encoding read: the XML declaration's, else UTF-8. */
  readonly encoding: Decided<string>;
}

/** Reads a Heureka XML export from `input` (the file's bytes). */
export async function readHeurekaXml(input: Readable, options: HeurekaOptions): Promise<XmlReviewsRead> {
  const { file } = options;
  const problems = new ProblemLog(file, options.strict, options.onProblem);
  const log = new ReviewLog(problems, { min: 0, max: 5 });
  // Loaded here, not with the module: every report loads this one (looksLikeXml), few read XML,
  // and the parser's modules took 8–15 ms of each run's start.
  const { SaxesParser } = await import("saxes");
  const parser = new SaxesParser({ position: true });
  let platform: XmlReviewPlatform | null = null;
  let reviews = 0;
  /** The review being read: the line it starts on, and its elements' text. */
  let review: { line: number; fields: Map<string, string> } | null = null;
  let field: string | null = null;
  let text = "";
  let failed: AppError | null = null;
  const fail = (message: string, line: number) => {
    failed ??= new AppError("INPUT_XML", message, { file, line });
  };

  parser.on("error", (error) => {
    // saxes says "line:column: message"; the line goes in the location.
    const message = error.message.replace(/^\d+:\d+: /, "");
    fail(`not well-formed XML: ${message}`, parser.line);
  });
  parser.on("opentag", (tag) => {
    if (platform === null) {
      const forced = options.platform === undefined ? undefined : XML_PLATFORMS.find((p) => p.name === options.platform);
      platform = XML_PLATFORMS.find((p) => p.root === tag.name) ?? null;
      if (platform === null || (forced !== undefined && forced !== platform)) {
        const roots = XML_PLATFORMS.map((p) => `<${p.root}> (${p.name})`).join(" or ");
        failed ??= new AppError(
          "INPUT_HEADER",
          `not a Heureka review export: its root element is <${tag.name}>, expected ${forced ? `<${forced.root}> (--reviews-platform ${forced.name})` : roots}`,
          { file, line: parser.line },
        );
        platform = platform ?? XML_PLATFORMS[0]!;
      }
      return;
    }
    if (tag.name === "review") {
      review = { line: parser.line, fields: new Map() };
      reviews++;
    } else if (review !== null) {
      field = tag.name;
      text = "";
    }
  });
  const append = (t: string) => {
    if (field !== null) text += t;
  };
  parser.on("text", append);
  parser.on("cdata", append);
  parser.on("closetag", (tag) => {
    if (review === null) return;
    if (tag.name === "review") {
      const seconds = review.fields.get("unix_timestamp")?.trim() ?? "";
      log.add({
        line: review.line,
        id: review.fields.get("rating_id") ?? "",
        at: seconds === "" ? undefined : /^\d{1,12}$/.test(seconds) ? Number(seconds) * 1000 : null,
        dateText: seconds,
        dateName: "unix_timestamp",
        rating: review.fields.get(platform!.rating) ?? "",
        ratingName: platform!.rating,
      });
      review = null;
    } else if (tag.name === field) {
      review.fields.set(field, text);
      field = null;
    }
  });

  let decoder: { decode(bytes: Uint8Array, options: { stream: boolean }): string } | null = null;
  let encoding: Decided<string> = { value: "utf-8", reason: "XML without an encoding declaration is UTF-8", source: "default" };
  try {
    for await (const chunk of input) {
      const bytes = chunk as Buffer;
      if (decoder === null) {
        encoding = declaredEncoding(bytes, file) ?? encoding;
        decoder = new TextDecoder(encoding.value, { fatal: true });
        options.onEncoding?.(encoding);
      }
      let decoded: string;
      try {
        decoded = decoder.decode(bytes, { stream: true });
      } catch {
        throw new AppError("INPUT_ENCODING", `the file is not valid ${encoding.value} (${encoding.reason})`, { file, line: parser.line });
      }
      parser.write(decoded);
      if (failed) throw failed;
    }
    parser.close();
  } catch (error) {
    throw toAppError(error, file);
  }
  if (failed) throw failed;
  if (platform === null) throw new AppError("INPUT_XML", "the file has no XML element", { file, line: 1 });
  const p: XmlReviewPlatform = platform;
  return {
    platform: {
      value: { name: p.name, label: p.label },
      reason: options.platform !== undefined ? "--reviews-platform" : `its root element is <${p.root}>`,
      source: options.platform !== undefined ? "option" : "content",
      line: 1,
    },
    columns: {
      date: { value: "unix_timestamp", reason: "Heureka's element for it", source: "platform" },
      rating: { value: p.rating, reason: "Heureka's element for it", source: "platform" },
      id: { value: "rating_id", reason: "Heureka's element for it", source: "platform" },
    },
    rowsRead: reviews,
    repeatedHeaders: [],
    problems,
    ratings: log.ratings,
    excluded: {},
    dateOrder: null,
    encoding,
  };
}

/** The encoding of the XML declaration (`<?xml version="1.0" encoding="windows-1250"?>`), or a BOM's. */
function declaredEncoding(head: Buffer, file: string): Decided<string> | null {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf)
    return { value: "utf-8", reason: "a UTF-8 byte order mark", source: "content" };
  const m = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head.toString("latin1", 0, Math.min(head.length, 200)));
  if (!m) return null;
  const label = m[1]!.toLowerCase();
  try {
    new TextDecoder(label);
  } catch {
    throw new AppError("INPUT_ENCODING", `the XML declaration names an encoding we can't read: ${quoted(m[1]!)}`, { file, line: 1 });
  }
  return { value: label, reason: `the XML declaration says encoding="${m[1]}"`, source: "content", line: 1 };
}

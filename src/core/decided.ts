/**
 * A choice made about an input — its platform, encoding, delimiter, a money column's decimal
 * mark, the file's day/month order — with why and where it was made. `inspect` shows these;
 * the report records the ones a reader of its JSON needs.
 */
export interface Decided<T> {
  readonly value: T;
  /** Why, in words: the flag, the header or value that showed it, or the convention assumed. */
  readonly reason: string;
  /**
   * Where: an option (a flag, or the config file that stands for one), the file's content, what
   * the platform is known to write, or a default when nothing decides.
   */
  readonly source: "option" | "content" | "platform" | "default";
  /** The line that decided it, when one line did. */
  readonly line?: number;
}

/**
 * What a program may print in one run. Each print is cut at `MAX_PRINT_CHARS`; past the run's
 * total (lines or bytes), the output ends with one message and later prints are dropped (they
 * still cost the work meter). Whatever the program does, its output stays a few megabytes at most.
 */

/** Characters of one print (longer text ends with "…"). */
export const MAX_PRINT_CHARS = 2000;
/** Lines of one run: a console a pupil can still read back, far above what debugging needs. */
export const MAX_PRINT_LINES = 10_000;
/** UTF-8 bytes of one run. */
export const MAX_PRINT_BYTES = 1024 * 1024;

export type PrintDecision =
  { show: true; text: string; bytes: number } | { show: false; bytes: number; cut: boolean };

/** UTF-8 bytes of a text, without encoding it. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c < 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

export class PrintBudget {
  private lines = 0;
  private bytes = 0;
  private cut = false;

  constructor(
    private readonly maxLines = MAX_PRINT_LINES,
    private readonly maxBytes = MAX_PRINT_BYTES,
  ) {}

  /** Whether the output was cut. */
  get exhausted(): boolean {
    return this.cut;
  }

  /**
   * What to do with one print: show it (cut to MAX_PRINT_CHARS), or drop it. `cut` is true for
   * the one print that crosses the budget: the caller shows the cut message instead of it.
   */
  take(value: string): PrintDecision {
    const text = value.length > MAX_PRINT_CHARS ? value.slice(0, MAX_PRINT_CHARS) + "…" : value;
    const bytes = utf8Length(text) + 1;
    if (this.cut) return { show: false, bytes, cut: false };
    this.lines++;
    this.bytes += bytes;
    if (this.lines > this.maxLines || this.bytes > this.maxBytes) {
      this.cut = true;
      return { show: false, bytes, cut: true };
    }
    return { show: true, text, bytes };
  }
}

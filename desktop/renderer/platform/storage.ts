/**
 * The pupil's work in progress, kept in the browser (localStorage) so a reload loses nothing:
 * per challenge, the program (TypeScript source, and the blocks when the pupil uses them) and
 * which editor was open; and the last challenge, seed and language.
 */
import type { Locale } from "../../../runtime/engine.ts";

export interface Work {
  source: string;
  /** The Blocks workspace, serialized by the Blocks editor, when the pupil used it. */
  blocks?: unknown;
  editor: "blocks" | "typescript";
  savedAt: number;
}

export interface Prefs {
  challenge?: string;
  seed?: number;
  lang?: Locale;
}

const PREFIX = "robotyc.";

function read<T>(key: string): T | undefined {
  try {
    const text = globalThis.localStorage?.getItem(PREFIX + key);
    return text ? (JSON.parse(text) as T) : undefined;
  } catch {
    return undefined;
  }
}

function write(key: string, value: unknown): boolean {
  try {
    globalThis.localStorage?.setItem(PREFIX + key, JSON.stringify(value));
    return true;
  } catch {
    // Storage full or refused (private browsing): the work stays in the page.
    return false;
  }
}

export function loadWork(challenge: string): Work | undefined {
  const work = read<Work>(`work.${challenge}`);
  return work && typeof work.source === "string" ? work : undefined;
}

export function saveWork(challenge: string, work: Work): boolean {
  return write(`work.${challenge}`, work);
}

export function loadPrefs(): Prefs {
  return read<Prefs>("prefs") ?? {};
}

export function savePrefs(prefs: Prefs): void {
  write("prefs", prefs);
}

/** What a program file must be before the compiler looks at it: UTF-8 text, not empty, not huge. */
import type { Localized } from "../i18n.ts";
import { compilerMessages } from "./messages.ts";

/** Far above any pupil program (a 200-line program is ~6 kB), far below what would hang. */
export const MAX_SOURCE_BYTES = 256 * 1024;

export interface SourceProblem {
  message: Localized;
  params: Record<string, string | number>;
  code: string;
}

export type DecodedSource = { ok: true; text: string } | { ok: false; problem: SourceProblem };

/** Bytes are decoded strictly as UTF-8 (a byte-order mark is dropped); text passes through. */
export function decodeSource(input: string | Uint8Array): DecodedSource {
  if (typeof input === "string") return { ok: true, text: input.replace(/^\uFEFF/, "") };
  if (input.byteLength > MAX_SOURCE_BYTES)
    return { ok: false, problem: tooLarge(input.byteLength) };
  try {
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(input);
    return { ok: true, text };
  } catch {
    return {
      ok: false,
      problem: { message: compilerMessages.notUtf8, params: {}, code: "ROBOTYC_NOT_UTF8" },
    };
  }
}

/** The problem with a file of `bytes` bytes that is too large (callers may check before reading). */
export function tooLarge(bytes: number): SourceProblem {
  return {
    message: compilerMessages.tooLarge,
    params: { size: Math.ceil(bytes / 1024), max: MAX_SOURCE_BYTES / 1024 },
    code: "ROBOTYC_TOO_LARGE",
  };
}

// Control characters other than tab, line feed, vertical tab, form feed and carriage return,
// and U+FFFD, which a lenient decoder leaves where bytes were not text.
const BINARY = /[\u0000-\u0008\u000E-\u001F\u007F\uFFFD]/; // eslint-disable-line no-control-regex

/** The first problem with a decoded text, if any. */
export function checkSourceText(text: string): SourceProblem | undefined {
  if (
    text.length > MAX_SOURCE_BYTES ||
    new TextEncoder().encode(text).byteLength > MAX_SOURCE_BYTES
  ) {
    return tooLarge(new TextEncoder().encode(text).byteLength);
  }
  const binary = BINARY.exec(text);
  if (binary) {
    const line = text.slice(0, binary.index).split("\n").length;
    return { message: compilerMessages.binary, params: { line }, code: "ROBOTYC_BINARY" };
  }
  if (text.trim() === "")
    return { message: compilerMessages.empty, params: {}, code: "ROBOTYC_EMPTY" };
  return undefined;
}

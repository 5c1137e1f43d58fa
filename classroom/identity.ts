/**
 * Who is who in a classroom session, with no accounts: a class code read aloud by the teacher,
 * a pseudonym chosen by the pupil, and random bearer tokens (128 bits) compared in constant time.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** No 0/O and no 1/I: a code is read aloud and copied from the board. */
export const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
export const CODE_LENGTH = 6;

export function newClassCode(): string {
  const bytes = randomBytes(CODE_LENGTH);
  // 32 letters: the low five bits of a byte pick one uniformly.
  return Array.from(bytes, (b) => CODE_ALPHABET[b & 31]).join("");
}

/** What a pupil typed, as a code: case, spaces and dashes do not matter. */
export function normalizeCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, "");
}

/** The code as it is shown: two groups of three, easier to read aloud (`K7M-2QX`). */
export function displayCode(code: string): string {
  return `${code.slice(0, 3)}-${code.slice(3)}`;
}

/** A bearer token: 128 random bits, URL-safe. */
export function newToken(): string {
  return randomBytes(16).toString("base64url");
}

/** Tokens are kept as hashes: a copy of the data folder gives no pupil's token away. */
export function tokenHash(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Compares two secrets in a time that does not depend on where they differ. */
export function sameSecret(a: string, b: string): boolean {
  const x = createHash("sha256").update(a, "utf8").digest();
  const y = createHash("sha256").update(b, "utf8").digest();
  return timingSafeEqual(x, y);
}

export const NAME_MAX = 24;

/**
 * A pseudonym as it is shown, or undefined when it cannot be one: 1 to 24 characters, letters of
 * any alphabet, digits, spaces and `-'._`; spaces trimmed and collapsed.
 */
export function cleanName(typed: unknown): string | undefined {
  if (typeof typed !== "string") return undefined;
  const name = typed.normalize("NFC").trim().replace(/\s+/g, " ");
  const length = [...name].length;
  if (length < 1 || length > NAME_MAX) return undefined;
  if (!/^[\p{L}\p{M}\p{N} '._-]+$/u.test(name)) return undefined;
  if (!/[\p{L}\p{N}]/u.test(name)) return undefined;
  return name;
}

/** Two pseudonyms that read the same on a projector are one: case and accents do not count. */
export function nameKey(name: string): string {
  return name.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

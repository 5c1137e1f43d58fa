/**
 * What the page's address asks for: `/?challenge=<id>&seed=<n>&lang=fr|en` opens that challenge
 * with that seed and language (a teacher shares such a link).
 */
import type { Locale } from "../../runtime/engine.ts";
import { isLanguage } from "./i18n/index.ts";

export interface Launch {
  challenge?: string;
  seed?: number;
  /** The seed as written when it is not a whole number ≥ 0 (the page says so and uses 1). */
  badSeed?: string;
  lang?: Locale;
}

export const MAX_SEED = 2 ** 31 - 1;

export function parseSeed(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^\d{1,10}$/.test(trimmed)) return undefined;
  const n = Number(trimmed);
  return n <= MAX_SEED ? n : undefined;
}

export function parseLaunch(search: string): Launch {
  const params = new URLSearchParams(search);
  const launch: Launch = {};
  const challenge = params.get("challenge");
  if (challenge) launch.challenge = challenge.trim();
  const seed = params.get("seed");
  if (seed !== null) {
    const n = parseSeed(seed);
    if (n === undefined) launch.badSeed = seed;
    else launch.seed = n;
  }
  const lang = params.get("lang");
  if (isLanguage(lang)) launch.lang = lang;
  return launch;
}

/** The address that opens this challenge with this seed and language. */
export function launchUrl(base: string, challenge: string, seed: number, lang: Locale): string {
  const url = new URL(base);
  url.search = new URLSearchParams({ challenge, seed: String(seed), lang }).toString();
  url.hash = "";
  return url.toString();
}

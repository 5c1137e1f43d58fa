/**
 * Migrations of older challenge files to the current schema version. Each step takes the raw JSON
 * of version n and returns the raw JSON of version n + 1; the result is then checked by the schema.
 */
import { CHALLENGE_SCHEMA_VERSION } from "./schema.ts";

type Raw = Record<string, unknown>;

/**
 * Version 1 (the first drafts): French-only `title`/`instructions` strings, a `version` field,
 * `items` as a plain list of catalogue ids with `spots` beside them, sorting rules as a `bins`
 * list of `{kind, bin}` pairs, and `points: {correct, wrong, offTable}`.
 */
function v1ToV2(old: Raw): Raw {
  const both = (text: unknown) => (typeof text === "string" ? { fr: text, en: text } : text);
  const { version: _version, title, instructions, items, spots, bins, points, ...rest } = old;
  const sorting: Record<string, unknown> = {};
  if (Array.isArray(bins)) {
    for (const pair of bins as Raw[]) {
      if (pair && typeof pair === "object" && typeof pair.kind === "string")
        sorting[pair.kind] = pair.bin;
    }
  }
  const p = (points ?? {}) as Raw;
  return {
    ...rest,
    schemaVersion: 2,
    title: both(title),
    instructions: both(instructions),
    items: { set: items, placement: { mode: "fixed", spots, shuffle: true } },
    sorting,
    scoring: {
      ...(p.correct !== undefined ? { correctBin: p.correct } : {}),
      ...(p.wrong !== undefined ? { wrongBin: p.wrong } : {}),
      ...(p.offTable !== undefined ? { itemOffTable: p.offTable } : {}),
    },
  };
}

/** `MIGRATIONS[n]` turns version n into version n + 1. */
export const MIGRATIONS: Record<number, (old: Raw) => Raw> = { 1: v1ToV2 };

/** The version a raw file declares: `schemaVersion`, or `version` in version 1 files. */
export function versionOf(raw: Raw): unknown {
  return raw.schemaVersion ?? raw.version;
}

export type MigrationOutcome =
  | { ok: true; value: Raw; from: number }
  | { ok: false; reason: "noVersion" | "newer"; version?: unknown };

/** Brings a raw challenge up to the current version; the schema check comes after. */
export function migrate(raw: Raw): MigrationOutcome {
  const version = versionOf(raw);
  if (typeof version !== "number" || !Number.isInteger(version) || version < 1) {
    return { ok: false, reason: "noVersion", version };
  }
  if (version > CHALLENGE_SCHEMA_VERSION) return { ok: false, reason: "newer", version };
  let value = raw;
  for (let v = version; v < CHALLENGE_SCHEMA_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step) return { ok: false, reason: "noVersion", version };
    value = step(value);
  }
  return { ok: true, value, from: version };
}

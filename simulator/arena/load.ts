/** Loading an arena: schema check with errors that name the field, then the checks zod cannot do. */
import type { z } from "zod";
import { localize, LocalizedError } from "../../runtime/engine.ts";
import type { Localized } from "../../runtime/engine.ts";
import { catalogueItem } from "../items/catalogue.ts";
import { MSG } from "../messages.ts";
import { ARENA_VERSION, ArenaSchema, MAX_ARENA_ITEMS } from "./schema.ts";
import type { Arena } from "./schema.ts";

/** `["bins", 2, "size", "width"]` → `bins[2].size.width`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out === "" ? "(racine / root)" : out;
}

/** Localizes one zod issue; returns the field path and a problem message in both languages. */
function describeIssue(
  issue: z.core.$ZodIssue,
  prefix: readonly PropertyKey[] = [],
): LocalizedError {
  const path = [...prefix, ...issue.path];
  const problem = localize;
  let text: Localized;
  switch (issue.code) {
    case "invalid_type":
      text =
        issue.input === undefined
          ? MSG.pMissing
          : problem(MSG.pType, { expected: String(issue.expected) });
      break;
    case "too_small":
      text =
        issue.origin === "array"
          ? problem(MSG.pTooFewElements, { min: String(issue.minimum) })
          : problem(MSG.pTooSmall, { min: String(issue.minimum) });
      break;
    case "too_big":
      text =
        issue.origin === "array"
          ? problem(MSG.pTooManyElements, { max: String(issue.maximum) })
          : problem(MSG.pTooBig, { max: String(issue.maximum) });
      break;
    case "invalid_value":
      text = problem(MSG.pOneOf, { values: issue.values.map((v) => String(v)).join(", ") });
      break;
    case "unrecognized_keys":
      text = problem(MSG.pUnknownKeys, { keys: issue.keys.join(", ") });
      break;
    case "invalid_union": {
      // Report the branch that got furthest: its deepest issue names the field best.
      let best: z.core.$ZodIssue | undefined;
      for (const branch of issue.errors) {
        for (const sub of branch) {
          if (!best || sub.path.length > best.path.length) best = sub;
        }
      }
      if (best) return describeIssue(best, path);
      const discriminator = (issue as { discriminator?: string }).discriminator;
      if (discriminator) path.push(discriminator);
      text = problem(MSG.pInvalid, { detail: issue.message });
      break;
    }
    default:
      text = problem(MSG.pInvalid, { detail: issue.message });
  }
  return fieldError(path, text);
}

function fieldError(path: readonly PropertyKey[], problem: Localized): LocalizedError {
  const field = fieldPath(path);
  return new LocalizedError(
    {
      fr: MSG.arenaField.fr.replace("{problem}", problem.fr),
      en: MSG.arenaField.en.replace("{problem}", problem.en),
    },
    { field },
  );
}

/** The number of items an arena's spawn rules place. */
export function countItems(arena: Pick<Arena, "items">): number {
  let count = 0;
  for (const spawn of arena.items) {
    count += "random" in spawn ? (spawn.random.count ?? spawn.random.items.length) : 1;
  }
  return count;
}

/**
 * Checks an arena (a JSON text or a parsed value) and returns it with defaults filled in.
 * Throws a `LocalizedError` naming the first bad field.
 */
export function loadArena(input: unknown): Arena {
  let value = input;
  if (typeof input === "string") {
    try {
      value = JSON.parse(input);
    } catch (error) {
      throw new LocalizedError(MSG.arenaBadJson, { detail: (error as Error).message });
    }
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new LocalizedError(MSG.arenaNotObject);
  }
  const version = (value as { version?: unknown }).version;
  if (typeof version === "number" && version > ARENA_VERSION) {
    throw new LocalizedError(MSG.arenaNewer, { version, known: ARENA_VERSION });
  }
  const parsed = ArenaSchema.safeParse(value);
  if (!parsed.success) throw describeIssue(parsed.error.issues[0]!);
  const arena = parsed.data;

  const count = countItems(arena);
  if (count > MAX_ARENA_ITEMS) {
    throw new LocalizedError(MSG.arenaTooManyItems, { count, max: MAX_ARENA_ITEMS });
  }
  arena.items.forEach((spawn, index) => {
    if ("random" in spawn) {
      spawn.random.items.forEach((itemId, j) => {
        if (!catalogueItem(itemId)) {
          throw new LocalizedError(MSG.arenaUnknownItem, {
            field: fieldPath(["items", index, "random", "items", j]),
            id: itemId,
          });
        }
      });
    } else if (!catalogueItem(spawn.item)) {
      throw new LocalizedError(MSG.arenaUnknownItem, {
        field: fieldPath(["items", index, "item"]),
        id: spawn.item,
      });
    }
  });
  const seen = new Set<string>();
  const unique = (value: string | undefined, path: PropertyKey[]) => {
    if (value === undefined) return;
    if (seen.has(value))
      throw new LocalizedError(MSG.arenaDuplicateId, { field: fieldPath(path), id: value });
    seen.add(value);
  };
  arena.bins.forEach((bin, i) => unique(bin.id, ["bins", i, "id"]));
  arena.walls.forEach((wall, i) => unique(wall.id, ["walls", i, "id"]));
  arena.obstacles.forEach((o, i) => unique(o.id, ["obstacles", i, "id"]));
  arena.items.forEach((s, i) => unique("id" in s ? s.id : undefined, ["items", i, "id"]));
  return arena;
}

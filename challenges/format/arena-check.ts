/**
 * The checks of a challenge against its arena and the item catalogue, after the schema: the
 * arena itself (the simulator's loader), and every id the challenge names (items, bins, zones,
 * obstacles). Each failure names the challenge field.
 */
import { LocalizedError, type Localized } from "../../runtime/engine.ts";
import { catalogueItem, loadArena, type Arena } from "../../simulator/index.ts";
import type { Challenge } from "./schema.ts";

const messages = {
  arena: {
    fr: "Le fichier de défi « {file} » a une arène invalide : {detail}",
    en: 'The challenge file "{file}" has an invalid arena: {detail}',
  },
  unknownId: {
    fr: "Le fichier de défi « {file} » est invalide : champ « {field} » : « {id} » n'existe pas {where}",
    en: 'The challenge file "{file}" is invalid: field "{field}": "{id}" does not exist {where}',
  },
  arenaItems: {
    fr: "Le fichier de défi « {file} » est invalide : champ « arena.items » : les objets sont placés par le champ « items » du défi",
    en: 'The challenge file "{file}" is invalid: field "arena.items": items are placed by the challenge\'s "items" field',
  },
} satisfies Record<string, Localized>;

const places = {
  catalogue: { fr: "dans le catalogue d'objets", en: "in the item catalogue" },
  bins: { fr: "parmi les bacs de l'arène", en: "among the arena's bins" },
  zones: { fr: "parmi les zones de l'arène", en: "among the arena's zones" },
  obstacles: { fr: "parmi les obstacles de l'arène", en: "among the arena's obstacles" },
} satisfies Record<string, Localized>;

function unknownId(file: string, field: string, id: string, where: Localized): LocalizedError {
  const message = {
    fr: messages.unknownId.fr.replace("{where}", where.fr),
    en: messages.unknownId.en.replace("{where}", where.en),
  };
  return Object.assign(new LocalizedError(message, { file, field, id }), { field });
}

/** Loads the challenge's arena with the simulator's checks and checks every id against it. */
export function checkArena(challenge: Challenge, file: string): Arena {
  const raw = challenge.arena as { items?: unknown };
  if (Array.isArray(raw.items) && raw.items.length > 0) {
    throw Object.assign(new LocalizedError(messages.arenaItems, { file }), {
      field: "arena.items",
    });
  }
  let arena: Arena;
  try {
    arena = loadArena(challenge.arena);
  } catch (error) {
    if (!(error instanceof LocalizedError)) throw error;
    const detail: Localized = { fr: error.localized("fr"), en: error.localized("en") };
    const message = {
      fr: messages.arena.fr.replace("{detail}", detail.fr),
      en: messages.arena.en.replace("{detail}", detail.en),
    };
    const field = `arena.${String(error.params.field ?? "")}`.replace(/\.$/, "");
    throw Object.assign(new LocalizedError(message, { file }), { field });
  }
  challenge.items.set.forEach((id, n) => {
    if (!catalogueItem(id)) throw unknownId(file, `items.set[${n}]`, id, places.catalogue);
  });
  const bins = new Set(arena.bins.map((b) => b.id));
  for (const [kind, bin] of Object.entries(challenge.sorting)) {
    if (!bins.has(bin)) throw unknownId(file, `sorting.${kind}`, bin, places.bins);
  }
  const zones = new Set(arena.markings.flatMap((m) => (m.zone ? [m.zone] : [])));
  const zone = challenge.scoring.reachZone?.zone;
  if (zone !== undefined && !zones.has(zone)) {
    throw unknownId(file, "scoring.reachZone.zone", zone, places.zones);
  }
  const obstacles = new Set(arena.obstacles.flatMap((o) => (o.id ? [o.id] : [])));
  challenge.scoring.obstacleContact?.obstacles.forEach((id, n) => {
    if (!obstacles.has(id)) {
      throw unknownId(file, `scoring.obstacleContact.obstacles[${n}]`, id, places.obstacles);
    }
  });
  return arena;
}

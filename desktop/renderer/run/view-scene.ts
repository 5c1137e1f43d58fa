/** A run's scene (plain data from the worker) as the arena view draws it, in the pupil's language. */
import type { Locale } from "../../../runtime/engine.ts";
import type { Arena, ItemKind } from "../../../simulator/index.ts";
import type { ViewScene } from "../../../simulator/view/index.ts";
import type { RunScene } from "./protocol.ts";

export function toViewScene(scene: RunScene, lang: Locale): ViewScene {
  const bins: ViewScene["bins"] = {};
  for (const [id, sign] of Object.entries(scene.bins)) {
    bins[id] = { label: sign.label[lang], kinds: sign.kinds as ItemKind[] };
  }
  const zones: Record<string, string> = {};
  for (const [id, name] of Object.entries(scene.zones)) zones[id] = name[lang];
  return { arena: scene.arena as unknown as Arena, bodies: scene.bodies, bins, zones };
}

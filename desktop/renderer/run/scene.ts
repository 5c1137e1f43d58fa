/**
 * What the arena view needs to draw a challenge for a seed, before or during a run: the placed
 * arena, the bodies of the frames, the bins' signs (the kinds the challenge sorts into each bin,
 * its name) and the zones' names; and the first frame, read from a world at rest.
 * Runs in the run worker (it builds a physics world); the result is plain data.
 */
import {
  challengeMaxScore,
  runArena,
  scoringLabels,
  type Challenge,
} from "../../../challenges/index.ts";
import { LocalizedError, type Localized } from "../../../runtime/engine.ts";
import { loadArena, World, type Arena, type Replay } from "../../../simulator/index.ts";
import type { RunFrame, RunScene } from "./protocol.ts";

/** The poses of the robot and every item (robot first: the replay's body order). */
export function frameOfWorld(world: World): RunFrame {
  const bodies = [world.robot.body, ...world.items.map((i) => (i.removed ? null : i.body))];
  return {
    tick: world.tick,
    poses: bodies.map((body) => {
      if (!body) return { x: NaN, y: NaN, z: NaN, q: null };
      const t = body.translation();
      const q = body.rotation();
      return { x: t.x, y: t.y, z: t.z, q: [q.x, q.y, q.z, q.w] };
    }),
  };
}

export function signsOf(challenge: Challenge, arena: Arena): Pick<RunScene, "bins" | "zones"> {
  const labels = scoringLabels(challenge, arena);
  const bins: RunScene["bins"] = {};
  for (const bin of arena.bins) {
    const kinds = Object.entries(challenge.sorting)
      .filter(([, binId]) => binId === bin.id)
      .map(([kind]) => kind);
    bins[bin.id] = {
      label: labels.bins[bin.id] ?? { fr: bin.id, en: bin.id },
      kinds: kinds.length ? kinds : [...bin.accepts],
    };
  }
  const zones: RunScene["zones"] = {};
  for (const [id, name] of Object.entries(challenge.labels.zones)) zones[id] = name;
  return { bins, zones };
}

export function challengeInfo(challenge: Challenge, seed: number): RunScene["challenge"] {
  return {
    id: challenge.id,
    title: challenge.title,
    instructions: challenge.instructions,
    timeLimit: challenge.timeLimit,
    maxScore: challengeMaxScore(challenge, seed),
    ...(challenge.series ? { level: challenge.series.level } : {}),
  };
}

/** The scene of a challenge and seed: the arena at rest, as a run of it starts. */
export async function sceneOf(challenge: Challenge, seed: number): Promise<RunScene> {
  const arena = loadArena(runArena(challenge, seed));
  const world = await World.create({ arena, seed });
  try {
    return {
      challenge: challengeInfo(challenge, seed),
      seed,
      arena: arena as unknown as Record<string, unknown>,
      bodies: [
        { id: "robot", catalogueId: "robot" },
        ...world.items.map((item) => ({ id: item.id, catalogueId: item.entry.id })),
      ],
      ...signsOf(challenge, arena),
      frame: frameOfWorld(world),
    };
  } finally {
    world.dispose();
  }
}

const unknownArena: Localized = {
  fr: "Ce replay vient d'une arène que cette version ne connaît pas (« {id} »).",
  en: 'This replay comes from an arena this version does not know ("{id}").',
};

/**
 * The scene of a replay: its own arena (format 2) or its challenge's (format 1 names only the
 * arena), the signs and names of its challenge when the pack has it.
 */
export function replayScene(
  replay: Replay,
  challengeOf: (id: string) => Challenge | null,
  pack: readonly Challenge[],
): Omit<RunScene, "frame"> {
  const challenge =
    (replay.challenge ? challengeOf(replay.challenge.id) : null) ??
    pack.find((c) => (c.arena as { id?: string }).id === replay.arenaId) ??
    null;
  let arena: Arena;
  if (replay.arena) arena = replay.arena;
  else if (challenge) arena = loadArena(runArena(challenge, replay.seed));
  else throw new LocalizedError(unknownArena, { id: replay.arenaId ?? "?" });
  const info = challenge
    ? challengeInfo(challenge, replay.seed)
    : {
        id: replay.arenaId ?? "replay",
        title: arena.name ?? { fr: "Replay", en: "Replay" },
        instructions: { fr: "", en: "" },
        timeLimit: replay.simTime,
        maxScore: replay.result?.maxScore ?? 0,
      };
  const signs = challenge
    ? signsOf(challenge, arena)
    : {
        bins: Object.fromEntries(
          arena.bins.map((bin) => [
            bin.id,
            { label: { fr: bin.id, en: bin.id }, kinds: [...bin.accepts] },
          ]),
        ),
        zones: {},
      };
  return {
    challenge: info,
    seed: replay.seed,
    arena: arena as unknown as Record<string, unknown>,
    bodies: replay.bodies,
    ...signs,
  };
}

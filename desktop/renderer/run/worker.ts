/**
 * The run worker: the simulation (rapier) and the pupil's sandbox (QuickJS) run here, never on
 * the page's thread. It speaks the messages of `protocol.ts` and checks each one it receives.
 * The live world never leaves: the page gets snapshots in the replay's frame format, prints, and
 * the result with the run's replay.
 */
import quickjsWasm from "@jitl/quickjs-wasmfile-release-sync/wasm?url";
import {
  breakdownLine,
  challengeCamera,
  localizeBreakdown,
  isPackId,
  loadPack,
  packChallenge,
  runChallenge,
  type Challenge,
  type ClassifierSource,
} from "../../../challenges/index.ts";
import { setQuickJSWasmModule, type CompileResult } from "../../../runtime/engine.ts";
import { playReplay, RunControl, type ReplayFrame } from "../../../simulator/index.ts";
import { LocalizedError } from "../../../runtime/engine.ts";
import { toWorker, type FromWorker, type RunResult, type ToWorker } from "./protocol.ts";
import { challengeInfo, replayScene, sceneOf } from "./scene.ts";
import { PRACTICE_PREFIX, PRACTICE_SECONDS } from "./practice.ts";

setQuickJSWasmModule(WebAssembly.compileStreaming(fetch(quickjsWasm)));

/** The classifier's files, copied next to the app by the build (see vite.config.ts). */
const base = new URL("../", self.location.href).href;
const CLASSIFIER: ClassifierSource = {
  model: `${base}classifier/model/`,
  bank: `${base}classifier/bank/`,
  wasmPaths: `${base}classifier/wasm/`,
};

/** Frames sent to the page at most this often (wall ms); the replay keeps them all. */
const FRAME_INTERVAL_MS = 30;

const post = (message: FromWorker) => self.postMessage(message);

interface Current {
  runId: number;
  control: RunControl;
  abort: AbortController;
  time: number;
  /** When the world last moved (a frame), ms since the epoch. */
  lastFrameAt: number;
}
let current: Current | null = null;
/** The render worker's port: live frames go there, and only the time and line to the page. */
let viewPort: MessagePort | null = null;
const PACK = loadPack();

/** The breakdown in both languages, as `robotyc run` prints it. */
function linesOf(breakdown: Parameters<typeof localizeBreakdown>[0]) {
  return {
    fr: localizeBreakdown(breakdown, "fr").map(breakdownLine),
    en: localizeBreakdown(breakdown, "en").map(breakdownLine),
  };
}

/** A pack challenge, or free practice on its arena (no score, a long time limit). */
function challengeOf(id: string): Challenge | null {
  const practice = id.startsWith(PRACTICE_PREFIX);
  const packId = practice ? id.slice(PRACTICE_PREFIX.length) : id;
  if (!isPackId(packId)) return null;
  const challenge = packChallenge(packId);
  return practice ? { ...challenge, id, timeLimit: PRACTICE_SECONDS } : challenge;
}

async function start(message: Extract<ToWorker, { type: "start" }>): Promise<void> {
  stop();
  const challenge = challengeOf(message.challengeId);
  if (!challenge) {
    post({ type: "failed", runId: message.runId, message: `challenge ${message.challengeId}` });
    return;
  }
  const shared =
    typeof SharedArrayBuffer === "function" && message.control instanceof SharedArrayBuffer
      ? message.control
      : undefined;
  const control = shared
    ? new RunControl(shared)
    : new RunControl(undefined, { pace: message.pace });
  if (!shared && message.paused) control.pause();
  const abort = new AbortController();
  const run: Current = { runId: message.runId, control, abort, time: 0, lastFrameAt: 0 };
  current = run;
  const tickRate = 120;
  let lastPost = 0;
  let pending: ReplayFrame | null = null;
  let prints: string[] = [];
  /** The pupil's line of the last robot call (0: none yet); the replay keeps it at each frame. */
  let line = 0;
  /** The line when the pending frame was recorded. */
  let pendingLine = 0;
  const flush = () => {
    if (prints.length) {
      post({ type: "print", runId: run.runId, time: run.time, text: prints.join("\n") });
      prints = [];
    }
    if (pending) {
      viewPort?.postMessage({ runId: run.runId, frame: pending });
      post({
        type: "frame",
        runId: run.runId,
        time: pending.tick / tickRate,
        ...(viewPort ? {} : { frame: pending }),
        line: pendingLine,
      });
      pending = null;
    }
    lastPost = performance.now();
  };
  const compiled: CompileResult = { ok: true, program: message.program as never, diagnostics: [] };
  try {
    const result = await runChallenge({
      source: compiled,
      challenge,
      seed: message.seed,
      locale: message.locale,
      record: true,
      program: { source: message.source, language: message.language },
      camera: () => challengeCamera(CLASSIFIER),
      control,
      signal: abort.signal,
      print: (text) => {
        if (prints.length < 200) prints.push(text);
      },
      onScore: (score) => {
        flush();
        post({ type: "score", runId: run.runId, time: run.time, score });
      },
      onCall: (at) => {
        line = at ?? 0;
      },
      onFrame: (frame) => {
        pendingLine = line;
        run.time = frame.tick / tickRate;
        run.lastFrameAt = performance.timeOrigin + performance.now();
        pending = frame;
        if (control.paused || performance.now() - lastPost >= FRAME_INTERVAL_MS) flush();
      },
    });
    flush();
    if (current !== run) return;
    current = null;
    const plain: RunResult = {
      challenge: result.challenge,
      seed: result.seed,
      outcome: result.outcome,
      score: result.score,
      maxScore: result.maxScore,
      simTime: result.simTime,
      breakdown: result.breakdown.map((l) => ({ points: l.points, reason: l.reason })),
      lines: linesOf(result.breakdown),
      ...(result.trace ? { trace: result.trace } : {}),
      ...(result.error
        ? {
            error: {
              message: result.error.message,
              stage: result.error.stage,
              ...(result.error.line !== undefined ? { line: result.error.line } : {}),
            },
          }
        : {}),
      ...(result.replay ? { replay: result.replay } : {}),
    };
    post({ type: "result", runId: run.runId, result: plain });
  } catch (error) {
    const at = performance.timeOrigin + performance.now();
    flush();
    if (abort.signal.aborted || control.aborted) {
      post({
        type: "stopped",
        runId: run.runId,
        time: run.time,
        at,
        lastFrameAt: run.lastFrameAt,
      });
    } else {
      post({
        type: "failed",
        runId: run.runId,
        message: String((error as Error)?.message ?? error),
      });
    }
    if (current === run) current = null;
  }
}

function stop(): void {
  if (!current) return;
  current.control.abort();
  current.abort.abort();
}

/** Commands that also come through shared memory when the page is cross-origin isolated. */
function steer(message: ToWorker): void {
  if (!current || !("runId" in message) || message.runId !== current.runId) return;
  const { control } = current;
  if (message.type === "pause") control.pause();
  else if (message.type === "resume") control.resume();
  else if (message.type === "step") control.step(message.ticks);
  else if (message.type === "pace") control.setPace(message.pace);
}

self.onmessage = (event: MessageEvent<unknown>) => {
  const message = toWorker(event.data);
  if (!message) return;
  switch (message.type) {
    case "prepare": {
      const challenge = challengeOf(message.challengeId);
      if (!challenge) {
        post({ type: "failed", requestId: message.requestId, message: message.challengeId });
        return;
      }
      sceneOf(challenge, message.seed).then(
        (scene) => post({ type: "scene", requestId: message.requestId, scene }),
        (error) =>
          post({ type: "failed", requestId: message.requestId, message: String(error?.message) }),
      );
      return;
    }
    case "decode": {
      try {
        const { replay, frames, hash, lines } = playReplay(message.replay);
        const scene = { ...replayScene(replay, challengeOf, PACK), frame: frames[0]! };
        post({
          type: "replay",
          requestId: message.requestId,
          scene,
          frames,
          tickRate: replay.tickRate,
          hash,
          frameLines: lines,
          program: replay.program ?? null,
          result: replay.result
            ? { ...replay.result, lines: linesOf(replay.result.breakdown) }
            : null,
          outcome: replay.outcome,
          simTime: replay.simTime,
        });
      } catch (error) {
        const text =
          error instanceof LocalizedError
            ? error.localized(message.locale)
            : String((error as Error)?.message ?? error);
        post({ type: "failed", requestId: message.requestId, message: text });
      }
      return;
    }
    case "start":
      void start(message);
      return;
    case "stop":
      if (current?.runId === message.runId) stop();
      return;
    case "view":
      viewPort = message.port;
      return;
    default:
      steer(message);
  }
};

post({
  type: "ready",
  challenges: PACK.map((challenge) => challengeInfo(challenge, 1)),
  isolated: self.crossOriginIsolated === true,
});

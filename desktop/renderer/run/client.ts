/**
 * The page's side of the run worker. Commands (pause, resume, step, pace, stop) go through shared
 * memory when the page is cross-origin isolated — they then reach a program busy in a
 * synchronous loop — and as messages otherwise. « Arrêter » is immediate for the pupil: the page
 * forgets the run at once; if the worker has not confirmed within a moment (a runaway native
 * call), it is replaced by a fresh one.
 */
import type { CompiledProgram, Locale } from "../../../runtime/engine.ts";
import { RunControl } from "../../../simulator/control.ts";
import {
  fromWorker,
  type ChallengeInfo,
  type FromWorker,
  type RunFrame,
  type RunResult,
  type RunScene,
  type ToWorker,
} from "./protocol.ts";

/** How long a stopped worker may take to confirm before it is replaced (ms). */
export const STOP_GRACE_MS = 1500;
/** Ticks of one « Pas à pas » press: one frame, 1/20 s. */
export const STEP_TICKS = 6;

export interface RunHandlers {
  /**
   * A port on which each new worker sends its live frames (to the render worker), or null: the
   * frames then come to `onFrame`.
   */
  framePort?: () => Promise<MessagePort | null>;
  /** `frame` is absent when it went through the frame port. */
  onFrame(runId: number, frame: RunFrame | undefined, time: number, line: number): void;
  onPrint(runId: number, text: string, time: number): void;
  /** The score so far (the run's end gives the real one, with its breakdown). */
  onScore(runId: number, score: number): void;
  onResult(runId: number, result: RunResult): void;
  /** `at`: when the run had stopped, `lastFrameAt`: when its world last moved (ms since the epoch). */
  onStopped(runId: number, time: number, at: number, lastFrameAt: number): void;
  onFailed(message: string): void;
  /** The worker was replaced (it did not stop in time); the scene must be asked for again. */
  onRestarted(): void;
}

export interface StartOptions {
  challengeId: string;
  seed: number;
  locale: Locale;
  program: CompiledProgram;
  source: string;
  language: "typescript" | "blocks";
  pace: number;
  paused: boolean;
}

type Decoded = Extract<FromWorker, { type: "replay" }>;

export class RunClient {
  private worker!: Worker;
  private nextId = 1;
  private control: RunControl | null = null;
  private stopTimer = 0;
  private readonly requests = new Map<number, (message: FromWorker) => void>();
  /** The run the page follows (null when none). */
  runId: number | null = null;
  challenges: ChallengeInfo[] = [];
  isolated = false;
  ready!: Promise<void>;

  constructor(private readonly handlers: RunHandlers) {
    this.spawn();
  }

  private spawn(): void {
    const worker = new Worker(new URL("./worker.ts", import.meta.url), {
      type: "module",
      name: "run",
    });
    this.ready = new Promise((resolve) => {
      worker.onmessage = (event: MessageEvent<unknown>) => {
        const message = fromWorker(event.data);
        if (!message) return;
        if (message.type === "ready") {
          this.challenges = message.challenges;
          this.isolated = message.isolated && globalThis.crossOriginIsolated === true;
          resolve();
        } else this.receive(message);
      };
    });
    worker.onerror = (event) => this.handlers.onFailed(event.message || "worker");
    this.worker = worker;
    void this.handlers.framePort?.().then((port) => {
      if (port && this.worker === worker) worker.postMessage({ type: "view", port }, [port]);
    });
  }

  private receive(message: FromWorker): void {
    if (message.type === "scene" || message.type === "replay") {
      this.requests.get(message.requestId)?.(message);
      this.requests.delete(message.requestId);
      return;
    }
    if (message.type === "failed" && message.requestId !== undefined) {
      this.requests.get(message.requestId)?.(message);
      this.requests.delete(message.requestId);
      return;
    }
    if (message.type === "failed") {
      if (message.runId === undefined || message.runId === this.runId) {
        this.runId = null;
        this.handlers.onFailed(message.message);
      }
      return;
    }
    if (!("runId" in message)) return;
    const followed = message.runId === this.runId;
    switch (message.type) {
      case "frame":
        if (followed)
          this.handlers.onFrame(message.runId, message.frame, message.time, message.line);
        break;
      case "print":
        if (followed) this.handlers.onPrint(message.runId, message.text, message.time);
        break;
      case "score":
        if (followed) this.handlers.onScore(message.runId, message.score);
        break;
      case "result":
        if (followed) {
          this.runId = null;
          this.handlers.onResult(message.runId, message.result);
        }
        break;
      case "stopped":
        clearTimeout(this.stopTimer);
        this.handlers.onStopped(message.runId, message.time, message.at, message.lastFrameAt);
        break;
    }
  }

  private post(message: ToWorker): void {
    this.worker.postMessage(message);
  }

  private request<T extends FromWorker>(message: ToWorker & { requestId: number }): Promise<T> {
    return new Promise((resolve, reject) => {
      this.requests.set(message.requestId, (answer) =>
        answer.type === "failed" ? reject(new Error(answer.message)) : resolve(answer as T),
      );
      this.post(message);
    });
  }

  /** The scene of a challenge and seed (the arena at rest, before a run). */
  async prepare(challengeId: string, seed: number, locale: Locale): Promise<RunScene> {
    await this.ready;
    const answer = await this.request<Extract<FromWorker, { type: "scene" }>>({
      type: "prepare",
      requestId: this.nextId++,
      challengeId,
      seed,
      locale,
    });
    return answer.scene;
  }

  /** Checks and decodes a replay (an opened file or the last run) in the worker. */
  async decode(replay: unknown, locale: Locale): Promise<Decoded> {
    await this.ready;
    return this.request<Decoded>({ type: "decode", requestId: this.nextId++, replay, locale });
  }

  start(options: StartOptions): number {
    this.stop();
    const runId = this.nextId++;
    this.runId = runId;
    this.control = this.isolated ? new RunControl(undefined, { pace: options.pace }) : null;
    if (this.control && options.paused) this.control.pause();
    this.post({
      type: "start",
      runId,
      ...options,
      ...(this.control ? { control: this.control.buffer } : {}),
    });
    return runId;
  }

  pause(): void {
    if (this.runId === null) return;
    if (this.control) this.control.pause();
    else this.post({ type: "pause", runId: this.runId });
  }

  resume(): void {
    if (this.runId === null) return;
    if (this.control) this.control.resume();
    else this.post({ type: "resume", runId: this.runId });
  }

  step(ticks = STEP_TICKS): void {
    if (this.runId === null) return;
    if (this.control) this.control.step(ticks);
    else this.post({ type: "step", runId: this.runId, ticks });
  }

  setPace(pace: number): void {
    if (this.runId === null) return;
    if (this.control) this.control.setPace(pace);
    else this.post({ type: "pace", runId: this.runId, pace });
  }

  /** Stops the followed run now. Returns its id, or null when nothing was running. */
  stop(): number | null {
    const runId = this.runId;
    if (runId === null) return null;
    this.runId = null;
    this.control?.abort();
    this.post({ type: "stop", runId });
    clearTimeout(this.stopTimer);
    this.stopTimer = window.setTimeout(() => this.restart(), STOP_GRACE_MS);
    return runId;
  }

  /** Replaces a worker that did not stop in time. */
  private restart(): void {
    this.worker.terminate();
    for (const [id, answer] of this.requests) {
      answer({ type: "failed", requestId: id, message: "restarted" });
    }
    this.requests.clear();
    this.spawn();
    this.handlers.onRestarted();
  }
}

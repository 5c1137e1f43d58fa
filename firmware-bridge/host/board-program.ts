/**
 * Runs a compiled pupil program on a real (or emulated) robot: the program and its sandbox run in
 * a worker thread; this thread keeps the board link, writes every sensor sample into the shared
 * sensor mirror, and carries out the motor commands and timed operations the worker sends.
 */
import { Worker } from "node:worker_threads";
import {
  DEFAULT_LOCALE,
  LocalizedError,
  type CompiledProgram,
  type Locale,
  type ProgramResult,
  type RunLimits,
} from "../../runtime/engine.ts";
import type { BoardRobot } from "./board-robot.ts";
import { HOST_MESSAGES } from "./messages.ts";
import { createMirrorBuffer, SensorMirrorWriter, type MirrorReadings } from "./sensor-mirror.ts";
import { SAMPLE_PERIOD_MS } from "./sensors.ts";
import type {
  FromWorker,
  SensorCall,
  SerializedError,
  ToWorker,
  WorkerInit,
} from "./worker-protocol.ts";

export interface BoardRunOptions {
  program: CompiledProgram;
  robot: BoardRobot;
  seed: number;
  locale?: Locale;
  print?: (text: string) => void;
  /** Seconds of wall time; reaching them ends the run with outcome "timeout". */
  maxTime?: number;
  limits?: RunLimits;
  /** A worker started beforehand (its modules take a while to load); one is started if absent. */
  worker?: ProgramWorker;
  /** Called when the program starts running in the worker. */
  onStart?: () => void;
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof LocalizedError)
    return { message: error.messageKey, params: error.params, text: error.message };
  return {
    message: null,
    params: {},
    text: error instanceof Error ? error.message : String(error),
  };
}

/** How often the heading is refreshed in the mirror while nothing else writes it. */
const HEADING_REFRESH_MS = 20;

const WORKER_BOOT = new URL("./worker-boot.mjs", import.meta.url);
const WORKER_ENTRY = new URL("./program-worker.ts", import.meta.url);

/**
 * A worker thread ready to run one pupil program. Loading the sandbox and the compiler's
 * modules takes a second or more: start one when the robot connects, so "Run" starts at once.
 */
export class ProgramWorker {
  readonly worker: Worker;
  /** Resolves when the worker's modules are loaded. */
  readonly booted: Promise<void>;
  private used = false;

  constructor() {
    this.worker = new Worker(WORKER_BOOT, { workerData: { entry: WORKER_ENTRY.href } });
    this.booted = new Promise((resolve, reject) => {
      const onMessage = (message: FromWorker) => {
        if (message.type !== "booted") return;
        this.worker.off("message", onMessage);
        resolve();
      };
      this.worker.on("message", onMessage);
      this.worker.once("error", reject);
      this.worker.once("exit", (code) => reject(new Error(`program worker exited (${code})`)));
    });
    this.booted.catch(() => {});
  }

  /** Sends the program; a worker runs one program only. */
  start(init: WorkerInit): void {
    if (this.used) throw new Error("a program worker runs one program only");
    this.used = true;
    this.worker.postMessage({ type: "run", init });
  }

  async terminate(): Promise<void> {
    await this.worker.terminate();
  }
}

export async function runProgramOnBoard(opts: BoardRunOptions): Promise<ProgramResult> {
  const { robot } = opts;
  const connection = robot.connection;
  const programWorker = opts.worker ?? new ProgramWorker();
  const worker = programWorker.worker;
  try {
    await programWorker.booted;
  } catch (error) {
    await programWorker.terminate();
    throw error;
  }
  const buffer = createMirrorBuffer();
  const writer = new SensorMirrorWriter(buffer);

  const attempt = <T>(read: () => T): T | undefined => {
    try {
      return read();
    } catch {
      return undefined;
    }
  };
  const sensorErrors: WorkerInit["sensorErrors"] = {};
  const probes: Record<SensorCall, () => unknown> = {
    distance: () => robot.distance(),
    line: () => robot.line(),
    color: () => robot.color(),
    heading: () => robot.heading(),
  };
  for (const [call, probe] of Object.entries(probes) as [SensorCall, () => unknown][]) {
    try {
      probe();
    } catch (error) {
      // Missing parts are checked in the worker itself; these are the other refusals.
      if (connection.state === "ready") sensorErrors[call] = serializeError(error);
    }
  }
  if (connection.state !== "ready") {
    await programWorker.terminate();
    throw connection.lostReason ?? new LocalizedError(HOST_MESSAGES.notConnected);
  }

  const writeMirror = () => {
    const s = connection.samples;
    const distance = attempt(() => robot.distance());
    const line = attempt(() => robot.line());
    const color = attempt(() => robot.color());
    const readings: MirrorReadings = { heading: attempt(() => robot.heading()) ?? 0 };
    if (distance !== undefined) readings.distance = { value: distance, seq: s.distanceSeq };
    if (line !== undefined) readings.line = { value: line, seq: s.lineSeq };
    if (color !== undefined) readings.color = { value: color, seq: s.colorSeq };
    writer.write(readings);
  };
  writeMirror();
  const onSample = () => writeMirror();
  const onLost = (reason: LocalizedError) => writer.fail(reason);
  connection.on("sample", onSample);
  connection.on("lost", onLost);
  const headingTimer = setInterval(writeMirror, HEADING_REFRESH_MS);

  const init: WorkerInit = {
    mirror: buffer,
    parts: [...robot.parts],
    kitName: connection.kit.name,
    sensorErrors,
    freshWaitMs: {
      distance: SAMPLE_PERIOD_MS.distance * 1.5,
      line: SAMPLE_PERIOD_MS.line * 1.5,
      color: SAMPLE_PERIOD_MS.color * 1.5,
      heading: HEADING_REFRESH_MS * 1.5,
    },
    program: opts.program,
    seed: opts.seed,
    locale: opts.locale ?? DEFAULT_LOCALE,
    ...(opts.maxTime === undefined ? {} : { maxTime: opts.maxTime }),
    ...(opts.limits ? { limits: opts.limits } : {}),
  };
  const send = (message: ToWorker) => worker.postMessage(message);

  try {
    return await new Promise<ProgramResult>((resolve, reject) => {
      worker.on("message", (message: FromWorker) => {
        switch (message.type) {
          case "call":
            try {
              if (message.name === "setSpeed") robot.setSpeed(message.args[0]!);
              else if (message.name === "setMotors")
                robot.setMotors(message.args[0]!, message.args[1]!);
              else robot.stop();
            } catch {
              // The worker checked the arguments; what is left is a lost link, which the
              // mirror reports to the worker on its next call.
            }
            break;
          case "op": {
            const { id, name, args } = message;
            let operation: Promise<unknown>;
            try {
              operation = (robot[name] as (...a: number[]) => Promise<unknown>).apply(robot, args);
            } catch (error) {
              operation = Promise.reject(error);
            }
            // The mirror is written before the answer goes out, so a read right after an
            // awaited call sees the robot as the call left it (its heading, say).
            operation.then(
              (value) => {
                writeMirror();
                send({ type: "settled", id, ok: true, value });
              },
              (error: unknown) => {
                writeMirror();
                send({ type: "settled", id, ok: false, error: serializeError(error) });
              },
            );
            break;
          }
          case "started":
            opts.onStart?.();
            break;
          case "booted":
            break;
          case "print":
            opts.print?.(message.text);
            break;
          case "result":
            resolve(message.result);
            break;
          case "crash":
            reject(new Error(message.text));
            break;
        }
      });
      worker.on("error", reject);
      worker.on("exit", (code) => reject(new Error(`program worker exited (${code})`)));
      programWorker.start(init);
    });
  } finally {
    clearInterval(headingTimer);
    connection.off("sample", onSample);
    connection.off("lost", onLost);
    await programWorker.terminate();
    // The program is over: the robot stops, as in the arena.
    if (connection.state === "ready" && robot.parts.has("motors")) attempt(() => robot.stop());
  }
}

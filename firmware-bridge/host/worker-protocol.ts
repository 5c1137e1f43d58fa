/** Messages between the pupil program's worker and the thread that owns the board link. */
import type {
  CompiledProgram,
  Locale,
  Localized,
  ProgramResult,
  RobotPart,
  RunLimits,
} from "../../runtime/engine.ts";

export interface SerializedError {
  message: Localized | null;
  params: Record<string, string | number>;
  /** For an error that was not localized. */
  text: string;
}

export type SensorCall = "distance" | "line" | "color" | "heading";
export type InstantCall = "setSpeed" | "setMotors" | "stop";
export type TimedCall = "forward" | "turn" | "grab" | "release" | "wait" | "classify";

export interface WorkerInit {
  mirror: SharedArrayBuffer;
  parts: RobotPart[];
  kitName: Localized;
  /** Sensor calls that fail on this robot whatever happens (a part the firmware lacks). */
  sensorErrors: Partial<Record<SensorCall, SerializedError>>;
  /** Longest wait for a fresh sample, per sensor, in ms. */
  freshWaitMs: Record<"distance" | "line" | "color" | "heading", number>;
  program: CompiledProgram;
  seed: number;
  locale: Locale;
  maxTime?: number;
  limits?: RunLimits;
}

export type FromWorker =
  | { type: "booted" }
  | { type: "started" }
  | { type: "call"; name: InstantCall; args: number[] }
  | { type: "op"; id: number; name: TimedCall; args: number[] }
  | { type: "print"; text: string }
  | { type: "result"; result: ProgramResult }
  | { type: "crash"; text: string };

export type ToWorker =
  | { type: "settled"; id: number; ok: true; value: unknown }
  | { type: "settled"; id: number; ok: false; error: SerializedError };

/**
 * What a kit component (motors, gripper, ultrasonic sensor, line sensors, colour sensor) gets to
 * set itself up on a ready Johnny-Five board, the way each Johnny-Five component talks only to its
 * board's IO. Each component lives in its own module; `KIT_COMPONENTS` lists them in set-up order.
 */
import type { FiveBoard, FiveModule, FirmataIo } from "../../emulator/johnny-five.ts";
import type { BoardProfile, KitProfile } from "../../../boards/index.ts";
import type { LocalizedError } from "../../../runtime/engine.ts";
import type { SensorSamples } from "../sensors.ts";

/** A motor as the kit drives it: power -100..100; the PWM duty and direction pins follow. */
export interface KitMotor {
  set(power: number): void;
}

/** The kit's components on a ready Johnny-Five board. */
export interface KitHardware {
  left: KitMotor | null;
  right: KitMotor | null;
  gripper: { to(degrees: number): void } | null;
  /** Parts the kit has but that cannot work on this board, with the reason. */
  unavailable: Map<string, LocalizedError>;
}

export type SampleKind = "distance" | "line" | "color";

export interface ComponentContext {
  five: FiveModule;
  board: FiveBoard;
  io: FirmataIo;
  kit: KitProfile;
  profile: BoardProfile;
  /** Arduino pin number of a board pin name ("D12", "A0"). */
  pin(name: string): number;
  hardware: KitHardware;
  samples: SensorSamples;
  /** Announces a new sample (after its sequence number grew). */
  sampled(kind: SampleKind): void;
  /** Timers the component starts: stopped when the link ends. */
  timers: ReturnType<typeof setInterval>[];
}

export interface KitComponent {
  /** Sets the component up if the kit has it. */
  setUp(context: ComponentContext): void | Promise<void>;
}

/**
 * Runs `make` and keeps the intervals it starts: Johnny-Five's Proximity and Sensor start
 * intervals they never stop, which would outlive the link (and keep a CLI process alive).
 */
export function capturingIntervals<T>(into: ReturnType<typeof setInterval>[], make: () => T): T {
  const original = globalThis.setInterval;
  globalThis.setInterval = ((...args: Parameters<typeof setInterval>) => {
    const timer = original(...args);
    into.push(timer);
    return timer;
  }) as typeof setInterval;
  try {
    return make();
  } finally {
    globalThis.setInterval = original;
  }
}

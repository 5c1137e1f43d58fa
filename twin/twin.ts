/**
 * The twin: our real firmware build on the emulated board, wired to the simulated robot in the
 * rapier world, with real Johnny-Five, firmata.js and `BoardRobot` on the host side. Board time,
 * world time and the host's clock advance together, one world tick (1/120 s) at a time:
 *
 * 1. the board's outputs drive the robot (motor driver pins → wheel power, servo pulses → jaws);
 * 2. the world steps;
 * 3. the world gives the board's inputs (floor → line sensors; the HC-SR04 and TCS34725 models
 *    ask the world when the firmware pings or reads them);
 * 4. the board runs 1/120 s, stopping wherever a host timer is due to fire it (`BoardClock`);
 *    what the board sends reaches Johnny-Five every 0.5 ms of board time, and what the host writes
 *    goes on the wire at once.
 *
 * Nothing reads the wall clock, so a program and a seed give the same run every time.
 */
import { findBoard, findKit, findPin, type KitProfile } from "../boards/index.ts";
import {
  BoardConnection,
  BoardRobot,
  createEmulatedBoard,
  estimatedCalibration,
  ourFirmwareHex,
  type BoardConnectionOptions,
  type Calibration,
  firmwareFor,
  type EmulatedBoard,
} from "../firmware-bridge/index.ts";
import { LocalizedError } from "../runtime/engine.ts";
import { DT, type World } from "../simulator/index.ts";
import { BoardClock } from "./board-clock.ts";
import { TWIN_MESSAGES } from "./messages.ts";
import { colorSensorPart } from "./parts/color-sensor.ts";
import { gripperPart } from "./parts/gripper.ts";
import { lineSensorsPart } from "./parts/line-sensors.ts";
import { motorsPart } from "./parts/motors.ts";
import type { TwinPart, TwinWiring } from "./parts/part.ts";
import { ultrasonicPart } from "./parts/ultrasonic.ts";

/** The kit's parts wired between board and world, in the order they act. */
const TWIN_PARTS = [motorsPart, gripperPart, lineSensorsPart, ultrasonicPart, colorSensorPart];

/** Board cycles between two looks at the host's timers (and two deliveries of board output). */
const SLICE_SECONDS = 0.0005;
/** Board seconds Johnny-Five has to become ready, and the kit's sensors to send a first sample. */
const CONNECT_SECONDS = 20;

export interface TwinOptions {
  /** The simulated world the robot drives in. */
  world: World;
  /** The robot kit (default: the 2WD kit); its geometry should be the world's. */
  kit?: KitProfile;
  /** BoardRobot's calibration (default: the estimate from the kit's geometry). */
  calibration?: Calibration;
  /** The firmware image (default: our committed build for the kit's board). */
  hex?: string;
  connection?: BoardConnectionOptions;
}

/** A twin sets the process's timers to its board time: one at a time. */
let active: Twin | null = null;

/** A macrotask: every promise reaction and `process.nextTick` queued so far has run after it. */
export const drain = () => new Promise<void>((resolve) => setImmediate(resolve));

export class Twin {
  readonly board: EmulatedBoard;
  readonly clock: BoardClock;
  readonly connection: BoardConnection;
  readonly kit: KitProfile;
  /** The Robot API over Johnny-Five; exists once `boot` has connected. */
  robot!: BoardRobot;
  /** Board seconds at which Johnny-Five was ready and the kit set up. */
  readySeconds = 0;
  /** What the parts show of themselves: the jaws' closure, 0 open … 1 closed. */
  readonly shown = { jaw: 0 };
  private readonly parts: TwinPart[];
  private worldRuns = false;
  private closed = false;

  /** Builds the twin and connects Johnny-Five to the board, the world standing still. */
  static async boot(options: TwinOptions): Promise<Twin> {
    if (active) throw new LocalizedError(TWIN_MESSAGES.oneAtATime);
    const twin = new Twin(options);
    active = twin;
    try {
      await twin.until(twin.connection.connect(twin.board.port), CONNECT_SECONDS);
      twin.readySeconds = twin.board.cpuTime();
      twin.robot = new BoardRobot(twin.connection, {
        calibration:
          options.calibration ?? estimatedCalibration("twin", twin.kit.id, twin.kit.geometry),
      });
    } catch (error) {
      await twin.close();
      throw error;
    }
    return twin;
  }

  private constructor(readonly options: TwinOptions) {
    this.kit = options.kit ?? findKit("2wd-kit")!;
    const profile = findBoard(this.kit.board);
    if (!profile) throw new LocalizedError(TWIN_MESSAGES.unknownBoard, { board: this.kit.board });
    const firmware = firmwareFor(profile);
    this.board = createEmulatedBoard({
      hex: options.hex ?? ourFirmwareHex(firmware),
      board: firmware,
      baudRate: profile.firmataBaud,
    });
    const wiring: TwinWiring = {
      world: options.world,
      board: this.board,
      kit: this.kit,
      profile,
      pin: (name) => findPin(profile, name)!.number,
      shown: this.shown,
    };
    this.parts = TWIN_PARTS.map((part) => part(wiring)).filter((p): p is TwinPart => p !== null);
    this.clock = new BoardClock(() => this.board.cpuTime() * 1000);
    this.clock.install();
    this.connection = new BoardConnection(this.kit, options.connection);
  }

  get world(): World {
    return this.options.world;
  }

  /** From now on each step also steps the world (the run starts). */
  startWorld(): void {
    this.worldRuns = true;
  }

  /** One tick: robot ← board outputs, world step, world → board inputs, board and host run. */
  step(): void {
    if (this.worldRuns) {
      for (const part of this.parts) part.drive?.();
      this.world.step();
    }
    for (const part of this.parts) part.sense?.();
    this.runBoard(DT);
  }

  /**
   * Steps until `promise` settles (its reactions run between steps), at most `maxSeconds` of
   * board time; rejects with a localized error when it takes longer.
   */
  async until<T>(promise: Promise<T>, maxSeconds: number): Promise<T> {
    let settled = false;
    promise.then(
      () => (settled = true),
      () => (settled = true),
    );
    const end = this.board.cpuTime() + maxSeconds;
    await drain();
    while (!settled) {
      if (this.board.cpuTime() >= end)
        throw new LocalizedError(TWIN_MESSAGES.tooLong, { seconds: maxSeconds });
      this.step();
      await drain();
    }
    return promise;
  }

  /** Runs the board `seconds` and fires the host's timers on time. */
  private runBoard(seconds: number): void {
    const { board, clock } = this;
    const frequency = board.frequency;
    const end = board.cycles() + Math.round(seconds * frequency);
    const slice = Math.round(SLICE_SECONDS * frequency);
    for (;;) {
      clock.fireDue();
      const now = board.cycles();
      if (now >= end) return;
      const due = Math.ceil((clock.nextDue() * frequency) / 1000);
      const until = Math.min(end, now + slice, Math.max(now + 1, due));
      board.runFor((until - now) / frequency);
    }
  }

  /** Closes the link (stepping while it says goodbye), removes the models, frees the clock. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      if (this.robot) await this.robot.dispose();
      if (this.connection.state !== "disconnected")
        await this.until(this.connection.close(), 1).catch(() => undefined);
    } finally {
      for (const part of this.parts) part.detach?.();
      this.clock.uninstall();
      if (active === this) active = null;
    }
  }
}

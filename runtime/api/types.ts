/**
 * The Robot API contract, host side. Pupil programs speak the API declared in
 * `robot-api.*.pupil.d.ts`; the sandbox turns each call into a call on a `RobotDriver`.
 * Units: centimetres, degrees, seconds, percent of full motor power.
 */

export const WASTE_KINDS = ["plastic", "paper", "glass", "metal", "organic", "residual"] as const;
export type WasteKind = (typeof WASTE_KINDS)[number];

export const COLOR_NAMES = [
  "black",
  "white",
  "grey",
  "red",
  "orange",
  "yellow",
  "green",
  "blue",
  "brown",
] as const;
export type ColorName = (typeof COLOR_NAMES)[number];

export interface LineReading {
  left: boolean;
  center: boolean;
  right: boolean;
}

export interface ColorReading {
  name: ColorName;
  r: number;
  g: number;
  b: number;
}

export interface ClassifyResult {
  kind: WasteKind | "none";
  confidence: number;
}

/** Parts a kit may or may not have; a call that needs a missing part fails with a clear error. */
export const ROBOT_PARTS = [
  "motors",
  "ultrasonic",
  "lineSensors",
  "colorSensor",
  "gyro",
  "gripper",
  "camera",
] as const;
export type RobotPart = (typeof ROBOT_PARTS)[number];

/**
 * A robot the sandbox can drive: the simulated one (simulator/) or a real board (firmware-bridge/).
 *
 * Timing model (lockstep): the program runs while the driver's time stands still. Instant calls
 * (setMotors, stop, setSpeed) change the robot's state. Timed calls (forward, turn, grab, release,
 * classify, wait) start an operation and return a promise that settles when it is done, in the
 * driver's time; a motion also settles after the robot has been blocked for 1 s. When the program
 * has nothing left to run but pending operations, the host calls `advance()`, which lets time pass
 * until at least one pending operation has settled. Sensor reads cost `SENSOR_READ_COST` seconds
 * of driver time, so a polling loop without `await` still sees the world move.
 */
export interface RobotDriver {
  /** The parts this robot has. */
  readonly parts: ReadonlySet<RobotPart>;

  /** Seconds since the start of the run, in the driver's time (simulated or real). */
  time(): number;

  forward(cm: number): Promise<void>;
  /** Turn on the spot; positive = clockwise (right), negative = counter-clockwise (left). */
  turn(degrees: number): Promise<void>;
  /** Speed for forward/turn, 1..100 percent. */
  setSpeed(percent: number): void;
  /** Left and right motor power, -100..100 percent, until changed. Cancels a running motion. */
  setMotors(left: number, right: number): void;
  /** Stops both motors and cancels a running motion (its promise resolves). */
  stop(): void;

  /** Front ultrasonic distance, cm, 2..400 (400: nothing in range). */
  distance(): number;
  line(): LineReading;
  color(): ColorReading;
  /** Degrees 0..359, clockwise like a compass, 0 at start. */
  heading(): number;

  grab(): Promise<boolean>;
  release(): Promise<void>;
  classify(): Promise<ClassifyResult>;
  wait(seconds: number): Promise<void>;

  /**
   * Lets time pass until at least one pending operation has settled (or nothing is pending).
   * It may also return earlier, once some time has passed, so the host can check its time limit
   * during a long wait; returning without time passing and without settling anything is a stall.
   */
  advance(): Promise<void>;

  /** Frees resources; the driver is not used afterwards. */
  dispose(): void | Promise<void>;
}

/** Simulated seconds a sensor read costs, so polling loops let the world move. */
export const SENSOR_READ_COST = 0.001;

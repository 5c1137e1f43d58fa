/**
 * Robotyc Studio robot API — what your program can use.
 * Units: centimetres, degrees, seconds, percent of full motor power.
 */

/**
 * The kinds of waste: plastic, paper, glass, metal, organic waste, residual waste.
 */
type WasteKind = "plastic" | "paper" | "glass" | "metal" | "organic" | "residual";

/**
 * The colours the colour sensor can name.
 */
type ColorName = "black" | "white" | "grey" | "red" | "orange" | "yellow" | "green" | "blue" | "brown";

/**
 * Your robot: its motors, its sensors and its gripper.
 */
declare const robot: {
  /**
   * Drives straight ahead `cm` centimetres (negative: backwards). Ends when the robot has arrived, or after 1 s blocked.
   * @param cm distance in centimetres
   * @example await robot.forward(20);
   */
  readonly forward: (cm: number) => Promise<void>;
  /**
   * Drives backwards `cm` centimetres.
   * @param cm distance in centimetres
   * @example await robot.backward(10);
   */
  readonly backward: (cm: number) => Promise<void>;
  /**
   * Turns on the spot to the left by `degrees` degrees.
   * @param degrees angle in degrees
   * @example await robot.turnLeft(90);
   */
  readonly turnLeft: (degrees: number) => Promise<void>;
  /**
   * Turns on the spot to the right by `degrees` degrees.
   * @param degrees angle in degrees
   * @example await robot.turnRight(90);
   */
  readonly turnRight: (degrees: number) => Promise<void>;
  /**
   * Sets the speed for `forward` and turns, 1 to 100 % (50 at start).
   * @param percent speed in percent, 1..100
   */
  readonly setSpeed: (percent: number) => void;
  /**
   * Sets the left and right motor power, -100 to 100 %. They keep running until the next order.
   * @param left left motor, -100..100
   * @param right right motor, -100..100
   * @example robot.setMotors(50, 50);
   */
  readonly setMotors: (left: number, right: number) => void;
  /**
   * Stops both motors.
   */
  readonly stop: () => void;
  /**
   * Distance measured by the front ultrasonic sensor, in centimetres (2 to 400; 400: nothing ahead).
   */
  readonly distance: () => number;
  /**
   * The three line sensors under the robot: `true` when the sensor sees a dark line.
   */
  readonly line: () => { left: boolean; center: boolean; right: boolean };
  /**
   * The colour seen by the colour sensor: its name and its red, green, blue parts (0 to 255).
   */
  readonly color: () => { name: ColorName; r: number; g: number; b: number };
  /**
   * The robot's heading in degrees (0 to 359), clockwise like a compass, 0 at start.
   */
  readonly heading: () => number;
  /**
   * Closes the gripper. Gives `true` if an item is held.
   * @example const held = await robot.grab();
   */
  readonly grab: () => Promise<boolean>;
  /**
   * Opens the gripper and lets the item go.
   */
  readonly release: () => Promise<void>;
  /**
   * Recognises the waste item at the gripper with the camera: its kind (`"none"` if nothing) and the confidence (0 to 1).
   * @example const item = await robot.classify();
   */
  readonly classify: () => Promise<{ kind: WasteKind | "none"; confidence: number }>;
};

/**
 * Waits `seconds` seconds (the robot keeps doing what it was doing).
 * @example await wait(1.5);
 */
declare function wait(seconds: number): Promise<void>;

/**
 * Seconds elapsed since the program started (simulated or real time).
 */
declare function time(): number;

/**
 * Shows values in the robot console.
 * @example print("distance:", robot.distance());
 */
declare function print(...values: unknown[]): void;

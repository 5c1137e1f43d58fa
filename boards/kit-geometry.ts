/**
 * The geometry of a robot kit, as the simulator builds it. Robot frame: origin at the middle of the
 * wheel axle on the floor; x forward, y to the left, z up. Lengths in cm, masses in kg, angles in
 * degrees, speeds in cm/s.
 */
export interface Point3 {
  x: number;
  y: number;
  z: number;
}

export interface KitGeometry {
  /** Distance between the two drive wheels' contact points. */
  wheelbase: number;
  wheelRadius: number;
  /** The chassis box, centred on the axle in y, from `rearOverhang` behind the axle to the front. */
  chassis: { length: number; width: number; height: number; rearOverhang: number };
  mass: number;
  /** Wheel rim speed at 100 % power on a free floor. */
  maxWheelSpeed: number;
  /** Largest change of wheel rim speed per second the motors can give. */
  maxAcceleration: number;
  ultrasonic: Point3 & { coneDegrees: number; minCm: number; maxCm: number };
  /** Left, centre, right IR line sensors, looking down. */
  lineSensors: { left: Point3; center: Point3; right: Point3 };
  /** Colour sensor, looking down, just behind the gripper jaws. */
  colorSensor: Point3;
  /** Servo gripper at the front: jaws open to `openWidth`, hold an item centred at `holdPoint`. */
  gripper: { holdPoint: Point3; openWidth: number; closedWidth: number; closeSeconds: number };
}

/** The default "2WD kit": two DC motors, HC-SR04 at the front, 3 IR line sensors, SG90 gripper. */
export const TWO_WD_GEOMETRY: KitGeometry = {
  wheelbase: 13.5,
  wheelRadius: 3.3,
  chassis: { length: 20, width: 15, height: 6, rearOverhang: 6 },
  mass: 0.6,
  maxWheelSpeed: 40,
  maxAcceleration: 120,
  ultrasonic: { x: 13, y: 0, z: 8, coneDegrees: 15, minCm: 2, maxCm: 400 },
  lineSensors: {
    left: { x: 11, y: 1.5, z: 1 },
    center: { x: 11, y: 0, z: 1 },
    right: { x: 11, y: -1.5, z: 1 },
  },
  colorSensor: { x: 14, y: 0, z: 1 },
  gripper: {
    holdPoint: { x: 18, y: 0, z: 3 },
    openWidth: 10,
    closedWidth: 2,
    closeSeconds: 0.4,
  },
};

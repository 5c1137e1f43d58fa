import type { Localized } from "../i18n.ts";
import type { RobotPart } from "./types.ts";

/** The robot's parts as a pupil reads them, e.g. in "this robot has no gripper". */
export const PART_NAMES: Record<RobotPart, Localized> = {
  motors: { fr: "moteurs", en: "motors" },
  ultrasonic: { fr: "capteur à ultrasons", en: "ultrasonic sensor" },
  lineSensors: { fr: "capteurs de ligne", en: "line sensors" },
  colorSensor: { fr: "capteur de couleur", en: "colour sensor" },
  gyro: { fr: "boussole (gyroscope)", en: "compass (gyroscope)" },
  gripper: { fr: "pince", en: "gripper" },
  camera: { fr: "caméra", en: "camera" },
};

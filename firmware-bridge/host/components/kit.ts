/** The kit's components, in the order the link sets them up. */
import { colorSensor } from "./color-sensor.ts";
import type { KitComponent } from "./component.ts";
import { gripper } from "./gripper.ts";
import { lineSensors } from "./line-sensors.ts";
import { motors } from "./motors.ts";
import { ultrasonic } from "./ultrasonic.ts";

export const KIT_COMPONENTS: readonly KitComponent[] = [
  motors,
  gripper,
  ultrasonic,
  lineSensors,
  colorSensor,
];
export type {
  ComponentContext,
  KitComponent,
  KitHardware,
  KitMotor,
  SampleKind,
} from "./component.ts";

/** The gripper: a hobby servo (SG90) on one pin, open at start. */
import type { KitComponent } from "./component.ts";

export const gripper: KitComponent = {
  setUp({ kit, five, board, pin, hardware }) {
    if (!kit.gripper) return;
    const g = kit.gripper;
    hardware.gripper = new five.Servo({ pin: pin(g.signal), board, startAt: g.openDegrees });
  },
};

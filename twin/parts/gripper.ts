/**
 * The gripper: a hobby servo (SG90) whose angle follows the width of the pulses on its signal pin
 * (0.6 ms = 0°, 2.4 ms = 180°, one pulse every 20 ms), at the speed that takes the jaws from open
 * to closed in the kit's `closeSeconds`. Without pulses (the firmware's failsafe, a reset) the
 * servo goes limp and the jaws stay where they are. When the jaws close (90 % of the way from the
 * kit's open to its closed angle) the simulated gripper takes the item between them, as under
 * `SimRobot`; when they open past half way, it lets go.
 */
import type { TwinPart, TwinWiring } from "./part.ts";
import { DT } from "../../simulator/index.ts";

const PULSE_MIN_MS = 0.6;
const PULSE_MAX_MS = 2.4;
const CLOSED_AT = 0.9;
const OPEN_AT = 0.5;

export function gripperPart({ world, board, kit, pin, shown }: TwinWiring): TwinPart | null {
  if (!kit.gripper) return null;
  const { openDegrees, closedDegrees } = kit.gripper;
  const signal = pin(kit.gripper.signal);
  const speed = Math.abs(closedDegrees - openDegrees) / kit.geometry.gripper.closeSeconds;
  let angle = openDegrees;
  let closed = false;
  board.pins.servoPulseMs(signal); // starts observing the signal
  /** 0 open .. 1 closed. */
  const closure = () => (angle - openDegrees) / (closedDegrees - openDegrees);
  return {
    drive() {
      const pulse = board.pins.servoPulseMs(signal);
      if (pulse !== undefined) {
        const asked = ((pulse - PULSE_MIN_MS) / (PULSE_MAX_MS - PULSE_MIN_MS)) * 180;
        const step = speed * DT;
        angle += Math.max(-step, Math.min(step, asked - angle));
      }
      shown.jaw = Math.max(0, Math.min(1, closure()));
      const robot = world.robot;
      if (!closed && closure() >= CLOSED_AT) {
        closed = true;
        const item = robot.held ? null : robot.itemInJaws();
        if (item) {
          robot.hold(item);
          world.emit({ type: "itemGrabbed", time: world.time(), itemId: item.id });
        }
      } else if (closed && closure() <= OPEN_AT) {
        closed = false;
        const item = robot.letGo();
        if (item) world.emit({ type: "itemReleased", time: world.time(), itemId: item.id });
      }
    },
  };
}

/**
 * The motor driver: each wheel's power from the kit's driver pins, as an L298N or a TB6612 turns
 * them into motor voltage: the PWM duty (`pwmDuty`) sets the magnitude, IN1/IN2 the direction
 * (equal levels brake), the TB6612's standby pin low cuts both motors. A motor wired the other way
 * round (`reversed`) turns the other way. So the firmware's failsafe (PWM to 0 when the host goes
 * silent) stops the simulated wheels as it stops real ones.
 *
 * The simulated motor does not tell braking from coasting: at power 0 it brakes like a DC motor
 * whose terminals are shorted.
 */
import type { KitProfile } from "../../boards/index.ts";
import type { TwinPart, TwinWiring } from "./part.ts";

type MotorWiring = NonNullable<KitProfile["motors"]>["left"];

export function motorsPart({ world, board, kit, pin }: TwinWiring): TwinPart | null {
  if (!kit.motors) return null;
  const standby = kit.motors.standby ? pin(kit.motors.standby) : null;
  const wheel = (wiring: MotorWiring) => {
    const pwm = pin(wiring.pwm);
    const in1 = pin(wiring.in1);
    const in2 = pin(wiring.in2);
    const turn = wiring.reversed ? -1 : 1;
    return (): number => {
      if (standby !== null && board.pins.level(standby) === 0) return 0;
      const a = board.pins.level(in1);
      const b = board.pins.level(in2);
      if (a === b) return 0;
      return (a === 1 ? 1 : -1) * turn * board.pins.pwmDuty(pwm);
    };
  };
  const left = wheel(kit.motors.left);
  const right = wheel(kit.motors.right);
  return {
    drive() {
      world.robot.target[0] = left();
      world.robot.target[1] = right();
    },
  };
}

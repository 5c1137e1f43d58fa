/**
 * The two drive motors: Johnny-Five `Motor`s with a PWM pin and two direction pins (L298N
 * IN1/IN2, TB6612 AIN1/AIN2), the TB6612's standby pin held high. A reversed motor (wired the
 * other way round) gets the opposite direction.
 */
import type { KitProfile } from "../../../boards/index.ts";
import type { ComponentContext, KitComponent, KitMotor } from "./component.ts";

interface MotorComponent {
  forward(speed: number): void;
  reverse(speed: number): void;
  stop(): void;
}

type MotorWiring = NonNullable<KitProfile["motors"]>["left"];

function kitMotor({ five, board, pin }: ComponentContext, wiring: MotorWiring): KitMotor {
  const Motor = five.Motor as unknown as new (options: unknown) => MotorComponent;
  const motor = new Motor({
    pins: { pwm: pin(wiring.pwm), dir: pin(wiring.in1), cdir: pin(wiring.in2) },
    threshold: 0,
    board,
  });
  return {
    set(power) {
      const signed = wiring.reversed ? -power : power;
      const duty = Math.round((Math.min(100, Math.abs(signed)) / 100) * 255);
      if (duty === 0) motor.stop();
      else if (signed > 0) motor.forward(duty);
      else motor.reverse(duty);
    },
  };
}

export const motors: KitComponent = {
  setUp(context) {
    const { kit, hardware, io, pin } = context;
    if (!kit.motors) return;
    hardware.left = kitMotor(context, kit.motors.left);
    hardware.right = kitMotor(context, kit.motors.right);
    hardware.left.set(0);
    hardware.right.set(0);
    if (kit.motors.standby) {
      const standby = pin(kit.motors.standby);
      io.pinMode(standby, 1);
      io.digitalWrite(standby, 1);
    }
  },
};

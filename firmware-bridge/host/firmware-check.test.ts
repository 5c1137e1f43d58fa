import { afterEach, describe, expect, it } from "vitest";
import type { EmulatedBoard } from "../emulator/board.ts";
import { loadJohnnyFive } from "../emulator/johnny-five.ts";
import { bootWithJohnnyFive, untilBoard } from "../emulator/testing.ts";
import { checkFirmware, startHeartbeat } from "./firmware-check.ts";

const running: EmulatedBoard[] = [];
afterEach(() => {
  for (const board of running.splice(0)) board.stop();
});

describe("firmware check on connect", () => {
  it("recognises our firmware as current, an older one as outdated, StandardFirmata as foreign", async () => {
    const { board, five } = await bootWithJohnnyFive();
    running.push(board);
    const check = checkFirmware(five.io.firmware);
    expect(check.status).toBe("current");
    expect(check.offerUpdate).toBe(false);
    expect(
      checkFirmware({ name: "RobotycFirmata", version: { major: 0, minor: 9 } }),
    ).toMatchObject({
      status: "outdated",
      offerUpdate: true,
    });
    expect(checkFirmware({ name: "RobotycFirmata", version: { major: 9, minor: 0 } }).status).toBe(
      "newer",
    );
    const foreign = checkFirmware({ name: "StandardFirmata.ino", version: { major: 2, minor: 5 } });
    expect(foreign.status).toBe("foreign");
    expect(foreign.message.fr).toMatch(/StandardFirmata/);
  });

  it("a heartbeat keeps the motors running past the failsafe timeout", async () => {
    const { board, five: j5 } = await bootWithJohnnyFive({ speed: "realtime" });
    running.push(board);
    const { five } = loadJohnnyFive();
    const stop = startHeartbeat(j5.io, 100);
    const motor = new five.Motor({ pins: { pwm: 5, dir: 4 }, board: j5 });
    motor.forward(255);
    await untilBoard(board, () => board.pins.pwmDuty(5) === 1, 1);
    const from = board.cpuTime();
    await untilBoard(board, () => board.cpuTime() - from > 1.2 || board.pins.pwmDuty(5) !== 1, 3);
    expect(board.pins.pwmDuty(5)).toBe(1);
    stop();
    await untilBoard(board, () => board.pins.pwmDuty(5) === 0, 1.5);
  });
});

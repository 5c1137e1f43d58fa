/**
 * The link's failure modes, with real Johnny-Five and firmata.js: the port closes, the board goes
 * silent, the board speaks garbage. Each stops the program with a clear localized reason, nothing
 * crashes, and connecting again works with the same objects.
 */
import { EventEmitter } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import { findKit } from "../../boards/index.ts";
import { LocalizedError } from "../../runtime/index.ts";
import { BoardRobot } from "./board-robot.ts";
import { estimatedCalibration } from "./calibration.ts";
import { BoardConnection } from "./connection.ts";
import { createEmulatedKit, kitFirmware, type EmulatedKit } from "./emulated-kit.ts";
import { loadJohnnyFive } from "../emulator/johnny-five.ts";
import { FirmataFrameChecker, GuardedPort } from "./firmata-guard.ts";

const kit = findKit("2wd-kit")!;
const calibration = estimatedCalibration("link-test", kit.id, kit.geometry);
async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > end) throw new Error("condition not reached in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function connected(
  silenceMs = 4_000,
): Promise<{ emu: EmulatedKit; connection: BoardConnection }> {
  const emu = createEmulatedKit(kit);
  emu.board.start();
  cleanup.push(() => emu.board.stop());
  const connection = new BoardConnection(kit, {
    readyTimeoutMs: 30_000,
    silenceMs,
    failsafeMs: 3_000,
  });
  cleanup.push(() => connection.close());
  await connection.connect(emu.board.port);
  return { emu, connection };
}

/** A port that answers with what `feed` gives it, every 10 ms. */
function noisyPort(feed: () => Buffer): EventEmitter & { isOpen: boolean; write(): boolean } {
  const port = Object.assign(new EventEmitter(), {
    isOpen: true,
    write: () => true,
  });
  const timer = setInterval(() => port.emit("data", feed()), 10);
  cleanup.push(() => clearInterval(timer));
  return port;
}

function randomBytes(n: number): Buffer {
  return Buffer.from(Array.from({ length: n }, () => Math.floor(Math.random() * 256)));
}

describe("Firmata frame checker", () => {
  it("accepts what a board sends and counts what it cannot send", () => {
    const checker = new FirmataFrameChecker();
    // version, analog A0 = 512, digital port 0, firmware name SysEx
    for (const b of [0xf9, 2, 5, 0xe0, 0, 4, 0x90, 0x10, 0, 0xf0, 0x79, 2, 5, 0x41, 0, 0xf7])
      checker.push(b);
    expect(checker).toMatchObject({ valid: 4, invalid: 0 });
    for (const b of [0x41, 0x42, 0xf0, 0x01, 0x90, 0xc3]) checker.push(b);
    // Two stray data bytes, a SysEx cut short by 0x90, whose message 0xC3 cuts short in turn,
    // and 0xC3 is no command a board sends.
    expect(checker.invalid).toBe(5);
  });
});

describe("lost link", () => {
  it("a closed port stops a running motion with a clear message; reconnecting works", async () => {
    const { emu, connection } = await connected();
    const robot = new BoardRobot(connection, { calibration });
    const motion = robot.forward(200); // 10 s at the estimated speed
    await until(() => emu.board.pins.pwmDuty(5) > 0);
    emu.board.port.close();
    const error = await motion.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(LocalizedError);
    expect((error as LocalizedError).localized("fr")).toContain(
      "La liaison avec le robot est coupée",
    );
    expect(() => robot.distance()).toThrow(/The link to the robot is cut/);
    expect(() => robot.setMotors(10, 10)).toThrow(/The link to the robot is cut/);
    expect(connection.state).toBe("lost");
    await robot.dispose();

    // Same connection object, same board: connect again and drive.
    await connection.connect(emu.board.port);
    expect(connection.state).toBe("ready");
    const again = new BoardRobot(connection, { calibration });
    again.setMotors(40, 40);
    await until(() => emu.board.pins.pwmDuty(6) > 0);
    expect(emu.board.pins.pwmDuty(6)).toBeCloseTo(0.4, 1);
    again.stop();
    await again.dispose();
  });

  // Our firmware's failsafe; the stock firmware has none (skipped only while ours is not built).
  it.runIf(kitFirmware().ours)(
    "when the link is cut, the firmware stops the motors by itself within 600 ms (board time)",
    async () => {
      const emu = createEmulatedKit(kit);
      emu.board.start();
      cleanup.push(() => emu.board.stop());
      const connection = new BoardConnection(kit, { readyTimeoutMs: 30_000 }); // default failsafe
      cleanup.push(() => connection.close());
      await connection.connect(emu.board.port);
      const robot = new BoardRobot(connection, { calibration });
      robot.setMotors(60, 60);
      await until(() => emu.board.pins.pwmDuty(5) > 0.5);
      // The pin's last edge marks the stop to within one PWM period (~1 ms): when the failsafe
      // cuts the PWM the pin may already be low, so there is not always an edge at the stop.
      let lastEdge = NaN;
      emu.board.pins.onChange(5, (_level, seconds) => {
        lastEdge = seconds;
      });
      const cutAt = emu.board.cpuTime();
      emu.board.port.close();
      await until(() => emu.board.pins.pwmDuty(5) === 0);
      const stoppedAt = lastEdge;
      // 500 ms after the last byte the board received (the keepalive comes every 75-150 ms).
      expect(stoppedAt - cutAt).toBeGreaterThan(0.3);
      expect(stoppedAt - cutAt).toBeLessThan(0.6);
      await robot.dispose();
    },
  );

  it("a board that stops answering is detected and reported", async () => {
    const { emu, connection } = await connected(1_000);
    const robot = new BoardRobot(connection, { calibration });
    const waiting = robot.wait(30);
    const lost = new Promise<LocalizedError>((resolve) => connection.once("lost", resolve));
    emu.board.stop(); // the CPU halts: no more bytes from the board
    const reason = await lost;
    expect(reason.localized("en")).toBe(
      "The robot has not answered for 1 s (flat batteries? board stuck?). The program was stopped. Reconnect the robot.",
    );
    await expect(waiting).rejects.toBe(reason);
    await robot.dispose();
  });

  it("garbage from the board after ready: no crash, the program stops with a clear reason", async () => {
    const { emu, connection } = await connected();
    const robot = new BoardRobot(connection, { calibration });
    const waiting = robot.wait(30);
    for (let i = 0; i < 20; i++) emu.board.port.emit("data", randomBytes(64));
    await expect(waiting).rejects.toThrow(/sends data that is not Firmata/);
    expect(connection.lostReason?.localized("fr")).toContain(
      "des données qui ne sont pas du Firmata",
    );
    await robot.dispose();
  });
});

describe("connecting to something that is not our board", () => {
  it("a port that sends random bytes is refused with a clear reason, quickly", async () => {
    const connection = new BoardConnection(kit, { readyTimeoutMs: 20_000 });
    const started = performance.now();
    await expect(connection.connect(noisyPort(() => randomBytes(32)))).rejects.toThrow(
      /sends data that is not Firmata/,
    );
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(connection.state).toBe("disconnected");
  });

  it("a silent port times out with what to check", async () => {
    const connection = new BoardConnection(kit, { readyTimeoutMs: 1_500 });
    const error = await connection
      .connect(noisyPort(() => Buffer.alloc(0)))
      .catch((e: unknown) => e);
    expect((error as LocalizedError).localized("fr")).toBe(
      "La carte ne répond pas après 2 s. Vérifie le port choisi et que le firmware Robotyc est bien téléversé sur la carte.",
    );
  });

  it("1 MB of truncated and malformed Firmata reaches firmata.js without crashing the host", () => {
    // Valid-looking frames cut short, SysEx without end, replies with junk in them.
    const chunks = [
      [0xf9, 2],
      [0xf0, 0x6c, 0x7f, 0x7f],
      [0xf0, 0x79, 2, 5, 0x41],
      [0xe0, 0x7f],
      [0xf0, 0x6a, 0x7f, 0x00, 0xf7],
      [0xf9, 2, 5, 0xf0, 0x6c, 0x00, 0x01, 0xf7],
      [0xf0, 0x75, 0x0c, 0xf7],
      [0xf0, 0x77, 0x29, 0xf7],
    ];
    const port = Object.assign(new EventEmitter(), { isOpen: true, write: () => true });
    const problems: string[] = [];
    // No garbage threshold: every byte goes to the parser.
    const guard = new GuardedPort(port, (problem) => problems.push(problem), Infinity);
    const { Firmata } = loadJohnnyFive();
    const io = new Firmata(guard as never, { reportVersionTimeout: 60_000 });
    io.on("error", () => {});
    let sent = 0;
    while (sent < 1_000_000) {
      const out: number[] = [];
      while (out.length < 16_384) out.push(...chunks[Math.floor(Math.random() * chunks.length)]!);
      expect(() => port.emit("data", Buffer.from(out))).not.toThrow();
      sent += out.length;
    }
    expect(problems.every((p) => p === "parser")).toBe(true);
    guard.detach();
    io.removeAllListeners();
  });
});

/**
 * The link to one robot: a serial port (real or emulated), firmata.js, Johnny-Five, and the kit's
 * components on it. It keeps the latest sensor samples, sends a keepalive so the firmware's motor
 * failsafe stays quiet while the host is alive, and notices a lost link (port closed, port error,
 * board silent, board speaking something else than Firmata). After a loss, `connect` again with
 * a new port: nothing else has to restart.
 */
import { EventEmitter } from "node:events";
import { findBoard, findPin, type BoardProfile, type KitProfile } from "../../boards/index.ts";
import { LocalizedError, type Localized } from "../../runtime/engine.ts";
import { loadJohnnyFive, type FiveBoard } from "../emulator/johnny-five.ts";
import { KIT_COMPONENTS, type ComponentContext, type KitHardware } from "./components/kit.ts";
import { checkFirmware, setFailsafeTimeout, type FirmwareCheck } from "./firmware-check.ts";
import { GuardedPort, type PortLike } from "./firmata-guard.ts";
import { HOST_MESSAGES } from "./messages.ts";
import { emptySamples, SAMPLE_PERIOD_MS, type SensorSamples } from "./sensors.ts";

export type { KitHardware, KitMotor } from "./components/kit.ts";

export type ConnectionState = "disconnected" | "connecting" | "ready" | "lost";

export interface BoardConnectionOptions {
  /** Wall-clock time the board has to become ready (Johnny-Five `ready`). */
  readyTimeoutMs?: number;
  /** The link counts as lost when the board has sent nothing for this long. */
  silenceMs?: number;
  /** The host sends a keepalive when it has written nothing for this long. */
  keepaliveMs?: number;
  /**
   * Our firmware's motor failsafe: PWM and servos stop when the host has sent nothing for this
   * long (default: the firmware's own 500 ms). Set on connect when the firmware is ours.
   */
  failsafeMs?: number;
}

const REPORT_VERSION = 0xf9;

function pinNumber(board: BoardProfile, name: string): number {
  const pin = findPin(board, name);
  if (!pin) throw new Error(`pin ${name} is not on ${board.id}`);
  return pin.number;
}

export class BoardConnection extends EventEmitter {
  state: ConnectionState = "disconnected";
  /** Why the link was lost, while it is lost. */
  lostReason: LocalizedError | null = null;
  readonly samples: SensorSamples = emptySamples();
  hardware: KitHardware | null = null;
  five: FiveBoard | null = null;
  /** Which firmware the board runs (ours, current or not, or another), after connecting. */
  firmware: FirmwareCheck | null = null;
  readonly board: BoardProfile;
  private guard: GuardedPort | null = null;
  private timers: ReturnType<typeof setInterval>[] = [];
  private lastRx = 0;
  private lastTx = 0;
  private readonly readyTimeoutMs: number;
  private readonly silenceMs: number;
  private readonly keepaliveMs: number;
  private readonly failsafeMs: number | undefined;
  private failConnect: ((error: LocalizedError) => void) | null = null;

  constructor(
    readonly kit: KitProfile,
    options: BoardConnectionOptions = {},
  ) {
    super();
    const board = findBoard(kit.board);
    if (!board) throw new Error(`kit ${kit.id} names an unknown board ${kit.board}`);
    this.board = board;
    this.readyTimeoutMs = options.readyTimeoutMs ?? 15_000;
    this.silenceMs = options.silenceMs ?? 2_000;
    this.keepaliveMs = options.keepaliveMs ?? 150;
    this.failsafeMs = options.failsafeMs;
  }

  /** Opens a real serial port by path at the board's Firmata speed, then connects. */
  async connectPath(path: string): Promise<void> {
    const { SerialPort } = await import("serialport");
    const port = new SerialPort({ path, baudRate: this.board.firmataBaud, autoOpen: false });
    await this.connect(port as unknown as PortLike);
  }

  /**
   * Connects over `port` (opened here if needed; opening resets an Arduino). Resolves when the
   * kit's components are set up; rejects with a localized reason.
   */
  async connect(port: PortLike): Promise<void> {
    if (this.state === "connecting" || this.state === "ready")
      throw new LocalizedError(HOST_MESSAGES.alreadyConnected);
    this.state = "connecting";
    this.lostReason = null;
    Object.assign(this.samples, emptySamples());
    const failed = new Promise<never>((_, reject) => {
      this.failConnect = reject;
    });
    failed.catch(() => {});
    try {
      await Promise.race([this.open(port), failed]);
      await Promise.race([this.setUpKit(), failed]);
      await Promise.race([this.firstSamples(), failed]);
    } catch (error) {
      this.failConnect = null;
      const reason =
        error instanceof LocalizedError
          ? error
          : new LocalizedError(HOST_MESSAGES.portError, { detail: (error as Error).message });
      this.teardown();
      this.state = "disconnected";
      throw reason;
    }
    this.failConnect = null;
    this.state = "ready";
    this.startWatch();
    this.emit("ready");
  }

  private async open(port: PortLike): Promise<void> {
    const guard = new GuardedPort(port, (problem, detail) =>
      this.lose(problem === "garbage" ? HOST_MESSAGES.garbage : HOST_MESSAGES.parser, { detail }),
    );
    this.guard = guard;
    guard.on("data", () => (this.lastRx = performance.now()));
    guard.on("close", () => this.lose(HOST_MESSAGES.portClosed));
    guard.on("disconnect", () => this.lose(HOST_MESSAGES.portClosed));
    guard.on("error", (error: Error) =>
      this.lose(HOST_MESSAGES.portError, { detail: error.message }),
    );
    const { five, Firmata } = loadJohnnyFive();
    const io = new Firmata(guard, {
      reportVersionTimeout: Math.min(5000, this.readyTimeoutMs),
      samplingInterval: SAMPLE_PERIOD_MS.line,
    });
    const board = new five.Board({
      io,
      repl: false,
      debug: false,
      sigint: false,
      timeout: this.readyTimeoutMs + 60_000,
    });
    this.five = board;
    board.on("error", () => {}); // reported through the guard and our own timeout
    // Johnny-Five waits for the port's "open" (firmata.js's "connect") before "ready".
    if (port.open && !port.isOpen) {
      await new Promise<void>((resolve, reject) =>
        port.open!((error) =>
          error
            ? reject(
                new LocalizedError(HOST_MESSAGES.openFailed, {
                  path: String((port as { path?: string }).path ?? "?"),
                  detail: error.message,
                }),
              )
            : resolve(),
        ),
      );
    } else {
      process.nextTick(() => guard.emit("open"));
    }
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        const checker = guard.checker;
        const seconds = Math.round(this.readyTimeoutMs / 1000);
        if (checker.invalid > checker.valid)
          reject(new LocalizedError(HOST_MESSAGES.garbage, { detail: `${checker.invalid} bytes` }));
        else if (checker.valid === 0)
          reject(new LocalizedError(HOST_MESSAGES.noAnswer, { seconds }));
        else reject(new LocalizedError(HOST_MESSAGES.notReady, { seconds }));
      }, this.readyTimeoutMs);
      board.once("ready", () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Sets up each of the kit's components (`components/`) on the ready board. */
  private async setUpKit(): Promise<void> {
    const board = this.five!;
    const io = board.io;
    this.firmware = checkFirmware(io.firmware);
    if (this.firmware.status !== "foreign" && this.failsafeMs !== undefined)
      setFailsafeTimeout(io, this.failsafeMs);
    const hardware: KitHardware = {
      left: null,
      right: null,
      gripper: null,
      unavailable: new Map(),
    };
    const context: ComponentContext = {
      five: loadJohnnyFive().five,
      board,
      io,
      kit: this.kit,
      profile: this.board,
      pin: (name) => pinNumber(this.board, name),
      hardware,
      samples: this.samples,
      sampled: (kind) => this.emit("sample", kind),
      timers: this.timers,
    };
    for (const component of KIT_COMPONENTS) await component.setUp(context);
    this.hardware = hardware;
  }

  /**
   * Waits (up to 2 s) until each working sensor has sent a sample, so the first read of a
   * program is a real one, and the board has worked through the set-up messages.
   */
  private async firstSamples(): Promise<void> {
    const hw = this.hardware!;
    const keys: ("distanceSeq" | "lineSeq" | "colorSeq")[] = [];
    if (this.kit.ultrasonic && !hw.unavailable.has("ultrasonic")) keys.push("distanceSeq");
    if (this.kit.lineSensors) keys.push("lineSeq");
    if (this.kit.colorSensor && !hw.unavailable.has("colorSensor")) keys.push("colorSeq");
    const end = performance.now() + 2000;
    while (keys.some((key) => this.samples[key] < 2) && performance.now() < end) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  private startWatch(): void {
    this.lastRx = this.lastTx = performance.now();
    const guard = this.guard!;
    const write = guard.write.bind(guard);
    guard.write = (data, callback) => {
      this.lastTx = performance.now();
      return write(data, callback);
    };
    const tick = Math.min(this.keepaliveMs / 2, this.silenceMs / 4);
    this.timers.push(
      setInterval(() => {
        const now = performance.now();
        if (now - this.lastRx > this.silenceMs) {
          this.lose(HOST_MESSAGES.silent, { seconds: Math.round(this.silenceMs / 100) / 10 });
          return;
        }
        if (now - this.lastTx >= this.keepaliveMs) guard.write([REPORT_VERSION]);
      }, tick),
    );
  }

  private lose(message: Localized, params: Record<string, string | number> = {}): void {
    if (this.state !== "ready" && this.state !== "connecting") return;
    const reason = new LocalizedError(message, params);
    if (this.state === "connecting") {
      this.failConnect?.(reason);
      return;
    }
    this.state = "lost";
    this.lostReason = reason;
    this.teardown();
    this.emit("lost", reason);
  }

  /** Stops timers, leaves the port and forgets the Johnny-Five board. */
  private teardown(): void {
    for (const timer of this.timers.splice(0)) clearInterval(timer);
    const guard = this.guard;
    this.guard = null;
    this.hardware = null;
    const io = this.five?.io;
    this.five = null;
    if (io) {
      io.removeAllListeners();
      io.on("error", () => {});
    }
    if (guard) {
      guard.detach();
      guard.removeAllListeners();
      if (guard.port.isOpen) guard.port.close?.(() => {});
    }
  }

  /** Stops the motors and closes the link. */
  async close(): Promise<void> {
    if (this.state === "ready") {
      this.hardware?.left?.set(0);
      this.hardware?.right?.set(0);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    this.teardown();
    this.state = "disconnected";
  }
}

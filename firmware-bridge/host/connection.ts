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
import { loadJohnnyFive, type FiveBoard, type FirmataIo } from "../emulator/johnny-five.ts";
import { checkFirmware, setFailsafeTimeout, type FirmwareCheck } from "./firmware-check.ts";
import { GuardedPort, type PortLike } from "./firmata-guard.ts";
import { HOST_MESSAGES } from "./messages.ts";
import { emptySamples, SAMPLE_PERIOD_MS, type SensorSamples } from "./sensors.ts";

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

const PING_READ = 0x75;
/** No ping reply for this long: ask again (Johnny-Five pings every 65 ms). */
const PING_REVIVE_MS = 400;
const REPORT_VERSION = 0xf9;
const TCS_COMMAND = 0x80;
const TCS_AUTO_INCREMENT = 0x20;
const TCS_ENABLE = 0x00;
const TCS_ATIME = 0x01;
const TCS_CONTROL = 0x0f;
const TCS_ID = 0x12;
const TCS_CDATAL = 0x14;
const TCS_ATIME_24MS = 0xf6;
const TCS_GAIN_4X = 0x01;
const TCS_PON_AEN = 0x03;

/** A motor as the kit drives it: power -100..100; the PWM duty and direction pins follow. */
export interface KitMotor {
  set(power: number): void;
}

interface MotorComponent {
  forward(speed: number): void;
  reverse(speed: number): void;
  stop(): void;
}

/** The kit's components on a ready Johnny-Five board. */
export interface KitHardware {
  left: KitMotor | null;
  right: KitMotor | null;
  gripper: { to(degrees: number): void } | null;
  /** Parts the kit has but that cannot work on this board, with the reason. */
  unavailable: Map<string, LocalizedError>;
}

/**
 * Runs `make` and keeps the intervals it starts: Johnny-Five's Proximity and Sensor start
 * intervals they never stop, which would outlive the link (and keep a CLI process alive).
 */
function capturingIntervals<T>(into: ReturnType<typeof setInterval>[], make: () => T): T {
  const original = globalThis.setInterval;
  globalThis.setInterval = ((...args: Parameters<typeof setInterval>) => {
    const timer = original(...args);
    into.push(timer);
    return timer;
  }) as typeof setInterval;
  try {
    return make();
  } finally {
    globalThis.setInterval = original;
  }
}

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

  private async setUpKit(): Promise<void> {
    const { five } = loadJohnnyFive();
    const board = this.five!;
    const io = board.io;
    const kit = this.kit;
    const pin = (name: string) => pinNumber(this.board, name);
    this.firmware = checkFirmware(io.firmware);
    if (this.firmware.status !== "foreign" && this.failsafeMs !== undefined)
      setFailsafeTimeout(io, this.failsafeMs);
    const unavailable = new Map<string, LocalizedError>();
    const hardware: KitHardware = { left: null, right: null, gripper: null, unavailable };
    const Motor = five.Motor as unknown as new (options: unknown) => MotorComponent;

    if (kit.motors) {
      const make = (m: NonNullable<KitProfile["motors"]>["left"]): KitMotor => {
        const motor = new Motor({
          pins: { pwm: pin(m.pwm), dir: pin(m.in1), cdir: pin(m.in2) },
          threshold: 0,
          board,
        });
        return {
          set(power) {
            const signed = m.reversed ? -power : power;
            const duty = Math.round((Math.min(100, Math.abs(signed)) / 100) * 255);
            if (duty === 0) motor.stop();
            else if (signed > 0) motor.forward(duty);
            else motor.reverse(duty);
          },
        };
      };
      hardware.left = make(kit.motors.left);
      hardware.right = make(kit.motors.right);
      hardware.left.set(0);
      hardware.right.set(0);
      if (kit.motors.standby) {
        const standby = pin(kit.motors.standby);
        io.pinMode(standby, 1);
        io.digitalWrite(standby, 1);
      }
    }

    if (kit.gripper) {
      const g = kit.gripper;
      hardware.gripper = new five.Servo({ pin: pin(g.signal), board, startAt: g.openDegrees });
    }

    if (kit.ultrasonic) {
      const trig = pin(kit.ultrasonic.trig);
      if (!io.pins[trig]?.supportedModes.includes(PING_READ)) {
        unavailable.set(
          "ultrasonic",
          new LocalizedError(HOST_MESSAGES.noPingFirmware, { pin: kit.ultrasonic.trig }),
        );
      } else {
        // Johnny-Five's HC-SR04 controller sends the ping request every 65 ms; the samples are
        // taken from firmata.js's reply event, so each one is stamped when it arrives.
        capturingIntervals(
          this.timers,
          () => new five.Proximity({ controller: "HCSR04", pin: trig, board }),
        );
        let lastPing = performance.now();
        io.on(`ping-read-${trig}`, (microseconds: number) => {
          lastPing = performance.now();
          this.samples.distanceCm = microseconds / 29.1 / 2;
          this.samples.distanceSeq++;
          this.emit("sample", "distance");
        });
        // Johnny-Five asks for the next ping only when a reply comes: one lost reply would end
        // its loop for good. A ping of ours revives it (its reply also answers Johnny-Five's).
        const ping = io as unknown as {
          pingRead(o: { pin: number; value: number; pulseOut: number }, cb: () => void): void;
        };
        this.timers.push(
          setInterval(() => {
            if (performance.now() - lastPing < PING_REVIVE_MS) return;
            lastPing = performance.now();
            ping.pingRead({ pin: trig, value: 1, pulseOut: 5 }, () => {});
          }, PING_REVIVE_MS),
        );
      }
    }

    if (kit.lineSensors) {
      const ls = kit.lineSensors;
      const names = [ls.left, ls.center, ls.right];
      names.forEach((name, i) => {
        const profile = findPin(this.board, name)!;
        if (ls.mode === "analog") {
          capturingIntervals(
            this.timers,
            () => new five.Sensor({ pin: name, board, freq: SAMPLE_PERIOD_MS.line }),
          );
          io.on(`analog-read-${profile.analogChannel}`, (value: number) => {
            this.samples.line[i] = value;
            if (i === 2) {
              this.samples.lineSeq++;
              this.emit("sample", "line");
            }
          });
        } else {
          capturingIntervals(
            this.timers,
            () => new five.Sensor({ pin: profile.number, type: "digital", board }),
          );
          io.on(`digital-read-${profile.number}`, (value: number) => {
            this.samples.line[i] = value;
            this.samples.lineSeq++;
            this.emit("sample", "line");
          });
        }
      });
      if (ls.mode === "digital") {
        // Digital inputs report only on change: a steady input is a fresh input.
        this.timers.push(
          setInterval(() => {
            this.samples.lineSeq++;
            this.emit("sample", "line");
          }, SAMPLE_PERIOD_MS.line),
        );
      }
    }

    if (kit.colorSensor) {
      const error = await this.startColorSensor(io, kit.colorSensor);
      if (error) unavailable.set("colorSensor", error);
    }
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

  /** TCS34725: check its id, power it on, 24 ms integration, gain 4x, read continuously. */
  private async startColorSensor(
    io: FirmataIo,
    sensor: NonNullable<KitProfile["colorSensor"]>,
  ): Promise<LocalizedError | null> {
    const address = sensor.address;
    io.i2cConfig({ delay: 0 });
    const readOnce = (register: number, count: number) =>
      new Promise<number[] | null>((resolve) => {
        const timer = setTimeout(() => resolve(null), 1000);
        io.i2cReadOnce(address, TCS_COMMAND | register, count, (bytes) => {
          clearTimeout(timer);
          resolve(bytes);
        });
      });
    const id = (await readOnce(TCS_ID, 1))?.[0];
    if (id !== 0x44 && id !== 0x4d) {
      return new LocalizedError(HOST_MESSAGES.colorSensorMissing, {
        address: `0x${address.toString(16)}`,
        sda: sensor.sda,
        scl: sensor.scl,
      });
    }
    // Configure, then read the settings back: a write lost on the way would leave the sensor
    // at 2.4 ms integration, saturating at 1024 counts.
    for (let attempt = 0; attempt < 3; attempt++) {
      io.i2cWrite(address, TCS_COMMAND | TCS_ATIME, [TCS_ATIME_24MS]);
      io.i2cWrite(address, TCS_COMMAND | TCS_CONTROL, [TCS_GAIN_4X]);
      io.i2cWrite(address, TCS_COMMAND | TCS_ENABLE, [TCS_PON_AEN]);
      const enable = (await readOnce(TCS_ENABLE, 1))?.[0];
      const atime = (await readOnce(TCS_ATIME, 1))?.[0];
      const gain = (await readOnce(TCS_CONTROL, 1))?.[0];
      if (enable === TCS_PON_AEN && atime === TCS_ATIME_24MS && gain === TCS_GAIN_4X) break;
    }
    const read = io as unknown as {
      i2cRead(a: number, r: number, n: number, cb: (bytes: number[]) => void): void;
    };
    read.i2cRead(address, TCS_COMMAND | TCS_AUTO_INCREMENT | TCS_CDATAL, 8, (bytes) => {
      const word = (i: number) => (bytes[i] ?? 0) | ((bytes[i + 1] ?? 0) << 8);
      this.samples.rgbc = [word(0), word(2), word(4), word(6)];
      this.samples.colorSeq++;
      this.emit("sample", "color");
    });
    return null;
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

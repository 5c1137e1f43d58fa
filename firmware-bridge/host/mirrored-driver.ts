/**
 * The RobotDriver the pupil program sees inside its worker. Sensor reads come from the shared
 * sensor mirror (synchronously, waiting for a fresh sample); motor commands and timed operations
 * go to the link thread as messages; timed operations settle when its answer comes back.
 */
import {
  LocalizedError,
  type ClassifyResult,
  type ColorReading,
  type LineReading,
  type RobotDriver,
  type RobotPart,
} from "../../runtime/engine.ts";
import { checkFinite, checkPower, checkSpeed, missingPartError } from "./board-robot.ts";
import type { SensorMirrorReader } from "./sensor-mirror.ts";
import type {
  FromWorker,
  InstantCall,
  SensorCall,
  SerializedError,
  TimedCall,
  ToWorker,
  WorkerInit,
} from "./worker-protocol.ts";

export function deserializeError(error: SerializedError): Error {
  return error.message ? new LocalizedError(error.message, error.params) : new Error(error.text);
}

export class MirroredDriver implements RobotDriver {
  readonly parts: ReadonlySet<RobotPart>;
  private readonly start = performance.now();
  private readonly pending = new Map<
    number,
    { resolve(v: unknown): void; reject(e: Error): void }
  >();
  private nextId = 1;
  private waiters: (() => void)[] = [];

  constructor(
    private readonly mirror: SensorMirrorReader,
    private readonly init: Omit<WorkerInit, "program" | "mirror">,
    private readonly post: (message: FromWorker) => void,
  ) {
    this.parts = new Set(init.parts);
  }

  /** An answer from the link thread. */
  receive(message: ToWorker): void {
    const op = this.pending.get(message.id);
    if (!op) return;
    this.pending.delete(message.id);
    if (message.ok) op.resolve(message.value);
    else op.reject(deserializeError(message.error));
    for (const wake of this.waiters.splice(0)) wake();
  }

  time(): number {
    return (performance.now() - this.start) / 1000;
  }

  private need(part: RobotPart, call: string): void {
    this.mirror.check();
    if (!this.parts.has(part)) throw missingPartError(part, call, this.init.kitName);
  }

  private sensor(call: SensorCall): void {
    const error = this.init.sensorErrors[call];
    if (error) throw deserializeError(error);
  }

  private instant(name: InstantCall, args: number[]): void {
    this.post({ type: "call", name, args });
  }

  private timed<T>(name: TimedCall, args: number[]): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.post({ type: "op", id, name, args });
    });
  }

  forward(cm: number): Promise<void> {
    this.need("motors", "forward");
    return this.timed("forward", [checkFinite(cm, "forward")]);
  }

  turn(degrees: number): Promise<void> {
    this.need("motors", "turn");
    return this.timed("turn", [checkFinite(degrees, "turn")]);
  }

  setSpeed(percent: number): void {
    this.mirror.check();
    this.instant("setSpeed", [checkSpeed(percent)]);
  }

  setMotors(left: number, right: number): void {
    this.need("motors", "setMotors");
    this.instant("setMotors", [checkPower(left), checkPower(right)]);
  }

  stop(): void {
    this.need("motors", "stop");
    this.instant("stop", []);
  }

  distance(): number {
    this.need("ultrasonic", "distance");
    this.sensor("distance");
    this.mirror.waitFresh("distance", this.init.freshWaitMs.distance);
    return this.mirror.distance();
  }

  line(): LineReading {
    this.need("lineSensors", "line");
    this.sensor("line");
    this.mirror.waitFresh("line", this.init.freshWaitMs.line);
    return this.mirror.line();
  }

  color(): ColorReading {
    this.need("colorSensor", "color");
    this.sensor("color");
    this.mirror.waitFresh("color", this.init.freshWaitMs.color);
    return this.mirror.color();
  }

  heading(): number {
    this.mirror.check();
    this.sensor("heading");
    this.mirror.waitFresh("heading", this.init.freshWaitMs.heading);
    return this.mirror.heading();
  }

  grab(): Promise<boolean> {
    this.need("gripper", "grab");
    return this.timed("grab", []);
  }

  release(): Promise<void> {
    this.need("gripper", "release");
    return this.timed("release", []);
  }

  classify(): Promise<ClassifyResult> {
    this.need("camera", "classify");
    return this.timed("classify", []);
  }

  wait(seconds: number): Promise<void> {
    this.mirror.check();
    return this.timed("wait", [checkFinite(seconds, "wait")]);
  }

  advance(): Promise<void> {
    if (this.pending.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  dispose(): void {}
}

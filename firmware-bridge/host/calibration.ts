/**
 * Per-robot calibration: how fast this robot drives (cm/s) and turns on the spot (°/s) at a given
 * speed, and what its colour sensor sees on white paper. The kit has no gyroscope and no wheel
 * encoders: forward(cm) and turn(deg) run the motors for a time computed from these figures.
 * A guided procedure measures them: the robot drives for N seconds, the pupil measures with a
 * ruler or a protractor, we store the result as JSON, one file per robot.
 */
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import type { KitGeometry } from "../../boards/index.ts";
import { LocalizedError, type Localized } from "../../runtime/engine.ts";
import { DEFAULT_WHITE } from "./color.ts";

export const calibrationSchema = z.object({
  schemaVersion: z.literal(1),
  robotId: z.string().regex(/^[\w.-]{1,64}$/),
  kitId: z.string(),
  /** The motor speed (percent) the figures were measured at. */
  speedPercent: z.number().min(1).max(100),
  cmPerSecond: z.number().positive().max(500),
  degreesPerSecond: z.number().positive().max(3600),
  /** Colour sensor counts on white paper: clear, red, green, blue. */
  white: z.tuple([
    z.number().positive(),
    z.number().positive(),
    z.number().positive(),
    z.number().positive(),
  ]),
  /** False for the estimate made from the kit's geometry, before any measurement. */
  measured: z.boolean(),
  measuredAt: z.string().nullable(),
});
export type Calibration = z.infer<typeof calibrationSchema>;

/**
 * The estimate before measuring: wheel rim speed proportional to power, turning on the spot at
 * ω = 2v / wheelbase. Real robots differ (motors, batteries, floor): measure.
 */
export function estimatedCalibration(
  robotId: string,
  kitId: string,
  geometry: KitGeometry,
): Calibration {
  const speedPercent = 50;
  const cmPerSecond = geometry.maxWheelSpeed * (speedPercent / 100);
  const degreesPerSecond = ((2 * cmPerSecond) / geometry.wheelbase) * (180 / Math.PI);
  return {
    schemaVersion: 1,
    robotId,
    kitId,
    speedPercent,
    cmPerSecond,
    degreesPerSecond,
    white: [...DEFAULT_WHITE],
    measured: false,
    measuredAt: null,
  };
}

/**
 * Speeds at another speed setting. Assumes speed proportional to power, which holds roughly
 * above a DC motor's dead band: calibrate at the speed the class uses.
 */
export function ratesAt(
  calibration: Calibration,
  speedPercent: number,
): { cmPerSecond: number; degreesPerSecond: number } {
  const k = speedPercent / calibration.speedPercent;
  return {
    cmPerSecond: calibration.cmPerSecond * k,
    degreesPerSecond: calibration.degreesPerSecond * k,
  };
}

const MESSAGES = {
  badFile: {
    fr: "Le fichier d’étalonnage du robot « {robot} » est illisible ({detail}). Refais l’étalonnage.",
    en: "The calibration file of robot “{robot}” cannot be read ({detail}). Calibrate again.",
  },
  badMeasure: {
    fr: "La mesure doit être un nombre positif (reçu : {value}).",
    en: "The measurement must be a positive number (got: {value}).",
  },
  notMeasured: {
    fr: "L’étalonnage n’est pas fini : il manque la mesure de {what}.",
    en: "Calibration is not finished: the {what} measurement is missing.",
  },
  badRobotId: {
    fr: "Nom de robot invalide : « {robot} » (lettres, chiffres, - _ . ; 64 au plus).",
    en: "Invalid robot name: “{robot}” (letters, digits, - _ .; 64 at most).",
  },
} satisfies Record<string, Localized>;

/** Calibrations stored as `<dir>/<robotId>.json`. */
export class CalibrationStore {
  constructor(readonly dir: string) {}

  private file(robotId: string): string {
    if (!/^[\w.-]{1,64}$/.test(robotId) || robotId.startsWith("."))
      throw new LocalizedError(MESSAGES.badRobotId, { robot: robotId });
    return join(this.dir, `${robotId}.json`);
  }

  /** The stored calibration, or null when this robot was never calibrated. */
  async load(robotId: string): Promise<Calibration | null> {
    let text: string;
    try {
      text = await readFile(this.file(robotId), "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
    try {
      return calibrationSchema.parse(JSON.parse(text));
    } catch (error) {
      const detail =
        error instanceof z.ZodError
          ? error.issues[0]?.path.join(".") || "?"
          : (error as Error).message;
      throw new LocalizedError(MESSAGES.badFile, { robot: robotId, detail });
    }
  }

  /** Writes atomically (temporary file, then rename). */
  async save(calibration: Calibration): Promise<void> {
    const valid = calibrationSchema.parse(calibration);
    const file = this.file(valid.robotId);
    await mkdir(this.dir, { recursive: true });
    await writeFile(`${file}.tmp`, JSON.stringify(valid, null, 2) + "\n");
    await rename(`${file}.tmp`, file);
  }
}

/** What the calibration procedure needs from a robot. */
export interface CalibrationRobot {
  setMotors(left: number, right: number): void;
  stop(): void;
  wait(seconds: number): Promise<void>;
  /** Latest raw colour counts, for the white reference. */
  rawColor?(): [number, number, number, number];
}

export const CALIBRATION_STEPS = {
  straight: {
    fr: "Pose le robot sur le sol, une règle à côté, l’avant sur le 0. Il va avancer {seconds} s. Mesure ensuite la distance parcourue en cm.",
    en: "Put the robot on the floor beside a ruler, its front at 0. It will drive forward for {seconds} s. Then measure the distance travelled in cm.",
  },
  spin: {
    fr: "Pose le robot sur une ligne droite tracée au sol. Il va tourner sur place vers la droite pendant {seconds} s. Mesure ensuite l’angle tourné en degrés (un tour complet = 360).",
    en: "Put the robot on a straight line drawn on the floor. It will turn on the spot to the right for {seconds} s. Then measure the angle turned in degrees (a full turn = 360).",
  },
  white: {
    fr: "Pose le robot sur une feuille blanche, capteur de couleur au-dessus du papier.",
    en: "Put the robot on a sheet of white paper, the colour sensor above it.",
  },
} satisfies Record<string, Localized>;

/**
 * The guided procedure: `driveStraight()`, then `recordDistance(cm)`; `spin()`, then
 * `recordTurn(degrees)`; optionally `recordWhite()`; then `result()` to store.
 */
export class CalibrationProcedure {
  private cmPerSecond: number | null = null;
  private degreesPerSecond: number | null = null;
  private white: Calibration["white"];

  constructor(
    private readonly robot: CalibrationRobot,
    private readonly base: Calibration,
    readonly speedPercent = 50,
    readonly seconds = 2,
  ) {
    this.white = [...base.white];
  }

  async driveStraight(): Promise<void> {
    this.robot.setMotors(this.speedPercent, this.speedPercent);
    await this.robot.wait(this.seconds);
    this.robot.stop();
  }

  recordDistance(cm: number): number {
    this.cmPerSecond = this.positive(cm) / this.seconds;
    return this.cmPerSecond;
  }

  async spin(): Promise<void> {
    this.robot.setMotors(this.speedPercent, -this.speedPercent);
    await this.robot.wait(this.seconds);
    this.robot.stop();
  }

  recordTurn(degrees: number): number {
    this.degreesPerSecond = this.positive(degrees) / this.seconds;
    return this.degreesPerSecond;
  }

  recordWhite(): Calibration["white"] {
    const counts = this.robot.rawColor?.();
    if (counts && counts.every((c) => c > 0)) this.white = [...counts];
    return this.white;
  }

  result(now = new Date()): Calibration {
    if (this.cmPerSecond === null) throw new LocalizedError(MESSAGES.notMeasured, { what: "cm" });
    if (this.degreesPerSecond === null)
      throw new LocalizedError(MESSAGES.notMeasured, { what: "°" });
    return calibrationSchema.parse({
      ...this.base,
      speedPercent: this.speedPercent,
      cmPerSecond: this.cmPerSecond,
      degreesPerSecond: this.degreesPerSecond,
      white: this.white,
      measured: true,
      measuredAt: now.toISOString(),
    });
  }

  private positive(value: number): number {
    if (!Number.isFinite(value) || value <= 0)
      throw new LocalizedError(MESSAGES.badMeasure, { value: String(value) });
    return value;
  }
}

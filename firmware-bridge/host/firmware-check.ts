/**
 * On connect: which firmware is on the board (ours, current or not; another Firmata; none),
 * with a message for the teacher and whether to offer an update. And the failsafe heartbeat
 * the host sends while it drives motors.
 */
import { localize, type Localized } from "../../runtime/engine.ts";
import { FIRMWARE_NAME, FIRMWARE_VERSION } from "../firmware/build.ts";

export type FirmwareStatus = "current" | "outdated" | "newer" | "foreign";

export interface FirmwareCheck {
  status: FirmwareStatus;
  name: string;
  version: { major: number; minor: number } | null;
  /** Offer to flash our firmware. */
  offerUpdate: boolean;
  message: Localized;
}

/** What firmata.js knows after `ready`: `io.firmware`. */
export interface ReportedFirmware {
  name?: string;
  version?: { major: number; minor: number };
}

const fill = localize;

const messages = {
  current: {
    fr: "Firmware Robotyc {version} à jour.",
    en: "Robotyc firmware {version}, up to date.",
  },
  outdated: {
    fr: "Firmware Robotyc {version} ancien : mets la carte à jour (version {ours}).",
    en: "Old Robotyc firmware {version}: update the board (version {ours}).",
  },
  newer: {
    fr: "Firmware Robotyc {version}, plus récent que ce logiciel ({ours}) : mets à jour Robotyc Studio.",
    en: "Robotyc firmware {version}, newer than this software ({ours}): update Robotyc Studio.",
  },
  foreign: {
    fr: "Firmware « {name} » : ce n'est pas le nôtre (pas de sécurité moteurs, pas de capteur à ultrasons). Installe le firmware Robotyc.",
    en: 'Firmware "{name}": not ours (no motor failsafe, no ultrasonic sensor). Install the Robotyc firmware.',
  },
} satisfies Record<string, Localized>;

const text = (v: { major: number; minor: number }): string => `${v.major}.${v.minor}`;

export function checkFirmware(reported: ReportedFirmware): FirmwareCheck {
  const name = reported.name ?? "";
  const version = reported.version ?? null;
  const ours = text(FIRMWARE_VERSION);
  if (name !== FIRMWARE_NAME || !version) {
    return {
      status: "foreign",
      name,
      version,
      offerUpdate: true,
      message: fill(messages.foreign, { name: name || "?" }),
    };
  }
  const compare =
    version.major !== FIRMWARE_VERSION.major
      ? version.major - FIRMWARE_VERSION.major
      : version.minor - FIRMWARE_VERSION.minor;
  const status: FirmwareStatus = compare === 0 ? "current" : compare < 0 ? "outdated" : "newer";
  return {
    status,
    name,
    version,
    offerUpdate: status === "outdated",
    message: fill(messages[status], { version: text(version), ours }),
  };
}

/** SysEx of ours (user range 0x00-0x0F): failsafe timeout, or a heartbeat without data. */
export const ROBOTYC_FAILSAFE_SYSEX = 0x01;

interface SysexIo {
  sysexCommand(bytes: number[]): unknown;
}

/** Sets the firmware's failsafe timeout (ms, 0 = off, at most 16383). */
export function setFailsafeTimeout(io: SysexIo, milliseconds: number): void {
  const ms = Math.max(0, Math.min(16383, Math.round(milliseconds)));
  io.sysexCommand([ROBOTYC_FAILSAFE_SYSEX, ms & 0x7f, ms >> 7]);
}

/**
 * Sends a heartbeat every `intervalMs` (keep it well under the failsafe timeout, e.g. a third),
 * so that motors keep running while the program is alive but quiet. Returns a stop function.
 */
export function startHeartbeat(io: SysexIo, intervalMs = 150): () => void {
  const timer = setInterval(() => io.sysexCommand([ROBOTYC_FAILSAFE_SYSEX]), intervalMs);
  timer.unref?.();
  return () => clearInterval(timer);
}

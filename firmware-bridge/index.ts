/** firmware-bridge: our Firmata firmware, the emulated board, flashing, and the host side. */
export { parseIntelHex, toIntelHex, type FlashImage } from "./intel-hex.ts";
export {
  createEmulatedBoard,
  type EmulatedBoard,
  type EmulatedBoardKind,
  type EmulatedBoardOptions,
  type EmulatorSpeed,
  type HcSr04Options,
  type PinListener,
  type ResetCause,
} from "./emulator/board.ts";
export { EmulatedSerialPort } from "./emulator/serial-port.ts";
export type { I2cDeviceModel } from "./emulator/i2c.ts";
export {
  createTcs34725,
  TCS34725_ADDRESS,
  type Rgbc,
  type Tcs34725Model,
} from "./emulator/tcs34725.ts";
export {
  connectJohnnyFive,
  loadJohnnyFive,
  type FirmataIo,
  type FiveBoard,
  type FiveModule,
} from "./emulator/johnny-five.ts";
export {
  APPLICATION_FLASH,
  buildAllFirmware,
  buildFirmware,
  FIRMWARE_BOARDS,
  FIRMWARE_NAME,
  FIRMWARE_VERSION,
  hexPath,
  toolchainAvailable,
  type BuildResult,
  type FirmwareBoard,
} from "./firmware/build.ts";
export { bootWithJohnnyFive, ourFirmwareHex, untilBoard } from "./emulator/testing.ts";
export { atmegabootHex, optibootHex } from "./firmware/bootloaders.ts";
export { firmwareFor, flashBoard, MCUS, resolveBoard } from "./host/flash/flash.ts";
export { openFlashPort, type OpenedPort } from "./host/flash/ports.ts";
export {
  checkFirmware,
  ROBOTYC_FAILSAFE_SYSEX,
  setFailsafeTimeout,
  startHeartbeat,
  type FirmwareCheck,
  type FirmwareStatus,
} from "./host/firmware-check.ts";
export type {
  FlashOptions,
  FlashPhase,
  FlashPort,
  FlashProgress,
  FlashResult,
} from "./host/flash/link.ts";

// ---- host side (firmware-bridge/host): port discovery, BoardRobot ----
export * from "./host/ports.ts";
export * from "./host/connection.ts";
export * from "./host/board-robot.ts";
export * from "./host/calibration.ts";
export * from "./host/color.ts";
export * from "./host/emulated-kit.ts";
export { FirmataFrameChecker, GuardedPort, type PortLike } from "./host/firmata-guard.ts";
export type { SensorSamples } from "./host/sensors.ts";
export { ProgramWorker, runProgramOnBoard, type BoardRunOptions } from "./host/board-program.ts";
export {
  SensorMirrorReader,
  SensorMirrorWriter,
  createMirrorBuffer,
} from "./host/sensor-mirror.ts";
// ---- end host side ----

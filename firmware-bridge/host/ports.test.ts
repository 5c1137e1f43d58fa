import { describe, expect, it } from "vitest";
import {
  classifyOpenError,
  describePorts,
  discoverPorts,
  matchPorts,
  normalizeUsbId,
  type PortInfo,
  type SerialPortLike,
} from "./ports.ts";

/** Port lists as serialport 13 reports them on each OS (shapes taken from real machines). */
const LINUX: PortInfo[] = [
  { path: "/dev/ttyS0" },
  {
    path: "/dev/ttyUSB0",
    manufacturer: "1a86",
    pnpId: "usb-1a86_USB2.0-Serial-if00-port0",
    vendorId: "1a86",
    productId: "7523",
  },
  {
    path: "/dev/ttyACM0",
    manufacturer: "Arduino (www.arduino.cc)",
    serialNumber: "75833353035351A0E1B1",
    pnpId: "usb-Arduino__www.arduino.cc__0043_75833353035351A0E1B1-if00",
    vendorId: "2341",
    productId: "0043",
  },
  {
    path: "/dev/ttyUSB1",
    manufacturer: "Prolific Technology Inc.",
    pnpId: "usb-Prolific_Technology_Inc._USB-Serial_Controller-if00-port0",
    vendorId: "067b",
    productId: "2303",
  },
];
const WINDOWS: PortInfo[] = [
  { path: "COM1", manufacturer: "(Standard port types)", pnpId: "ACPI\\PNP0501\\0" },
  {
    path: "COM4",
    manufacturer: "Arduino LLC (www.arduino.cc)",
    pnpId: "USB\\VID_2341&PID_0042\\55736313737351F0E1C2",
    vendorId: "2341",
    productId: "0042",
  },
  {
    path: "COM7",
    manufacturer: "FTDI",
    pnpId: "FTDIBUS\\VID_0403+PID_6001+A50285BIA\\0000",
    vendorId: "0403",
    productId: "6001",
  },
];
const MAC: PortInfo[] = [
  { path: "/dev/tty.Bluetooth-Incoming-Port" },
  {
    path: "/dev/tty.usbmodem14101",
    manufacturer: "Arduino (www.arduino.cc)",
    vendorId: "2341",
    productId: "0043",
    locationId: "14100000",
  } as PortInfo,
];

describe("port matching", () => {
  it("normalizes USB ids however the OS spells them", () => {
    expect(normalizeUsbId("1A86")).toBe("1a86");
    expect(normalizeUsbId("0x2341")).toBe("2341");
    expect(normalizeUsbId("43")).toBe("0043");
    expect(normalizeUsbId(undefined)).toBeNull();
    expect(normalizeUsbId("VID_XYZ")).toBeNull();
  });

  it("recognizes a genuine Uno, a CH340 clone and an unknown adapter on Linux; leaves ttyS0 out", () => {
    const ports = matchPorts(LINUX);
    expect(ports.map((p) => [p.path, p.status, p.boards.map((b) => b.id)])).toEqual([
      ["/dev/ttyACM0", "ready", ["uno"]],
      ["/dev/ttyUSB0", "ready", ["uno", "nano", "nano-old", "mega2560"]],
      ["/dev/ttyUSB1", "unknown-board", []],
    ]);
    expect(ports[0]!.message.en).toBe("/dev/ttyACM0: Arduino Uno (Arduino Uno R3), ready.");
    expect(ports[1]!.message.fr).toBe(
      "/dev/ttyUSB0 : carte compatible avec puce CH340 — Arduino Uno ou Arduino Nano ou Arduino Nano (ancien bootloader) ou Arduino Mega 2560. Choisis le modèle exact.",
    );
    expect(ports[2]!.message.en).toBe(
      "/dev/ttyUSB1: unknown USB device (067b:2303, Prolific Technology Inc.). It may not be an Arduino board; if it is, choose its model by hand.",
    );
    expect(ports[2]!.adapter).toBeNull();
  });

  it("recognizes a genuine Mega and an FT232 Nano on Windows (upper-case ids)", () => {
    const ports = matchPorts(WINDOWS);
    expect(ports.map((p) => [p.path, p.usbId, p.boards.map((b) => b.id)])).toEqual([
      ["COM4", "2341:0042", ["mega2560"]],
      ["COM7", "0403:6001", ["nano", "nano-old"]],
    ]);
    expect(ports[1]!.adapter).toEqual({
      chip: "ft232",
      genuine: true,
      label: "Arduino Nano (FT232)",
    });
  });

  it("reports a busy port and a refused one with what to do", () => {
    const access = new Map([
      ["/dev/ttyACM0", { access: "busy" as const, detail: "Error: Cannot lock port" }],
      ["/dev/ttyUSB0", { access: "denied" as const, detail: "Error: Permission denied" }],
    ]);
    const ports = matchPorts(LINUX, access);
    expect(ports.map((p) => p.status)).toEqual(["busy", "denied", "unknown-board"]);
    expect(ports[0]!.message.fr).toContain("le port est occupé par un autre programme");
    expect(ports[1]!.message.en).toContain("add the user to the “dialout” group");
    expect(describePorts(ports, "en").split("\n")).toHaveLength(3);
  });

  it("says what to do when no board is plugged in", () => {
    expect(describePorts(matchPorts(MAC.slice(0, 1)), "fr")).toContain("Aucune carte trouvée");
    expect(matchPorts(MAC).map((p) => p.boards[0]?.id)).toEqual(["uno"]);
  });

  it("classifies open errors of each OS", () => {
    expect(
      classifyOpenError("Error: Error Resource temporarily unavailable Cannot lock port"),
    ).toBe("busy");
    expect(classifyOpenError("Opening COM4: Access denied")).toBe("denied");
    expect(classifyOpenError("Error: Permission denied, cannot open /dev/ttyACM0")).toBe("denied");
    expect(classifyOpenError("Error: No such file or directory, cannot open /dev/ttyACM9")).toBe(
      "error",
    );
  });

  it("probes each USB port once through the injected opener", async () => {
    const opened: string[] = [];
    const openable = (path: string): SerialPortLike => ({
      open: (cb) => {
        opened.push(path);
        cb(
          path === "/dev/ttyACM0"
            ? new Error("Error Resource temporarily unavailable Cannot lock port")
            : null,
        );
      },
      close: (cb) => cb(null),
    });
    const ports = await discoverPorts({ list: async () => LINUX, openable });
    expect(opened.sort()).toEqual(["/dev/ttyACM0", "/dev/ttyUSB0", "/dev/ttyUSB1"]);
    expect(ports.find((p) => p.path === "/dev/ttyACM0")?.status).toBe("busy");
    expect(ports.find((p) => p.path === "/dev/ttyUSB0")?.status).toBe("ready");
  });
});

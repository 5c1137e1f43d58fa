/**
 * Serial port listing on Linux without udev: what serialport learns from `udevadm info -e`, read
 * straight from sysfs. Many containers and school images have no udev, and serialport's Linux
 * lister then fails with `spawn udevadm ENOENT`.
 *
 * `/sys/class/tty/<name>/device` links to the tty's device; for a USB adapter, one of that
 * device's parents (the USB device itself) holds `idVendor`, `idProduct`, `serial` and
 * `manufacturer`.
 */
import { readdir, readFile, realpath, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { PortInfo } from "./ports.ts";

/** The tty names serialport lists on Linux (the rest are consoles and pseudo-terminals). */
const SERIAL_NAME = /^(tty(S|WCH|ACM|USB|AMA|MFD|O|XRUSB)|rfcomm)/;

async function readAttribute(dir: string, name: string): Promise<string | undefined> {
  try {
    const value = (await readFile(join(dir, name), "utf8")).trim();
    return value === "" ? undefined : value;
  } catch {
    return undefined;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** The USB device a tty hangs from: the nearest parent directory that has an `idVendor`. */
async function usbDeviceOf(deviceDir: string, sysRoot: string): Promise<string | null> {
  let dir = deviceDir;
  while (dir.startsWith(sysRoot) && dir !== sysRoot) {
    if (await exists(join(dir, "idVendor"))) return dir;
    dir = dirname(dir);
  }
  return null;
}

/**
 * The serial ports sysfs knows of, as serialport's `PortInfo`. A tty without a `device` link is
 * virtual and left out, as udev leaves it out. `sysRoot` and `devRoot` are for tests.
 */
export async function listSysfsPorts(sysRoot = "/sys", devRoot = "/dev"): Promise<PortInfo[]> {
  const ttyDir = join(sysRoot, "class", "tty");
  let names: string[];
  try {
    names = await readdir(ttyDir);
  } catch {
    return [];
  }
  const root = await realpath(sysRoot).catch(() => sysRoot);
  const ports: PortInfo[] = [];
  for (const name of names.filter((n) => SERIAL_NAME.test(n)).sort()) {
    let deviceDir: string;
    try {
      deviceDir = await realpath(join(ttyDir, name, "device"));
    } catch {
      continue;
    }
    const port: PortInfo = { path: join(devRoot, name) };
    const usb = await usbDeviceOf(deviceDir, root);
    if (usb) {
      const [vendorId, productId, serialNumber, manufacturer] = await Promise.all(
        ["idVendor", "idProduct", "serial", "manufacturer"].map((a) => readAttribute(usb, a)),
      );
      if (vendorId) port.vendorId = vendorId;
      if (productId) port.productId = productId;
      if (serialNumber) port.serialNumber = serialNumber;
      if (manufacturer) port.manufacturer = manufacturer;
    }
    ports.push(port);
  }
  return ports;
}

/** serialport's Linux lister failed because udev's command is not installed. */
export function isMissingUdevadm(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown; path?: unknown } | null;
  return (
    e !== null &&
    typeof e === "object" &&
    e.code === "ENOENT" &&
    (e.path === "udevadm" || (typeof e.message === "string" && e.message.includes("udevadm")))
  );
}

import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listWithoutUdev, matchPorts } from "./ports.ts";
import { isMissingUdevadm, listSysfsPorts } from "./sysfs-ports.ts";

/** A sysfs tree shaped as Linux lays it out for an Uno (cdc_acm), a CH340 (ttyUSB) and ttyS0. */
async function fakeSysfs(root: string): Promise<void> {
  const usb = join(root, "devices/pci0000:00/0000:00:14.0/usb1");
  const uno = join(usb, "1-1");
  const ch340 = join(usb, "1-2");
  const files: Record<string, string> = {
    [join(uno, "idVendor")]: "2341\n",
    [join(uno, "idProduct")]: "0043\n",
    [join(uno, "serial")]: "75833353035351A0E1B1\n",
    [join(uno, "manufacturer")]: "Arduino (www.arduino.cc)\n",
    [join(ch340, "idVendor")]: "1a86\n",
    [join(ch340, "idProduct")]: "7523\n",
  };
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(path, ".."), { recursive: true });
    await writeFile(path, text);
  }
  const devices: Record<string, string> = {
    ttyACM0: join(uno, "1-1:1.0"),
    ttyUSB0: join(ch340, "1-2:1.0/ttyUSB0"),
    ttyS0: join(root, "devices/platform/serial8250"),
  };
  for (const [name, device] of Object.entries(devices)) {
    await mkdir(device, { recursive: true });
    await mkdir(join(root, "class/tty", name), { recursive: true });
    await symlink(device, join(root, "class/tty", name, "device"));
  }
  // A virtual terminal: no device link; and a console name serialport does not list.
  await mkdir(join(root, "class/tty/ttyS9"), { recursive: true });
  await mkdir(join(root, "devices/virtual/tty/tty0"), { recursive: true });
  await mkdir(join(root, "class/tty/tty0"), { recursive: true });
  await symlink(join(root, "devices/virtual/tty/tty0"), join(root, "class/tty/tty0/device"));
}

describe("serial ports from sysfs (Linux without udev)", () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "robotyc-sysfs-"));
    await fakeSysfs(root);
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it("reads USB ids, serial number and manufacturer from the tty's USB device", async () => {
    expect(await listSysfsPorts(root)).toEqual([
      {
        path: "/dev/ttyACM0",
        vendorId: "2341",
        productId: "0043",
        serialNumber: "75833353035351A0E1B1",
        manufacturer: "Arduino (www.arduino.cc)",
      },
      { path: "/dev/ttyS0" },
      { path: "/dev/ttyUSB0", vendorId: "1a86", productId: "7523" },
    ]);
  });

  it("gives what the board matcher needs: the Uno ready, the CH340 as a clone", async () => {
    const found = matchPorts(await listSysfsPorts(root));
    expect(found.map((p) => [p.path, p.status, p.adapter?.genuine])).toEqual([
      ["/dev/ttyACM0", "ready", true],
      ["/dev/ttyUSB0", "ready", false],
    ]);
  });

  it("is empty where sysfs has no tty class", async () => {
    expect(await listSysfsPorts(join(root, "nowhere"))).toEqual([]);
  });

  it("falls back only when udevadm is missing; other failures still surface", async () => {
    const missing = Object.assign(new Error("spawn udevadm ENOENT"), {
      code: "ENOENT",
      path: "udevadm",
    });
    expect(isMissingUdevadm(missing)).toBe(true);
    expect(
      isMissingUdevadm(new Error("Error listing ports udevadm exited with error code: 1")),
    ).toBe(false);
    const listed = await listWithoutUdev(() => Promise.reject(missing));
    expect(Array.isArray(listed)).toBe(true);
    await expect(listWithoutUdev(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
  });
});

/**
 * Port discovery: the serial ports serialport lists, matched to board profiles by USB VID/PID, as a
 * list a teacher can read ("Arduino Uno on /dev/ttyACM0", "unknown board", "port busy").
 * `matchPorts` is pure; `discoverPorts` lists the ports and probes each one.
 */
import { BOARDS, type BoardProfile, type UsbAdapter } from "../../boards/index.ts";
import { format, type Locale, type Localized } from "../../runtime/engine.ts";

/** The fields of serialport's `PortInfo` we use. */
export interface PortInfo {
  path: string;
  manufacturer?: string;
  serialNumber?: string;
  pnpId?: string;
  vendorId?: string;
  productId?: string;
}

/** What opening the port told us: it opens, someone else holds it, we may not open it, or else. */
export type PortAccess = "free" | "busy" | "denied" | "error" | "unchecked";

export type PortStatus = "ready" | "unknown-board" | "busy" | "denied" | "error";

export interface DiscoveredPort {
  path: string;
  /** "2341:0043", or null when the port is not a USB device. */
  usbId: string | null;
  status: PortStatus;
  /** Boards this adapter is found on; one for a genuine board, several for a clone chip. */
  boards: { id: string; name: Localized }[];
  adapter: { chip: UsbAdapter["chip"]; genuine: boolean; label: string } | null;
  /** One line for the teacher. */
  message: Localized;
  manufacturer?: string;
  serialNumber?: string;
}

const MESSAGES = {
  ready: {
    fr: "{path} : {boards} ({adapter}), prête.",
    en: "{path}: {boards} ({adapter}), ready.",
  },
  readyClone: {
    fr: "{path} : carte compatible avec puce {adapter} — {boards}. Choisis le modèle exact.",
    en: "{path}: compatible board with a {adapter} chip — {boards}. Choose the exact model.",
  },
  unknownBoard: {
    fr: "{path} : appareil USB inconnu ({usbId}{manufacturer}). Ce n’est peut-être pas une carte Arduino ; si c’en est une, choisis son modèle à la main.",
    en: "{path}: unknown USB device ({usbId}{manufacturer}). It may not be an Arduino board; if it is, choose its model by hand.",
  },
  busy: {
    fr: "{path} : {boards} — le port est occupé par un autre programme (moniteur série, autre onglet, Arduino IDE). Ferme-le puis réessaie.",
    en: "{path}: {boards} — the port is in use by another program (serial monitor, another tab, Arduino IDE). Close it and try again.",
  },
  denied: {
    fr: "{path} : {boards} — accès refusé. Sous Linux, ajoute l’utilisateur au groupe « dialout » puis reconnecte-toi.",
    en: "{path}: {boards} — access denied. On Linux, add the user to the “dialout” group, then log in again.",
  },
  error: {
    fr: "{path} : {boards} — le port ne s’ouvre pas ({detail}).",
    en: "{path}: {boards} — the port does not open ({detail}).",
  },
  unknownDevice: { fr: "appareil inconnu", en: "unknown device" },
  or: { fr: " ou ", en: " or " },
  none: {
    fr: "Aucune carte trouvée. Branche le câble USB (un câble de données, pas seulement de charge).",
    en: "No board found. Plug in the USB cable (a data cable, not a charge-only one).",
  },
} satisfies Record<string, Localized>;

/** serialport gives ids as "2341", "2341" or "0x2341", upper or lower case, depending on the OS. */
export function normalizeUsbId(id: string | undefined): string | null {
  if (!id) return null;
  const hex = id.trim().toLowerCase().replace(/^0x/, "");
  return /^[0-9a-f]{1,4}$/.test(hex) ? hex.padStart(4, "0") : null;
}

/** Ports that are not USB devices (the PC's own ttyS0, Bluetooth) are not boards. */
function isUsb(port: PortInfo): boolean {
  return normalizeUsbId(port.vendorId) !== null && normalizeUsbId(port.productId) !== null;
}

function localizedJoin(names: Localized[], unknown: boolean): Localized {
  if (unknown || names.length === 0) return MESSAGES.unknownDevice;
  const join = (locale: Locale) => names.map((n) => n[locale]).join(MESSAGES.or[locale]);
  return { fr: join("fr"), en: join("en") };
}

function fill(message: Localized, params: Record<string, string>, inner: Localized): Localized {
  return {
    fr: format(message, "fr", { ...params, boards: inner.fr }),
    en: format(message, "en", { ...params, boards: inner.en }),
  };
}

/**
 * Matches listed ports to board profiles and to what opening them said (`access`, by path; a port
 * not probed counts as "unchecked", which is reported as ready). Non-USB ports are left out.
 * Genuine boards come first, then clones, then unknown devices.
 */
export function matchPorts(
  ports: readonly PortInfo[],
  access: ReadonlyMap<string, { access: PortAccess; detail?: string }> = new Map(),
  boards: readonly BoardProfile[] = BOARDS,
): DiscoveredPort[] {
  const found: DiscoveredPort[] = [];
  for (const port of ports) {
    if (!isUsb(port)) continue;
    const vid = normalizeUsbId(port.vendorId)!;
    const pid = normalizeUsbId(port.productId)!;
    const usbId = `${vid}:${pid}`;
    const matches = boards.flatMap((board) =>
      board.usb
        .filter((usb) => usb.vendorId === vid && usb.productId === pid)
        .map((usb) => ({ board, usb })),
    );
    // A genuine match names the board; a clone chip matches every board that uses it.
    const genuine = matches.filter((m) => m.usb.genuine);
    const chosen = genuine.length > 0 ? genuine : matches;
    const adapterOf = chosen[0]?.usb;
    const boardList = chosen.map((m) => ({ id: m.board.id, name: m.board.name }));
    const probe = access.get(port.path) ?? { access: "unchecked" as const };
    const names = localizedJoin(
      boardList.map((b) => b.name),
      boardList.length === 0,
    );
    const params = {
      path: port.path,
      usbId,
      adapter: adapterOf?.label ?? "",
      manufacturer: port.manufacturer ? `, ${port.manufacturer}` : "",
      detail: probe.detail ?? "",
    };
    let status: PortStatus;
    let message: Localized;
    if (probe.access === "busy" || probe.access === "denied" || probe.access === "error") {
      status = probe.access;
      message = fill(MESSAGES[probe.access], params, names);
    } else if (boardList.length === 0) {
      status = "unknown-board";
      message = fill(MESSAGES.unknownBoard, params, names);
    } else {
      status = "ready";
      message = fill(genuine.length > 0 ? MESSAGES.ready : MESSAGES.readyClone, params, names);
    }
    found.push({
      path: port.path,
      usbId,
      status,
      boards: boardList,
      adapter: adapterOf
        ? { chip: adapterOf.chip, genuine: adapterOf.genuine, label: adapterOf.label }
        : null,
      message,
      ...(port.manufacturer ? { manufacturer: port.manufacturer } : {}),
      ...(port.serialNumber ? { serialNumber: port.serialNumber } : {}),
    });
  }
  const rank = (p: DiscoveredPort) => (p.boards.length === 0 ? 2 : p.adapter?.genuine ? 0 : 1);
  return found.sort((a, b) => rank(a) - rank(b) || a.path.localeCompare(b.path));
}

/** Classifies the error serialport gives when a port will not open, on Linux, macOS and Windows. */
export function classifyOpenError(message: string): PortAccess {
  const m = message.toLowerCase();
  if (/cannot lock port|resource busy|ebusy|resource temporarily unavailable|in use/.test(m))
    return "busy";
  if (/permission denied|eacces|access denied|access is denied/.test(m)) return "denied";
  return "error";
}

/** The teacher's list as text, one line a port. */
export function describePorts(ports: readonly DiscoveredPort[], locale: Locale): string {
  if (ports.length === 0) return MESSAGES.none[locale];
  return ports.map((p) => p.message[locale]).join("\n");
}

export interface SerialPortLike {
  open(callback: (error: Error | null) => void): void;
  close(callback: (error: Error | null) => void): void;
}

export interface DiscoveryDeps {
  list(): Promise<PortInfo[]>;
  /** Makes an unopened port for `path`, to probe whether it opens. */
  openable?: (path: string) => SerialPortLike;
}

/** Opens and closes each port once, to tell "busy" and "access denied" apart from "ready". */
async function probe(port: SerialPortLike): Promise<{ access: PortAccess; detail?: string }> {
  const error = await new Promise<Error | null>((resolve) => port.open(resolve));
  if (error) return { access: classifyOpenError(error.message), detail: error.message };
  await new Promise<void>((resolve) => port.close(() => resolve()));
  return { access: "free" };
}

/**
 * Lists the serial ports and matches them to boards. With `openable`, probes each USB port (never
 * while a program drives it: opening resets an Arduino).
 */
export async function discoverPorts(deps: DiscoveryDeps): Promise<DiscoveredPort[]> {
  const ports = await deps.list();
  const access = new Map<string, { access: PortAccess; detail?: string }>();
  if (deps.openable) {
    for (const port of ports.filter(isUsb))
      access.set(port.path, await probe(deps.openable(port.path)));
  }
  return matchPorts(ports, access);
}

/**
 * serialport's list; on Linux without udev (`spawn udevadm ENOENT`), the same facts read from
 * sysfs, with nothing said: a machine without udev is ordinary.
 */
export async function listWithoutUdev(list: () => Promise<PortInfo[]>): Promise<PortInfo[]> {
  try {
    return await list();
  } catch (error) {
    const { isMissingUdevadm, listSysfsPorts } = await import("./sysfs-ports.ts");
    if (!isMissingUdevadm(error)) throw error;
    return listSysfsPorts();
  }
}

/** The real thing: serialport's list and ports (loaded only when asked for). */
export async function serialportDiscoveryDeps(probePorts: boolean): Promise<DiscoveryDeps> {
  const { SerialPort } = await import("serialport");
  return {
    list: () => listWithoutUdev(() => SerialPort.list()),
    ...(probePorts
      ? {
          openable: (path: string) =>
            new SerialPort({ path, baudRate: 57600, autoOpen: false, hupcl: false }),
        }
      : {}),
  };
}

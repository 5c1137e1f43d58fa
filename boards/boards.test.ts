import { describe, expect, it } from "vitest";
import {
  BOARDS,
  boardSchema,
  findBoard,
  findKit,
  findPin,
  formatWiringIssue,
  kitSchema,
  KITS,
  TWO_WD_GEOMETRY,
  validateKitWiring,
  type KitProfile,
} from "./index.ts";

const uno = findBoard("uno")!;
const kit = findKit("2wd-kit")!;

/** The default kit with some wiring changed. */
function rewired(change: (kit: KitProfile) => void): KitProfile {
  const copy = structuredClone(kit);
  change(copy);
  return kitSchema.parse(copy);
}

describe("board profiles", () => {
  it("has Uno, both Nanos and the Mega, each valid under the schema", () => {
    expect(BOARDS.map((b) => b.id)).toEqual(["uno", "nano", "nano-old", "mega2560"]);
    for (const board of BOARDS) expect(boardSchema.parse(board)).toEqual(board);
  });

  it("describes the Uno's pins as the ATmega328P has them", () => {
    expect(uno.pins.filter((p) => p.pwm).map((p) => p.name)).toEqual([
      "D3",
      "D5",
      "D6",
      "D9",
      "D10",
      "D11",
    ]);
    expect(uno.pins.filter((p) => p.interrupt).map((p) => p.name)).toEqual(["D2", "D3"]);
    expect(findPin(uno, "A4")).toMatchObject({
      number: 18,
      analogChannel: 4,
      i2c: "SDA",
      digital: true,
    });
    expect(findPin(uno, "A5")?.i2c).toBe("SCL");
    expect(findPin(uno, "D0")?.usbSerial).toBe("RX");
  });

  it("knows the Nano's analog-only A6/A7 and its two bootloaders", () => {
    const nano = findBoard("nano")!;
    const old = findBoard("nano-old")!;
    expect(findPin(nano, "A7")).toMatchObject({ number: 21, digital: false, analogChannel: 7 });
    expect(nano.bootloader).toEqual({ name: "optiboot", protocol: "stk500v1", baud: 115200 });
    expect(old.bootloader.baud).toBe(57600);
    expect(old.bootloader.protocol).toBe("stk500v1");
    expect(nano.usb.map((u) => `${u.vendorId}:${u.productId}`)).toContain("1a86:7523");
  });

  it("gives the Mega its own I2C pins, 16 analog inputs and an STK500v2 bootloader", () => {
    const mega = findBoard("mega2560")!;
    expect(mega.bootloader.protocol).toBe("stk500v2");
    expect(findPin(mega, "D20")?.i2c).toBe("SDA");
    expect(findPin(mega, "D21")?.i2c).toBe("SCL");
    expect(findPin(mega, "A15")).toMatchObject({ number: 69, analogChannel: 15 });
    expect(mega.pins.filter((p) => p.pwm)).toHaveLength(15);
    expect(mega.usb.map((u) => `${u.vendorId}:${u.productId}`)).toEqual(
      expect.arrayContaining(["2341:0042", "2341:0010", "1a86:7523", "0403:6001"]),
    );
  });

  it("refuses a malformed profile", () => {
    const broken = { ...uno, usb: [{ ...uno.usb[0], vendorId: "2341X" }] };
    expect(boardSchema.safeParse(broken).success).toBe(false);
    expect(boardSchema.safeParse({ ...uno, schemaVersion: 2 }).success).toBe(false);
  });
});

describe("kits", () => {
  it("the 2WD kits wire cleanly on their board and carry the simulator's geometry", () => {
    expect(KITS.length).toBeGreaterThanOrEqual(2);
    for (const k of KITS) expect(validateKitWiring(k, findBoard(k.board)!)).toEqual([]);
    expect(kit.geometry).toEqual(TWO_WD_GEOMETRY);
    expect(kit.motors?.driver).toBe("L298N");
    expect(findKit("2wd-kit-tb6612")?.motors?.standby).toBe("D11");
  });

  it("names both parts of a pin conflict, in French and in English", () => {
    const bad = rewired((k) => (k.gripper!.signal = "D12"));
    const issues = validateKitWiring(bad, uno);
    expect(issues.map((i) => [i.code, i.pin])).toEqual([["pin-conflict", "D12"]]);
    expect(formatWiringIssue(issues[0]!, "fr")).toBe(
      "La broche D12 est branchée deux fois : capteur à ultrasons (TRIG) et servo de la pince (SIGNAL). Une broche ne sert qu’à une chose.",
    );
    expect(formatWiringIssue(issues[0]!, "en")).toContain(
      "Pin D12 is wired twice: ultrasonic sensor (TRIG) and gripper servo (SIGNAL)",
    );
  });

  it("catches PWM on a pin without PWM, and lists the PWM pins", () => {
    const issues = validateKitWiring(
      rewired((k) => (k.motors!.left.pwm = "D2")),
      uno,
    );
    expect(issues.map((i) => [i.code, i.pin])).toEqual([["needs-pwm", "D2"]]);
    expect(formatWiringIssue(issues[0]!, "en")).toBe(
      "Terminal ENA of the left motor sets the speed: it must go to a PWM pin (~). Pin D2 has no PWM; PWM pins on the Arduino Uno: D3, D5, D6, D9, D10, D11.",
    );
    expect(formatWiringIssue(issues[0]!, "fr")).toContain("La broche D2 n’a pas de PWM");
  });

  it("catches an analog sensor on a digital-only pin and a digital use of an analog-only pin", () => {
    const issues = validateKitWiring(
      rewired((k) => (k.lineSensors!.center = "D13")),
      uno,
    );
    expect(issues.map((i) => [i.code, i.pin])).toEqual([["needs-analog", "D13"]]);
    expect(formatWiringIssue(issues[0]!, "fr")).toContain("La broche D13 est numérique seulement");

    const nanoKit = rewired((k) => {
      k.board = "nano";
      k.gripper!.signal = "A7";
    });
    const nanoIssues = validateKitWiring(nanoKit, findBoard("nano")!);
    expect(nanoIssues.map((i) => [i.code, i.pin])).toEqual([["needs-digital", "A7"]]);
    expect(formatWiringIssue(nanoIssues[0]!, "en")).toContain("Pin A7 is an analog input only");
  });

  it("catches I2C on the wrong pins, and knows the Mega's I2C pins differ", () => {
    const issues = validateKitWiring(
      rewired((k) => (k.colorSensor!.sda = "A3")),
      uno,
    );
    expect(issues.map((i) => [i.code, i.pin])).toEqual([["wrong-i2c-pin", "A3"]]);
    expect(formatWiringIssue(issues[0]!, "fr")).toBe(
      "La borne SDA du capteur de couleur (bus I2C) doit aller sur la broche A4 de la carte Arduino Uno, pas sur A3.",
    );
    const onMega = validateKitWiring(kit, findBoard("mega2560")!);
    expect(onMega[0]?.code).toBe("board-mismatch");
    expect(onMega.filter((i) => i.code === "wrong-i2c-pin").map((i) => i.pin)).toEqual([
      "A4",
      "A5",
    ]);
  });

  it("refuses the USB serial pins and pins the board does not have", () => {
    const issues = validateKitWiring(
      rewired((k) => {
        k.motors!.right.in1 = "D1";
        k.motors!.right.in2 = "D40";
      }),
      uno,
    );
    expect(issues.map((i) => [i.code, i.pin])).toEqual([
      ["usb-serial-pin", "D1"],
      ["unknown-pin", "D40"],
    ]);
    expect(formatWiringIssue(issues[1]!, "fr")).toBe(
      "La broche D40 n’existe pas sur la carte Arduino Uno (moteur droit, borne IN4).",
    );
  });

  it("refuses a kit whose data does not fit the schema", () => {
    const result = kitSchema.safeParse({ ...kit, motors: { ...kit.motors, left: { pwm: "5" } } });
    expect(result.success).toBe(false);
  });
});

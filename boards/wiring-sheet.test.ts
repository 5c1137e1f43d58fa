import { describe, expect, it } from "vitest";
import {
  connectionsOf,
  findBoard,
  findKit,
  kitSchema,
  PART_NAMES,
  renderWiringSheet,
} from "./index.ts";

/**
 * A small XML well-formedness check: every tag closes in order, attributes are quoted, text holds
 * no raw `<` or stray `&`. Returns the element names met, in document order.
 */
function parseXml(xml: string): string[] {
  const names: string[] = [];
  const stack: string[] = [];
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, "");
  const token = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let match: RegExpExecArray | null;
  let at = 0;
  while (at < body.length && (match = token.exec(body))) {
    at = token.lastIndex;
    const [, closing, name, , selfClosing, textContent] = match;
    if (textContent !== undefined) {
      if (/&(?!(amp|lt|gt|quot|apos);)/.test(textContent))
        throw new Error(`raw & in ${textContent}`);
      continue;
    }
    if (closing) {
      if (stack.pop() !== name) throw new Error(`</${name}> closes the wrong element`);
    } else {
      names.push(name!);
      if (!selfClosing) stack.push(name!);
    }
  }
  if (at !== body.length) throw new Error(`cannot parse near: ${body.slice(at, at + 60)}`);
  if (stack.length) throw new Error(`unclosed: ${stack.join(", ")}`);
  return names;
}

const uno = findBoard("uno")!;
const kit = findKit("2wd-kit")!;

describe("wiring sheet", () => {
  it("is well-formed SVG", () => {
    const svg = renderWiringSheet(kit, uno, "fr");
    const names = parseXml(svg);
    expect(names[0]).toBe("svg");
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(() => parseXml("<svg><g></svg>")).toThrow();
  });

  it("lists every connection, one table row each, and draws one wire each", () => {
    const svg = renderWiringSheet(kit, uno, "en");
    const connections = connectionsOf(kit);
    expect(connections).toHaveLength(14);
    const rows = [
      ...svg.matchAll(/<g class="connection" data-pin="([^"]+)" data-part="([^"]+)">/g),
    ];
    expect(rows.map((r) => `${r[1]}:${r[2]}`)).toEqual(
      connections.map((c) => `${c.boardPin}:${c.part}`),
    );
    expect(svg.match(/<path /g)).toHaveLength(connections.length);
    for (const c of connections) expect(svg).toContain(`>${c.partPin}</text>`);
  });

  it("speaks the teacher's language", () => {
    const fr = renderWiringSheet(kit, uno, "fr");
    const en = renderWiringSheet(kit, uno, "en");
    expect(fr).toContain("Câblage : Kit 2 roues motrices sur Arduino Uno");
    expect(fr).toContain(">Liste des fils<");
    expect(fr).toContain(`>${PART_NAMES.colorSensor.fr}<`);
    expect(fr).toContain("vitesse (PWM)");
    expect(en).toContain("Wiring: 2WD kit on Arduino Uno");
    expect(en).toContain(">List of wires<");
    expect(en).not.toContain("Liste des fils");
  });

  it("prints wiring problems on the sheet, escaped", () => {
    const bad = kitSchema.parse({
      ...kit,
      gripper: { ...kit.gripper, signal: "D2" },
      motors: { ...kit.motors, left: { ...kit.motors!.left, pwm: "D2" } },
    });
    const svg = renderWiringSheet(bad, uno, "fr");
    parseXml(svg);
    expect(svg).toContain("Problèmes de câblage");
    expect(svg).toContain("La broche D2 n’a pas de PWM");
    expect(svg).toContain("La broche D2 est branchée deux fois");
  });
});

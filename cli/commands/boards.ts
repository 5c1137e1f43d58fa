/** `robotyc boards [--json] [--no-probe]`: the serial ports and the boards recognised on them. */
import {
  describePorts,
  discoverPorts,
  serialportDiscoveryDeps,
} from "../../firmware-bridge/index.ts";
import { format, type Localized } from "../../runtime/index.ts";
import { defineCommand, type CommandSpec } from "./args.ts";
import { errorText } from "./errors.ts";

const messages = {
  summary: {
    fr: "liste les ports série et les cartes reconnues",
    en: "lists serial ports and recognised boards",
  },
  json: {
    fr: "écrit la liste en JSON (port, identifiants USB, cartes possibles)",
    en: "writes the list as JSON (port, USB ids, possible boards)",
  },
  noProbe: {
    fr: "ne parle pas aux cartes : les reconnaît seulement par leurs identifiants USB",
    en: "does not talk to the boards: recognises them by their USB ids only",
  },
  failed: {
    fr: "Impossible de lister les ports série : {detail}",
    en: "Cannot list the serial ports: {detail}",
  },
} satisfies Record<string, Localized>;

export const BOARDS_SPEC: CommandSpec = {
  name: "boards",
  summary: messages.summary,
  options: [
    { name: "json", kind: "flag", help: messages.json },
    { name: "no-probe", kind: "flag", help: messages.noProbe },
  ],
};

export default defineCommand(BOARDS_SPEC, async (parsed, io) => {
  try {
    const ports = await discoverPorts(await serialportDiscoveryDeps(!parsed.flags.has("no-probe")));
    io.out(
      parsed.flags.has("json") ? JSON.stringify(ports, null, 2) : describePorts(ports, io.locale),
    );
    return 0;
  } catch (error) {
    io.err(format(messages.failed, io.locale, { detail: errorText(error, io.locale) }));
    return 1;
  }
});

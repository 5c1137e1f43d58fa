/** `robotyc boards [--json] [--no-probe]`: the serial ports and the boards recognised on them. */
import { format } from "../../runtime/index.ts";
import type { Command } from "../main.ts";

const messages = {
  summary: {
    fr: "Liste les ports série et les cartes reconnues (--json, --no-probe)",
    en: "Lists serial ports and recognised boards (--json, --no-probe)",
  },
  badOption: {
    fr: "Option inconnue : « {option} ». Options : --json, --no-probe.",
    en: 'Unknown option: "{option}". Options: --json, --no-probe.',
  },
  failed: {
    fr: "Impossible de lister les ports série : {detail}",
    en: "Cannot list the serial ports: {detail}",
  },
};

const command: Command = {
  summary: messages.summary,
  async run(args, io) {
    // The work loads here, not with the command: `robotyc --help` stays instant.
    const { describePorts, discoverPorts, serialportDiscoveryDeps } =
      await import("../../firmware-bridge/index.ts");
    const unknown = args.find((a) => a !== "--json" && a !== "--no-probe");
    if (unknown) {
      io.err(format(messages.badOption, io.locale, { option: unknown }));
      return 2;
    }
    try {
      const ports = await discoverPorts(
        await serialportDiscoveryDeps(!args.includes("--no-probe")),
      );
      io.out(
        args.includes("--json") ? JSON.stringify(ports, null, 2) : describePorts(ports, io.locale),
      );
      return 0;
    } catch (error) {
      io.err(format(messages.failed, io.locale, { detail: (error as Error).message }));
      return 1;
    }
  },
};
export default command;

/** `robotyc start` (what `npm start` runs): an example program on the flagship level. */
import type { Localized } from "../../runtime/index.ts";
import type { Command } from "../main.ts";
import run from "./run.ts";

const summary: Localized = {
  fr: "lance un programme d'exemple sur la finale du trieur de déchets",
  en: "runs an example program on the waste sorter final",
};

const command: Command = {
  summary,
  async run(args, io) {
    // The work loads here, not with the command: `robotyc --help` stays instant.
    const { FLAGSHIP_ID, solutionFile } = await import("../../challenges/node.ts");
    return run.run([solutionFile(FLAGSHIP_ID), "--challenge", FLAGSHIP_ID, ...args], io);
  },
};

export default command;

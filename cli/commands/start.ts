/** `robotyc start` (what `npm start` runs): an example program on the flagship level. */
import { FLAGSHIP_ID, solutionFile } from "../../challenges/node.ts";
import type { Localized } from "../../runtime/index.ts";
import type { Command } from "../main.ts";
import run from "./run.ts";

const summary: Localized = {
  fr: "lance un programme d'exemple sur la finale du trieur de déchets",
  en: "runs an example program on the waste sorter final",
};

const command: Command = {
  summary,
  run(args, io) {
    return run.run([solutionFile(FLAGSHIP_ID), "--challenge", FLAGSHIP_ID, ...args], io);
  },
};

export default command;

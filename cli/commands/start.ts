/** `robotyc start` (what `npm start` runs): an example program on the flagship level. */
import { FLAGSHIP_ID, solutionFile } from "../../challenges/node.ts";
import type { Localized } from "../../runtime/index.ts";
import { defineCommand, type CommandSpec } from "./args.ts";
import run, { RUN_SPEC } from "./run.ts";

const summary: Localized = {
  fr: "lance un programme d'exemple sur la finale du trieur de déchets",
  en: "runs an example program on the waste sorter final",
};

/** `start` takes `run`'s options but the program and the challenge, which it chooses. */
export const START_SPEC: CommandSpec = {
  name: "start",
  summary,
  options: RUN_SPEC.options.filter((o) => o.name !== "challenge"),
};

export default defineCommand(START_SPEC, (_parsed, io, args) =>
  run.run([solutionFile(FLAGSHIP_ID), "--challenge", FLAGSHIP_ID, ...args], io),
);

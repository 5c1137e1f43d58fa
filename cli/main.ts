import { once } from "node:events";
import { format, localeFromEnv, type Locale, type Localized } from "../runtime/engine.ts";

/** A CLI command: gets its arguments and the locale, writes to stdout/stderr, returns an exit code. */
export interface Command {
  summary: Localized;
  run(args: string[], io: CommandIO): Promise<number>;
}

export interface CommandIO {
  locale: Locale;
  out(text: string): void;
  err(text: string): void;
  /**
   * When stdout or stderr has more queued than it can take (a slow pipe), a promise of the
   * moment it drains: a command that writes a lot waits for it (back-pressure).
   */
  drained?(stream: "out" | "err"): Promise<void> | undefined;
}

/** Commands load lazily, so `robotyc check` does not pay for the physics engine. */
const commands: Record<string, () => Promise<Command>> = {
  firmware: async () => (await import("./commands/firmware.ts")).default,
  flash: async () => (await import("./commands/flash.ts")).default,
  boards: async () => (await import("./commands/boards.ts")).default,
  wiring: async () => (await import("./commands/wiring.ts")).default,
  challenges: async () => (await import("./commands/challenges.ts")).default,
  check: async () => (await import("./commands/check.ts")).default,
  run: async () => (await import("./commands/run.ts")).default,
  grade: async () => (await import("./commands/grade.ts")).default,
  start: async () => (await import("./commands/start.ts")).default,
  classify: async () => (await import("./commands/classify.ts")).default,
  classroom: async () => (await import("./commands/classroom.ts")).default,
  submit: async () => (await import("./commands/submit.ts")).default,
  worker: async () => (await import("./commands/worker.ts")).default,
};

const messages = {
  usage: {
    fr: "Utilisation : robotyc <commande> [options]\n\nCommandes :",
    en: "Usage: robotyc <command> [options]\n\nCommands:",
  },
  unknown: {
    fr: "Commande inconnue : « {name} ». Tape « robotyc help » pour la liste.",
    en: 'Unknown command: "{name}". Type "robotyc help" for the list.',
  },
} satisfies Record<string, Localized>;

/** One promise per stream while it is full, however many writers wait on it. */
const draining = new Map<"out" | "err", Promise<void>>();
function drainedOf(name: "out" | "err"): Promise<void> | undefined {
  const stream = name === "out" ? process.stdout : process.stderr;
  if (!stream.writableNeedDrain) return undefined;
  let waiting = draining.get(name);
  if (!waiting) {
    waiting = once(stream, "drain").then(() => void draining.delete(name));
    draining.set(name, waiting);
  }
  return waiting;
}

export async function main(argv: string[], io?: Partial<CommandIO>): Promise<number> {
  const locale = io?.locale ?? localeFromEnv(process.env);
  const full: CommandIO = {
    locale,
    out: io?.out ?? ((text) => process.stdout.write(text.endsWith("\n") ? text : text + "\n")),
    err: io?.err ?? ((text) => process.stderr.write(text.endsWith("\n") ? text : text + "\n")),
    drained: io?.drained ?? drainedOf,
  };
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    const lines = [format(messages.usage, locale)];
    for (const [cmd, load] of Object.entries(commands)) {
      lines.push(`  ${cmd.padEnd(12)} ${format((await load()).summary, locale)}`);
    }
    full.out(lines.join("\n"));
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    full.err(format(messages.unknown, locale, { name }));
    return 2;
  }
  return (await load()).run(rest, full);
}

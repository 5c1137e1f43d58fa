/**
 * The command line every command shares: a command declares its arguments and options once; the
 * same declaration parses them (each mistake gets its own sentence: a value that is not a whole
 * number, an option misspelt, one missing) and writes `--help`.
 */
import { format, type Locale, type Localized, type MessageParams } from "../../runtime/index.ts";
import type { Command, CommandIO } from "../main.ts";
import { errorText } from "./errors.ts";

/**
 * How an option's value is read: `text` as it is, `whole` a whole number from 0, `count` one from
 * 1, `seeds` a list of whole numbers (`1,2,3`, `1..5`); a `flag` takes no value.
 */
export type OptionKind = "flag" | "text" | "whole" | "count" | "seeds";

export interface OptionSpec {
  name: string;
  kind: OptionKind;
  /** What the value is, in the usage line (`<n>`, `<fichier>`); flags have none. */
  value?: Localized;
  help: Localized;
  required?: boolean;
}

export interface ArgumentSpec {
  /** What the argument is, in the usage line (`<programme.ts>`). */
  value: Localized;
  help: Localized;
  /** How many: exactly one (default), one or more, or none or one. */
  count?: "one" | "many" | "optional";
}

export interface CommandSpec {
  name: string;
  summary: Localized;
  arguments?: readonly ArgumentSpec[];
  options: readonly OptionSpec[];
  /** Lines after the options in `--help` (the ids an option accepts, an example). */
  notes?: (locale: Locale) => string[];
}

export interface ParsedArgs {
  positional: string[];
  /** Text values by option name (every option given with a value, as typed). */
  options: Record<string, string>;
  /** The values of `whole` and `count` options, read. */
  numbers: Record<string, number>;
  /** The values of `seeds` options, read. */
  lists: Record<string, number[]>;
  flags: Set<string>;
}

const words = {
  usage: { fr: "Utilisation : {line}", en: "Usage: {line}" },
  arguments: { fr: "Arguments :", en: "Arguments:" },
  options: { fr: "Options :", en: "Options:" },
  required: { fr: "(obligatoire)", en: "(required)" },
  help: { fr: "affiche cette aide", en: "shows this help" },
  seeMore: {
    fr: "Aide : robotyc {command} --help",
    en: "Help: robotyc {command} --help",
  },
  unknown: {
    fr: "Option inconnue : {option}. Options de « robotyc {command} » : {all}.",
    en: 'Unknown option: {option}. Options of "robotyc {command}": {all}.',
  },
  didYouMean: {
    fr: "Option inconnue : {option}. Voulais-tu dire {suggestion} ?",
    en: "Unknown option: {option}. Did you mean {suggestion}?",
  },
  needsValue: {
    fr: "{option} attend une valeur : {option} {value}.",
    en: "{option} needs a value: {option} {value}.",
  },
  flagValue: {
    fr: "{option} ne prend pas de valeur.",
    en: "{option} takes no value.",
  },
  whole: {
    fr: "{option} attend un nombre entier (reçu : « {got} »).",
    en: '{option} expects a whole number (got "{got}").',
  },
  count: {
    fr: "{option} attend un nombre entier, au moins 1 (reçu : « {got} »).",
    en: '{option} expects a whole number, at least 1 (got "{got}").',
  },
  seeds: {
    fr: "{option} attend des nombres entiers séparés par des virgules, comme 1,2,3 ou 1..5 (reçu : « {got} »).",
    en: '{option} expects whole numbers separated by commas, such as 1,2,3 or 1..5 (got "{got}").',
  },
  missingOption: {
    fr: "Il manque l'option {option} {value} : {help}.",
    en: "The option {option} {value} is missing: {help}.",
  },
  missingArgument: {
    fr: "Il manque {value} : {help}.",
    en: "{value} is missing: {help}.",
  },
  extra: {
    fr: "Argument en trop : « {arg} ».",
    en: 'One argument too many: "{arg}".',
  },
} satisfies Record<string, Localized>;

/** A mistake on the command line: its message, then where to find help. */
export class UsageError extends Error {
  constructor(
    readonly text: Localized,
    readonly params: MessageParams = {},
  ) {
    super(format(text, "en", params));
    this.name = "UsageError";
  }
}

/** Edit distance (insert, delete, replace, swap two neighbours), for "did you mean". */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      }
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** The known name closest to `name`, when it is close enough to be a slip of the keyboard. */
export function closest(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = distance(name.toLowerCase(), candidate.toLowerCase());
    const near =
      d <= (candidate.length <= 4 ? 1 : 2) || (name.length >= 3 && candidate.startsWith(name));
    if (near && d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** A whole, non-negative number, or undefined. */
export function wholeNumber(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d+$/.test(text.trim())) return undefined;
  const n = Number(text.trim());
  return Number.isSafeInteger(n) ? n : undefined;
}

/** `1,2,3`, `1..5` or `1-5`, or a mix (`1,4..6`): the whole numbers listed, or undefined. */
export function seedList(text: string): number[] | undefined {
  const seeds: number[] = [];
  for (const part of text.split(",")) {
    const range = /^\s*(\d+)\s*(?:\.\.|-)\s*(\d+)\s*$/.exec(part);
    if (range) {
      const [from, to] = [wholeNumber(range[1]), wholeNumber(range[2])];
      if (from === undefined || to === undefined || to < from || to - from >= 10_000) return;
      for (let s = from; s <= to; s++) seeds.push(s);
    } else {
      const seed = wholeNumber(part);
      if (seed === undefined) return undefined;
      seeds.push(seed);
    }
  }
  return seeds.length > 0 ? seeds : undefined;
}

const dashed = (name: string) => `--${name}`;

/** Reads the command line against the command's declaration; throws a `UsageError`. */
export function parseCommandLine(spec: CommandSpec, args: readonly string[]): ParsedArgs {
  const parsed: ParsedArgs = {
    positional: [],
    options: {},
    numbers: {},
    lists: {},
    flags: new Set(),
  };
  const byName = new Map(spec.options.map((o) => [o.name, o]));
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith("--") || arg === "--") {
      parsed.positional.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const option = byName.get(name);
    if (!option) {
      const suggestion = closest(name, [...byName.keys()]);
      throw suggestion
        ? new UsageError(words.didYouMean, { option: dashed(name), suggestion: dashed(suggestion) })
        : new UsageError(words.unknown, {
            option: dashed(name),
            command: spec.name,
            all: [...byName.keys(), "help"].map(dashed).join(", "),
          });
    }
    const shown = dashed(name);
    if (option.kind === "flag") {
      if (eq >= 0) throw new UsageError(words.flagValue, { option: shown });
      parsed.flags.add(name);
      continue;
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : args[++i];
    if (value === undefined || value === "" || (eq < 0 && value.startsWith("--"))) {
      throw new UsageError(words.needsValue, { option: shown, value: option.value ?? "" });
    }
    parsed.options[name] = value;
    if (option.kind === "whole" || option.kind === "count") {
      const n = wholeNumber(value);
      if (n === undefined || (option.kind === "count" && n < 1)) {
        throw new UsageError(words[option.kind], { option: shown, got: value });
      }
      parsed.numbers[name] = n;
    } else if (option.kind === "seeds") {
      const seeds = seedList(value);
      if (!seeds) throw new UsageError(words.seeds, { option: shown, got: value });
      parsed.lists[name] = seeds;
    }
  }
  for (const option of spec.options) {
    if (option.required && parsed.options[option.name] === undefined) {
      throw new UsageError(words.missingOption, {
        option: dashed(option.name),
        value: option.value ?? "",
        help: option.help,
      });
    }
  }
  const expected = spec.arguments ?? [];
  let at = 0;
  for (const argument of expected) {
    if (argument.count === "many") {
      if (at >= parsed.positional.length) throw missingArgument(argument);
      at = parsed.positional.length;
    } else if (at < parsed.positional.length) at++;
    else if (argument.count !== "optional") throw missingArgument(argument);
  }
  if (at < parsed.positional.length) {
    throw new UsageError(words.extra, { arg: parsed.positional[at]! });
  }
  return parsed;
}

function missingArgument(argument: ArgumentSpec): UsageError {
  return new UsageError(words.missingArgument, { value: argument.value, help: argument.help });
}

function valueOf(option: OptionSpec, locale: Locale): string {
  return option.value ? format(option.value, locale) : "";
}

/** The usage line: `robotyc run <programme.ts> --challenge <id> [--seed <n>] [--json]`. */
export function usageLine(spec: CommandSpec, locale: Locale): string {
  const parts = [`robotyc ${spec.name}`];
  for (const argument of spec.arguments ?? []) {
    const value = format(argument.value, locale);
    parts.push(
      argument.count === "many"
        ? `${value}...`
        : argument.count === "optional"
          ? `[${value}]`
          : value,
    );
  }
  for (const option of spec.options) {
    const text = [dashed(option.name), valueOf(option, locale)].filter(Boolean).join(" ");
    parts.push(option.required ? text : `[${text}]`);
  }
  return parts.join(" ");
}

/** `--help`: the usage line, what the command does, every argument and option explained. */
export function helpText(spec: CommandSpec, locale: Locale): string {
  const rows: [string, string][] = [];
  const lines = [format(words.usage, locale, { line: usageLine(spec, locale) }), ""];
  const summary = format(spec.summary, locale);
  lines.push(summary.charAt(0).toUpperCase() + summary.slice(1) + ".");
  const argumentRows: [string, string][] = (spec.arguments ?? []).map((a) => [
    format(a.value, locale),
    format(a.help, locale),
  ]);
  const optionRows: [string, string][] = [
    ...spec.options.map((o): [string, string] => [
      [dashed(o.name), valueOf(o, locale)].filter(Boolean).join(" "),
      format(o.help, locale) + (o.required ? ` ${format(words.required, locale)}` : ""),
    ]),
    ["--help", format(words.help, locale)],
  ];
  rows.push(...argumentRows, ...optionRows);
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  const table = (block: [string, string][]) =>
    block.map(([left, right]) => `  ${left.padEnd(width)}${right}`);
  if (argumentRows.length > 0)
    lines.push("", format(words.arguments, locale), ...table(argumentRows));
  lines.push("", format(words.options, locale), ...table(optionRows));
  const notes = spec.notes?.(locale) ?? [];
  if (notes.length > 0) lines.push("", ...notes);
  return lines.join("\n");
}

/**
 * A command from its declaration and its work: `--help` (or `-h`) prints the help and exits 0; a
 * mistake on the command line prints its sentence and where to find help, exit 2; an error the
 * work throws prints as a sentence (never a stack trace), exit 1.
 */
export function defineCommand(
  spec: CommandSpec,
  run: (parsed: ParsedArgs, io: CommandIO, args: readonly string[]) => Promise<number>,
): Command & { spec: CommandSpec } {
  return {
    spec,
    summary: spec.summary,
    async run(args, io) {
      if (args.includes("--help") || args.includes("-h")) {
        io.out(helpText(spec, io.locale));
        return 0;
      }
      try {
        return await run(parseCommandLine(spec, args), io, args);
      } catch (error) {
        if (error instanceof UsageError) {
          io.err(usageProblem(spec, error, io.locale));
          return 2;
        }
        io.err(errorText(error, io.locale));
        return 1;
      }
    },
  };
}

/** A usage mistake, found while parsing or by the command itself, and where to find help. */
export function usageProblem(spec: CommandSpec, error: UsageError, locale: Locale): string {
  return [
    format(error.text, locale, error.params),
    format(words.seeMore, locale, { command: spec.name }),
  ].join("\n");
}

/**
 * The earlier, bare parser (`--name value`, `--flag`, positional arguments), kept for a command
 * not yet declared with `defineCommand`: undefined on an unknown option or a missing value.
 */
export function parseArgs(
  args: readonly string[],
  withValue: readonly string[],
  flags: readonly string[],
): { positional: string[]; options: Record<string, string>; flags: Set<string> } | undefined {
  const parsed = {
    positional: [] as string[],
    options: {} as Record<string, string>,
    flags: new Set<string>(),
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith("--")) {
      parsed.positional.push(arg);
      continue;
    }
    const name = arg.slice(2);
    if (flags.includes(name)) parsed.flags.add(name);
    else if (withValue.includes(name)) {
      const value = args[++i];
      if (value === undefined || value.startsWith("--")) return undefined;
      parsed.options[name] = value;
    } else return undefined;
  }
  return parsed;
}

/** A small option parser for the commands: `--name value`, `--flag`, and positional arguments. */
export interface ParsedArgs {
  positional: string[];
  options: Record<string, string>;
  flags: Set<string>;
}

/** Returns undefined (bad usage) on an unknown option or a missing value. */
export function parseArgs(
  args: readonly string[],
  withValue: readonly string[],
  flags: readonly string[],
): ParsedArgs | undefined {
  const parsed: ParsedArgs = { positional: [], options: {}, flags: new Set() };
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

/** A whole, non-negative number, or undefined. */
export function wholeNumber(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : undefined;
}

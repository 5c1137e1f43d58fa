/**
 * Files in the web app: « Ouvrir » reads a file the pupil picks (a file input), « Enregistrer »
 * downloads the program. The desktop shell will give its own implementation of the same calls.
 */

/** Largest file « Ouvrir » reads (a replay of a long run is a few hundred kB). */
export const MAX_OPEN_BYTES = 8 * 1024 * 1024;

export type OpenedFile =
  | { kind: "program"; name: string; text: string }
  | { kind: "replay"; name: string; value: unknown }
  | { kind: "error"; name: string; key: string; args?: Record<string, unknown> };

/** Reads what the pupil picked: a `.ts` program or a `.json` replay; anything else is refused. */
export async function readPicked(file: File): Promise<OpenedFile> {
  const name = file.name;
  if (file.size > MAX_OPEN_BYTES) {
    return {
      kind: "error",
      name,
      key: "files.tooBig",
      args: { size: Math.ceil(file.size / 1024), max: MAX_OPEN_BYTES / 1024 },
    };
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
  } catch {
    return { kind: "error", name, key: "files.notUtf8" };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lower = name.toLowerCase();
  if (lower.endsWith(".json") || /^\s*\{/.test(text)) {
    try {
      return { kind: "replay", name, value: JSON.parse(text) };
    } catch {
      if (lower.endsWith(".json")) return { kind: "error", name, key: "files.unknownType" };
    }
  }
  if (lower.endsWith(".ts") || lower.endsWith(".txt") || !lower.includes(".")) {
    return { kind: "program", name, text };
  }
  return { kind: "error", name, key: "files.unknownType" };
}

/** Offers `text` as a download named `name`. */
export function download(name: string, text: string, type = "text/plain"): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.style.display = "none";
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

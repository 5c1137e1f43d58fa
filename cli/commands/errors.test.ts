import { spawn } from "node:child_process";
import { readFileSync, rmdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { main } from "../main.ts";
import { errorText } from "./errors.ts";

/** The error a real system call throws. */
function thrown(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  throw new Error("the call did not fail");
}

function spawnError(program: string): Promise<unknown> {
  return new Promise((resolve) => spawn(program).on("error", resolve));
}

/** Nothing a programmer reads: no error code, no system call, no stack frame. */
function plain(text: string) {
  expect(text).not.toMatch(/\bE[A-Z]{3,}\b|syscall|\bopen '|\n\s+at |node:internal/);
}

describe("system errors become sentences that say what to do", () => {
  it("a missing file, a refused write, a busy resource, a program not installed", async () => {
    const cases: [unknown, string][] = [
      [
        thrown(() => readFileSync("absent/programme.ts")),
        "« absent/programme.ts » n'existe pas. Vérifie le nom et le dossier.",
      ],
      [
        thrown(() => writeFileSync("/sys/kernel/robotyc.csv", "x")),
        "Accès refusé à « /sys/kernel/robotyc.csv ». Choisis un dossier où tu as le droit d'écrire, ou demande les droits.",
      ],
      [
        thrown(() => rmdirSync("/proc")),
        "« /proc » est occupé par un autre programme. Ferme-le (le moniteur série de l'IDE Arduino, par exemple), puis réessaie.",
      ],
      [
        await spawnError("robotyc-no-such-program"),
        "Le programme « robotyc-no-such-program » n'est pas installé sur cet ordinateur (ou pas dans le PATH). Installe-le, puis réessaie.",
      ],
    ];
    for (const [error, sentence] of cases) {
      expect(errorText(error, "fr")).toBe(sentence);
      plain(errorText(error, "en"));
    }
  });

  it("an unexpected error shows neither its stack nor Robotyc's own paths", () => {
    const inside = fileURLToPath(new URL("../../package.json", import.meta.url));
    const text = errorText(new TypeError(`boom at ${inside}:51\n    at placeItems`), "en");
    expect(text).toBe(
      "Robotyc internal error: boom at …. It is not your fault: report it, with the command you typed.",
    );
  });

  it("a command given a missing file says so in the user's language", async () => {
    const err: string[] = [];
    const io = { locale: "fr" as const, out: () => {}, err: (t: string) => err.push(t) };
    expect(await main(["run", "absent.ts", "--challenge", "trieur-1-zone"], io)).toBe(2);
    expect(err.join("\n")).toBe(
      "Impossible de lire le programme « absent.ts » : « absent.ts » n'existe pas. Vérifie le nom et le dossier.",
    );
  });

  it("a challenge file that does not exist: a reason in words, not ENOENT", async () => {
    const err: string[] = [];
    const io = { locale: "fr" as const, out: () => {}, err: (t: string) => err.push(t) };
    const program = fileURLToPath(new URL("../../examples/", import.meta.url));
    expect(await main(["run", program, "--challenge", "absent.json"], io)).toBe(2);
    expect(err.join("\n")).toBe(
      "Impossible de lire le fichier de défi « absent.json » : il n'existe pas",
    );
  });
});

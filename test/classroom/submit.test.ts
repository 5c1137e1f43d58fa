import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { solutionFile } from "../../challenges/node.ts";
import { call, startTestClass, type TestClass } from "../../classroom/testing.ts";
import { main } from "../../cli/main.ts";

const CLI = fileURLToPath(new URL("../../cli/robotyc.mjs", import.meta.url));
const home = mkdtempSync(join(tmpdir(), "robotyc-submit-home-"));
let cls: TestClass;

/** `robotyc submit` in its own process, as a pupil runs it from a terminal. */
async function submit(...args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [CLI, "submit", ...args],
      {
        env: { ...process.env, HOME: home, ROBOTYC_LANG: "fr" },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  cls = await startTestClass({ challenge: "trieur-1-zone", seeds: [1, 2], threads: 1 });
  await call(cls.url, "/api/session/start", { method: "POST", token: cls.teacher });
});
afterAll(async () => {
  await cls?.close();
});

describe("robotyc submit", () => {
  it("joins, sends, waits for the score and prints its breakdown; the next send is the same pupil", async () => {
    const server = ["--server", cls.url, "--code", cls.code.toLowerCase(), "--name", "Zoé"];
    const first = await submit(solutionFile("trieur-1-zone"), ...server);
    expect(first.code).toBe(0);
    expect(first.stderr).toContain("Tu as rejoint la classe sous le nom « Zoé »");
    expect(first.stdout).toContain("Graine 1 : 40 / 40 (terminé à");
    expect(first.stdout).toContain("+30 zone de collecte atteinte");
    expect(first.stdout.trim().split("\n").at(-1)).toBe("Note : 40 / 40");

    const broken = join(home, "casse.ts");
    writeFileSync(broken, "await robot.forward(10);\nthrow new Error('aïe');\n");
    await new Promise((r) => setTimeout(r, 5000)); // one submission per 5 s
    const second = await submit(broken, ...server);
    expect(second.code).toBe(1);
    expect(second.stderr).not.toContain("rejoint");
    expect(second.stdout).toMatch(/Le programme a échoué \(ligne 2\) : .*aïe/);
    const board = await call<{ name: string; submissions: number }[]>(cls.url, "/api/scoreboard", {
      token: cls.teacher,
    });
    expect(board.data).toEqual([expect.objectContaining({ name: "Zoé", submissions: 2 })]);
  }, 120_000);

  it("says clearly why a submission is refused", async () => {
    const robotyc = async (...args: string[]) => {
      const err: string[] = [];
      const code = await main(["submit", ...args], {
        locale: "fr",
        out: () => undefined,
        err: (t) => err.push(t),
      });
      return { code, stderr: err.join("\n") };
    };
    const program = solutionFile("trieur-1-zone");
    const wrong = await robotyc(program, "--server", cls.url, "--code", "ZZZZZZ", "--name", "Yan");
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("Ce code de classe n'existe pas");
    // A port that was free a moment ago: nothing listens there.
    const closed = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, "127.0.0.1", () => {
        const { port } = server.address() as AddressInfo;
        server.close(() => resolve(port));
      });
    });
    const away = await robotyc(
      program,
      "--server",
      `http://127.0.0.1:${closed}`,
      "--code",
      "Q",
      "--name",
      "Y",
    );
    expect(away.code).toBe(2);
    // Why, in words: never "fetch failed" or ECONNREFUSED.
    expect(away.stderr).toBe(
      `Impossible de joindre le serveur de la classe « http://127.0.0.1:${closed} » : rien ne répond à cette adresse (le serveur est-il lancé ?). Vérifie l'adresse au tableau.`,
    );
    const usage = await robotyc(program);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("Utilisation : robotyc submit");
  });
});

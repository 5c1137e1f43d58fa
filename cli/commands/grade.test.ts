import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  gradeFolder,
  resolveChallenge,
  runChallenge,
  solutionFile,
  type GradeRow,
} from "../../challenges/node.ts";
import { main } from "../main.ts";

const CHALLENGE = "trieur-2-pousser";

function classFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), "robotyc-grade-"));
  copyFileSync(solutionFile(CHALLENGE), join(dir, "alice.ts"));
  writeFileSync(join(dir, "bob.ts"), "await robot.forward(\n");
  writeFileSync(
    join(dir, "chloe.ts"),
    "robot.setSpeed(80);\nawait robot.forward(95);\nthrow new Error('oops');\n",
  );
  writeFileSync(join(dir, "notes.txt"), "not a program");
  return dir;
}

async function robotyc(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { locale: "en", out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

describe("robotyc grade", () => {
  it("grades every program on every seed; broken programs never stop the others", async () => {
    const dir = classFolder();
    const out = join(dir, "results.json");
    const r = await robotyc(
      "grade",
      dir,
      "--challenge",
      CHALLENGE,
      "--seeds",
      "1,2",
      "--jobs",
      "2",
      "--out",
      out,
    );
    expect(r.code).toBe(0);
    const rows = JSON.parse(readFileSync(out, "utf8")) as GradeRow[];
    expect(rows.map((row) => row.program)).toEqual(["alice.ts", "bob.ts", "chloe.ts"]);
    const [alice, bob, chloe] = rows;
    expect(alice).toEqual({ program: "alice.ts", scores: [40, 40], mean: 40, errors: [] });
    expect(bob!.scores).toEqual([0, 0]);
    expect(bob!.errors.map((e) => e.seed)).toEqual([1, 2]);
    expect(bob!.errors[0]!.line).toBe(2);
    expect(chloe!.errors[0]).toMatchObject({ seed: 1, line: 3 });
    expect(chloe!.scores[0]).toBeGreaterThan(0);
    expect(readdirSync(dir).filter((f) => f.includes(".tmp"))).toEqual([]);
  });

  it("a program handed in twice under two names is run once a seed; both rows get its scores", async () => {
    const dir = mkdtempSync(join(tmpdir(), "robotyc-grade-twice-"));
    copyFileSync(solutionFile(CHALLENGE), join(dir, "alice.ts"));
    mkdirSync(join(dir, "david"));
    copyFileSync(solutionFile(CHALLENGE), join(dir, "david", "robot.ts"));
    writeFileSync(join(dir, "emma.ts"), "robot.setSpeed(60);\nawait robot.forward(95);\n");
    const report = await gradeFolder({
      folder: dir,
      challenge: CHALLENGE,
      seeds: [1, 2],
      jobs: 2,
      locale: "en",
    });
    const [alice, david, emma] = report.rows;
    expect(report.rows.map((row) => row.program)).toEqual([
      "alice.ts",
      "david/robot.ts",
      "emma.ts",
    ]);
    expect(david).toEqual({ ...alice, program: "david/robot.ts" });
    expect(alice!.scores).toEqual([40, 40]);
    expect(emma!.scores).not.toEqual(alice!.scores);
    // The copy's runs are the first one's results, its run time included (never the same twice).
    const runs = (program: string) => report.runs.filter((r) => r.program === program);
    expect(runs("david/robot.ts").map((r) => r.wallMs)).toEqual(
      runs("alice.ts").map((r) => r.wallMs),
    );
    expect(runs("emma.ts")[0]!.wallMs).not.toBe(runs("alice.ts")[0]!.wallMs);
  });

  it("writes CSV by extension; refuses bad usage with exit 2", async () => {
    const dir = classFolder();
    const csv = join(dir, "results.csv");
    const r = await robotyc(
      "grade",
      dir,
      "--challenge",
      CHALLENGE,
      "--seeds",
      "3",
      "--jobs",
      "1",
      "--out",
      csv,
    );
    expect(r.code).toBe(0);
    const lines = readFileSync(csv, "utf8").trim().split("\r\n");
    expect(lines[0]).toBe("program,seed 3,mean,errors");
    expect(lines[1]).toBe("alice.ts,40,40,");
    expect(
      (await robotyc("grade", dir, "--challenge", CHALLENGE, "--out", join(dir, "r.xlsx"))).code,
    ).toBe(2);
    expect((await robotyc("grade", dir, "--challenge", CHALLENGE, "--seeds", "1,a")).code).toBe(2);
    expect((await robotyc("grade", dir, "--challenge", CHALLENGE, "--jobs", "0")).code).toBe(2);
    expect((await robotyc("grade", join(dir, "nowhere"), "--challenge", CHALLENGE)).code).toBe(2);
    expect((await robotyc("grade", dir, "--challenge", "nope")).code).toBe(2);
    expect((await robotyc("grade", dir)).code).toBe(2);
  });
});

describe("robotyc grade reads a class as teachers keep it, and never loses its grades", () => {
  async function inFrench(...args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(args, {
      locale: "fr",
      out: (t) => out.push(t),
      err: (t) => err.push(t),
    });
    return { code, stdout: out.join("\n"), stderr: err.join("\n") };
  }

  it("reads a folder per pupil, says what it skipped, each error once per program", async () => {
    const dir = mkdtempSync(join(tmpdir(), "robotyc-class-"));
    mkdirSync(join(dir, "alice"));
    mkdirSync(join(dir, "bob"));
    mkdirSync(join(dir, ".git"));
    copyFileSync(solutionFile("trieur-1-zone"), join(dir, "alice", "robot.ts"));
    writeFileSync(join(dir, "bob", "robot.ts"), "await robot.forward(\n");
    writeFileSync(join(dir, "bob", "photo.png"), "");
    writeFileSync(join(dir, "consignes.txt"), "");
    writeFileSync(join(dir, ".git", "config"), "");
    const r = await inFrench("grade", dir, "--challenge", "trieur-1-zone", "--seeds", "1..3");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      "Ignorés (ce ne sont pas des programmes .ts ou .js) : bob/photo.png, consignes.txt",
    );
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe("programme;graine 1;graine 2;graine 3;moyenne;erreurs");
    expect(lines[1]).toBe("alice/robot.ts;40;40;40;40;");
    // One compiler error fails the three seeds: said once, not three times.
    expect(lines[2]).toBe("bob/robot.ts;0;0;0;0;Ligne 2, colonne 1 : Il manque « ) » ici.");
    expect(lines[2]).not.toContain("graine");
  });

  it("refuses a challenge whose items find no room on a seed, once, before grading", async () => {
    const dir = classFolder();
    const file = join(
      import.meta.dirname,
      "..",
      "..",
      "challenges",
      "format",
      "fixtures",
      "no-room.json",
    );
    const r = await inFrench("grade", dir, "--challenge", file, "--seeds", "1..5");
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.split("\n").at(-1)).toBe(
      `Le fichier de défi « ${file} » est invalide : champ « items.placement » : pas de place pour 30 objets dans la zone de 80 × 60 cm à 12 cm les uns des autres (graine 1). Agrandis « region », diminue « minSpacing » ou le nombre d'objets.`,
    );
  });

  it("checks the output file's folder before grading anything", async () => {
    const dir = classFolder();
    const r = await inFrench(
      "grade",
      dir,
      "--challenge",
      CHALLENGE,
      "--out",
      join("nodir", "x.csv"),
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "Le dossier « nodir » n'existe pas : impossible d'y écrire « nodir/x.csv ». Crée-le ou choisis un autre endroit.",
    );
    expect(r.stdout).toBe("");
  });

  // As root (CI), /sys/kernel passes the permission check and still refuses the file, as a full
  // disk or a pulled USB stick would after the check; other users are refused before grading.
  it.skipIf(process.getuid?.() !== 0)(
    "a write that still fails prints the results and says why",
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "robotyc-class-"));
      copyFileSync(solutionFile("trieur-1-zone"), join(dir, "Élise.ts"));
      const r = await inFrench(
        "grade",
        dir,
        "--challenge",
        "trieur-1-zone",
        "--seeds",
        "1",
        "--out",
        "/sys/kernel/notes.csv",
      );
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(
        "Impossible d'écrire « /sys/kernel/notes.csv » : Accès refusé à « /sys/kernel/notes.csv ». Choisis un dossier où tu as le droit d'écrire, ou demande les droits.\n" +
          "Voici les résultats, pour ne rien perdre :",
      );
      expect(r.stdout).toBe("programme;graine 1;moyenne;erreurs\nÉlise.ts;40;40;");
    },
  );
});

describe("fairness", () => {
  // Four runs through the command (each compiles in its own fresh compiler worker) and two
  // gradings: over a minute when the machine is busy.
  it(
    "same program, seed and challenge: same score and world in run, grade --jobs 1 and --jobs 2",
    {
      timeout: 240_000,
    },
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "robotyc-fair-"));
      copyFileSync(solutionFile(CHALLENGE), join(dir, "a.ts"));
      // A program whose score depends on the seed: it pushes only the middle lane's item.
      writeFileSync(join(dir, "b.ts"), "robot.setSpeed(60);\nawait robot.forward(95);\n");
      const seeds = [4, 5];
      const { challenge } = resolveChallenge(CHALLENGE);
      const direct = [];
      for (const program of ["a.ts", "b.ts"]) {
        for (const seed of seeds) {
          const result = await runChallenge({
            source: readFileSync(join(dir, program)),
            challenge,
            seed,
            locale: "en",
          });
          const cli = await robotyc(
            "run",
            join(dir, program),
            "--challenge",
            CHALLENGE,
            "--seed",
            String(seed),
            "--json",
          );
          expect(JSON.parse(cli.stdout).score).toBe(result.score);
          direct.push({ score: result.score, stateHash: result.trace!.stateHash });
        }
      }
      for (const jobs of [1, 2]) {
        const report = await gradeFolder({
          folder: dir,
          challenge: CHALLENGE,
          seeds,
          jobs,
          locale: "en",
        });
        expect(report.runs.map((r) => ({ score: r.score, stateHash: r.stateHash }))).toEqual(
          direct,
        );
      }
    },
  );
});

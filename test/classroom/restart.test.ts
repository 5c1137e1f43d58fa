/**
 * The teacher's machine dies mid-session: `robotyc classroom` is killed (SIGKILL) while
 * submissions wait to be graded, then started again on the same --data. No accepted submission
 * is lost, grading resumes, the countdown keeps its end time, and the class code, the teacher's
 * link and the pupils' tokens still work.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { solutionFile } from "../../challenges/node.ts";
import { call } from "../../classroom/testing.ts";

const CLI = fileURLToPath(new URL("../../cli/robotyc.mjs", import.meta.url));
const CHALLENGE = "trieur-1-zone";

interface Running {
  child: ChildProcess;
  first: { url: string; code: string; teacherToken: string };
  events: Record<string, unknown>[];
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});

/** Starts `robotyc classroom --json` and resolves with its first line. */
function startClassroom(data: string): Promise<Running> {
  const child = spawn(
    process.execPath,
    [
      CLI,
      "classroom",
      "--challenge",
      CHALLENGE,
      "--minutes",
      "30",
      "--seeds",
      "1,2",
      "--host",
      "127.0.0.1",
      "--port",
      "0",
      "--data",
      data,
      "--jobs",
      "1",
      "--json",
    ],
    { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, ROBOTYC_LANG: "fr" } },
  );
  children.push(child);
  const events: Record<string, unknown>[] = [];
  return new Promise((resolve, reject) => {
    let first: Running["first"] | undefined;
    createInterface({ input: child.stdout! }).on("line", (line) => {
      const value = JSON.parse(line) as Record<string, unknown>;
      if (!first) {
        first = value as Running["first"];
        resolve({ child, first, events });
      } else events.push(value);
    });
    child.once("exit", (code) => reject(new Error(`robotyc classroom exited (${code})`)));
  });
}

describe("robotyc classroom survives a crash", () => {
  it("grades every accepted submission after a SIGKILL and a restart on the same --data", async () => {
    const data = mkdtempSync(join(tmpdir(), "robotyc-restart-"));
    const before = await startClassroom(data);
    const { url, code, teacherToken } = before.first;
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
    const pupils = await Promise.all(
      ["Nina", "Omar", "Paul", "Rose", "Sami", "Tom"].map(async (name) => {
        const r = await call<{ token: string }>(url, "/api/join", { body: { code, name } });
        expect(r.status).toBe(201);
        return { name, token: r.data.token };
      }),
    );
    const started = await call<{ endsAt: string }>(url, "/api/session/start", {
      method: "POST",
      token: teacherToken,
    });
    const endsAt = started.data.endsAt;
    const solution = readFileSync(solutionFile(CHALLENGE), "utf8");
    const sources = pupils.map((_, i) =>
      i % 2 ? solution : `robot.setSpeed(50);\nawait robot.forward(${20 + 10 * i});\n`,
    );
    const ids = await Promise.all(
      pupils.map(async (p, i) => {
        const r = await call<{ id: number }>(url, "/api/submissions", {
          token: p.token,
          body: { source: sources[i] },
        });
        expect(r.status).toBe(201);
        return r.data.id;
      }),
    );
    // Killed at once: the first program is still compiling, nothing is graded yet.
    before.child.kill("SIGKILL");
    await new Promise((r) => before.child.once("exit", r));
    expect(before.events.filter((e) => e.type === "graded")).toHaveLength(0);

    const after = await startClassroom(data);
    expect(after.first.code).toBe(code);
    expect(after.first.teacherToken).toBe(teacherToken);
    const session = await call<{ state: string; endsAt: string }>(after.first.url, "/api/session", {
      token: teacherToken,
    });
    expect(session.data).toMatchObject({ state: "running", endsAt });

    // The pupils' tokens survived; grading resumes on its own.
    const deadline = Date.now() + 180_000;
    let list: { id: number; status: string; score: number | null }[] = [];
    while (Date.now() < deadline) {
      list = (await call<typeof list>(after.first.url, "/api/submissions", { token: teacherToken }))
        .data;
      if (list.length === ids.length && list.every((s) => s.status === "graded")) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(list.map((s) => s.id).sort()).toEqual([...ids].sort());
    expect(list.every((s) => s.status === "graded")).toBe(true);
    for (const [i, id] of ids.entries()) {
      const mine = await call<{ score: number }>(after.first.url, `/api/submissions/${id}`, {
        token: pupils[i]!.token,
      });
      expect(mine.status).toBe(200);
      if (i % 2) expect(mine.data.score).toBe(40);
    }
    const again = await call(after.first.url, "/api/submissions", {
      token: pupils[0]!.token,
      body: { source: solution },
    });
    expect(again.status).toBe(201);
  }, 300_000);
});

/**
 * For the classroom's tests and benchmarks: a real client of the HTTP API and the live feed
 * (Node's fetch, and the `ws` package: Node 20 has no WebSocket client), and a class on loopback.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WebSocket } from "ws";
import { localGrader, type Grader } from "../challenges/node.ts";
import { Classroom } from "./classroom.ts";
import { startClassroomServer, type ClassroomServer } from "./server.ts";

export { call, type Reply } from "./client.ts";

/** A live feed: every message received, and a way to wait for one. */
export class LiveFeed {
  readonly messages: (Record<string, unknown> & { type: string; receivedAt: number })[] = [];
  private readonly waiters: { test: (m: Record<string, unknown>) => boolean; done: () => void }[] =
    [];

  private constructor(readonly socket: WebSocket) {
    socket.on("message", (data) => {
      const message = { ...JSON.parse(String(data)), receivedAt: Date.now() };
      this.messages.push(message);
      for (const w of [...this.waiters]) {
        if (w.test(message)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.done();
        }
      }
    });
  }

  static open(url: string, token: string): Promise<LiveFeed> {
    const socket = new WebSocket(`${url.replace(/^http/, "ws")}/api/live?token=${token}`);
    const feed = new LiveFeed(socket);
    return new Promise((resolve, reject) => {
      socket.once("open", () => resolve(feed));
      socket.once("unexpected-response", (_req, res) =>
        reject(new Error(`live feed refused: ${res.statusCode}`)),
      );
      socket.once("error", reject);
    });
  }

  /** Resolves with the first message (already received or to come) that passes `test`. */
  next(
    test: (m: Record<string, unknown>) => boolean,
    timeoutMs = 120_000,
  ): Promise<Record<string, unknown>> {
    const found = this.messages.find(test);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("no such live message")), timeoutMs);
      this.waiters.push({
        test,
        done: () => {
          clearTimeout(timer);
          resolve(this.messages.find(test)!);
        },
      });
    });
  }

  close(): void {
    this.socket.close();
  }
}

export interface TestClass {
  classroom: Classroom;
  server: ClassroomServer;
  url: string;
  teacher: string;
  code: string;
  data: string;
  close(): Promise<void>;
}

/** A class on 127.0.0.1 (a free port), graded by this machine's threads. */
export async function startTestClass(options: {
  challenge: string;
  seeds: number[];
  minutes?: number;
  threads?: number;
  data?: string;
  grader?: Grader;
  replays?: () => Grader;
}): Promise<TestClass> {
  const data = options.data ?? mkdtempSync(join(tmpdir(), "robotyc-classroom-"));
  const classroom = Classroom.open({
    data,
    challenge: options.challenge,
    minutes: options.minutes ?? 20,
    seeds: options.seeds,
    locale: "fr",
    grader: options.grader ?? localGrader(options.threads ?? 2),
    ...(options.replays ? { replays: options.replays } : {}),
  });
  const server = await startClassroomServer(classroom, { host: "127.0.0.1", port: 0 });
  return {
    classroom,
    server,
    url: server.url,
    teacher: classroom.teacherToken,
    code: classroom.code,
    data,
    async close() {
      await server.close();
      await classroom.close();
    },
  };
}

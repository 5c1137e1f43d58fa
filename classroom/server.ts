/**
 * The classroom's HTTP server on the school LAN (Fastify): a JSON API, a WebSocket that pushes
 * the scoreboard and the session's changes, and three pages (pupils, teacher, projector). Every
 * call but joining carries a bearer token; bodies are size-limited; clients are rate-limited; a
 * refusal is an HTTP status with a message in the reader's language. Nothing leaves the LAN: the
 * pages load nothing from outside and the server calls nobody.
 */
import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { networkInterfaces } from "node:os";
import Fastify, { type FastifyReply, type FastifyRequest } from "fastify";
import websocket from "@fastify/websocket";
import type { WebSocket } from "ws";
import { format, localeFromTags, isLocale, type Locale } from "../i18n/index.ts";
import { CSV_MEDIA_TYPE } from "../challenges/node.ts";
import { Classroom, Refusal, type ClassroomEvent, type Principal } from "./classroom.ts";
import { RateLimiter } from "./limits.ts";
import { API_ERRORS, type ApiErrorCode } from "./messages.ts";
import { topView } from "./replay-view.ts";
import { submissionView } from "./session.ts";
import type { SubmissionRecord } from "./store.ts";

/** The largest program a pupil may send (the request's body). */
export const MAX_SUBMISSION_BYTES = 256 * 1024;
const MAX_BODY_BYTES = 16 * 1024;

export interface ServerOptions {
  /** The address to bind: all interfaces by default (`0.0.0.0`), or one the teacher picks. */
  host?: string;
  /** 8080 by default; 0 picks a free port. */
  port?: number;
  now?: () => number;
}

export interface ClassroomServer {
  /** The address pupils type (a LAN address when bound to all interfaces). */
  url: string;
  /** Every address the server answers on, for the teacher to choose from. */
  urls: string[];
  port: number;
  close(): Promise<void>;
}

/** The pages, read once: they are small, and serving from memory needs no file access per request. */
const PAGES: Record<string, { file: string; type: string }> = {
  "/": { file: "join.html", type: "text/html; charset=utf-8" },
  "/teacher": { file: "teacher.html", type: "text/html; charset=utf-8" },
  "/board": { file: "board.html", type: "text/html; charset=utf-8" },
  "/assets/classroom.css": { file: "classroom.css", type: "text/css; charset=utf-8" },
  "/assets/strings.js": { file: "strings.js", type: "text/javascript; charset=utf-8" },
  "/assets/common.js": { file: "common.js", type: "text/javascript; charset=utf-8" },
  "/assets/join.js": { file: "join.js", type: "text/javascript; charset=utf-8" },
  "/assets/teacher.js": { file: "teacher.js", type: "text/javascript; charset=utf-8" },
  "/assets/board.js": { file: "board.js", type: "text/javascript; charset=utf-8" },
  "/assets/replay.js": { file: "replay.js", type: "text/javascript; charset=utf-8" },
};

const SECURITY_HEADERS = {
  "content-security-policy":
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cache-control": "no-store",
};

/**
 * The app (served by `npm run web`, a school's web server or the desktop shell) calls the API
 * from another origin. Every call carries its bearer token in a header, never a cookie, so any
 * origin may call: a page without the class code or a token gets nothing.
 */
const CORS_HEADERS = {
  "access-control-allow-origin": "*",
  "access-control-expose-headers": "retry-after",
};
const PREFLIGHT_HEADERS = {
  "access-control-allow-methods": "GET, POST",
  "access-control-allow-headers": "authorization, content-type, accept-language",
  "access-control-max-age": "600",
  // Chromium asks before a page from the internet calls an address of the school's network.
  "access-control-allow-private-network": "true",
};

/** The reader's language: `?lang=`, else the browser's Accept-Language, else French. */
function localeOf(request: FastifyRequest): Locale {
  const query = request.query as Record<string, unknown> | undefined;
  if (isLocale(query?.lang)) return query.lang;
  const tags = (request.headers["accept-language"] ?? "").split(",").map((t) => t.split(";")[0]);
  return localeFromTags(tags);
}

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith("Bearer ")) return header.slice(7).trim();
  const query = request.query as Record<string, unknown> | undefined;
  return typeof query?.token === "string" ? query.token : undefined;
}

function refuse(reply: FastifyReply, request: FastifyRequest, refusal: Refusal) {
  const locale = localeOf(request);
  if (refusal.retryAfterS !== undefined) reply.header("retry-after", String(refusal.retryAfterS));
  return reply.code(refusal.status).send({
    error: refusal.code,
    message: format(API_ERRORS[refusal.code], locale, refusal.params),
  });
}

/** A LAN address for each interface, IPv4 first: what a pupil can type. */
export function lanAddresses(): string[] {
  const found: string[] = [];
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) {
      if (!a.internal && a.family === "IPv4") found.push(a.address);
    }
  }
  return found;
}

export async function startClassroomServer(
  classroom: Classroom,
  options: ServerOptions = {},
): Promise<ClassroomServer> {
  const now = options.now ?? Date.now;
  const pages = new Map(
    Object.entries(PAGES).map(([path, page]) => [
      path,
      { body: readFileSync(new URL(`./pages/${page.file}`, import.meta.url)), type: page.type },
    ]),
  );
  // Pupils: a burst of 30 calls, 10 a second after that; the teacher's pages poll more.
  const perPupil = new RateLimiter(30, 10, now);
  const perTeacher = new RateLimiter(200, 50, now);
  // Unauthenticated calls per address (wrong tokens, join attempts); wrong codes are rarer still.
  const perAddress = new RateLimiter(60, 2, now);
  const wrongCodes = new RateLimiter(10, 1 / 6, now);
  const sockets = new Map<WebSocket, { principal: Principal; locale: Locale }>();

  const app = Fastify({ bodyLimit: MAX_BODY_BYTES, logger: false, trustProxy: false });
  await app.register(websocket, { options: { maxPayload: 4096 } });

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    if (error instanceof Refusal) return refuse(reply, request, error);
    const status = error.statusCode ?? 500;
    const code: ApiErrorCode =
      status === 413
        ? "tooLarge"
        : status === 415
          ? "badMedia"
          : status === 400 && String(error.code).startsWith("FST_ERR_CTP")
            ? "badJson"
            : status === 400
              ? "badJson"
              : "internal";
    if (code === "internal") console.error(error);
    return refuse(
      reply,
      request,
      new Refusal(status >= 400 && status < 600 ? status : 500, code, {
        max: MAX_SUBMISSION_BYTES / 1024,
        detail: error.message,
      }),
    );
  });
  app.setNotFoundHandler((request, reply) => refuse(reply, request, new Refusal(404, "notFound")));

  app.addHook("onSend", async (request, reply, payload) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) reply.header(name, value);
    if (request.url.startsWith("/api/")) {
      for (const [name, value] of Object.entries(CORS_HEADERS)) reply.header(name, value);
    }
    return payload;
  });
  app.options("/api/*", async (_request, reply) =>
    reply.code(204).headers(PREFLIGHT_HEADERS).send(),
  );

  /** The caller, or a refusal: 401 without a valid token, 429 when it floods. */
  const who = (request: FastifyRequest): Principal => {
    const principal = classroom.authenticate(bearer(request));
    if (!principal) {
      const wait = perAddress.take(request.ip);
      if (wait) throw new Refusal(429, "flood", { seconds: wait }, wait);
      throw new Refusal(401, "unauthorized");
    }
    const wait =
      principal.kind === "teacher"
        ? perTeacher.take("teacher")
        : perPupil.take(`pupil:${principal.pupil.id}`);
    if (wait) throw new Refusal(429, "flood", { seconds: wait }, wait);
    return principal;
  };
  const teacher = (request: FastifyRequest): void => {
    if (who(request).kind !== "teacher") throw new Refusal(403, "teacherOnly");
  };
  const body = (request: FastifyRequest): Record<string, unknown> => {
    const value = request.body;
    if (!value || typeof value !== "object" || Array.isArray(value)) {
      throw new Refusal(400, "badJson");
    }
    return value as Record<string, unknown>;
  };
  const ownSubmission = (request: FastifyRequest): SubmissionRecord => {
    const principal = who(request);
    const id = Number((request.params as { id: string }).id);
    const s = Number.isSafeInteger(id) ? classroom.submission(id) : undefined;
    if (!s) throw new Refusal(404, "notFound");
    if (principal.kind === "pupil" && principal.pupil.id !== s.pupilId) {
      throw new Refusal(403, "notYours");
    }
    return s;
  };
  /** The session as a caller sees it: the teacher also gets the class code. */
  const sessionFor = (principal: Principal, locale: Locale) => ({
    ...classroom.view(locale),
    ...(principal.kind === "teacher" ? { code: classroom.code } : {}),
  });
  const view = (s: SubmissionRecord, locale: Locale) =>
    submissionView(s, classroom.pupilName(s.pupilId), locale);

  for (const [path, page] of pages) {
    app.get(path, async (_request, reply) => reply.type(page.type).send(page.body));
  }

  app.post("/api/join", async (request, reply) => {
    const wait = perAddress.take(request.ip);
    if (wait) throw new Refusal(429, "flood", { seconds: wait }, wait);
    const { code, name } = body(request);
    try {
      const joined = classroom.join(code, name, localeOf(request));
      return reply.code(201).send(joined);
    } catch (error) {
      if (error instanceof Refusal && error.code === "badCode") {
        const slow = wrongCodes.take(request.ip);
        if (slow) throw new Refusal(429, "flood", { seconds: slow }, slow);
      }
      throw error;
    }
  });

  app.post("/api/submissions", { bodyLimit: MAX_SUBMISSION_BYTES }, async (request, reply) => {
    const principal = who(request);
    if (principal.kind !== "pupil") throw new Refusal(403, "notYours");
    const id = classroom.submit(principal.pupil, body(request).source);
    return reply.code(201).send({ id });
  });

  app.get("/api/submissions", async (request) => {
    const principal = who(request);
    const locale = localeOf(request);
    const list =
      principal.kind === "teacher"
        ? classroom.submissions()
        : classroom.submissions(principal.pupil.id);
    return list.map((s) => view(s, locale));
  });

  app.get("/api/submissions/:id", async (request) =>
    view(ownSubmission(request), localeOf(request)),
  );

  app.get("/api/submissions/:id/source", async (request, reply) => {
    const s = ownSubmission(request);
    return reply.type("text/plain; charset=utf-8").send(s.source);
  });

  app.get("/api/submissions/:id/replay", async (request, reply) => {
    teacher(request);
    const s = ownSubmission(request);
    const seedText = (request.query as Record<string, unknown>).seed;
    const seed = seedText === undefined ? classroom.record.seeds[0]! : Number(seedText);
    const replay = await classroom.replay(s, seed);
    reply.header("x-robotyc-same-score", String(replay.sameScore));
    // `?view=top`: decoded for the teacher's page; otherwise the replay file itself.
    if ((request.query as Record<string, unknown>).view === "top") {
      return reply.send(topView(replay.replay, classroom.challenge));
    }
    return reply
      .header("content-disposition", `attachment; filename="parcours-${s.id}-graine-${seed}.json"`)
      .send(replay.replay);
  });

  app.get("/api/scoreboard", async (request) => {
    who(request);
    return classroom.scoreboard();
  });

  app.get("/api/session", async (request) => sessionFor(who(request), localeOf(request)));

  app.get("/api/pupils", async (request) => {
    teacher(request);
    return classroom.pupils().map((p) => ({ id: p.id, name: p.name, joinedAt: p.joinedAt }));
  });

  app.post("/api/session/start", async (request) => {
    teacher(request);
    classroom.start();
    return sessionFor({ kind: "teacher" }, localeOf(request));
  });

  app.post("/api/session/end", async (request) => {
    teacher(request);
    classroom.end();
    return sessionFor({ kind: "teacher" }, localeOf(request));
  });

  app.post("/api/session/extend", async (request) => {
    teacher(request);
    const minutes = body(request).minutes;
    if (typeof minutes !== "number" || !Number.isFinite(minutes) || Math.abs(minutes) > 240) {
      throw new Refusal(400, "badMinutes", { max: 240 });
    }
    classroom.extend(minutes);
    return sessionFor({ kind: "teacher" }, localeOf(request));
  });

  app.get("/api/export.csv", async (request, reply) => {
    teacher(request);
    const locale = localeOf(request);
    return reply
      .type(CSV_MEDIA_TYPE)
      .header("content-disposition", `attachment; filename="resultats-${classroom.code}.csv"`)
      .send(classroom.exportCsv(locale));
  });

  app.get("/api/export.json", async (request, reply) => {
    teacher(request);
    return reply
      .type("application/json; charset=utf-8")
      .header("content-disposition", `attachment; filename="resultats-${classroom.code}.json"`)
      .send(classroom.exportJson());
  });

  // The live feed. Browsers cannot set headers on a WebSocket: the token comes as ?token=.
  app.get(
    "/api/live",
    {
      websocket: true,
      preValidation: async (request) => {
        who(request);
      },
    },
    (socket, request) => {
      const principal = classroom.authenticate(bearer(request))!;
      const locale = localeOf(request);
      sockets.set(socket, { principal, locale });
      socket.on("close", () => sockets.delete(socket));
      // The socket only listens: anything a client sends is ignored.
      socket.on("message", () => undefined);
      send(socket, {
        type: "hello",
        role: principal.kind,
        ...(principal.kind === "pupil" ? { name: principal.pupil.name } : {}),
        session: sessionFor(principal, locale),
        scoreboard: classroom.scoreboard(),
      });
    },
  );

  function send(socket: WebSocket, message: unknown): void {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  }

  const broadcast = (
    message: (locale: Locale, principal: Principal) => unknown,
    to: (p: Principal) => boolean = () => true,
  ) => {
    for (const [socket, { principal, locale }] of sockets) {
      if (to(principal)) send(socket, message(locale, principal));
    }
  };

  const onEvent = (event: ClassroomEvent) => {
    switch (event.type) {
      case "joined":
        broadcast(() => ({ type: "scoreboard", rows: classroom.scoreboard(), sentAt: now() }));
        broadcast(
          () => ({
            type: "pupils",
            pupils: classroom.pupils().map((p) => ({ id: p.id, name: p.name })),
          }),
          (p) => p.kind === "teacher",
        );
        break;
      case "submitted":
      case "graded": {
        const s = classroom.submission(event.id)!;
        if (event.type === "graded") {
          const rows = classroom.scoreboard();
          broadcast(() => ({ type: "scoreboard", rows, gradedAt: event.at, sentAt: now() }));
        }
        broadcast(
          (locale) => ({ type: "submission", submission: view(s, locale) }),
          (p) => p.kind === "teacher" || p.pupil.id === s.pupilId,
        );
        break;
      }
      case "session":
        broadcast((locale, p) => ({ type: "session", session: sessionFor(p, locale) }));
        break;
      case "exported":
        break;
    }
  };
  const unsubscribe = classroom.onEvent(onEvent);

  const host = options.host ?? "0.0.0.0";
  await app.listen({ host, port: options.port ?? 8080 });
  const port = (app.server.address() as AddressInfo).port;
  const everywhere = host === "0.0.0.0" || host === "::";
  const hosts = everywhere ? [...lanAddresses(), "127.0.0.1"] : [host];
  const urls = hosts.map((h) => `http://${h.includes(":") ? `[${h}]` : h}:${port}`);
  return {
    url: urls[0]!,
    urls,
    port,
    async close() {
      unsubscribe();
      for (const socket of sockets.keys()) socket.close(1001);
      await app.close();
    },
  };
}

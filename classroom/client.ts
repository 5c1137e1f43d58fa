/**
 * A client of a classroom server's API, for a pupil who has no app yet (`robotyc submit`), the
 * tests and the benchmarks: JSON over HTTP with Node's fetch.
 */

export interface Reply<T = Record<string, unknown>> {
  status: number;
  data: T;
  headers: Headers;
}

/** One API call; an HTTP refusal is a reply (status and `{error, message}`), never a throw. */
export async function call<T = Record<string, unknown>>(
  url: string,
  path: string,
  options: { method?: string; token?: string; body?: unknown; raw?: string; lang?: string } = {},
): Promise<Reply<T>> {
  const headers: Record<string, string> = { "accept-language": options.lang ?? "fr" };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const body =
    options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(url.replace(/\/+$/, "") + path, {
    method: options.method ?? (body === undefined ? "GET" : "POST"),
    headers,
    ...(body !== undefined ? { body } : {}),
  });
  const text = await response.text();
  let data: unknown = text;
  try {
    data = JSON.parse(text);
  } catch {
    // a CSV or a page
  }
  return { status: response.status, data: data as T, headers: response.headers };
}

/** A graded submission as the API gives it. */
export interface SubmissionReply {
  id: number;
  status: "queued" | "graded";
  score: number | null;
  maxScore: number | null;
  perSeed: {
    seed: number;
    score: number;
    maxScore: number | null;
    outcome: string;
    simTime: number;
  }[];
  breakdown: { seed: number; lines: { points: number; reason: string }[] }[];
  error: { message: string; line?: number; seeds: number[] } | null;
}

/** Asks for a submission until it is graded (once a second), or until `timeoutMs`. */
export async function waitForScore(
  url: string,
  token: string,
  id: number,
  lang: string,
  timeoutMs = 30 * 60_000,
): Promise<Reply<SubmissionReply>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const reply = await call<SubmissionReply>(url, `/api/submissions/${id}`, { token, lang });
    const slowDown = reply.status === 429;
    if ((reply.status !== 200 && !slowDown) || reply.data.status === "graded") return reply;
    if (Date.now() > deadline) return reply;
    const wait = Number(reply.headers.get("retry-after") ?? 1);
    await new Promise((r) => setTimeout(r, Math.max(1, wait) * 1000));
  }
}

// The pupil's page: join with the class code and a pseudonym, send programs, see their scores.
/* global document, localStorage, window, URLSearchParams */
import {
  api,
  clock,
  countdown,
  h,
  languageButton,
  live,
  number,
  scoreboardRows,
  t,
  translatePage,
} from "./common.js";

const $ = (id) => document.getElementById(id);
const KEY = "robotyc.pupil";
let me = JSON.parse(localStorage.getItem(KEY) || "null");
let submissions = new Map();
let scoreboard = [];
let session;
let stopLive;
const timer = countdown($("countdown"));

function outcomeText(run) {
  const time = number(run.simTime);
  if (run.outcome === "finished") return t("outcomeFinished", { time });
  if (run.outcome === "timeout") return t("outcomeTimeout", { time });
  return t("outcomeError");
}

function submissionItem(s) {
  const status = s.status === "graded" ? t("statusGraded") : t("statusQueued");
  const head = h(
    "p",
    { class: "head" },
    h("strong", {}, t("submissionTitle", { id: s.id, time: clock(s.receivedAt) })),
    " — ",
    h("span", { class: `status ${s.status}` }, status),
    s.status === "graded"
      ? h(
          "span",
          { class: "score" },
          " — ",
          t("scoreOf", { score: number(s.score), max: number(s.maxScore) }),
        )
      : null,
  );
  const item = h("li", { "data-id": s.id, "data-status": s.status }, head);
  if (s.error) {
    item.append(
      h(
        "p",
        { class: "error" },
        s.error.line !== undefined
          ? t("errorAt", { line: s.error.line, message: s.error.message })
          : t("error", { message: s.error.message }),
      ),
    );
  }
  if (s.status === "graded") {
    const details = h("details", {}, h("summary", {}, t("details")));
    for (const run of s.perSeed) {
      details.append(
        h(
          "h4",
          {},
          t("seedLine", {
            seed: run.seed,
            score: number(run.score),
            max: number(run.maxScore ?? 0),
          }),
          " (",
          outcomeText(run),
          ")",
        ),
      );
      const lines = s.breakdown.find((b) => b.seed === run.seed)?.lines ?? [];
      details.append(
        h(
          "ul",
          {},
          ...lines.map((line) =>
            h(
              "li",
              {},
              h("span", { class: "points" }, t("points", { points: number(line.points) })),
              " ",
              line.reason,
            ),
          ),
        ),
      );
    }
    item.append(details);
  }
  return item;
}

function draw() {
  if (!me) {
    $("join-step").hidden = false;
    $("work-step").hidden = true;
    return;
  }
  $("join-step").hidden = true;
  $("work-step").hidden = false;
  $("hello").textContent = t("hello", { name: me.name });
  if (session) {
    $("challenge-title").textContent = session.title;
    timer.set(session);
    $("send-button").disabled = session.state !== "running";
  }
  const list = [...submissions.values()].sort((a, b) => b.id - a.id);
  $("mine").replaceChildren(
    ...(list.length ? list.map(submissionItem) : [h("li", { class: "empty" }, t("noSubmissions"))]),
  );
  scoreboardRows($("scoreboard"), scoreboard);
}

async function refresh() {
  const [mine, state] = await Promise.all([
    api("/api/submissions", { token: me.token }),
    api("/api/session", { token: me.token }),
  ]);
  if (mine.status === 401) return forget();
  if (mine.status === 200) submissions = new Map(mine.data.map((s) => [s.id, s]));
  if (state.status === 200) session = state.data;
  draw();
}

function connect() {
  stopLive?.();
  stopLive = live(
    me.token,
    (message) => {
      if (message.type === "hello") {
        session = message.session;
        scoreboard = message.scoreboard;
      } else if (message.type === "session") session = message.session;
      else if (message.type === "scoreboard") scoreboard = message.rows;
      else if (message.type === "submission")
        submissions.set(message.submission.id, message.submission);
      draw();
    },
    (connected) => {
      $("connection").textContent = connected ? "" : t("connectionLost");
      if (connected) void refresh();
    },
  );
}

function forget() {
  stopLive?.();
  localStorage.removeItem(KEY);
  me = null;
  submissions = new Map();
  draw();
}

$("join-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  $("join-error").textContent = "";
  const button = $("join-button");
  button.disabled = true;
  button.textContent = t("joining");
  try {
    const name = $("name").value;
    const { status, data } = await api("/api/join", {
      method: "POST",
      body: { code: $("code").value, name },
    });
    if (status === 201) {
      me = { token: data.token, pupilId: data.pupilId, name: name.trim().replace(/\s+/g, " ") };
      localStorage.setItem(KEY, JSON.stringify(me));
      connect();
      draw();
      $("source").focus();
    } else {
      $("join-error").textContent = data.message;
    }
  } finally {
    button.disabled = false;
    button.textContent = t("joinButton");
  }
});

$("file").addEventListener("change", async () => {
  const file = $("file").files[0];
  if (file) $("source").value = await file.text();
});

$("send-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  $("send-error").textContent = "";
  $("send-status").textContent = t("sending");
  const { status, data } = await api("/api/submissions", {
    method: "POST",
    token: me.token,
    body: { source: $("source").value },
  });
  if (status === 201) {
    $("send-status").textContent = t("sent", { id: data.id });
    const one = await api(`/api/submissions/${data.id}`, { token: me.token });
    if (one.status === 200) submissions.set(one.data.id, one.data);
    draw();
  } else {
    $("send-status").textContent = "";
    $("send-error").textContent = data.message;
    if (status === 401) forget();
  }
});

$("leave").addEventListener("click", forget);

// A link from the board may carry the code: `/?code=K7M2QX`.
const codeInLink = new URLSearchParams(window.location.search).get("code");
if (codeInLink) $("code").value = codeInLink;

translatePage();
languageButton($("language"), () => {
  draw();
  if (me) void refresh();
});
draw();
if (me) connect();

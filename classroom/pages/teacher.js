// The teacher's page: start and end the countdown, follow pupils and submissions, open a run's
// replay or its code, export the results.
/* global document, window, Blob */
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
import { showReplay } from "./replay.js";

const $ = (id) => document.getElementById(id);
const token = window.location.hash.slice(1);
const timer = countdown($("countdown"));
let session;
let rows = [];
let pupils = [];
const submissions = new Map();

function actionButtons() {
  const state = session?.state;
  $("start").textContent = t("start", { minutes: session ? number(session.minutes) : "" });
  $("start").disabled = state !== "waiting";
  $("extend").disabled = state !== "running";
  $("end").disabled = state === "ended" || !session;
}

function submissionRow(s) {
  const actions = h("td", { class: "actions" });
  if (s.status === "graded") {
    for (const seed of session?.seeds ?? []) {
      actions.append(
        h(
          "button",
          { type: "button", class: "secondary small", onclick: () => openReplay(s, seed) },
          t("showReplay", { seed }),
        ),
      );
    }
  }
  actions.append(
    h(
      "button",
      { type: "button", class: "secondary small", onclick: () => openSource(s) },
      t("showSource"),
    ),
  );
  return h(
    "tr",
    { "data-id": s.id, "data-status": s.status },
    h("td", {}, s.id),
    h("td", {}, s.pupil),
    h("td", {}, clock(s.receivedAt)),
    h(
      "td",
      { class: `status ${s.status}` },
      s.status === "graded" ? t("statusGraded") : t("statusQueued"),
    ),
    h(
      "td",
      { class: "score" },
      s.status === "graded"
        ? t("scoreOf", { score: number(s.score), max: number(s.maxScore) })
        : "–",
      s.error
        ? h(
            "span",
            { class: "error small" },
            " ",
            s.error.line !== undefined
              ? t("errorAt", { line: s.error.line, message: s.error.message })
              : t("error", { message: s.error.message }),
          )
        : null,
    ),
    actions,
  );
}

function draw() {
  if (session) {
    $("challenge-title").textContent = session.title;
    $("code").textContent = session.code
      ? `${session.code.slice(0, 3)}-${session.code.slice(3)}`
      : "";
    timer.set(session);
  }
  $("pupil-url").textContent = window.location.origin;
  $("board-link").href = `/board#${token}`;
  actionButtons();
  scoreboardRows($("scoreboard"), rows);
  const list = [...submissions.values()].sort((a, b) => b.id - a.id);
  $("subs-title").textContent = t("submissionsTitle", { count: list.length });
  $("submissions").replaceChildren(...list.map(submissionRow));
  $("pupils-title").textContent = t("pupilsTitle", { count: pupils.length });
  $("pupils").replaceChildren(...pupils.map((p) => h("li", {}, p.name)));
}

async function refresh() {
  const [state, subs, who] = await Promise.all([
    api("/api/session", { token }),
    api("/api/submissions", { token }),
    api("/api/pupils", { token }),
  ]);
  if (state.status !== 200) {
    $("action-error").textContent = state.data.message ?? "";
    return;
  }
  session = state.data;
  for (const s of subs.data) submissions.set(s.id, s);
  pupils = who.data;
  draw();
}

async function act(path, body) {
  $("action-error").textContent = "";
  const { status, data } = await api(path, { method: "POST", token, body });
  if (status === 200) session = data;
  else $("action-error").textContent = data.message;
  draw();
}

async function download(path, file) {
  $("action-error").textContent = "";
  const { status, data, response } = await api(path, { token, bytes: true });
  if (status !== 200) {
    $("action-error").textContent = data.message;
    return;
  }
  // The CSV keeps its BOM (French Excel needs it to read UTF-8).
  const blob =
    data instanceof Blob
      ? data
      : new Blob([JSON.stringify(data, null, 2)], { type: response.headers.get("content-type") });
  const link = h("a", { href: URL.createObjectURL(blob), download: file });
  document.body.append(link);
  link.click();
  link.remove();
  $("action-status").textContent = t("exported", { file });
}

function openDialog(title) {
  $("viewer-title").textContent = title;
  $("viewer-body").replaceChildren();
  $("viewer").showModal();
  return $("viewer-body");
}

async function openSource(s) {
  const body = openDialog(t("sourceTitle", { id: s.id, pupil: s.pupil }));
  const { data } = await api(`/api/submissions/${s.id}/source`, { token });
  body.append(h("pre", { class: "source", tabindex: 0 }, data));
}

async function openReplay(s, seed) {
  const body = openDialog(t("replayTitle", { pupil: s.pupil, id: s.id, seed }));
  body.append(h("p", { role: "status" }, t("replayLoading")));
  const { status, data, response } = await api(
    `/api/submissions/${s.id}/replay?seed=${seed}&view=top`,
    { token },
  );
  body.replaceChildren();
  if (status !== 200) {
    body.append(h("p", { class: "error", role: "alert" }, data.message));
    return;
  }
  if (response.headers.get("x-robotyc-same-score") === "false") {
    body.append(h("p", { class: "warning", role: "alert" }, t("replayMismatch")));
  }
  showReplay(body, data);
}

$("viewer-close").addEventListener("click", () => $("viewer").close());
$("start").addEventListener("click", () => act("/api/session/start"));
$("extend").addEventListener("click", () => act("/api/session/extend", { minutes: 5 }));
$("end").addEventListener("click", () => {
  if (window.confirm(t("confirmEnd"))) void act("/api/session/end");
});
$("export-csv").addEventListener("click", () =>
  download("/api/export.csv", `resultats-${session?.code ?? "classe"}.csv`),
);
$("export-json").addEventListener("click", () =>
  download("/api/export.json", `resultats-${session?.code ?? "classe"}.json`),
);

translatePage();
languageButton($("language"), () => {
  draw();
  void refresh();
});
if (!token) $("no-token").hidden = false;
else {
  live(
    token,
    (message) => {
      if (message.type === "hello") {
        session = message.session;
        rows = message.scoreboard;
      } else if (message.type === "session") session = message.session;
      else if (message.type === "scoreboard") rows = message.rows;
      else if (message.type === "submission")
        submissions.set(message.submission.id, message.submission);
      else if (message.type === "pupils") pupils = message.pupils;
      draw();
    },
    (connected) => {
      $("connection").textContent = connected ? "" : t("connectionLost");
      if (connected) void refresh();
    },
  );
}

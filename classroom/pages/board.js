// The projector's page: the class code, the countdown and the live scoreboard in large type.
/* global document, window */
import { countdown, languageButton, live, scoreboardRows, t, translatePage } from "./common.js";

const $ = (id) => document.getElementById(id);
const token = window.location.hash.slice(1);
const timer = countdown($("countdown"));
let session;
let rows = [];

function draw() {
  if (session) {
    timer.set(session);
    $("title").textContent = `${t("scoreboardTitle")} — ${session.title}`;
    if (session.code) {
      const code = `${session.code.slice(0, 3)}-${session.code.slice(3)}`;
      $("join-line").textContent = t("boardJoin", { url: window.location.origin, code });
    }
  }
  scoreboardRows($("scoreboard"), rows);
  $("nobody").hidden = rows.length > 0;
}

translatePage();
languageButton($("language"), draw);
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
      draw();
    },
    (connected) => {
      $("connection").textContent = connected ? "" : t("connectionLost");
    },
  );
}

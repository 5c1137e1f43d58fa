// What the three classroom pages share: the language, texts, API calls and the live feed.
/* global document, window, localStorage, navigator, fetch, WebSocket, URLSearchParams */
import { STRINGS } from "./strings.js";

const LOCALES = ["fr", "en"];

/** `?lang=`, then the choice kept in this browser, then the browser's language; French by default. */
export function pickLocale() {
  const query = new URLSearchParams(window.location.search).get("lang");
  if (LOCALES.includes(query)) return query;
  const kept = localStorage.getItem("robotyc.lang");
  if (LOCALES.includes(kept)) return kept;
  const browser = (navigator.language || "fr").slice(0, 2).toLowerCase();
  return LOCALES.includes(browser) ? browser : "fr";
}

export let locale = pickLocale();

export function t(key, params = {}) {
  const entry = STRINGS[key];
  const text = entry ? entry[locale] : key;
  return text.replace(/\{(\w+)\}/g, (whole, name) =>
    name in params ? String(params[name]) : whole,
  );
}

export function number(value) {
  return new Intl.NumberFormat(locale === "fr" ? "fr-FR" : "en-GB", {
    maximumFractionDigits: 2,
  }).format(value);
}

export function clock(iso) {
  return new Date(iso).toLocaleTimeString(locale === "fr" ? "fr-FR" : "en-GB", { hour12: false });
}

export function minutesSeconds(ms) {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${m}:${String(s).padStart(2, "0")}`;
}

/** Fills every `[data-t]` element with its text, and the page's language. */
export function translatePage() {
  document.documentElement.lang = locale;
  for (const el of document.querySelectorAll("[data-t]")) el.textContent = t(el.dataset.t);
  for (const el of document.querySelectorAll("[data-t-label]")) {
    el.setAttribute("aria-label", t(el.dataset.tLabel));
  }
}

/** The language button: switches, keeps the choice, and lets the page redraw itself. */
export function languageButton(button, redraw) {
  const show = () => {
    button.textContent = t("language");
    button.setAttribute("aria-label", t("languageLabel"));
    button.lang = locale === "fr" ? "en" : "fr";
  };
  show();
  button.addEventListener("click", () => {
    locale = locale === "fr" ? "en" : "fr";
    localStorage.setItem("robotyc.lang", locale);
    translatePage();
    show();
    redraw();
  });
}

/**
 * A JSON call to the classroom server: `{status, data}`, never throws for an HTTP error. With
 * `bytes`, a body that is not JSON comes as a Blob, byte for byte (`text()` would drop a BOM).
 */
export async function api(path, { method = "GET", body, token, bytes = false } = {}) {
  const headers = { "accept-language": locale };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const type = response.headers.get("content-type") || "";
  const data = type.includes("json")
    ? await response.json()
    : bytes
      ? await response.blob()
      : await response.text();
  return { status: response.status, data, response };
}

/**
 * The live feed: calls `onMessage` with each message, reconnects after a loss (the server may
 * restart), and tells `onState(connected)`.
 */
export function live(token, onMessage, onState = () => {}) {
  let socket;
  let wait = 500;
  const open = () => {
    const scheme = window.location.protocol === "https:" ? "wss" : "ws";
    const url = `${scheme}://${window.location.host}/api/live?token=${encodeURIComponent(token)}&lang=${locale}`;
    socket = new WebSocket(url);
    socket.addEventListener("open", () => {
      wait = 500;
      onState(true);
    });
    socket.addEventListener("message", (event) => onMessage(JSON.parse(event.data)));
    socket.addEventListener("close", () => {
      onState(false);
      window.setTimeout(open, wait);
      wait = Math.min(wait * 2, 5000);
    });
  };
  open();
  return () => socket && socket.close();
}

/** A countdown shown in `el`, redrawn every half second from the session's end time. */
export function countdown(el) {
  let session;
  let serverOffset = 0;
  const draw = () => {
    if (!session) return;
    el.dataset.state = session.state;
    if (session.state === "waiting") el.textContent = t("stateWaiting");
    else if (session.state === "ended") el.textContent = t("stateEnded");
    else {
      const left = Date.parse(session.endsAt) - (Date.now() + serverOffset);
      el.textContent = t("stateRunning", { time: minutesSeconds(left) });
    }
  };
  window.setInterval(draw, 500);
  return {
    set(next) {
      session = next;
      // The server's clock decides: remainingMs is measured there.
      if (next.state === "running" && typeof next.remainingMs === "number") {
        serverOffset = Date.parse(next.endsAt) - next.remainingMs - Date.now();
      }
      draw();
    },
    draw,
  };
}

/** Builds an element: `h("td", {class: "x"}, "text", child)`. */
export function h(tag, attributes = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on")) el.addEventListener(name.slice(2), value);
    else el.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof window.Node ? child : String(child));
  }
  return el;
}

/** The scoreboard as a table body: rank, pseudonym, best score (of max), time sent, submissions. */
export function scoreboardRows(tbody, rows) {
  tbody.replaceChildren(
    ...rows.map((row) =>
      h(
        "tr",
        { "data-rank": row.rank ?? "" },
        h("td", { class: "rank" }, row.rank ?? "–"),
        h("td", { class: "name" }, row.name),
        h(
          "td",
          { class: "best" },
          row.best === null
            ? t("notYet")
            : t("scoreOf", { score: number(row.best), max: number(row.maxScore) }),
        ),
        h("td", { class: "at" }, row.at ? clock(row.at) : "–"),
        h("td", { class: "tries" }, row.submissions),
      ),
    ),
  );
}

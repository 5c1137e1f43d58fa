/**
 * « Séance en classe »: the pupil joins the teacher's classroom server (`robotyc classroom`, on
 * the school network) with its address, the class code and a pseudonym, then sends the program
 * being edited to be graded. The countdown and each submission's score come live over the
 * server's WebSocket. The server's refusals are shown as it words them, in the pupil's language.
 * The pupil's token is kept in this browser, so a reload stays in the class.
 */
import { h } from "../dom.ts";
import { language, onLanguageChange, t, translateTree } from "../i18n/index.ts";

const KEPT = "robotyc.classroom";

/** A score as the pupil's language writes it: 56,25 in French, 56.25 in English. */
const points = (value: number | null) =>
  new Intl.NumberFormat(language(), { maximumFractionDigits: 2 }).format(value ?? 0);

interface Joined {
  server: string;
  token: string;
  name: string;
}

interface SessionView {
  title: string;
  state: "waiting" | "running" | "ended";
  endsAt: string | null;
}

interface SubmissionView {
  id: number;
  status: "queued" | "graded";
  score: number | null;
  maxScore: number | null;
  error: { message: string; line?: number } | null;
}

/** What the pupil types (`192.168.1.20:8080`, or a whole URL) → the server's origin, or null. */
export function serverOrigin(typed: string): string | null {
  const text = typed.trim();
  if (!text) return null;
  try {
    const url = new URL(/^https?:\/\//i.test(text) ? text : `http://${text}`);
    if (url.username || url.password) return null;
    return url.origin;
  } catch {
    return null;
  }
}

function kept(): Joined | null {
  try {
    const value = JSON.parse(localStorage.getItem(KEPT) ?? "null") as Joined | null;
    return value && typeof value.server === "string" && typeof value.token === "string"
      ? value
      : null;
  } catch {
    return null;
  }
}

export class ClassroomPanel {
  readonly root: HTMLDetailsElement;
  private readonly form: HTMLFormElement;
  private readonly address: HTMLInputElement;
  private readonly code: HTMLInputElement;
  private readonly name: HTMLInputElement;
  private readonly error: HTMLElement;
  private readonly joinedBox: HTMLElement;
  private readonly hello: HTMLElement;
  private readonly countdown: HTMLElement;
  private readonly send: HTMLButtonElement;
  private readonly status: HTMLElement;
  private readonly list: HTMLOListElement;
  private joined: Joined | null = null;
  private session: SessionView | null = null;
  private readonly submissions = new Map<number, SubmissionView>();
  private socket: WebSocket | null = null;
  private tick = 0;

  constructor(private readonly source: () => string) {
    const field = (id: string, key: string, attrs: Record<string, string | boolean> = {}) => {
      const input = h("input", { id, type: "text", autocomplete: "off", required: true, ...attrs });
      return [h("label", { for: id }, h("span", { i18n: key }), input), input] as const;
    };
    const [addressLabel, address] = field("classroom-server", "classroom.server", {
      placeholder: "192.168.1.20:8080",
      inputmode: "url",
      spellcheck: "false",
    });
    const [codeLabel, code] = field("classroom-code", "classroom.code", {
      autocapitalize: "characters",
      spellcheck: "false",
    });
    const [nameLabel, name] = field("classroom-name", "classroom.name", { maxlength: "24" });
    this.address = address;
    this.code = code;
    this.name = name;
    this.error = h("p", { class: "error", role: "alert" });
    this.form = h(
      "form",
      { class: "classroom-join" },
      addressLabel,
      codeLabel,
      nameLabel,
      h("button", { type: "submit", i18n: "classroom.join" }),
    );
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.join();
    });
    this.hello = h("p", { class: "hello" });
    this.countdown = h("p", { class: "countdown", role: "timer", "aria-live": "off" });
    this.send = h("button", {
      type: "button",
      class: "go",
      i18n: "classroom.send",
      disabled: true,
    });
    this.send.addEventListener("click", () => void this.submit());
    const leave = h("button", { type: "button", i18n: "classroom.leave" });
    leave.addEventListener("click", () => this.leave());
    this.status = h("p", { role: "status", "aria-live": "polite" });
    this.list = h("ol", { class: "classroom-mine", reversed: true });
    this.joinedBox = h(
      "div",
      { hidden: true },
      this.hello,
      this.countdown,
      h("div", { class: "actions" }, this.send, leave),
      this.status,
      this.list,
    );
    this.root = h(
      "details",
      { class: "card panel classroom", id: "classroom" },
      h("summary", {}, h("span", { i18n: "classroom.title" })),
      h("div", { class: "body" }, this.form, this.error, this.joinedBox),
    );
    translateTree(this.root);
    onLanguageChange(() => this.draw());

    const before = kept();
    if (before) this.enter(before);
  }

  private api(path: string, init: { method?: string; body?: unknown } = {}) {
    const headers: Record<string, string> = { "accept-language": language() };
    if (init.body !== undefined) headers["content-type"] = "application/json";
    if (this.joined) headers.authorization = `Bearer ${this.joined.token}`;
    return fetch(`${this.joined?.server ?? ""}${path}`, {
      method: init.method ?? "GET",
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    }).then(async (response) => ({
      status: response.status,
      data: (await response.json().catch(() => ({}))) as Record<string, unknown>,
    }));
  }

  private async join(): Promise<void> {
    this.error.textContent = "";
    const server = serverOrigin(this.address.value);
    if (!server) {
      this.error.textContent = t("classroom.badServer");
      this.address.focus();
      return;
    }
    try {
      const response = await fetch(`${server}/api/join`, {
        method: "POST",
        headers: { "content-type": "application/json", "accept-language": language() },
        body: JSON.stringify({ code: this.code.value, name: this.name.value }),
      });
      const data = (await response.json().catch(() => ({}))) as Record<string, unknown>;
      if (response.status !== 201) {
        this.error.textContent = String(data.message ?? t("classroom.refused"));
        return;
      }
      const joined = { server, token: String(data.token), name: this.name.value.trim() };
      localStorage.setItem(KEPT, JSON.stringify(joined));
      this.enter(joined);
    } catch {
      this.error.textContent = t("classroom.unreachable", { server });
    }
  }

  private enter(joined: Joined): void {
    this.joined = joined;
    this.root.open = true;
    this.form.hidden = true;
    this.joinedBox.hidden = false;
    this.connect();
    window.clearInterval(this.tick);
    this.tick = window.setInterval(() => this.drawCountdown(), 1000);
    void this.api("/api/submissions").then(({ status, data }) => {
      if (status === 401) return this.leave(t("classroom.expired"));
      if (status === 200 && Array.isArray(data)) {
        for (const s of data as SubmissionView[]) this.submissions.set(s.id, s);
      }
      this.draw();
    });
    this.draw();
  }

  private connect(): void {
    const joined = this.joined;
    if (!joined) return;
    const url = `${joined.server.replace(/^http/, "ws")}/api/live?token=${encodeURIComponent(joined.token)}&lang=${language()}`;
    const socket = new WebSocket(url);
    this.socket = socket;
    socket.addEventListener("message", (event) => {
      const message = JSON.parse(String(event.data)) as Record<string, unknown>;
      if (message.type === "hello" || message.type === "session") {
        this.session = message.session as SessionView;
      } else if (message.type === "submission") {
        const s = message.submission as SubmissionView;
        this.submissions.set(s.id, s);
      }
      this.draw();
    });
    socket.addEventListener("close", () => {
      if (this.socket !== socket || !this.joined) return;
      // The teacher's machine may restart: try again in a moment.
      window.setTimeout(() => this.socket === socket && this.connect(), 2000);
    });
  }

  private leave(message = ""): void {
    this.joined = null;
    const socket = this.socket;
    this.socket = null;
    socket?.close();
    window.clearInterval(this.tick);
    localStorage.removeItem(KEPT);
    this.session = null;
    this.submissions.clear();
    this.form.hidden = false;
    this.joinedBox.hidden = true;
    this.error.textContent = message;
  }

  private async submit(): Promise<void> {
    const source = this.source();
    if (!source.trim()) {
      this.status.textContent = t("classroom.empty");
      return;
    }
    this.send.disabled = true;
    try {
      const { status, data } = await this.api("/api/submissions", {
        method: "POST",
        body: { source },
      });
      if (status === 201) {
        const id = Number(data.id);
        if (!this.submissions.has(id)) {
          this.submissions.set(id, {
            id,
            status: "queued",
            score: null,
            maxScore: null,
            error: null,
          });
        }
        this.status.textContent = t("classroom.sent", { id });
      } else this.status.textContent = String(data.message ?? t("classroom.refused"));
    } catch {
      this.status.textContent = t("classroom.unreachable", { server: this.joined?.server ?? "" });
    }
    this.draw();
  }

  private drawCountdown(): void {
    const s = this.session;
    if (!s) return;
    if (s.state === "waiting") this.countdown.textContent = t("classroom.waiting");
    else if (s.state === "ended") this.countdown.textContent = t("classroom.ended");
    else {
      const left = Math.max(0, Math.ceil((Date.parse(s.endsAt ?? "") - Date.now()) / 1000));
      const time = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, "0")}`;
      this.countdown.textContent = t("classroom.left", { time });
    }
  }

  private draw(): void {
    if (!this.joined) return;
    this.hello.textContent = this.session
      ? t("classroom.hello", { name: this.joined.name, title: this.session.title })
      : t("classroom.connecting", { server: this.joined.server });
    this.drawCountdown();
    this.send.disabled = this.session?.state !== "running";
    const list = [...this.submissions.values()].sort((a, b) => b.id - a.id);
    this.list.replaceChildren(
      ...list.map((s) => {
        let text =
          s.status === "graded"
            ? t("classroom.graded", {
                id: s.id,
                score: points(s.score),
                max: points(s.maxScore),
              })
            : t("classroom.queued", { id: s.id });
        if (s.error) {
          text +=
            " — " +
            (s.error.line !== undefined
              ? t("classroom.errorAt", { line: s.error.line, message: s.error.message })
              : s.error.message);
        }
        return h("li", { "data-status": s.status }, text);
      }),
    );
  }
}

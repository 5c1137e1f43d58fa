/**
 * The console: what the program prints, errors, and the run's end. A screen reader hears new
 * lines (role="log"); old lines go once there are many, so a printing loop cannot slow the page.
 */
import { h } from "../dom.ts";
import { formatNumber } from "../i18n/index.ts";

/** Lines kept in the console. */
export const CONSOLE_LINES = 500;

export class ConsolePanel {
  constructor(private readonly root: HTMLElement) {}

  private add(line: HTMLElement): void {
    this.root.append(line);
    while (this.root.childElementCount > CONSOLE_LINES) this.root.firstElementChild!.remove();
    const body = this.root.parentElement;
    if (body) body.scrollTop = body.scrollHeight;
  }

  print(text: string, time: number): void {
    for (const line of text.split("\n")) {
      this.add(h("div", {}, h("span", { class: "time" }, `${formatNumber(time, 2)} s`), line));
    }
  }

  error(text: string): void {
    this.add(h("div", { class: "error" }, text));
  }

  info(text: string): void {
    this.add(h("div", { class: "info" }, text));
  }

  clear(): void {
    this.root.replaceChildren();
  }

  /** Every line's text (tests and the replay's prints use it). */
  lines(): string[] {
    return [...this.root.children].map((el) => el.textContent ?? "");
  }
}

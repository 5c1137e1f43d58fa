/**
 * The text field of a « code » block: shows every line of its TypeScript (in a monospace font)
 * and edits it in a dialog with a text area, where Enter makes a new line, Tab indents and the
 * dialog's buttons (or Ctrl+Enter, Escape) end the edit. Blockly 13 has no multi-line field.
 */
import * as Blockly from "blockly/core";
import type { Locale } from "../../../../runtime/engine.ts";

const WORDS = {
  title: { fr: "Modifier le code", en: "Edit the code" },
  ok: { fr: "Valider", en: "OK" },
  cancel: { fr: "Annuler", en: "Cancel" },
  hint: {
    fr: "Du TypeScript. Ctrl+Entrée valide, Échap annule.",
    en: "TypeScript. Ctrl+Enter confirms, Escape cancels.",
  },
};

let locale: Locale = "fr";
export const setCodeFieldLocale = (l: Locale) => {
  locale = l;
};

const MAX_LINE = 80;
const FONT = "monospace";

export class FieldCode extends Blockly.FieldTextInput {
  static override fromJson(options: Blockly.FieldTextInputFromJsonConfig): FieldCode {
    return new FieldCode(options.text ?? "", undefined, options);
  }

  override initView(): void {
    super.initView();
    this.getTextElement().style.fontFamily = FONT;
  }

  /** Lays the text out one line under the other. */
  protected override render_(): void {
    super.render_();
    const text = this.getTextElement();
    const constants = this.getConstants();
    if (!constants) return;
    const lines = String(this.getValue() ?? "").split("\n");
    const lineHeight = constants.FIELD_TEXT_HEIGHT + 2;
    const padding = constants.FIELD_BORDER_RECT_X_PADDING;
    while (text.firstChild) text.removeChild(text.firstChild);
    let width = 0;
    lines.forEach((raw, i) => {
      const line = raw.length > MAX_LINE ? `${raw.slice(0, MAX_LINE - 1)}…` : raw;
      const span = Blockly.utils.dom.createSvgElement("tspan", {}, text);
      span.setAttribute("x", String(padding));
      span.setAttribute(
        "y",
        String(constants.FIELD_BORDER_RECT_Y_PADDING + lineHeight * (i + 0.5)),
      );
      span.textContent = line.replace(/ /g, "\u00a0") || "\u00a0";
      width = Math.max(
        width,
        Blockly.utils.dom.getFastTextWidth(
          span as SVGTextElement,
          constants.FIELD_TEXT_FONTSIZE,
          constants.FIELD_TEXT_FONTWEIGHT,
          FONT,
        ),
      );
    });
    text.removeAttribute("x");
    text.removeAttribute("y");
    const height = lines.length * lineHeight + 2 * constants.FIELD_BORDER_RECT_Y_PADDING;
    this.size_ = new Blockly.utils.Size(
      Math.max(width + 2 * padding, 30),
      Math.max(height, constants.FIELD_BORDER_RECT_HEIGHT),
    );
    const rect = this.getBorderRect();
    rect.setAttribute("width", String(this.size_.width));
    rect.setAttribute("height", String(this.size_.height));
  }

  /** Edits the code in a dialog: a text area keeps the lines and the indentation. */
  protected override showEditor_(): void {
    const block = this.getSourceBlock();
    const host = (block?.workspace as Blockly.WorkspaceSvg | undefined)?.getParentSvg()
      ?.ownerDocument;
    if (!host) return;
    const dialog = host.createElement("dialog");
    dialog.className = "robotycCodeDialog";
    dialog.setAttribute("aria-labelledby", "robotyc-code-title");
    const title = host.createElement("h2");
    title.id = "robotyc-code-title";
    title.textContent = WORDS.title[locale];
    const area = host.createElement("textarea");
    area.value = String(this.getValue() ?? "");
    area.spellcheck = false;
    area.rows = Math.min(20, Math.max(4, area.value.split("\n").length + 1));
    area.cols = 60;
    area.style.fontFamily = FONT;
    area.setAttribute("aria-label", WORDS.title[locale]);
    area.setAttribute("aria-describedby", "robotyc-code-hint");
    const hint = host.createElement("p");
    hint.id = "robotyc-code-hint";
    hint.textContent = WORDS.hint[locale];
    const buttons = host.createElement("div");
    const ok = host.createElement("button");
    ok.textContent = WORDS.ok[locale];
    ok.type = "button";
    const cancel = host.createElement("button");
    cancel.textContent = WORDS.cancel[locale];
    cancel.type = "button";
    buttons.append(ok, cancel);
    dialog.append(title, area, hint, buttons);
    host.body.append(dialog);
    const close = (keep: boolean) => {
      if (keep) this.setValue(area.value);
      dialog.close();
      dialog.remove();
    };
    ok.addEventListener("click", () => close(true));
    cancel.addEventListener("click", () => close(false));
    dialog.addEventListener("cancel", (e) => {
      e.preventDefault();
      close(false);
    });
    area.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        close(true);
      } else if (e.key === "Tab" && !e.shiftKey && !e.altKey) {
        // Tab indents; Shift+Tab and the buttons keep the dialog reachable by keyboard.
        e.preventDefault();
        const { selectionStart: start, selectionEnd: end } = area;
        area.setRangeText("  ", start, end, "end");
      }
    });
    dialog.showModal();
    area.focus();
  }
}

let registered = false;
export function registerCodeField(): void {
  if (registered) return;
  registered = true;
  Blockly.fieldRegistry.register("field_code", FieldCode);
}

/**
 * The six waste classes, in the model's output order (the same order as the Robot API's
 * `WASTE_KINDS`), and their names for pupils. The classifier imports no other part, so it
 * keeps its own small copy of the localized-text type (identical to runtime's `Localized`).
 */
export const CLASSES = ["plastic", "paper", "glass", "metal", "organic", "residual"] as const;
export type WasteClass = (typeof CLASSES)[number];
export type ClassifyKind = WasteClass | "none";

export type Locale = "fr" | "en";
export type Localized = Record<Locale, string>;

export const CLASS_LABELS: Record<ClassifyKind, Localized> = {
  plastic: { fr: "plastique", en: "plastic" },
  paper: { fr: "papier et carton", en: "paper and cardboard" },
  glass: { fr: "verre", en: "glass" },
  metal: { fr: "métal", en: "metal" },
  organic: { fr: "déchet organique", en: "organic waste" },
  residual: { fr: "ordures ménagères", en: "residual waste" },
  none: { fr: "rien", en: "nothing" },
};

export function isWasteClass(value: unknown): value is WasteClass {
  return typeof value === "string" && (CLASSES as readonly string[]).includes(value);
}

export function labelOf(kind: ClassifyKind, locale: Locale): string {
  return CLASS_LABELS[kind][locale];
}

export function format(
  message: Localized,
  locale: Locale,
  params: Record<string, string | number> = {},
): string {
  return message[locale].replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in params ? String(params[key]) : whole,
  );
}

/** An error whose message exists in every language; `.message` is the English one. */
export class ClassifierError extends Error {
  constructor(
    readonly messageKey: Localized,
    readonly params: Record<string, string | number> = {},
  ) {
    super(format(messageKey, "en", params));
    this.name = "ClassifierError";
  }

  localized(locale: Locale): string {
    return format(this.messageKey, locale, this.params);
  }
}

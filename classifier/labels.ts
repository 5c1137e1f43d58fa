/**
 * The six waste classes, in the model's output order (the same order as the Robot API's
 * `WASTE_KINDS`), and their names for pupils.
 */
import { LocalizedError, textIn, type Locale, type Localized } from "../i18n/index.ts";

export const CLASSES = ["plastic", "paper", "glass", "metal", "organic", "residual"] as const;
export type WasteClass = (typeof CLASSES)[number];
export type ClassifyKind = WasteClass | "none";

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
  return textIn(CLASS_LABELS[kind], locale);
}

/** An error of the classifier (a bad image, a damaged model); a `LocalizedError` like every other. */
export class ClassifierError extends LocalizedError {
  constructor(messageKey: Localized, params: Record<string, string | number> = {}) {
    super(messageKey, params);
    this.name = "ClassifierError";
  }
}

/** The waste classifier: public surface. */
export * from "./labels.ts";
export * from "./image.ts";
export * from "./random.ts";
export * from "./decode.ts";
export * from "./backend.ts";
export * from "./model.ts";
export * from "./classifier.ts";
export * from "./learning.ts";
export * from "./bank.ts";

export * from "./kit-geometry.ts";
export * from "./schema.ts";
export * from "./board-profiles.ts";
export * from "./kits.ts";
export * from "./wiring.ts";
export * from "./wiring-sheet.ts";
export * from "./wiring-pdf.ts";

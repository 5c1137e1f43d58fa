export * from "./kit-geometry.ts";

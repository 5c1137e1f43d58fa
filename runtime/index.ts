export * from "./i18n.ts";
export * from "./api/types.ts";

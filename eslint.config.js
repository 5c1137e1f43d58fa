import js from "@eslint/js";
import tseslint from "typescript-eslint";

/** Where the browser app's code lives, and the Node-only files among it. */
const BROWSER_FILES = [
  "runtime/**/*.ts",
  "simulator/**/*.ts",
  "classifier/**/*.ts",
  "challenges/**/*.ts",
  "desktop/renderer/**/*.ts",
];
const BROWSER_IGNORES = [
  "**/*.test.ts",
  "**/node.ts",
  "**/*.node.ts",
  "challenges/grader/**",
  "**/fixtures/**",
  "runtime/compiler/generate-es-lib.ts",
  "runtime/api/write-pupil-dts.ts",
  "runtime/sandbox/test-helpers.ts",
];

export default tseslint.config(
  {
    ignores: [
      "node_modules/**",
      "dist/**",
      // Scratch of the browser tests (git-ignored): a run stopped midway leaves its bundles there.
      "tmp/**",
      "**/build/**",
      "**/*.pupil.d.ts",
      "**/fixtures/**",
      "bench/results.json",
      "classifier/model/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: "readonly",
        URL: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
        setInterval: "readonly",
        clearInterval: "readonly",
        queueMicrotask: "readonly",
        performance: "readonly",
        TextEncoder: "readonly",
        TextDecoder: "readonly",
        SharedArrayBuffer: "readonly",
        Atomics: "readonly",
        structuredClone: "readonly",
        globalThis: "readonly",
      },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" },
      ],
    },
  },
  // Node's own globals, everywhere but in code that runs in the browser (below).
  {
    languageOptions: {
      globals: { process: "readonly", Buffer: "readonly", setImmediate: "readonly" },
    },
  },
  // Code the browser app runs (the page and its worker): no Node globals. Node-only files in these
  // parts are `node.ts`, `*.node.ts`, the grader, tests and build scripts.
  {
    files: BROWSER_FILES,
    ignores: BROWSER_IGNORES,
    languageOptions: { globals: { process: "off", Buffer: "off", setImmediate: "off" } },
    rules: {
      "no-restricted-globals": [
        "error",
        ...[
          "process",
          "Buffer",
          "setImmediate",
          "require",
          "__dirname",
          "__filename",
          "global",
        ].map((name) => ({
          name,
          message: "This code runs in the browser: no Node globals here.",
        })),
      ],
    },
  },
);

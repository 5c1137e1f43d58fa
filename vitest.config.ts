import { defineConfig } from "vitest/config";

const ignored = ["node_modules/**", "dist/**"];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    // The tests that start `robotyc` as a process run the built command: build it first.
    globalSetup: ["./test/build-setup.ts"],
    // Processes started by tests compile every program (a test of the cache sets its own).
    env: { ROBOTYC_COMPILE_CACHE: "off" },
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: "parts",
          include: ["**/*.test.ts"],
          exclude: [...ignored, "firmware-bridge/**"],
        },
      },
      {
        extends: true,
        test: {
          name: "hardware",
          include: ["firmware-bridge/**/*.test.ts"],
          exclude: ignored,
          // Johnny-Five and firmata.js keep wall-clock timeouts (connect, ping, ready), which a
          // machine busy with other test files can starve; a test that fails for that reason
          // gets one more try. A real defect fails every try.
          retry: 1,
        },
      },
    ],
  },
});

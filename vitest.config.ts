import { defineConfig } from "vitest/config";

const ignored = ["node_modules/**", "dist/**"];

export default defineConfig({
  test: {
    testTimeout: 60_000,
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

/**
 * The web app's build: `desktop/renderer/` is the root, the output goes to `dist/web/` at the
 * repository root. `npm run web` builds and serves it (desktop/serve/web.ts).
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL("./desktop/renderer/", import.meta.url));

const ISOLATION = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
};

export default defineConfig({
  root,
  base: "./",
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL("./dist/web", import.meta.url)),
    emptyOutDir: true,
    target: "es2022",
    // Monaco and TypeScript are big by nature and loaded lazily; the warning is about them.
    chunkSizeWarningLimit: 6000,
    reportCompressedSize: false,
    rolldownOptions: { checks: { pluginTimings: false } },
  },
  worker: { format: "es" },
  // Cross-origin isolation gives the run worker shared memory, so « Arrêter » and « Pause »
  // reach a run even while the pupil's program is busy in a loop.
  server: { host: "127.0.0.1", headers: ISOLATION },
  preview: { host: "127.0.0.1", port: 4173, strictPort: true, headers: ISOLATION },
});

/**
 * The web app's build: `desktop/renderer/` is the root, the output goes to `dist/web/` at the
 * repository root. `npm run web` builds and serves it (desktop/serve/web.ts).
 */
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";

const root = fileURLToPath(new URL("./desktop/renderer/", import.meta.url));

const at = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The classifier's files, served beside the app for the robot's camera in the run worker
 * (`classifier/model/`, `classifier/bank/`, `classifier/wasm/`): the shipped model, the image bank
 * and TF.js's single-threaded wasm backends.
 */
const STATIC_FILES: Record<string, string> = {
  "classifier/model/model.json": at("./classifier/model/model.json"),
  "classifier/model/weights.bin": at("./classifier/model/weights.bin"),
  "classifier/bank/bank.json": at("./classifier/bank/bank.json"),
  "classifier/bank/bank.png": at("./classifier/bank/bank.png"),
  "classifier/wasm/tfjs-backend-wasm.wasm": at(
    "./node_modules/@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm",
  ),
  "classifier/wasm/tfjs-backend-wasm-simd.wasm": at(
    "./node_modules/@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm",
  ),
};

/** Blockly's sprites and sounds, served by the app itself (`blockly-media/`): nothing from the internet. */
const BLOCKLY_MEDIA = at("./node_modules/blockly/media/");
for (const name of readdirSync(BLOCKLY_MEDIA)) {
  STATIC_FILES[`blockly-media/${name}`] = BLOCKLY_MEDIA + name;
}

/** Serves (dev) and emits (build) the files above beside the app. */
function staticFiles(): Plugin {
  return {
    name: "robotyc-static-files",
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? "").replace(/^\//, "").split("?")[0]!;
        const file = STATIC_FILES[path];
        if (!file) return next();
        res.end(readFileSync(file));
      });
    },
    generateBundle() {
      for (const [fileName, file] of Object.entries(STATIC_FILES)) {
        this.emitFile({ type: "asset", fileName, source: readFileSync(file) });
      }
    },
  };
}

const ISOLATION = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
};

export default defineConfig({
  root,
  base: "./",
  plugins: [staticFiles()],
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

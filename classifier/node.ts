/**
 * The classifier's Node entry: everything of `index.ts`, plus what only Node does — reading the
 * shipped model and image bank (or a directory) from disk, decoding PNG with pngjs, finding the
 * TF.js wasm files, and starting the wasm backend without the process-wide handlers its glue adds
 * (they rethrow any stray rejection, which would crash a host that handles rejections itself).
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PNG } from "pngjs";
import { initBackend, type BackendOptions } from "./backend.ts";
import { imageBankFromFiles, type ImageBank } from "./bank.ts";
import { WasteClassifier, type ClassifierOptions } from "./classifier.ts";
import { decodeImage as decodeWith, type PngDecoder } from "./decode.ts";
import type { PixelImage } from "./image.ts";
import { checkModelDocument, modelNotFound, type ModelFiles } from "./model.ts";

export * from "./index.ts";

/** The model and image bank shipped in this folder. */
export const SHIPPED_MODEL_DIR = fileURLToPath(new URL("./model/", import.meta.url));
export const SHIPPED_BANK_DIR = fileURLToPath(new URL("./bank/", import.meta.url));

/** pngjs: any PNG a camera or a photo tool writes. */
export const nodePngDecoder: PngDecoder = async (bytes) => {
  const decoded = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const data = new Uint8Array(
    decoded.data.buffer,
    decoded.data.byteOffset,
    decoded.data.byteLength,
  );
  return { width: decoded.width, height: decoded.height, data, channels: 4 };
};

/** Decodes a JPEG or PNG file's bytes (PNG through pngjs). */
export function decodeImage(bytes: Uint8Array, file = "image"): Promise<PixelImage> {
  return decodeWith(bytes, file, nodePngDecoder);
}

type Listener = (...args: unknown[]) => void;
const EVENTS = ["uncaughtException", "unhandledRejection"] as const;
const listenersOf = (event: string) => process.listeners(event as "exit") as Listener[];

/** Runs `start`, then removes the process listeners it added. */
async function withoutNewProcessListeners<T>(start: () => Promise<T>): Promise<T> {
  const before = new Map(EVENTS.map((e) => [e, new Set(listenersOf(e))]));
  try {
    return await start();
  } finally {
    for (const event of EVENTS) {
      for (const listener of listenersOf(event)) {
        if (!before.get(event)!.has(listener)) process.removeListener(event, listener);
      }
    }
  }
}

/** The backend options Node needs, around the caller's own. */
export function nodeBackendOptions<T extends BackendOptions>(options: T = {} as T): T {
  const wasmDir = dirname(createRequire(import.meta.url).resolve("@tensorflow/tfjs-backend-wasm"));
  return {
    wasmPaths: wasmDir + "/",
    tryNative: true,
    guardStart: withoutNewProcessListeners,
    ...options,
  };
}

/** Starts the TF.js backend for Node (see `initBackend`). */
export function initNodeBackend(options: BackendOptions = {}): Promise<string> {
  return initBackend(nodeBackendOptions(options));
}

/** Reads a model directory (the shipped model by default). */
export async function readModelDir(dir: string = SHIPPED_MODEL_DIR): Promise<ModelFiles> {
  try {
    const text = await readFile(join(dir, "model.json"), "utf8");
    const doc = checkModelDocument(text);
    const weights = await Promise.all(
      doc.weightsManifest.flatMap((g) => g.paths).map((p) => readFile(join(dir, p))),
    );
    return {
      json: text,
      weights: weights.map((b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength)),
    };
  } catch (error) {
    throw modelNotFound(dir, error);
  }
}

/** Loads a classifier from a model directory or files in memory (the shipped model by default). */
export async function loadClassifier(
  source: string | ModelFiles = SHIPPED_MODEL_DIR,
  options: ClassifierOptions = {},
): Promise<WasteClassifier> {
  const files = typeof source === "string" ? await readModelDir(source) : source;
  return WasteClassifier.load(files, nodeBackendOptions(options));
}

/** Reads an image bank directory (the shipped bank by default). */
export async function loadImageBankDir(dir: string = SHIPPED_BANK_DIR): Promise<ImageBank> {
  const [json, png] = await Promise.all([
    readFile(join(dir, "bank.json"), "utf8"),
    readFile(join(dir, "bank.png")),
  ]);
  return imageBankFromFiles({ json, png: new Uint8Array(png) }, (bytes) =>
    decodeImage(bytes, "bank.png"),
  );
}

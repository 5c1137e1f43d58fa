/**
 * The robot's camera in a challenge: the classifier's image bank gives a real render of the item
 * at the gripper, and the shipped model names it — so `classify()` in a challenge runs the real
 * model on a real render, the same in `run`, in `grade` and in the app. The app hands in where
 * the model, the bank and the TF.js wasm files are served; Node reads the shipped files
 * (`camera.node.ts`). Loaded once per source, on the first challenge whose robot has a camera.
 */
import {
  bankCamera,
  loadImageBank,
  WasteClassifier,
  type ImageBank,
  type ImageBankFiles,
  type ModelFiles,
} from "../classifier/index.ts";
import type { ClassifyResult } from "../runtime/engine.ts";

export interface ChallengeCamera {
  camera: ReturnType<typeof bankCamera>;
  classifyItem: (image: { width: number; height: number; data: Uint8Array }) => ClassifyResult;
}

/** Where the classifier's files are: URLs (fetched) or their bytes. */
export interface ClassifierSource {
  model: string | URL | ModelFiles;
  bank: string | URL | ImageBankFiles;
  /** Where the TF.js wasm backend's `.wasm` files are served. */
  wasmPaths?: string;
}

/** The camera from a loaded bank and model. */
export function makeChallengeCamera(bank: ImageBank, model: WasteClassifier): ChallengeCamera {
  return {
    camera: bankCamera(bank),
    classifyItem: (image) => {
      const { kind, confidence } = model.classify({ ...image, channels: 3 });
      return { kind, confidence };
    },
  };
}

/** Caches one load per key; a failed load is not cached, so the next run tries again. */
export function cachedLoad<K extends object, T>(
  load: (key: K) => Promise<T>,
): (key: K) => Promise<T> {
  const cache = new WeakMap<K, Promise<T>>();
  return (key) => {
    let loading = cache.get(key);
    if (!loading) {
      loading = load(key);
      cache.set(key, loading);
      loading.catch(() => cache.delete(key));
    }
    return loading;
  };
}

/** The challenge camera for a classifier source (loaded once per source object). */
export const challengeCamera = cachedLoad(async (source: ClassifierSource) => {
  const [bank, model] = await Promise.all([
    loadImageBank(source.bank),
    WasteClassifier.load(source.model, source.wasmPaths ? { wasmPaths: source.wasmPaths } : {}),
  ]);
  return makeChallengeCamera(bank, model);
});

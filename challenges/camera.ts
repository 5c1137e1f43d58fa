/**
 * The robot's camera in a challenge: the classifier's image bank gives a real render of the item
 * at the gripper, and the shipped model names it — so `classify()` in a challenge runs the real
 * model on a real render, the same in `run`, in `grade` and in the app. The app hands in where
 * the model, the bank and the TF.js wasm files are served; Node reads the shipped files
 * (`camera.node.ts`). Loaded once per source, on the first challenge whose robot has a camera.
 */
import {
  bankCamera,
  type ImageBank,
  type ImageBankFiles,
  type ModelFiles,
  type WasteClassifier,
} from "../classifier/index.ts";
import type { ClassifyResult } from "../runtime/engine.ts";
import type { CameraImage, CameraSource } from "../simulator/index.ts";

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

/**
 * The camera from a loaded bank and model.
 *
 * The bank's pictures are fixed (each made once, never changed) and the model names a picture
 * the same way every time, so the answer for a picture of the bank is kept and given again when
 * the camera takes that picture again: a classification costs ~4 ms of TensorFlow.js, and a
 * grading photographs the same few hundred pictures over and over. Only pictures this camera
 * gave are kept (an image from anywhere else is always classified), and this model is this
 * camera's alone (nothing can change its weights or head).
 */
export function makeChallengeCamera(bank: ImageBank, model: WasteClassifier): ChallengeCamera {
  const pictures = bankCamera(bank);
  const fromBank = new WeakSet<Uint8Array>();
  const answers = new WeakMap<Uint8Array, ClassifyResult>();
  return {
    camera: {
      imageOf(item, random) {
        const picture = pictures.imageOf(item, random);
        fromBank.add(picture.data);
        return picture;
      },
    },
    classifyItem: (image) => {
      const bankPicture = fromBank.has(image.data);
      const known = bankPicture ? answers.get(image.data) : undefined;
      if (known) return { ...known };
      const { kind, confidence } = model.classify({ ...image, channels: 3 });
      if (bankPicture) answers.set(image.data, { kind, confidence });
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
  // TensorFlow.js is imported here, on the first load, not with the module.
  const { loadImageBank, WasteClassifier } = await import("../classifier/index.ts");
  const [bank, model] = await Promise.all([
    loadImageBank(source.bank),
    WasteClassifier.load(source.model, source.wasmPaths ? { wasmPaths: source.wasmPaths } : {}),
  ]);
  return makeChallengeCamera(bank, model);
});

/**
 * The camera a run gives its robot: the bank and the model (TensorFlow.js) load on the program's
 * first `classify()`, not when the run starts, so a program that never classifies never loads
 * them. The one number a picture takes from the run's generator is drawn at the call, as with a
 * camera loaded beforehand: when the loading happens changes no run.
 */
export function lazyCamera(load: () => Promise<ChallengeCamera>): {
  camera: CameraSource;
  classifyItem: (image: CameraImage) => Promise<ClassifyResult>;
} {
  return {
    camera: {
      imageOf(item, random) {
        const drawn = random.next();
        return load().then((loaded) => loaded.camera.imageOf(item, { next: () => drawn }));
      },
    },
    classifyItem: async (image) => (await load()).classifyItem(image),
  };
}

/**
 * The robot's camera in a headless challenge: the classifier's image bank gives a real render of
 * the item at the gripper, and the shipped model names it — so `classify()` in a challenge runs
 * the real model on a real render, the same in `run`, in `grade` and in the app.
 *
 * The bank and the model (TensorFlow.js) load on the first `classify()` of the process (or
 * worker), not when a run starts: a program that never classifies never loads them. The one
 * number the picture takes from the run's generator is drawn at the call, as before, so loading
 * later changes no run.
 */
import type { ClassifyResult } from "../runtime/engine.ts";
import type { CameraImage, CameraSource } from "../simulator/index.ts";

export interface ChallengeCamera {
  camera: CameraSource;
  classifyItem: (image: CameraImage) => Promise<ClassifyResult>;
}

type Loaded = {
  camera: ReturnType<typeof import("../classifier/index.ts").bankCamera>;
  classify: (image: CameraImage) => ClassifyResult;
};

let loading: Promise<Loaded> | undefined;

function load(): Promise<Loaded> {
  loading ??= (async () => {
    const { bankCamera, loadImageBank, WasteClassifier } = await import("../classifier/index.ts");
    const [bank, model] = await Promise.all([loadImageBank(), WasteClassifier.load()]);
    return {
      camera: bankCamera(bank),
      classify: (image) => {
        const { kind, confidence } = model.classify({ ...image, channels: 3 });
        return { kind, confidence };
      },
    };
  })();
  // A failed load is not cached: the next classify() tries again.
  loading.catch(() => (loading = undefined));
  return loading;
}

const camera: ChallengeCamera = {
  camera: {
    imageOf(item, random) {
      const drawn = random.next();
      return load().then((loaded) => loaded.camera.imageOf(item, { next: () => drawn }));
    },
  },
  classifyItem: async (image) => (await load()).classify(image),
};

/** The camera of a challenge's robot (one per process; nothing loads until it is used). */
export function challengeCamera(): ChallengeCamera {
  return camera;
}

/** Whether the bank and the model are loaded in this process (for tests and benchmarks). */
export function challengeCameraLoaded(): boolean {
  return loading !== undefined;
}

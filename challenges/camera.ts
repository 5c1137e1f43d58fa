/**
 * The robot's camera in a headless challenge: the classifier's image bank gives a real render of
 * the item at the gripper, and the shipped model names it — so `classify()` in a challenge runs
 * the real model on a real render, the same in `run`, in `grade` and in the app. Loaded once per
 * process (or worker), on the first challenge whose robot has a camera.
 */
import { bankCamera, loadImageBank, WasteClassifier } from "../classifier/index.ts";
import type { ClassifyResult } from "../runtime/engine.ts";

export interface ChallengeCamera {
  camera: ReturnType<typeof bankCamera>;
  classifyItem: (image: { width: number; height: number; data: Uint8Array }) => ClassifyResult;
}

let loading: Promise<ChallengeCamera> | undefined;

export function challengeCamera(): Promise<ChallengeCamera> {
  loading ??= (async () => {
    const [bank, model] = await Promise.all([loadImageBank(), WasteClassifier.load()]);
    return {
      camera: bankCamera(bank),
      classifyItem: (image) => {
        const { kind, confidence } = model.classify({ ...image, channels: 3 });
        return { kind, confidence };
      },
    };
  })();
  // A failed load is not cached: the next run tries again.
  loading.catch(() => (loading = undefined));
  return loading;
}

/**
 * The challenge camera in Node: the shipped image bank and model, read from disk once per process.
 * The classifier (TensorFlow.js) is imported on the first load only.
 */
import { cachedLoad, makeChallengeCamera, type ChallengeCamera } from "./camera.ts";

const SHIPPED = {};
const load = cachedLoad(async (_key: object) => {
  const { loadClassifier, loadImageBankDir } = await import("../classifier/node.ts");
  const [bank, model] = await Promise.all([loadImageBankDir(), loadClassifier()]);
  return makeChallengeCamera(bank, model);
});

export function shippedChallengeCamera(): Promise<ChallengeCamera> {
  return load(SHIPPED);
}

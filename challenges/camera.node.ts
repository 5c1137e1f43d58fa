/** The challenge camera in Node: the shipped image bank and model, read from disk once per process. */
import { loadClassifier, loadImageBankDir } from "../classifier/node.ts";
import { cachedLoad, makeChallengeCamera, type ChallengeCamera } from "./camera.ts";

const SHIPPED = {};
const load = cachedLoad(async (_key: object) => {
  const [bank, model] = await Promise.all([loadImageBankDir(), loadClassifier()]);
  return makeChallengeCamera(bank, model);
});

export function shippedChallengeCamera(): Promise<ChallengeCamera> {
  return load(SHIPPED);
}

/** Loads rapier's deterministic build once per thread (its wasm is inlined: no path to set). */
import RAPIER from "@dimforge/rapier3d-deterministic-compat";

export type Rapier = typeof RAPIER;

let ready: Promise<Rapier> | undefined;

export function loadRapier(): Promise<Rapier> {
  ready ??= RAPIER.init().then(() => RAPIER);
  return ready;
}

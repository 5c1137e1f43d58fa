/**
 * A simulation host made ready before its first run is known: the physics engine loaded and its
 * WebAssembly compiled, a sandbox prepared. V8 compiles each of rapier's functions on its first
 * call, and the first step of a world calls the largest ones (~1 s of compiling, on this machine,
 * before a run can start). Stepping a small world of our own first moves that work to where the
 * process would otherwise wait: `robotyc run` while its program compiles in the compiler's worker,
 * a grading worker while the first programs compile.
 *
 * The small world is freed at once: worlds share nothing, so no run's draw or trace depends on it.
 *
 * Threads that share: V8 compiles the functions of a `WebAssembly.Module` once for every thread
 * that instantiates it. The thread that starts grading threads compiles the engines once and warms
 * them (`warmSharedEngines`) while its threads boot, and posts the modules to them
 * (`useSharedEngines`): their first runs then call code already compiled, instead of each thread
 * compiling the same functions (~1 s of CPU each) before its first run.
 */
import {
  newQuickJSInstance,
  QUICKJS_BASE_MEMORY,
  quickJSWasmModule,
  setQuickJSWasmModule,
  warmUpSandbox,
} from "../../runtime/engine.ts";
import { loadRapier, rapierModule, useRapierModule } from "../../simulator/index.ts";

/** The compiled engines a thread hands to the threads it starts. */
export interface SharedEngines {
  rapier: WebAssembly.Module;
  quickjs: WebAssembly.Module;
}

/** Steps a small world of the kinds of bodies a run has. */
async function stepSmallWorld(): Promise<void> {
  const R = await loadRapier();
  const world = new R.World({ x: 0, y: 0, z: -981 });
  try {
    // The kinds of bodies a run has: fixed walls, items falling and resting, the robot.
    world.createCollider(R.ColliderDesc.cuboid(100, 100, 1));
    const item = world.createRigidBody(R.RigidBodyDesc.dynamic().setTranslation(0, 0, 5));
    world.createCollider(R.ColliderDesc.cuboid(2, 2, 2), item);
    const ball = world.createRigidBody(R.RigidBodyDesc.dynamic().setTranslation(1, 0, 9));
    world.createCollider(R.ColliderDesc.ball(2), ball);
    const robot = world.createRigidBody(
      R.RigidBodyDesc.kinematicPositionBased().setTranslation(3, 0, 2),
    );
    world.createCollider(R.ColliderDesc.cylinder(2, 3), robot);
    for (let i = 0; i < 5; i++) world.step();
  } finally {
    world.free();
  }
}

/** Starts the warm-up; resolves when it is done. Never rejects (the first run says what failed). */
export function warmUpSimulation(): Promise<void> {
  warmUpSandbox();
  return stepSmallWorld().catch(() => undefined);
}

/**
 * Compiles and warms the engines in this thread, for the threads it starts: rapier by a small
 * world's steps, QuickJS by a short loop in an instance of its own (its interpreter's functions,
 * ~0.2 s of compiling), freed at once. Resolves to undefined if either cannot load (each thread
 * then loads its own, and its first run says what failed).
 */
export async function warmSharedEngines(): Promise<SharedEngines | undefined> {
  try {
    await stepSmallWorld();
    const { quickjs } = await newQuickJSInstance(QUICKJS_BASE_MEMORY);
    const context = quickjs.newContext();
    try {
      context
        .unwrapResult(context.evalCode("let s = 0; for (let i = 0; i < 20000; i++) s += i % 7; s"))
        .dispose();
    } finally {
      context.dispose();
    }
    const rapier = rapierModule();
    const module = await quickJSWasmModule();
    return rapier && module ? { rapier, quickjs: module } : undefined;
  } catch {
    return undefined;
  }
}

/** Makes this thread's engines instances of modules another thread compiled (before any run). */
export function useSharedEngines(engines: SharedEngines): void {
  useRapierModule(engines.rapier);
  setQuickJSWasmModule(engines.quickjs);
}

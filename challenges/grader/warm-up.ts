/**
 * A simulation host made ready before its first run is known: the physics engine loaded and its
 * WebAssembly compiled, a sandbox prepared. V8 compiles each of rapier's functions on its first
 * call, and the first step of a world calls the largest ones (~1 s of compiling, on this machine,
 * before a run can start). Stepping a small world of our own first moves that work to where the
 * process would otherwise wait: `robotyc run` while its program compiles in the compiler's worker,
 * a grading worker while the first programs compile.
 *
 * The small world is freed at once: worlds share nothing, so no run's draw or trace depends on it.
 */
import { warmUpSandbox } from "../../runtime/engine.ts";
import { loadRapier } from "../../simulator/index.ts";

/** Starts the warm-up; resolves when it is done. Never rejects (the first run says what failed). */
export function warmUpSimulation(): Promise<void> {
  warmUpSandbox();
  return loadRapier()
    .then((R) => {
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
    })
    .catch(() => undefined);
}

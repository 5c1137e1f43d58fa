/**
 * The calls of every tick into rapier's engine, made through its raw interface with vectors kept
 * for the whole run. rapier's wrappers make and free an engine vector for each vector argument
 * (each registered for finalization: garbage the collector must track), wrap each result in an
 * object, and hand the engine a filter function even when there is none, which the engine then
 * calls back for every collider a ray meets. The engine receives the same numbers either way (the
 * same 32-bit floats), so the physics and every trace hash are the same.
 */
import type { Rapier } from "./rapier.ts";

type RapierWorld = InstanceType<Rapier["World"]>;
type RawVector = ReturnType<Rapier["VectorOps"]["intoRaw"]>;
type Body = ReturnType<RapierWorld["createRigidBody"]>;

export class EngineCalls {
  private readonly gravity: RawVector;
  private readonly a: RawVector;
  private readonly b: RawVector;
  private freed = false;

  constructor(
    R: Rapier,
    private readonly physics: RapierWorld,
  ) {
    this.gravity = R.VectorOps.intoRaw(physics.gravity);
    this.a = R.VectorOps.intoRaw({ x: 0, y: 0, z: 0 });
    this.b = R.VectorOps.intoRaw({ x: 0, y: 0, z: 0 });
  }

  /**
   * One step of rapier's pipeline. Not `World.step`: it ends with `mapNewSoftBodies`, which walks
   * every body and collider handle (a crossing into the engine each) for the pieces a soft body's
   * tear split off; this world has no soft body, so that walk never finds anything (it was a
   * tenth of a busy run).
   */
  step(): void {
    const w = this.physics;
    w.physicsPipeline.raw.step(
      this.gravity,
      w.integrationParameters.raw,
      w.islands.raw,
      w.broadPhase.raw,
      w.narrowPhase.raw,
      w.bodies.raw,
      w.colliders.raw,
      w.softBodies.raw,
      w.impulseJoints.raw,
      w.multibodyJoints.raw,
      w.ccdSolver.raw,
    );
  }

  /** `body.applyImpulseAtPoint(impulse, point, true)`. */
  applyImpulseAtPoint(
    body: Body,
    ix: number,
    iy: number,
    iz: number,
    px: number,
    py: number,
    pz: number,
  ): void {
    const { a, b } = this;
    a.x = ix;
    a.y = iy;
    a.z = iz;
    b.x = px;
    b.y = py;
    b.z = pz;
    this.physics.bodies.raw.rbApplyImpulseAtPoint(body.handle, a, b, true);
  }

  /**
   * The time of impact of the nearest solid hit of a ray (`World.castRay` with no predicate), or
   * null: the ray from `origin` along `dir`, up to `maxToi` times its length.
   */
  castRay(
    origin: { x: number; y: number; z: number },
    dir: { x: number; y: number; z: number },
    maxToi: number,
    groups: number,
    excludeCollider: number | undefined,
    excludeBody: number | undefined,
  ): number | null {
    const { a, b, physics: w } = this;
    a.x = origin.x;
    a.y = origin.y;
    a.z = origin.z;
    b.x = dir.x;
    b.y = dir.y;
    b.z = dir.z;
    const hit = w.broadPhase.raw.castRay(
      w.narrowPhase.raw,
      w.bodies.raw,
      w.colliders.raw,
      a,
      b,
      maxToi,
      true,
      0,
      groups,
      excludeCollider,
      excludeBody,
      // No filter function: the engine then asks nothing back for each collider it meets.
      null as unknown as () => boolean,
    );
    if (!hit) return null;
    const toi = hit.timeOfImpact();
    hit.free();
    return toi;
  }

  /** Frees the kept vectors (before the world itself is freed). */
  dispose(): void {
    if (this.freed) return;
    this.freed = true;
    this.gravity.free();
    this.a.free();
    this.b.free();
  }
}

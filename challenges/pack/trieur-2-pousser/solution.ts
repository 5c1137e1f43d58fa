// Trieur de déchets 2 — reference solution: push each lane's item straight into the bin.
// The robot starts in the middle lane (y = 45), facing east; lanes are 25 cm apart.

/** Turns to a compass heading (0 = east at start, clockwise), checked with the gyroscope. */
async function face(compass: number) {
  for (let i = 0; i < 3; i++) {
    const error = ((compass - robot.heading() + 540) % 360) - 180;
    if (Math.abs(error) < 1) return;
    if (error > 0) await robot.turnRight(error);
    else await robot.turnLeft(-error);
  }
}

/** Moves sideways to another lane: turn, drive, turn back east. */
async function changeLane(dy: number) {
  if (dy === 0) return;
  await face(dy > 0 ? 270 : 90);
  await robot.forward(Math.abs(dy));
  await face(0);
}

robot.setSpeed(70);
let lane = 45;
for (const target of [45, 20, 70]) {
  await changeLane(target - lane);
  lane = target;
  // The item is 50 cm ahead; the bin starts 100 cm ahead: push until it is well inside.
  await robot.forward(95);
  await robot.backward(95);
}

// Trieur de déchets 3 — reference solution: pick up each bottle, read its colour, carry it to
// its bin. The robot keeps track of where it is (x, y in cm from the table's south-west corner).
// Items wait on the row y = 30 at x = 45, 65, 85, 105; bins open to the south, centred on y = 112.

const HOLD = 18; // the gripper holds an item 18 cm ahead of the wheel axle
const LANE = 62; // a free lane between the row of items and the bins
const BIN_X: Record<string, number> = { plastic: 35, glass: 105 };

let x = 18;
let y = 30;

/** Turns to a compass heading (0 = east at start, clockwise), checked with the gyroscope. */
async function face(compass: number) {
  for (let i = 0; i < 3; i++) {
    const error = ((compass - robot.heading() + 540) % 360) - 180;
    if (Math.abs(error) < 1) return;
    if (error > 0) await robot.turnRight(error);
    else await robot.turnLeft(-error);
  }
}

/** Drives straight along x (east/west) or y (north/south) to a point. */
async function goTo(tx: number, ty: number) {
  if (Math.abs(tx - x) > 0.5) {
    await face(tx > x ? 0 : 180);
    await robot.forward(Math.abs(tx - x));
    x = tx;
  }
  if (Math.abs(ty - y) > 0.5) {
    await face(ty > y ? 270 : 90);
    await robot.forward(Math.abs(ty - y));
    y = ty;
  }
}

robot.setSpeed(100);
for (const itemX of [45, 65, 85, 105]) {
  // Come down to the row behind the item, then drive up to it facing east.
  await goTo(itemX - HOLD - 14, LANE);
  await goTo(itemX - HOLD - 14, 30);
  await face(0);
  await robot.forward(14);
  x = itemX - HOLD;
  await robot.grab();
  const kind = robot.color().name === "blue" ? "plastic" : "glass";
  // Up to the lane, along it to the bin, into the bin.
  await goTo(x, LANE);
  await goTo(BIN_X[kind]!, LANE);
  await goTo(x, 112 - HOLD + 4);
  await robot.release();
  await robot.backward(112 - HOLD + 4 - LANE);
  y = LANE;
}

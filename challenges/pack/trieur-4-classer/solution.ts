// Trieur de déchets 4 — reference solution: pick up each item, ask the camera what it is, carry
// it to its bin. The robot keeps track of where it is (x, y in cm from the table's south-west corner):
// before each pick-up it measures itself against the walls with the ultrasonic sensor; carrying
// an item (which hides the ultrasonic sensor), it finds the bin's black guide line.
// Items wait on the row y = 30 at x = 45, 65, ..., 145; bins open to the south, centred on y = 112.

const HOLD = 18; // the gripper holds an item 18 cm ahead of the wheel axle
const SENSOR = 13; // the ultrasonic sensor is 13 cm ahead of the wheel axle
const LINE = 11; // the line sensors are 11 cm ahead of the wheel axle
const LANE = 62; // a free lane between the row of items and the bins
const BIN_X: Record<string, number> = {
  plastic: 35,
  metal: 35,
  paper: 70,
  glass: 105,
  organic: 140,
  residual: 175,
};

let x = 18;

/**
 * Asks the camera what the held item is. A photo can be unclear: when the answer is "none" or
 * below 80 % sure, take another photo (up to 3) and keep the surest answer. (A wrong answer can
 * come with 75 % confidence: a crumpled crisp packet may look like peel.)
 */
async function whatIsIt(): Promise<string> {
  let best = await robot.classify();
  for (let i = 0; i < 2 && (best.kind === "none" || best.confidence < 0.8); i++) {
    const again = await robot.classify();
    if (again.kind !== "none" && (best.kind === "none" || again.confidence > best.confidence)) {
      best = again;
    }
  }
  return best.kind;
}

/** Turns to a compass heading (0 = east at start, clockwise), checked with the gyroscope. */
async function face(compass: number) {
  for (let i = 0; i < 3; i++) {
    const error = ((compass - robot.heading() + 540) % 360) - 180;
    if (Math.abs(error) < 1.5) return;
    if (error > 0) await robot.turnRight(error);
    else await robot.turnLeft(-error);
  }
}

/** Drives east or west along the lane until the line sensors find the guide line at `lineX`. */
async function toGuideLine(lineX: number) {
  await face(lineX >= x ? 0 : 180);
  // Get to 20 cm before the line (carrying, the robot drifts a little: start from far enough),
  // then creep until a line sensor sees it.
  const gap = Math.abs(lineX - x) - LINE;
  if (gap > 20) await robot.forward(gap - 20);
  else await robot.backward(20 - gap);
  robot.setMotors(25, 25);
  const start = time();
  while (time() - start < 6) {
    const seen = robot.line();
    if (seen.left || seen.center || seen.right) break;
  }
  robot.stop();
  await robot.forward(LINE);
  x = lineX;
}

robot.setSpeed(100);
for (const itemX of [45, 65, 85, 105, 125, 145]) {
  // On the lane: measure x against the west wall and move behind the item.
  await face(180);
  x = robot.distance() + SENSOR;
  await robot.forward(x - (itemX - HOLD - 14));
  x = itemX - HOLD - 14;
  // Facing south: measure y against the south wall and come down to the row.
  await face(90);
  const y = robot.distance() + SENSOR;
  await robot.forward(y - 30);
  // Facing east: drive up to the item and take it.
  await face(0);
  await robot.forward(14);
  x = itemX - HOLD;
  await robot.grab();
  const kind = await whatIsIt();
  // Up to the lane, along it to the bin's guide line, into the bin.
  await face(270);
  await robot.forward(LANE - 30);
  await toGuideLine(BIN_X[kind] ?? 175);
  await face(270);
  await robot.forward(112 - HOLD - LANE);
  await robot.release();
  await robot.backward(112 - HOLD - LANE);
}

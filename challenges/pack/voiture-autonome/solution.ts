// Voiture autonome — reference solution: follow the black line with the three line sensors and
// stop when the ultrasonic sensor sees the roadblock close ahead.

const STOP_CM = 12;
let lost = 1; // which way to search when the line is lost: -1 left, 1 right

while (robot.distance() > STOP_CM) {
  const seen = robot.line();
  if (seen.left && !seen.right) {
    robot.setMotors(5, 45); // the line is on the left: turn left
    lost = -1;
  } else if (seen.right && !seen.left) {
    robot.setMotors(45, 5); // the line is on the right: turn right
    lost = 1;
  } else if (seen.center || (seen.left && seen.right)) {
    robot.setMotors(45, 45);
  } else if (lost < 0) {
    robot.setMotors(-25, 35); // lost it: turn on the spot towards where it was last seen
  } else {
    robot.setMotors(35, -25);
  }
  await wait(0.02);
}
robot.stop();

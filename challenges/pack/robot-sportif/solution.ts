// Robot sportif — reference solution: the ball lies on the robot's path; the open jaws of the
// gripper keep it in front while the robot pushes it straight into the goal, then back off.

robot.setSpeed(60);
await robot.forward(115);
await robot.backward(20);

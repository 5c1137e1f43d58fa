// Trieur de déchets 1 — reference solution: the collection zone is 70 cm straight ahead.
robot.setSpeed(100);
await robot.forward(70);

// Mon premier programme : avancer jusqu'au mur, faire demi-tour et revenir.
// My first program: drive to the wall, turn around and come back.

print("Bonjour ! Distance au mur :", robot.distance(), "cm");

robot.setSpeed(60);
while (robot.distance() > 15) {
  await robot.forward(5);
}

await robot.turnRight(180);
await robot.forward(30);
robot.stop();
print("Fini en", Math.round(time()), "secondes.");

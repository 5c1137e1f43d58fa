/**
 * The HC-SR04 ultrasonic sensor: Johnny-Five's `Proximity` with the `HCSR04` controller, which
 * asks for a ping (PingFirmata SysEx 0x75) every 65 ms. A board whose firmware lacks the ping
 * (stock StandardFirmata) makes the sensor unavailable, with a message saying to upload ours.
 */
import { LocalizedError } from "../../../runtime/engine.ts";
import { HOST_MESSAGES } from "../messages.ts";
import { capturingIntervals, type KitComponent } from "./component.ts";

const PING_READ = 0x75;
/** No ping reply for this long: ask again (Johnny-Five pings every 65 ms). */
const PING_REVIVE_MS = 400;

export const ultrasonic: KitComponent = {
  setUp({ kit, five, board, io, pin, hardware, samples, sampled, timers }) {
    if (!kit.ultrasonic) return;
    const trig = pin(kit.ultrasonic.trig);
    if (!io.pins[trig]?.supportedModes.includes(PING_READ)) {
      hardware.unavailable.set(
        "ultrasonic",
        new LocalizedError(HOST_MESSAGES.noPingFirmware, { pin: kit.ultrasonic.trig }),
      );
      return;
    }
    // The samples are taken from firmata.js's reply event, so each one is stamped when it arrives.
    capturingIntervals(
      timers,
      () => new five.Proximity({ controller: "HCSR04", pin: trig, board }),
    );
    let lastPing = performance.now();
    io.on(`ping-read-${trig}`, (microseconds: number) => {
      lastPing = performance.now();
      samples.distanceCm = microseconds / 29.1 / 2;
      samples.distanceSeq++;
      sampled("distance");
    });
    // Johnny-Five asks for the next ping only when a reply comes: one lost reply would end its
    // loop for good. A ping of ours revives it (its reply also answers Johnny-Five's).
    const ping = io as unknown as {
      pingRead(o: { pin: number; value: number; pulseOut: number }, cb: () => void): void;
    };
    timers.push(
      setInterval(() => {
        if (performance.now() - lastPing < PING_REVIVE_MS) return;
        lastPing = performance.now();
        ping.pingRead({ pin: trig, value: 1, pulseOut: 5 }, () => {});
      }, PING_REVIVE_MS),
    );
  },
};

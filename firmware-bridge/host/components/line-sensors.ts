/**
 * The three IR line modules: Johnny-Five `Sensor`s, analog (read against the kit's threshold by
 * `BoardRobot`) or digital (the module's comparator output). Digital inputs report only on
 * change, so a steady input counts as a fresh sample every sampling period.
 */
import { findPin } from "../../../boards/index.ts";
import { SAMPLE_PERIOD_MS } from "../sensors.ts";
import { capturingIntervals, type KitComponent } from "./component.ts";

export const lineSensors: KitComponent = {
  setUp({ kit, five, board, io, profile, samples, sampled, timers }) {
    if (!kit.lineSensors) return;
    const ls = kit.lineSensors;
    [ls.left, ls.center, ls.right].forEach((name, i) => {
      const pin = findPin(profile, name)!;
      if (ls.mode === "analog") {
        capturingIntervals(
          timers,
          () => new five.Sensor({ pin: name, board, freq: SAMPLE_PERIOD_MS.line }),
        );
        io.on(`analog-read-${pin.analogChannel}`, (value: number) => {
          samples.line[i] = value;
          if (i === 2) {
            samples.lineSeq++;
            sampled("line");
          }
        });
      } else {
        capturingIntervals(
          timers,
          () => new five.Sensor({ pin: pin.number, type: "digital", board }),
        );
        io.on(`digital-read-${pin.number}`, (value: number) => {
          samples.line[i] = value;
          samples.lineSeq++;
          sampled("line");
        });
      }
    });
    if (ls.mode === "digital") {
      timers.push(
        setInterval(() => {
          samples.lineSeq++;
          sampled("line");
        }, SAMPLE_PERIOD_MS.line),
      );
    }
  },
};

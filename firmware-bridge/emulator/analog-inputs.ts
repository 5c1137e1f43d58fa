/**
 * The voltages on the ADC's input channels, kept across resets (the world outside the chip does
 * not reset with it) and handed to every new chip's ADC.
 */
import { LocalizedError } from "../../runtime/engine.ts";
import type { Mcu } from "./mcu.ts";

const messages = {
  badChannel: {
    fr: "Entrée analogique {channel} inexistante (0-{last}).",
    en: "Analog input {channel} does not exist (0-{last}).",
  },
};

export class AnalogInputs {
  private readonly volts: number[];

  constructor(private readonly mcu: Mcu) {
    this.volts = new Array<number>(mcu.spec.analogChannels).fill(0);
    mcu.onChip(({ adc }) => {
      for (let i = 0; i < this.volts.length; i++) adc.channelValues[i] = this.volts[i];
    });
  }

  /** Sets a channel's voltage, clamped to 0..5 V. */
  set(channel: number, volts: number): void {
    if (!Number.isInteger(channel) || channel < 0 || channel >= this.volts.length) {
      throw new LocalizedError(messages.badChannel, { channel, last: this.volts.length - 1 });
    }
    this.volts[channel] = Math.max(0, Math.min(5, volts));
    this.mcu.chip.adc.channelValues[channel] = this.volts[channel];
  }
}

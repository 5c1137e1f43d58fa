// Servo pulses on any digital pin, from one 16-bit timer (Timer1; Timer5 on the Mega):
// the channels' pulses follow each other in a 20 ms frame, timed by compare-match interrupts.
#pragma once
#include <Arduino.h>

namespace servo {
const uint8_t MAX_CHANNELS = 12;

// Starts pulses on `pin` (min/max pulse in µs for 0° and 180°). False when all channels are taken.
bool attach(uint8_t pin, uint16_t minUs, uint16_t maxUs);
void detach(uint8_t pin);
bool attached(uint8_t pin);
// An angle (0-180) or, from 544 up, a pulse width in µs, as Firmata's ANALOG_MESSAGE carries.
void write(uint8_t pin, uint16_t value);
// Stops (true) or restarts (false) all pulses: the failsafe's safe state.
void suspend(bool suspended);
}  // namespace servo

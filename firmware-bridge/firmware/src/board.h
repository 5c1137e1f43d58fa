// What each board offers, from the Arduino core's variant (pins_arduino.h).
#pragma once
#include <Arduino.h>

// Firmata pin numbers: the digital pins, then analog-only inputs (Nano A6/A7).
#if defined(ROBOTYC_BOARD_NANO)
#define TOTAL_PINS 22
#else
#define TOTAL_PINS NUM_DIGITAL_PINS
#endif

#if defined(__AVR_ATmega2560__) || defined(__AVR_ATmega1280__)
#define FIRST_ANALOG_PIN 54
#else
#define FIRST_ANALOG_PIN 14
#endif

static inline bool pinIsDigital(uint8_t pin) {
  // Pins 0 and 1 carry the serial link to the host: never offered.
  return pin >= 2 && pin < NUM_DIGITAL_PINS;
}
static inline bool pinIsAnalog(uint8_t pin) {
  return pin >= FIRST_ANALOG_PIN && pin < FIRST_ANALOG_PIN + NUM_ANALOG_INPUTS && pin < TOTAL_PINS;
}
static inline uint8_t analogChannelOf(uint8_t pin) { return pin - FIRST_ANALOG_PIN; }
static inline bool pinIsPwm(uint8_t pin) { return pinIsDigital(pin) && digitalPinHasPWM(pin); }
static inline bool pinIsI2c(uint8_t pin) { return pin == PIN_WIRE_SDA || pin == PIN_WIRE_SCL; }

// Robotyc Firmata: the Firmata 2.x protocol that Johnny-Five and firmata.js speak, for the
// classroom robot kits, plus the ultrasonic ping SysEx (0x75) and a motor failsafe.
//
// Structure: a byte parser (MIDI-style framing, robust to garbage and cut messages), the
// command handlers, and the periodic work in loop() (digital/analog reports, continuous I2C
// reads, failsafe).
#include <Arduino.h>
#include <Wire.h>

#include "board.h"
#include "protocol.h"
#include "servo.h"

namespace {

// ---------------------------------------------------------------- state

const uint8_t SYSEX_MAX = 64;
const uint8_t MAX_I2C_QUERIES = 4;
const uint8_t I2C_MAX_BYTES = 32;  // Wire's buffer
const uint16_t DEFAULT_SAMPLING_MS = 19;
const uint16_t DEFAULT_FAILSAFE_MS = 500;
const uint32_t PING_MAX_TIMEOUT_US = 100000UL;  // an HC-SR04 echo lasts at most 38 ms

struct PinInfo {
  uint8_t mode;
  uint16_t value;  // output level, PWM duty or servo value last asked for
};
PinInfo pins[TOTAL_PINS];
uint16_t servoMin[TOTAL_PINS];
uint16_t servoMax[TOTAL_PINS];

const uint8_t PORT_COUNT = (TOTAL_PINS + 7) / 8;
bool reportDigital[PORT_COUNT];
uint8_t lastPortValue[PORT_COUNT];
uint16_t analogReportMask;  // bit n: report analog channel n

uint16_t samplingMs = DEFAULT_SAMPLING_MS;
unsigned long lastSampleMs;

struct I2cQuery {
  uint8_t address;
  int16_t reg;  // -1: no register
  uint8_t count;
  bool stopTx;
};
I2cQuery i2cQueries[MAX_I2C_QUERIES];
uint8_t i2cQueryCount;
uint16_t i2cReadDelayUs;
bool i2cEnabled;

uint16_t failsafeMs = DEFAULT_FAILSAFE_MS;  // 0: off
unsigned long lastHostByteMs;
bool failsafeTripped;

// Parser
uint8_t command;       // current status byte (0: none)
uint8_t dataNeeded;    // data bytes still expected for a channel/system message
uint8_t data[2];
uint8_t dataCount;
bool inSysex;
bool sysexOverflow;
uint8_t sysex[SYSEX_MAX];
uint8_t sysexLength;

// ---------------------------------------------------------------- output helpers

void send7(uint16_t value) {
  Serial.write(value & 0x7F);
  Serial.write((value >> 7) & 0x7F);
}

void sendAnalog(uint8_t channel, uint16_t value) {
  if (channel < 16) {
    Serial.write(ANALOG_MESSAGE | channel);
    send7(value);
  }
}

void sendDigitalPort(uint8_t port, uint8_t value) {
  Serial.write(DIGITAL_MESSAGE | (port & 0x0F));
  send7(value);
}

void sendString(const char *text) {
  Serial.write(START_SYSEX);
  Serial.write(STRING_DATA);
  for (const char *c = text; *c; c++) send7((uint8_t)*c);
  Serial.write(END_SYSEX);
}

void reportVersion() {
  Serial.write(REPORT_VERSION);
  Serial.write(FIRMATA_PROTOCOL_MAJOR);
  Serial.write(FIRMATA_PROTOCOL_MINOR);
}

void reportFirmware() {
  Serial.write(START_SYSEX);
  Serial.write(REPORT_FIRMWARE);
  Serial.write(ROBOTYC_FIRMWARE_MAJOR);
  Serial.write(ROBOTYC_FIRMWARE_MINOR);
  for (const char *c = ROBOTYC_FIRMWARE_NAME; *c; c++) send7((uint8_t)*c);
  Serial.write(END_SYSEX);
}

// Decodes `count` bytes sent as 7-bit pairs (LSB, MSB) from `in`.
uint8_t decodePair(const uint8_t *in) { return (in[0] & 0x7F) | ((in[1] & 0x01) << 7); }

// ---------------------------------------------------------------- pins

uint8_t readPort(uint8_t port) {
  uint8_t value = 0;
  for (uint8_t bit = 0; bit < 8; bit++) {
    uint8_t pin = port * 8 + bit;
    if (pin >= TOTAL_PINS || !pinIsDigital(pin)) continue;
    uint8_t mode = pins[pin].mode;
    if ((mode == MODE_INPUT || mode == MODE_PULLUP) && digitalRead(pin)) value |= 1 << bit;
  }
  return value;
}

void stopPwmAndServo(uint8_t pin) {
  if (pins[pin].mode == MODE_SERVO) servo::detach(pin);
}

void setPinMode(uint8_t pin, uint8_t mode) {
  if (pin >= TOTAL_PINS) return;
  if (mode == MODE_I2C) {
    if (pinIsI2c(pin)) pins[pin].mode = MODE_I2C;
    return;
  }
  bool digital = pinIsDigital(pin);
  bool supported = (digital && (mode == MODE_INPUT || mode == MODE_OUTPUT || mode == MODE_PULLUP ||
                                mode == MODE_SERVO || mode == MODE_PING)) ||
                   (mode == MODE_ANALOG && pinIsAnalog(pin)) || (mode == MODE_PWM && pinIsPwm(pin));
  if (!supported) {
    sendString("unsupported pin mode");
    return;
  }
  if (pins[pin].mode != mode) stopPwmAndServo(pin);
  // Reporting follows the mode: an analog pin used digitally stops its analog reports.
  if (pinIsAnalog(pin) && mode != MODE_ANALOG) analogReportMask &= ~(1u << analogChannelOf(pin));
  pins[pin].value = 0;
  switch (mode) {
    case MODE_INPUT:
      pinMode(pin, INPUT);
      break;
    case MODE_PULLUP:
      pinMode(pin, INPUT_PULLUP);
      pins[pin].value = 1;
      break;
    case MODE_OUTPUT:
      digitalWrite(pin, LOW);  // also switches a timer's PWM output off
      pinMode(pin, OUTPUT);
      break;
    case MODE_ANALOG:
      if (digital) {
        digitalWrite(pin, LOW);  // no pull-up on an analog input
        pinMode(pin, INPUT);
      }
      break;
    case MODE_PWM:
      digitalWrite(pin, LOW);
      pinMode(pin, OUTPUT);
      break;
    case MODE_SERVO:
      if (!servo::attach(pin, servoMin[pin], servoMax[pin])) {
        sendString("too many servos");
        return;
      }
      break;
    case MODE_PING:
      break;
  }
  pins[pin].mode = mode;
}

void writeAnalog(uint8_t pin, uint16_t value) {
  if (pin >= TOTAL_PINS) return;
  if (pins[pin].mode == MODE_PWM) {
    if (value > 255) value = 255;
    pins[pin].value = value;
    analogWrite(pin, value);
  } else if (pins[pin].mode == MODE_SERVO) {
    pins[pin].value = value;
    servo::write(pin, value);
  }
}

void writeDigital(uint8_t pin, uint8_t value) {
  if (pin >= TOTAL_PINS || !pinIsDigital(pin)) return;
  uint8_t mode = pins[pin].mode;
  if (mode == MODE_OUTPUT) {
    pins[pin].value = value;
    digitalWrite(pin, value ? HIGH : LOW);
  } else if (mode == MODE_INPUT || mode == MODE_PULLUP) {
    // Firmata before 2.5: writing 1 to an input enables its pull-up.
    pins[pin].mode = value ? MODE_PULLUP : MODE_INPUT;
    pins[pin].value = value;
    pinMode(pin, value ? INPUT_PULLUP : INPUT);
  }
}

void writePort(uint8_t port, uint8_t value) {
  for (uint8_t bit = 0; bit < 8; bit++) {
    uint8_t pin = port * 8 + bit;
    if (pin >= TOTAL_PINS) break;
    uint8_t mode = pins[pin].mode;
    if (mode == MODE_OUTPUT || mode == MODE_INPUT || mode == MODE_PULLUP) {
      uint8_t level = (value >> bit) & 1;
      // Inputs only change when the host asks for a change (a port write carries all 8 pins).
      if (mode == MODE_OUTPUT || level != pins[pin].value) writeDigital(pin, level);
    }
  }
}

// ---------------------------------------------------------------- failsafe

void tripFailsafe() {
  failsafeTripped = true;
  for (uint8_t pin = 0; pin < TOTAL_PINS; pin++) {
    if (pins[pin].mode == MODE_PWM) {
      pins[pin].value = 0;
      analogWrite(pin, 0);
    }
  }
  servo::suspend(true);  // no more pulses: hobby servos go limp
}

void resumeFromFailsafe() {
  failsafeTripped = false;
  servo::suspend(false);  // servos take their last position again; motors stay at 0
}

// ---------------------------------------------------------------- I2C

void i2cBegin() {
  if (!i2cEnabled) {
    Wire.begin();
    Wire.setWireTimeout(5000, true);  // a stuck bus must not freeze the firmware
    i2cEnabled = true;
  }
}

void i2cRead(uint8_t address, int16_t reg, uint8_t count, bool stopTx) {
  if (count > I2C_MAX_BYTES) count = I2C_MAX_BYTES;
  if (reg >= 0) {
    Wire.beginTransmission(address);
    Wire.write((uint8_t)reg);
    Wire.endTransmission(stopTx);
    if (i2cReadDelayUs > 0) delayMicroseconds(i2cReadDelayUs);
  }
  uint8_t got = Wire.requestFrom(address, count);
  Serial.write(START_SYSEX);
  Serial.write(I2C_REPLY);
  send7(address);
  send7(reg < 0 ? 0 : reg);
  for (uint8_t i = 0; i < got && Wire.available(); i++) send7(Wire.read());
  Serial.write(END_SYSEX);
  if (got < count) sendString("I2C: too few bytes received");
}

void handleI2cRequest(const uint8_t *in, uint8_t length) {
  if (length < 2) return;
  uint8_t address = in[0] & 0x7F;
  uint8_t mode = in[1] & I2C_MODE_MASK;
  bool stopTx = !(in[1] & I2C_RESTART_NO_STOP);
  if (in[1] & I2C_10BIT_ADDRESS) {
    sendString("I2C: 10-bit addresses are not supported");
    return;
  }
  i2cBegin();
  const uint8_t *payload = in + 2;
  uint8_t pairs = (length - 2) / 2;
  switch (mode) {
    case I2C_WRITE:
      Wire.beginTransmission(address);
      for (uint8_t i = 0; i < pairs; i++) Wire.write(decodePair(payload + 2 * i));
      Wire.endTransmission();
      break;
    case I2C_READ_ONCE:
    case I2C_READ_CONTINUOUS: {
      int16_t reg = -1;
      uint8_t count;
      if (pairs >= 2) {
        reg = decodePair(payload);
        count = decodePair(payload + 2);
      } else if (pairs == 1) {
        count = decodePair(payload);
      } else {
        return;
      }
      if (mode == I2C_READ_ONCE) {
        i2cRead(address, reg, count, stopTx);
      } else if (i2cQueryCount < MAX_I2C_QUERIES) {
        i2cQueries[i2cQueryCount++] = {address, reg, count, stopTx};
      } else {
        sendString("I2C: too many continuous reads");
      }
      break;
    }
    case I2C_STOP_READING: {
      uint8_t kept = 0;
      for (uint8_t i = 0; i < i2cQueryCount; i++) {
        if (i2cQueries[i].address != address) i2cQueries[kept++] = i2cQueries[i];
      }
      i2cQueryCount = kept;
      break;
    }
  }
}

// ---------------------------------------------------------------- ultrasonic ping (0x75)

uint32_t decodeLong(const uint8_t *in) {
  uint32_t value = 0;
  for (uint8_t i = 0; i < 4; i++) value = (value << 8) | decodePair(in + 2 * i);
  return value;
}

void sendPingReply(uint8_t pin, uint32_t duration) {
  Serial.write(START_SYSEX);
  Serial.write(PING_READ);
  send7(pin);
  for (int8_t shift = 24; shift >= 0; shift -= 8) send7((duration >> shift) & 0xFF);
  Serial.write(END_SYSEX);
}

// The echo is timed by its pin's pin-change interrupt, so the firmware goes on reading the host
// and driving the motors while it lasts (up to 38 ms when nothing is in range). Timed by a
// blocking pulseIn, every motor command arriving meanwhile waited that long: a turn that should
// last 0.5 s started or stopped up to 38 ms late, 6° at a classroom robot's speed. A pin
// without a pin-change interrupt (some of the Mega's) is still timed by pulseInLong.
struct Echo {
  volatile uint8_t state;  // ECHO_IDLE, ECHO_WAIT_RISE, ECHO_WAIT_FALL, ECHO_DONE
  volatile uint32_t riseUs;
  volatile uint32_t fallUs;
  volatile uint8_t *input;
  uint8_t mask;
  bool activeHigh;
  uint8_t pin;
  volatile uint8_t *pcmsk;
  uint8_t pcmskBit;
  uint8_t pcicrBit;
  uint32_t startUs;
  uint32_t timeoutUs;
};
const uint8_t ECHO_IDLE = 0, ECHO_WAIT_RISE = 1, ECHO_WAIT_FALL = 2, ECHO_DONE = 3;
Echo echo;

// From the pin-change interrupts: the echo's edges, stamped with micros().
void echoEdge() {
  uint8_t state = echo.state;
  if (state != ECHO_WAIT_RISE && state != ECHO_WAIT_FALL) return;
  bool active = ((*echo.input & echo.mask) != 0) == echo.activeHigh;
  if (state == ECHO_WAIT_RISE && active) {
    echo.riseUs = micros();
    echo.state = ECHO_WAIT_FALL;
  } else if (state == ECHO_WAIT_FALL && !active) {
    echo.fallUs = micros();
    echo.state = ECHO_DONE;
  }
}

void disarmEcho() {
  if (echo.state == ECHO_IDLE) return;
  noInterrupts();
  *echo.pcmsk &= ~_BV(echo.pcmskBit);
  if (*echo.pcmsk == 0) PCICR &= ~_BV(echo.pcicrBit);
  echo.state = ECHO_IDLE;
  interrupts();
}

// From loop(): answers once the echo has ended, or with 0 (no echo) at the timeout.
void pollEcho() {
  uint8_t state = echo.state;
  if (state == ECHO_IDLE) return;
  uint32_t duration;
  if (state == ECHO_DONE) duration = echo.fallUs - echo.riseUs;
  else if (micros() - echo.startUs > echo.timeoutUs) duration = 0;
  else return;
  disarmEcho();
  sendPingReply(echo.pin, duration);
}

// In: pin, level, pulse-out µs (4 bytes as 7-bit pairs, big-endian), timeout µs (same).
// Out: pin (7-bit pair), echo duration µs (4 bytes as 7-bit pairs, big-endian).
void handlePing(const uint8_t *in, uint8_t length) {
  if (length < 18) return;
  uint8_t pin = in[0];
  if (pin >= TOTAL_PINS || !pinIsDigital(pin)) return;
  uint8_t level = in[1] ? HIGH : LOW;
  uint32_t pulseOutUs = decodeLong(in + 2);
  uint32_t timeoutUs = decodeLong(in + 10);
  // Johnny-Five asks for 5 µs; the HC-SR04's datasheet wants a trigger of at least 10 µs.
  if (pulseOutUs < 10) pulseOutUs = 10;
  if (pulseOutUs > 1000) pulseOutUs = 1000;
  if (timeoutUs > PING_MAX_TIMEOUT_US) timeoutUs = PING_MAX_TIMEOUT_US;
  if (echo.state != ECHO_IDLE) {
    // A new ping while one is timed: the old one is answered "no echo".
    uint8_t old = echo.pin;
    disarmEcho();
    sendPingReply(old, 0);
  }
  if (pins[pin].mode == MODE_SERVO) servo::detach(pin);
  pins[pin].mode = MODE_PING;
  pinMode(pin, OUTPUT);
  digitalWrite(pin, !level);
  delayMicroseconds(2);
  digitalWrite(pin, level);
  delayMicroseconds(pulseOutUs);
  digitalWrite(pin, !level);
  pinMode(pin, INPUT);
  volatile uint8_t *pcicr = digitalPinToPCICR(pin);
  if (pcicr == 0) {
    // Timed with micros(), not by counting loop turns: interrupts (serial, servos, millis)
    // during the echo would shorten a counted pulse.
    sendPingReply(pin, pulseInLong(pin, level, timeoutUs));
    return;
  }
  // The module starts its echo about 250 µs after the trigger: arming now is in time.
  echo.pin = pin;
  echo.input = portInputRegister(digitalPinToPort(pin));
  echo.mask = digitalPinToBitMask(pin);
  echo.activeHigh = level == HIGH;
  echo.pcmsk = digitalPinToPCMSK(pin);
  echo.pcmskBit = digitalPinToPCMSKbit(pin);
  echo.pcicrBit = digitalPinToPCICRbit(pin);
  echo.timeoutUs = timeoutUs;
  echo.startUs = micros();
  noInterrupts();
  echo.state = ECHO_WAIT_RISE;
  *echo.pcmsk |= _BV(echo.pcmskBit);
  PCIFR = _BV(echo.pcicrBit);
  *pcicr |= _BV(echo.pcicrBit);
  interrupts();
}

// ---------------------------------------------------------------- queries

void capabilityResponse() {
  Serial.write(START_SYSEX);
  Serial.write(CAPABILITY_RESPONSE);
  for (uint8_t pin = 0; pin < TOTAL_PINS; pin++) {
    if (pinIsDigital(pin)) {
      Serial.write(MODE_INPUT);
      Serial.write(1);
      Serial.write(MODE_PULLUP);
      Serial.write(1);
      Serial.write(MODE_OUTPUT);
      Serial.write(1);
      Serial.write(MODE_SERVO);
      Serial.write(14);
      Serial.write(MODE_PING);
      Serial.write(1);
    }
    if (pinIsAnalog(pin)) {
      Serial.write(MODE_ANALOG);
      Serial.write(10);
    }
    if (pinIsPwm(pin)) {
      Serial.write(MODE_PWM);
      Serial.write(8);
    }
    if (pinIsI2c(pin)) {
      Serial.write(MODE_I2C);
      Serial.write(1);
    }
    Serial.write(0x7F);
  }
  Serial.write(END_SYSEX);
}

void analogMappingResponse() {
  Serial.write(START_SYSEX);
  Serial.write(ANALOG_MAPPING_RESPONSE);
  for (uint8_t pin = 0; pin < TOTAL_PINS; pin++) {
    Serial.write(pinIsAnalog(pin) ? analogChannelOf(pin) : 0x7F);
  }
  Serial.write(END_SYSEX);
}

void pinStateResponse(uint8_t pin) {
  if (pin >= TOTAL_PINS) return;
  Serial.write(START_SYSEX);
  Serial.write(PIN_STATE_RESPONSE);
  Serial.write(pin);
  Serial.write(pins[pin].mode);
  uint16_t state = pins[pin].value;
  if (pins[pin].mode == MODE_OUTPUT) state = digitalRead(pin);
  do {
    Serial.write(state & 0x7F);
    state >>= 7;
  } while (state);
  Serial.write(END_SYSEX);
}

// ---------------------------------------------------------------- dispatch

void systemReset();

void handleSysex() {
  if (sysexLength == 0) return;
  const uint8_t *in = sysex + 1;
  uint8_t length = sysexLength - 1;
  switch (sysex[0]) {
    case REPORT_FIRMWARE:
      reportFirmware();
      break;
    case CAPABILITY_QUERY:
      capabilityResponse();
      break;
    case ANALOG_MAPPING_QUERY:
      analogMappingResponse();
      break;
    case PIN_STATE_QUERY:
      if (length >= 1) pinStateResponse(in[0]);
      break;
    case SAMPLING_INTERVAL:
      if (length >= 2) {
        samplingMs = (in[0] & 0x7F) | ((in[1] & 0x7F) << 7);
        if (samplingMs < 1) samplingMs = 1;
      }
      break;
    case EXTENDED_ANALOG:
      if (length >= 2) {
        uint16_t value = 0;
        for (uint8_t i = 1; i < length && i < 4; i++) value |= (uint16_t)(in[i] & 0x7F) << (7 * (i - 1));
        writeAnalog(in[0], value);
      }
      break;
    case SERVO_CONFIG:
      if (length >= 5 && in[0] < TOTAL_PINS && pinIsDigital(in[0])) {
        uint8_t pin = in[0];
        servoMin[pin] = (in[1] & 0x7F) | ((in[2] & 0x7F) << 7);
        servoMax[pin] = (in[3] & 0x7F) | ((in[4] & 0x7F) << 7);
        setPinMode(pin, MODE_SERVO);
      }
      break;
    case I2C_CONFIG:
      if (length >= 2) i2cReadDelayUs = (in[0] & 0x7F) | ((in[1] & 0x7F) << 7);
      i2cBegin();
      break;
    case I2C_REQUEST:
      handleI2cRequest(in, length);
      break;
    case PING_READ:
      handlePing(in, length);
      break;
    case ROBOTYC_FAILSAFE:
      // With data: set the timeout (ms, 0 = off) and echo it. Without: a heartbeat.
      if (length >= 2) {
        failsafeMs = (in[0] & 0x7F) | ((in[1] & 0x7F) << 7);
        Serial.write(START_SYSEX);
        Serial.write(ROBOTYC_FAILSAFE);
        send7(failsafeMs);
        Serial.write(END_SYSEX);
      }
      break;
    default:
      break;  // unknown SysEx: ignored, as the protocol asks
  }
}

void handleMessage() {
  uint8_t status = command & 0xF0;
  uint8_t low = command & 0x0F;
  if (status == DIGITAL_MESSAGE) {
    if (low < PORT_COUNT) writePort(low, (data[0] & 0x7F) | ((data[1] & 0x01) << 7));
  } else if (status == ANALOG_MESSAGE) {
    writeAnalog(low, (data[0] & 0x7F) | ((data[1] & 0x7F) << 7));
  } else if (status == REPORT_ANALOG) {
    if (low < NUM_ANALOG_INPUTS) {
      if (data[0]) {
        analogReportMask |= 1u << low;
        uint8_t pin = FIRST_ANALOG_PIN + low;
        if (pin < TOTAL_PINS && pins[pin].mode != MODE_ANALOG) setPinMode(pin, MODE_ANALOG);
      } else {
        analogReportMask &= ~(1u << low);
      }
    }
  } else if (status == REPORT_DIGITAL) {
    if (low < PORT_COUNT) {
      reportDigital[low] = data[0] != 0;
      if (reportDigital[low]) {
        lastPortValue[low] = readPort(low);
        sendDigitalPort(low, lastPortValue[low]);
      }
    }
  } else if (command == SET_PIN_MODE) {
    setPinMode(data[0], data[1]);
  } else if (command == SET_DIGITAL_PIN_VALUE) {
    writeDigital(data[0], data[1]);
  } else if (command == REPORT_VERSION) {
    reportVersion();
  } else if (command == SYSTEM_RESET) {
    systemReset();
  }
}

// Bytes needed after a status byte; 0xFF: not a command we know (its data is skipped).
uint8_t dataLength(uint8_t status) {
  switch (status & 0xF0) {
    case DIGITAL_MESSAGE:
    case ANALOG_MESSAGE:
      return 2;
    case REPORT_ANALOG:
    case REPORT_DIGITAL:
      return 1;
  }
  switch (status) {
    case SET_PIN_MODE:
    case SET_DIGITAL_PIN_VALUE:
      return 2;
    case REPORT_VERSION:
    case SYSTEM_RESET:
      return 0;
  }
  return 0xFF;
}

void parse(uint8_t byte) {
  if (inSysex) {
    if (byte == END_SYSEX) {
      inSysex = false;
      if (!sysexOverflow) handleSysex();
      resumeFromFailsafe();
      return;
    }
    if (byte < 0x80) {
      if (sysexLength < SYSEX_MAX) sysex[sysexLength++] = byte;
      else sysexOverflow = true;
      return;
    }
    inSysex = false;  // a status byte cuts a truncated SysEx: drop it, parse the new command
  }
  if (byte >= 0x80) {
    command = 0;
    if (byte == START_SYSEX) {
      inSysex = true;
      sysexOverflow = false;
      sysexLength = 0;
      return;
    }
    uint8_t needed = dataLength(byte);
    if (needed == 0xFF) return;
    command = byte;
    dataNeeded = needed;
    dataCount = 0;
  } else {
    if (command == 0) return;  // data with no command: garbage
    data[dataCount++] = byte;
  }
  if (command != 0 && dataCount == dataNeeded) {
    handleMessage();
    resumeFromFailsafe();
    command = 0;
  }
}

void systemReset() {
  disarmEcho();
  for (uint8_t pin = 0; pin < TOTAL_PINS; pin++) {
    servoMin[pin] = 544;
    servoMax[pin] = 2400;
    if (pins[pin].mode == MODE_SERVO) servo::detach(pin);
    pins[pin].mode = MODE_UNSET;
    pins[pin].value = 0;
    if (pinIsDigital(pin) && !(i2cEnabled && pinIsI2c(pin))) {
      // Outputs off, inputs without pull-up: the board's power-on state, safe for any wiring.
      digitalWrite(pin, LOW);
      pinMode(pin, INPUT);
      pins[pin].mode = pinIsAnalog(pin) ? MODE_ANALOG : MODE_INPUT;
    } else if (pinIsAnalog(pin)) {
      pins[pin].mode = MODE_ANALOG;
    }
  }
  for (uint8_t port = 0; port < PORT_COUNT; port++) {
    reportDigital[port] = false;
    lastPortValue[port] = 0;
  }
  analogReportMask = 0;
  i2cQueryCount = 0;
  samplingMs = DEFAULT_SAMPLING_MS;
  command = 0;
  inSysex = false;
  failsafeTripped = false;
  servo::suspend(false);
}

}  // namespace

#if defined(PCINT0_vect)
ISR(PCINT0_vect) { echoEdge(); }
#endif
#if defined(PCINT1_vect)
ISR(PCINT1_vect) { echoEdge(); }
#endif
#if defined(PCINT2_vect)
ISR(PCINT2_vect) { echoEdge(); }
#endif

void setup() {
  Serial.begin(57600);
  systemReset();
  lastHostByteMs = millis();
  lastSampleMs = millis();
  reportVersion();
  reportFirmware();
}

void loop() {
  // Bounded: the periodic work below also runs while the host floods us.
  for (uint8_t n = 0; n < 64 && Serial.available() > 0; n++) {
    lastHostByteMs = millis();
    parse(Serial.read());
  }

  for (uint8_t port = 0; port < PORT_COUNT; port++) {
    if (!reportDigital[port]) continue;
    uint8_t value = readPort(port);
    if (value != lastPortValue[port]) {
      lastPortValue[port] = value;
      sendDigitalPort(port, value);
    }
  }

  unsigned long now = millis();
  if (now - lastSampleMs >= samplingMs) {
    lastSampleMs = now;
    for (uint8_t channel = 0; channel < NUM_ANALOG_INPUTS; channel++) {
      if (analogReportMask & (1u << channel)) sendAnalog(channel, analogRead(channel));
    }
    for (uint8_t i = 0; i < i2cQueryCount; i++) {
      i2cRead(i2cQueries[i].address, i2cQueries[i].reg, i2cQueries[i].count, i2cQueries[i].stopTx);
    }
  }

  pollEcho();
  if (failsafeMs != 0 && !failsafeTripped && now - lastHostByteMs > failsafeMs) tripFailsafe();
}

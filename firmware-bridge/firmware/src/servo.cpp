#include "servo.h"

#include <avr/interrupt.h>

#if defined(__AVR_ATmega2560__) || defined(__AVR_ATmega1280__)
#define SERVO_TCCRA TCCR5A
#define SERVO_TCCRB TCCR5B
#define SERVO_TCNT TCNT5
#define SERVO_OCR OCR5A
#define SERVO_TIMSK TIMSK5
#define SERVO_TIFR TIFR5
#define SERVO_OCIE OCIE5A
#define SERVO_OCF OCF5A
#define SERVO_VECTOR TIMER5_COMPA_vect
#define SERVO_CS _BV(CS51)
#else
#define SERVO_TCCRA TCCR1A
#define SERVO_TCCRB TCCR1B
#define SERVO_TCNT TCNT1
#define SERVO_OCR OCR1A
#define SERVO_TIMSK TIMSK1
#define SERVO_TIFR TIFR1
#define SERVO_OCIE OCIE1A
#define SERVO_OCF OCF1A
#define SERVO_VECTOR TIMER1_COMPA_vect
#define SERVO_CS _BV(CS11)
#endif

namespace servo {
namespace {
// Prescaler 8 at 16 MHz: 2 ticks per µs; a frame lasts 20 ms.
const uint16_t TICKS_PER_US = F_CPU / 8000000UL;
const uint16_t FRAME_TICKS = 20000U * TICKS_PER_US;

struct Channel {
  uint8_t pin;
  volatile uint8_t *out;
  uint8_t mask;
  uint16_t minUs;
  uint16_t maxUs;
  volatile uint16_t ticks;
  bool used;
};

Channel channels[MAX_CHANNELS];
uint8_t highest = 0;  // channels[0 .. highest) are scanned each frame
volatile int8_t current = -1;
volatile bool paused = false;
bool timerRunning = false;

int8_t find(uint8_t pin) {
  for (uint8_t i = 0; i < highest; i++) {
    if (channels[i].used && channels[i].pin == pin) return i;
  }
  return -1;
}

void startTimer() {
  if (timerRunning) return;
  uint8_t sreg = SREG;
  cli();
  SERVO_TCCRA = 0;  // normal mode: the compare unit only times the pulses
  SERVO_TCCRB = SERVO_CS;
  SERVO_TCNT = 0;
  current = -1;
  SERVO_OCR = 100;
  SERVO_TIFR = _BV(SERVO_OCF);
  SERVO_TIMSK |= _BV(SERVO_OCIE);
  timerRunning = true;
  SREG = sreg;
}
}  // namespace

bool attach(uint8_t pin, uint16_t minUs, uint16_t maxUs) {
  int8_t index = find(pin);
  if (index < 0) {
    for (uint8_t i = 0; i < MAX_CHANNELS; i++) {
      if (!channels[i].used) {
        index = i;
        break;
      }
    }
  }
  if (index < 0) return false;
  if (minUs < 200) minUs = 200;
  if (maxUs > 3000) maxUs = 3000;
  if (maxUs <= minUs) maxUs = minUs + 1;
  digitalWrite(pin, LOW);
  pinMode(pin, OUTPUT);
  Channel &channel = channels[index];
  uint8_t sreg = SREG;
  cli();
  channel.pin = pin;
  channel.out = portOutputRegister(digitalPinToPort(pin));
  channel.mask = digitalPinToBitMask(pin);
  channel.minUs = minUs;
  channel.maxUs = maxUs;
  if (!channel.used) channel.ticks = ((minUs + maxUs) / 2) * TICKS_PER_US;
  channel.used = true;
  if ((uint8_t)(index + 1) > highest) highest = index + 1;
  SREG = sreg;
  startTimer();
  return true;
}

void detach(uint8_t pin) {
  int8_t index = find(pin);
  if (index < 0) return;
  uint8_t sreg = SREG;
  cli();
  channels[index].used = false;
  *channels[index].out &= ~channels[index].mask;
  while (highest > 0 && !channels[highest - 1].used) highest--;
  SREG = sreg;
}

bool attached(uint8_t pin) { return find(pin) >= 0; }

void write(uint8_t pin, uint16_t value) {
  int8_t index = find(pin);
  if (index < 0) return;
  Channel &channel = channels[index];
  uint16_t us;
  if (value < 544) {
    if (value > 180) value = 180;
    us = channel.minUs + (uint32_t)(channel.maxUs - channel.minUs) * value / 180;
  } else {
    us = value < channel.minUs ? channel.minUs : value > channel.maxUs ? channel.maxUs : value;
  }
  uint8_t sreg = SREG;
  cli();
  channel.ticks = us * TICKS_PER_US;
  SREG = sreg;
}

void suspend(bool suspended) { paused = suspended; }

}  // namespace servo

using servo::channels;

ISR(SERVO_VECTOR) {
  using namespace servo;
  int8_t index = current;
  if (index < 0) {
    SERVO_TCNT = 0;  // a new frame
  } else if (index < (int8_t)highest && channels[index].used) {
    *channels[index].out &= ~channels[index].mask;  // end of this channel's pulse
  }
  index++;
  if (index < (int8_t)highest) {
    SERVO_OCR = SERVO_TCNT + channels[index].ticks;
    if (channels[index].used && !paused) *channels[index].out |= channels[index].mask;
  } else {
    uint16_t next = SERVO_TCNT + 8;
    SERVO_OCR = next < FRAME_TICKS ? FRAME_TICKS : next;
    index = -1;
  }
  current = index;
}

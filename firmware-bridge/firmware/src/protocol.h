// Firmata 2.x protocol constants (MIDI-style framing: a status byte >= 0x80, then 7-bit data).
#pragma once

#define FIRMATA_PROTOCOL_MAJOR 2
#define FIRMATA_PROTOCOL_MINOR 6

// Our firmware: name and version, reported by REPORT_FIRMWARE.
#define ROBOTYC_FIRMWARE_NAME "RobotycFirmata"
#define ROBOTYC_FIRMWARE_MAJOR 1
#define ROBOTYC_FIRMWARE_MINOR 1

// Status bytes (the low nibble of the first four carries a port or channel).
#define DIGITAL_MESSAGE 0x90
#define REPORT_ANALOG 0xC0
#define REPORT_DIGITAL 0xD0
#define ANALOG_MESSAGE 0xE0
#define START_SYSEX 0xF0
#define SET_PIN_MODE 0xF4
#define SET_DIGITAL_PIN_VALUE 0xF5
#define END_SYSEX 0xF7
#define REPORT_VERSION 0xF9
#define SYSTEM_RESET 0xFF

// SysEx commands.
#define ROBOTYC_FAILSAFE 0x01  // ours (0x00-0x0F: user range): [timeout ms LSB, MSB] or heartbeat
#define ANALOG_MAPPING_QUERY 0x69
#define ANALOG_MAPPING_RESPONSE 0x6A
#define CAPABILITY_QUERY 0x6B
#define CAPABILITY_RESPONSE 0x6C
#define PIN_STATE_QUERY 0x6D
#define PIN_STATE_RESPONSE 0x6E
#define EXTENDED_ANALOG 0x6F
#define SERVO_CONFIG 0x70
#define STRING_DATA 0x71
#define PING_READ 0x75
#define I2C_REQUEST 0x76
#define I2C_REPLY 0x77
#define I2C_CONFIG 0x78
#define REPORT_FIRMWARE 0x79
#define SAMPLING_INTERVAL 0x7A

// Pin modes.
#define MODE_INPUT 0x00
#define MODE_OUTPUT 0x01
#define MODE_ANALOG 0x02
#define MODE_PWM 0x03
#define MODE_SERVO 0x04
#define MODE_I2C 0x06
#define MODE_PULLUP 0x0B
#define MODE_PING 0x75
#define MODE_UNSET 0x7F

// I2C_REQUEST mode bits (second address byte).
#define I2C_MODE_MASK 0x18
#define I2C_WRITE 0x00
#define I2C_READ_ONCE 0x08
#define I2C_READ_CONTINUOUS 0x10
#define I2C_STOP_READING 0x18
#define I2C_10BIT_ADDRESS 0x20
#define I2C_RESTART_NO_STOP 0x40

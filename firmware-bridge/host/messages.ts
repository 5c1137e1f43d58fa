/** Every message the host side shows a pupil or a teacher. */
import type { Localized } from "../../runtime/engine.ts";

export const HOST_MESSAGES = {
  noAnswer: {
    fr: "La carte ne répond pas après {seconds} s. Vérifie le port choisi et que le firmware Robotyc est bien téléversé sur la carte.",
    en: "The board does not answer after {seconds} s. Check the chosen port and that the Robotyc firmware is uploaded to the board.",
  },
  notReady: {
    fr: "La carte répond mais ne termine pas sa présentation Firmata en {seconds} s. Téléverse à nouveau le firmware Robotyc.",
    en: "The board answers but does not finish its Firmata handshake within {seconds} s. Upload the Robotyc firmware again.",
  },
  garbage: {
    fr: "La carte envoie des données qui ne sont pas du Firmata ({detail}) : un autre programme est sur la carte, ou la vitesse série est mauvaise. Téléverse le firmware Robotyc.",
    en: "The board sends data that is not Firmata ({detail}): another sketch is on the board, or the serial speed is wrong. Upload the Robotyc firmware.",
  },
  parser: {
    fr: "La carte a envoyé un message Firmata mal formé ({detail}). Le programme est arrêté ; reconnecte la carte.",
    en: "The board sent a malformed Firmata message ({detail}). The program was stopped; reconnect the board.",
  },
  portClosed: {
    fr: "La liaison avec le robot est coupée (câble USB débranché ?). Le programme est arrêté et les moteurs s’arrêtent d’eux-mêmes. Rebranche le câble puis reconnecte.",
    en: "The link to the robot is cut (USB cable unplugged?). The program was stopped and the motors stop by themselves. Plug the cable back in, then reconnect.",
  },
  portError: {
    fr: "Erreur sur la liaison avec le robot ({detail}). Le programme est arrêté. Reconnecte le robot.",
    en: "Error on the link to the robot ({detail}). The program was stopped. Reconnect the robot.",
  },
  silent: {
    fr: "Le robot ne répond plus depuis {seconds} s (piles vides ? carte bloquée ?). Le programme est arrêté. Reconnecte le robot.",
    en: "The robot has not answered for {seconds} s (flat batteries? board stuck?). The program was stopped. Reconnect the robot.",
  },
  openFailed: {
    fr: "Impossible d’ouvrir le port {path} : {detail}",
    en: "Cannot open port {path}: {detail}",
  },
  notConnected: {
    fr: "Le robot n’est pas connecté. Connecte-le d’abord.",
    en: "The robot is not connected. Connect it first.",
  },
  alreadyConnected: {
    fr: "Le robot est déjà connecté (ou en cours de connexion).",
    en: "The robot is already connected (or connecting).",
  },
  missingPart: {
    fr: "Ce robot n’a pas de {part} : « {call} » ne peut pas marcher sur le kit {kit}.",
    en: "This robot has no {part}: “{call}” cannot work on the {kit} kit.",
  },
  noPingFirmware: {
    fr: "Le firmware de la carte ne sait pas mesurer l’ultrason (pas de ping Firmata 0x75 sur la broche {pin}). Téléverse le firmware Robotyc.",
    en: "The board's firmware cannot measure ultrasound (no Firmata ping 0x75 on pin {pin}). Upload the Robotyc firmware.",
  },
  colorSensorMissing: {
    fr: "Le capteur de couleur ne répond pas à l’adresse I2C {address} : vérifie les fils SDA ({sda}) et SCL ({scl}) et son alimentation.",
    en: "The colour sensor does not answer at I2C address {address}: check the SDA ({sda}) and SCL ({scl}) wires and its power.",
  },
  badSpeed: {
    fr: "La vitesse doit être un nombre entre 1 et 100 (reçu : {value}).",
    en: "Speed must be a number between 1 and 100 (got: {value}).",
  },
  badPower: {
    fr: "La puissance d’un moteur doit être un nombre entre -100 et 100 (reçu : {value}).",
    en: "A motor's power must be a number between -100 and 100 (got: {value}).",
  },
  badNumber: {
    fr: "« {call} » attend un nombre fini (reçu : {value}).",
    en: "“{call}” expects a finite number (got: {value}).",
  },
  disposed: {
    fr: "Ce programme est terminé : le robot n’accepte plus d’ordres de lui.",
    en: "This program has ended: the robot takes no more orders from it.",
  },
} satisfies Record<string, Localized>;

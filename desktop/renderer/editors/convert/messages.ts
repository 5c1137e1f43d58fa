/**
 * What a pupil reads on the blocks, French first, English complete. Blockly's own blocks take
 * their words from `blockly/msg/fr` and `blockly/msg/en`; these are the words of our blocks.
 * `%1`, `%2`... stand for the block's inputs in the order of the API's parameters; a test checks
 * that every API block has its label with exactly one placeholder per parameter.
 */
import type { Localized } from "../../../../runtime/engine.ts";

/** Labels of the API blocks, by block type. */
export const API_LABELS: Record<string, Localized> = {
  robot_forward: { fr: "avancer de %1 cm", en: "drive forward %1 cm" },
  robot_backward: { fr: "reculer de %1 cm", en: "drive backward %1 cm" },
  robot_turnLeft: { fr: "tourner à gauche de %1 °", en: "turn left %1 °" },
  robot_turnRight: { fr: "tourner à droite de %1 °", en: "turn right %1 °" },
  robot_setSpeed: { fr: "régler la vitesse à %1 %", en: "set the speed to %1 %" },
  robot_setMotors: {
    fr: "moteurs : gauche %1 % droite %2 %",
    en: "motors: left %1 % right %2 %",
  },
  robot_stop: { fr: "arrêter les moteurs", en: "stop the motors" },
  robot_distance: { fr: "distance devant (cm)", en: "distance ahead (cm)" },
  robot_line: { fr: "capteurs de ligne", en: "line sensors" },
  robot_color: { fr: "couleur vue", en: "colour seen" },
  robot_heading: { fr: "direction (°)", en: "heading (°)" },
  robot_grab: { fr: "fermer la pince : objet tenu ?", en: "close the gripper: item held?" },
  robot_grab_do: { fr: "fermer la pince", en: "close the gripper" },
  robot_release: { fr: "ouvrir la pince", en: "open the gripper" },
  robot_classify: { fr: "déchet vu par la caméra", en: "waste seen by the camera" },
  robot_classify_do: {
    fr: "regarder le déchet avec la caméra",
    en: "look at the waste with the camera",
  },
  pupil_wait: { fr: "attendre %1 s", en: "wait %1 s" },
  pupil_time: { fr: "temps écoulé (s)", en: "time elapsed (s)" },
  pupil_print: { fr: "afficher", en: "print" },
};

/** How a part block reads: `%1` the part chosen, `%2` the object it is read from. */
export const PART_LABEL: Localized = { fr: "%2 : %1", en: "%2: %1" };

/** Names of the parts of the API's results, by field name. */
export const FIELD_LABELS: Record<string, Localized> = {
  left: { fr: "ligne à gauche ?", en: "line on the left?" },
  center: { fr: "ligne au centre ?", en: "line in the centre?" },
  right: { fr: "ligne à droite ?", en: "line on the right?" },
  name: { fr: "nom", en: "name" },
  r: { fr: "rouge (0-255)", en: "red (0-255)" },
  g: { fr: "vert (0-255)", en: "green (0-255)" },
  b: { fr: "bleu (0-255)", en: "blue (0-255)" },
  kind: { fr: "sorte", en: "kind" },
  confidence: { fr: "confiance (0-1)", en: "confidence (0-1)" },
};

/** Names of the values of the API's closed sets: waste kinds and colours. */
export const VALUE_LABELS: Record<string, Localized> = {
  plastic: { fr: "plastique", en: "plastic" },
  paper: { fr: "papier", en: "paper" },
  glass: { fr: "verre", en: "glass" },
  metal: { fr: "métal", en: "metal" },
  organic: { fr: "déchet organique", en: "organic waste" },
  residual: { fr: "ordure résiduelle", en: "residual waste" },
  none: { fr: "rien", en: "nothing" },
  black: { fr: "noir", en: "black" },
  white: { fr: "blanc", en: "white" },
  grey: { fr: "gris", en: "grey" },
  red: { fr: "rouge", en: "red" },
  orange: { fr: "orange", en: "orange" },
  yellow: { fr: "jaune", en: "yellow" },
  green: { fr: "vert", en: "green" },
  blue: { fr: "bleu", en: "blue" },
  brown: { fr: "marron", en: "brown" },
};

/** The toolbox's categories, in order. */
export const CATEGORY_LABELS = {
  movement: { fr: "Mouvement", en: "Movement" },
  sensors: { fr: "Capteurs", en: "Sensors" },
  gripper: { fr: "Pince et tri", en: "Gripper and sorting" },
  control: { fr: "Contrôle", en: "Control" },
  operators: { fr: "Opérateurs", en: "Operators" },
  variables: { fr: "Variables", en: "Variables" },
  functions: { fr: "Fonctions", en: "Functions" },
} satisfies Record<string, Localized>;
export type Category = keyof typeof CATEGORY_LABELS;

/** Our blocks that are not calls of the API. */
export const BLOCK_LABELS = {
  code: { fr: "code %1", en: "code %1" },
  codeTooltip: {
    fr: "Du TypeScript qui n'a pas (encore) de bloc : tu peux le modifier ici.",
    en: "TypeScript that has no block (yet): you can edit it here.",
  },
  count: {
    fr: "compter avec %1 de %2 jusqu'à %3 non compris",
    en: "count with %1 from %2 up to %3, not included",
  },
  countTooltip: {
    fr: "Répète avec la variable qui prend les valeurs de départ, départ + 1... jusqu'à la fin non comprise.",
    en: "Repeats with the variable taking the values start, start + 1... up to the end, not included.",
  },
  return: { fr: "retourner %1", en: "return %1" },
  returnTooltip: {
    fr: "Termine la fonction tout de suite (avec une valeur, si tu en mets une).",
    en: "Ends the function now (with a value, if you give one).",
  },
  printTooltip: {
    fr: "Affiche des valeurs dans la console du robot.",
    en: "Shows values in the robot console.",
  },
  printItem: { fr: "valeur", en: "value" },
  printContainer: { fr: "afficher", en: "print" },
} satisfies Record<string, Localized>;

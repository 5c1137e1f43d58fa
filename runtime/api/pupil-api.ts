/**
 * The pupil-facing Robot API, declared once with its documentation in every language.
 * `pupilApiDeclarations(locale)` renders the `.d.ts` text that the compiler type-checks against
 * and the editor shows on hover; `robot-api.<locale>.pupil.d.ts` are the same text on disk
 * (kept in sync by a test; regenerate with `node --import tsx runtime/api/write-pupil-dts.ts`).
 */
import { LOCALES, type Locale, type Localized } from "../i18n.ts";
import { COLOR_NAMES, WASTE_KINDS } from "./types.ts";

interface Member {
  signature: string;
  doc: Localized;
}

/** One call of the pupil API: `robot.<name>` or a global function. */
export interface PupilApiMember {
  scope: "robot" | "global";
  name: string;
  /** `name(params): result`, e.g. `forward(cm: number): Promise<void>`. */
  signature: string;
  doc: Localized;
}

const robotMembers: Member[] = [
  {
    signature: "forward(cm: number): Promise<void>;",
    doc: {
      fr: "Avance tout droit de `cm` centimètres (négatif : recule). Se termine quand le robot est arrivé, ou après 1 s bloqué.\n@param cm distance en centimètres\n@example await robot.forward(20);",
      en: "Drives straight ahead `cm` centimetres (negative: backwards). Ends when the robot has arrived, or after 1 s blocked.\n@param cm distance in centimetres\n@example await robot.forward(20);",
    },
  },
  {
    signature: "backward(cm: number): Promise<void>;",
    doc: {
      fr: "Recule de `cm` centimètres.\n@param cm distance en centimètres\n@example await robot.backward(10);",
      en: "Drives backwards `cm` centimetres.\n@param cm distance in centimetres\n@example await robot.backward(10);",
    },
  },
  {
    signature: "turnLeft(degrees: number): Promise<void>;",
    doc: {
      fr: "Tourne sur place vers la gauche de `degrees` degrés.\n@param degrees angle en degrés\n@example await robot.turnLeft(90);",
      en: "Turns on the spot to the left by `degrees` degrees.\n@param degrees angle in degrees\n@example await robot.turnLeft(90);",
    },
  },
  {
    signature: "turnRight(degrees: number): Promise<void>;",
    doc: {
      fr: "Tourne sur place vers la droite de `degrees` degrés.\n@param degrees angle en degrés\n@example await robot.turnRight(90);",
      en: "Turns on the spot to the right by `degrees` degrees.\n@param degrees angle in degrees\n@example await robot.turnRight(90);",
    },
  },
  {
    signature: "setSpeed(percent: number): void;",
    doc: {
      fr: "Choisit la vitesse de `forward` et des virages, de 1 à 100 % (50 au départ).\n@param percent vitesse en pourcentage, 1..100",
      en: "Sets the speed for `forward` and turns, 1 to 100 % (50 at start).\n@param percent speed in percent, 1..100",
    },
  },
  {
    signature: "setMotors(left: number, right: number): void;",
    doc: {
      fr: "Règle la puissance des moteurs gauche et droit, de -100 à 100 %. Ils tournent jusqu'au prochain ordre.\n@param left moteur gauche, -100..100\n@param right moteur droit, -100..100\n@example robot.setMotors(50, 50);",
      en: "Sets the left and right motor power, -100 to 100 %. They keep running until the next order.\n@param left left motor, -100..100\n@param right right motor, -100..100\n@example robot.setMotors(50, 50);",
    },
  },
  {
    signature: "stop(): void;",
    doc: {
      fr: "Arrête les deux moteurs.",
      en: "Stops both motors.",
    },
  },
  {
    signature: "distance(): number;",
    doc: {
      fr: "Distance mesurée par le capteur à ultrasons de devant, en centimètres (2 à 400 ; 400 : rien devant).",
      en: "Distance measured by the front ultrasonic sensor, in centimetres (2 to 400; 400: nothing ahead).",
    },
  },
  {
    signature: "line(): { left: boolean; center: boolean; right: boolean };",
    doc: {
      fr: "Les trois capteurs de ligne sous le robot : `true` quand le capteur voit une ligne sombre.",
      en: "The three line sensors under the robot: `true` when the sensor sees a dark line.",
    },
  },
  {
    signature: "color(): { name: ColorName; r: number; g: number; b: number };",
    doc: {
      fr: "La couleur vue par le capteur de couleur : son nom et ses composantes rouge, vert, bleu (0 à 255).",
      en: "The colour seen by the colour sensor: its name and its red, green, blue parts (0 to 255).",
    },
  },
  {
    signature: "heading(): number;",
    doc: {
      fr: "La direction du robot en degrés (0 à 359), dans le sens des aiguilles d'une montre comme une boussole, 0 au départ.",
      en: "The robot's heading in degrees (0 to 359), clockwise like a compass, 0 at start.",
    },
  },
  {
    signature: "grab(): Promise<boolean>;",
    doc: {
      fr: "Ferme la pince. Donne `true` si un objet est tenu.\n@example const tenu = await robot.grab();",
      en: "Closes the gripper. Gives `true` if an item is held.\n@example const held = await robot.grab();",
    },
  },
  {
    signature: "release(): Promise<void>;",
    doc: {
      fr: "Ouvre la pince et lâche l'objet.",
      en: "Opens the gripper and lets the item go.",
    },
  },
  {
    signature: 'classify(): Promise<{ kind: WasteKind | "none"; confidence: number }>;',
    doc: {
      fr: 'Reconnaît le déchet devant la pince avec la caméra : sa sorte (`"none"` si rien) et la confiance (0 à 1).\n@example const dechet = await robot.classify();',
      en: 'Recognises the waste item at the gripper with the camera: its kind (`"none"` if nothing) and the confidence (0 to 1).\n@example const item = await robot.classify();',
    },
  },
];

const globals: Member[] = [
  {
    signature: "declare function wait(seconds: number): Promise<void>;",
    doc: {
      fr: "Attend `seconds` secondes (le robot continue ce qu'il faisait).\n@example await wait(1.5);",
      en: "Waits `seconds` seconds (the robot keeps doing what it was doing).\n@example await wait(1.5);",
    },
  },
  {
    signature: "declare function time(): number;",
    doc: {
      fr: "Le nombre de secondes écoulées depuis le départ du programme (temps simulé ou réel).",
      en: "Seconds elapsed since the program started (simulated or real time).",
    },
  },
  {
    signature: "declare function print(...values: unknown[]): void;",
    doc: {
      fr: 'Affiche des valeurs dans la console du robot.\n@example print("distance :", robot.distance());',
      en: 'Shows values in the robot console.\n@example print("distance:", robot.distance());',
    },
  },
];

const header: Localized = {
  fr: "API du robot Robotyc Studio — ce que ton programme peut utiliser.\nUnités : centimètres, degrés, secondes, pourcentage de la puissance des moteurs.",
  en: "Robotyc Studio robot API — what your program can use.\nUnits: centimetres, degrees, seconds, percent of full motor power.",
};
const robotDoc: Localized = {
  fr: "Ton robot : ses moteurs, ses capteurs et sa pince.",
  en: "Your robot: its motors, its sensors and its gripper.",
};
const wasteDoc: Localized = {
  fr: "Les sortes de déchets : plastique, papier, verre, métal, déchet organique, ordure résiduelle.",
  en: "The kinds of waste: plastic, paper, glass, metal, organic waste, residual waste.",
};
const colorDoc: Localized = {
  fr: "Les couleurs que le capteur de couleur sait nommer.",
  en: "The colours the colour sensor can name.",
};

function docComment(text: string, indent: string): string {
  const lines = text.split("\n").map((line) => `${indent} * ${line}`);
  return `${indent}/**\n${lines.join("\n")}\n${indent} */`;
}

/** `name(args): result;` → `readonly name: (args) => result;` so the API cannot be reassigned. */
function asReadonlyProperty(signature: string): string {
  const match = /^(\w+)\((.*?)\): (.*);$/.exec(signature);
  if (!match) throw new Error(`bad signature: ${signature}`);
  return `readonly ${match[1]}: (${match[2]}) => ${match[3]};`;
}

const union = (values: readonly string[]) => values.map((v) => JSON.stringify(v)).join(" | ");

/** The pupil API as a `.d.ts` text, documented in `locale`. */
export function pupilApiDeclarations(locale: Locale): string {
  const out: string[] = [docComment(header[locale], ""), ""];
  out.push(docComment(wasteDoc[locale], ""));
  out.push(`type WasteKind = ${union(WASTE_KINDS)};`, "");
  out.push(docComment(colorDoc[locale], ""));
  out.push(`type ColorName = ${union(COLOR_NAMES)};`, "");
  out.push(docComment(robotDoc[locale], ""));
  out.push("declare const robot: {");
  for (const member of robotMembers) {
    out.push(docComment(member.doc[locale], "  "), `  ${asReadonlyProperty(member.signature)}`);
  }
  out.push("};", "");
  for (const fn of globals) out.push(docComment(fn.doc[locale], ""), fn.signature, "");
  return out.join("\n");
}

/**
 * Every call of the pupil API in declaration order, with its signature and docs: what other
 * faces of the API (the Blocks) are generated from, so they cannot drift from the typings.
 */
export const PUPIL_API_MEMBERS: readonly PupilApiMember[] = [
  ...robotMembers.map((m) => ({ scope: "robot" as const, ...m })),
  ...globals.map((m) => ({
    scope: "global" as const,
    ...m,
    signature: m.signature.replace(/^declare function /, ""),
  })),
].map(({ scope, signature, doc }) => ({
  scope,
  name: /^\w+/.exec(signature)![0],
  signature: signature.replace(/;$/, ""),
  doc,
}));

/** The `.d.ts` text of the pupil API in every language. */
export const PUPIL_API_DTS: Record<Locale, string> = Object.fromEntries(
  LOCALES.map((locale) => [locale, pupilApiDeclarations(locale)]),
) as Record<Locale, string>;

/** The file name of the on-disk copy for `locale`. */
export const pupilDtsFileName = (locale: Locale) => `robot-api.${locale}.pupil.d.ts`;

/** Every name a pupil program finds in scope, besides the standard JavaScript ones. */
export const PUPIL_GLOBALS = ["robot", "wait", "time", "print"] as const;
export const ROBOT_METHODS = [
  "forward",
  "backward",
  "turnLeft",
  "turnRight",
  "setSpeed",
  "setMotors",
  "stop",
  "distance",
  "line",
  "color",
  "heading",
  "grab",
  "release",
  "classify",
] as const;
export type RobotMethod = (typeof ROBOT_METHODS)[number];

/**
 * The names pupils type when they guess the robot's words: French first (« avancer »,
 * « tournerGauche », « couleur »), and a few English guesses (`move`, `sleep`). One table for the
 * compiler's hints (« robot.avancer » → `forward`) and for the editors' completion.
 */

/** Where the right name lives. */
export type HintKind =
  /** a member of `robot`: `robot.forward` */
  | "robot"
  /** a global function: `wait`, `time`, `print` */
  | "global"
  /** a field of `robot.line()`: `left`, `center`, `right` */
  | "line"
  /** a field of `robot.color()`: `name`, `r`, `g`, `b` */
  | "color"
  /** a field of `await robot.classify()`: `kind`, `confidence` */
  | "classify"
  /** a value of `robot.color().name`: `"red"` */
  | "color-name"
  /** a value of `(await robot.classify()).kind`: `"plastic"` */
  | "waste-kind"
  /** a word of the language itself: `if`, `while`, `function` */
  | "keyword";

export interface NameHint {
  kind: HintKind;
  /** The right name: `"turnLeft"`. */
  use: string;
  /** How it is written in a program: `"await robot.turnLeft(90)"`. */
  example: string;
  /** What pupils type instead, as `normalizeWord` gives it (lower case, no accents, no `_`). */
  fr: readonly string[];
  en: readonly string[];
}

const robot = (use: string, example: string, fr: string[], en: string[] = []): NameHint => ({
  kind: "robot",
  use,
  example,
  fr,
  en,
});
const field = (kind: HintKind, use: string, example: string, fr: string[], en: string[] = []) => ({
  kind,
  use,
  example,
  fr,
  en,
});

export const NAME_HINTS: readonly NameHint[] = [
  robot(
    "forward",
    "await robot.forward(20)",
    ["avancer", "avance", "avant", "enavant", "alleravant", "rouler", "roule", "deplacer"],
    ["move", "moveforward", "goforward", "go", "ahead", "drive"],
  ),
  robot(
    "backward",
    "await robot.backward(10)",
    ["reculer", "recule", "arriere", "enarriere", "marchearriere"],
    ["back", "moveback", "movebackward", "goback", "reverse"],
  ),
  robot(
    "turnLeft",
    "await robot.turnLeft(90)",
    ["tourner", "tourne", "tournergauche", "tourneragauche", "tournegauche", "gauche", "pivoter"],
    ["turn", "left", "rotate", "rotateleft"],
  ),
  robot(
    "turnRight",
    "await robot.turnRight(90)",
    ["tournerdroite", "tourneradroite", "tournedroite", "droite"],
    ["right", "rotateright"],
  ),
  robot(
    "setSpeed",
    "robot.setSpeed(50)",
    ["vitesse", "changervitesse", "reglervitesse", "definirvitesse", "setvitesse"],
    ["speed"],
  ),
  robot(
    "setMotors",
    "robot.setMotors(50, 50)",
    ["moteurs", "moteur", "reglermoteurs", "setmoteurs"],
    ["motors", "motor", "setmotor"],
  ),
  robot("stop", "robot.stop()", ["arreter", "arrete", "arret", "stopper", "freiner"], ["halt"]),
  robot(
    "distance",
    "robot.distance()",
    ["mesurerdistance", "liredistance", "capteurdistance", "ultrason", "ultrasons", "sonar"],
    ["getdistance", "readdistance"],
  ),
  robot(
    "line",
    "robot.line()",
    ["ligne", "lignes", "suivreligne", "capteurligne", "lireligne", "suiveur"],
    ["getline", "readline", "linesensor"],
  ),
  robot(
    "color",
    "robot.color()",
    ["couleur", "lirecouleur", "capteurcouleur"],
    ["colour", "getcolor", "readcolor"],
  ),
  robot(
    "heading",
    "robot.heading()",
    ["direction", "cap", "orientation", "boussole", "angle"],
    ["compass", "gyro"],
  ),
  robot(
    "grab",
    "await robot.grab()",
    ["attraper", "attrape", "saisir", "saisis", "prendre", "prends", "ramasser", "fermerpince"],
    ["pick", "pickup", "take", "grip"],
  ),
  robot(
    "release",
    "await robot.release()",
    ["lacher", "lache", "relacher", "deposer", "depose", "poser", "ouvrirpince"],
    ["drop", "letgo", "putdown"],
  ),
  robot(
    "classify",
    "await robot.classify()",
    ["classer", "reconnaitre", "identifier", "classifier", "detecter", "camera"],
    ["recognize", "recognise", "identify", "detect"],
  ),
  field(
    "global",
    "wait",
    "await wait(1)",
    ["attendre", "attends", "attend", "pause", "patienter", "dormir"],
    ["sleep", "delay"],
  ),
  field("global", "time", "time()", ["temps", "chrono", "chronometre", "horloge"], ["millis"]),
  field(
    "global",
    "print",
    'print("bonjour")',
    ["afficher", "affiche", "ecrire", "ecris", "dire", "montrer"],
    ["log", "write", "show", "say"],
  ),
  field("line", "left", "robot.line().left", ["gauche"]),
  field("line", "center", "robot.line().center", ["centre", "milieu"], ["middle", "centre"]),
  field("line", "right", "robot.line().right", ["droite"]),
  field("color", "name", "robot.color().name", ["nom", "couleur"], ["colour"]),
  field("color", "r", "robot.color().r", ["rouge"], ["red"]),
  field("color", "g", "robot.color().g", ["vert"], ["green"]),
  field("color", "b", "robot.color().b", ["bleu"], ["blue"]),
  field("classify", "kind", "dechet.kind", ["sorte", "type", "genre", "categorie", "nature"]),
  field("classify", "confidence", "dechet.confidence", ["confiance", "certitude", "probabilite"]),
  field("color-name", "black", '"black"', ["noir", "noire"]),
  field("color-name", "white", '"white"', ["blanc", "blanche"]),
  field("color-name", "grey", '"grey"', ["gris", "grise"], ["gray"]),
  field("color-name", "red", '"red"', ["rouge"]),
  field("color-name", "yellow", '"yellow"', ["jaune"]),
  field("color-name", "green", '"green"', ["vert", "verte"]),
  field("color-name", "blue", '"blue"', ["bleu", "bleue"]),
  field("color-name", "brown", '"brown"', ["marron", "brun", "brune"]),
  field("waste-kind", "plastic", '"plastic"', ["plastique", "bouteille"]),
  field("waste-kind", "paper", '"paper"', ["papier", "carton"]),
  field("waste-kind", "glass", '"glass"', ["verre", "bocal"]),
  field("waste-kind", "metal", '"metal"', ["metal", "canette", "conserve"]),
  field("waste-kind", "organic", '"organic"', ["organique", "compost", "bio", "alimentaire"]),
  field("waste-kind", "residual", '"residual"', ["residuel", "ordure", "ordures", "poubelle"]),
  field("waste-kind", "none", '"none"', ["rien", "aucun", "vide"], ["nothing"]),
  field("keyword", "if", "if (robot.distance() < 10) { … }", ["si"]),
  field("keyword", "else", "} else { … }", ["sinon"]),
  field("keyword", "while", "while (true) { … }", ["tantque"]),
  field("keyword", "for", "for (let i = 0; i < 4; i++) { … }", ["pour", "repeter"]),
  field("keyword", "function", "async function carre() { … }", ["fonction"]),
  field("keyword", "return", "return 3;", ["retourner", "retourne", "renvoyer", "renvoie"]),
  field("keyword", "true", "true", ["vrai"]),
  field("keyword", "false", "false", ["faux"]),
  field("keyword", "let", "let compteur = 0;", ["soit", "variable"]),
  field("keyword", "const", "const vitesse = 50;", ["constante"]),
  field("keyword", "break", "break;", ["sortir", "casser"]),
];

/** `"TournerGauche"`, `"tourner_gauche"`, `"lâcher"` → `"tournergauche"`, `"lacher"`. */
export function normalizeWord(word: string): string {
  return word
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[_\-\s]/g, "");
}

/**
 * The hint for a word a pupil typed, among hints of the given kinds (all kinds by default);
 * none for the right name itself. French words win over English ones when both match.
 */
export function nameHint(
  word: string,
  kinds?: readonly HintKind[],
  /** Only hints whose right name is one of these (the fields a value really has). */
  uses?: ReadonlySet<string>,
): (NameHint & { lang: "fr" | "en" }) | undefined {
  const normal = normalizeWord(word);
  const candidates = NAME_HINTS.filter(
    (h) => (!kinds || kinds.includes(h.kind)) && (!uses || uses.has(h.use)),
  );
  // The right name with other capitals or separators: "Distance", "turn_left".
  const differentlyWritten = candidates.find((h) => normalizeWord(h.use) === normal);
  if (differentlyWritten)
    return differentlyWritten.use === word ? undefined : { ...differentlyWritten, lang: "en" };
  for (const lang of ["fr", "en"] as const) {
    const hint = candidates.find((h) => h[lang].includes(normal) && h.use !== word);
    if (hint) return { ...hint, lang };
  }
  return undefined;
}

/** How the right name `use` of one of `kinds` is written in a program: `"await robot.forward(20)"`. */
export function exampleOf(kinds: readonly HintKind[], use: string): string | undefined {
  return NAME_HINTS.find((h) => kinds.includes(h.kind) && h.use === use)?.example;
}

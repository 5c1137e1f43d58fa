import type { Localized } from "../i18n.ts";

/**
 * Our own words for the TypeScript diagnostics pupils meet most (see pupil-diagnostics.ts).
 * Short, in the pupil's words, naming what they wrote; never a type dump, never the position
 * (the editor and `file:line:col` give it once).
 */
export const pupilMessages = {
  // Names
  unknownName: {
    fr: "« {name} » n'est pas connu ici : déclare-le d'abord (« let {name} = … ») ou vérifie son orthographe, majuscules comprises.",
    en: '"{name}" is not known here: declare it first ("let {name} = …") or check its spelling, capitals included.',
  },
  unknownDidYouMean: {
    fr: "« {name} » n'est pas connu ici : veux-tu dire « {suggestion} » ?",
    en: '"{name}" is not known here: did you mean "{suggestion}"?',
  },
  unknownFrenchName: {
    fr: "« {name} » n'est pas connu : les noms du robot sont en anglais. Écris « {example} ».",
    en: '"{name}" is not known: the robot\'s names are in English. Write "{example}".',
  },
  unknownWrite: {
    fr: "« {name} » n'est pas connu : écris « {example} ».",
    en: '"{name}" is not known: write "{example}".',
  },
  unknownValueWord: {
    fr: "« {name} » n'est pas connu : cette valeur s'écrit en anglais et entre guillemets, {example}.",
    en: '"{name}" is not known: this value is written in English and in quotes, {example}.',
  },
  frenchKeyword: {
    fr: "« {name} » n'est pas un mot de TypeScript : les mots du langage sont en anglais. Écris « {use} », par exemple « {example} ».",
    en: '"{name}" is not a TypeScript word: the language\'s words are in English. Write "{use}", for example "{example}".',
  },
  frenchKeywordShort: {
    fr: "« {name} » n'est pas un mot de TypeScript : les mots du langage sont en anglais. Écris « {use} ».",
    en: '"{name}" is not a TypeScript word: the language\'s words are in English. Write "{use}".',
  },
  robotMethodAlone: {
    fr: "« {name} » est une commande du robot : écris « robot.{name} ».",
    en: '"{name}" is a robot command: write "robot.{name}".',
  },
  typeAsValue: {
    fr: "« {name} » est un type (une sorte de valeur), pas une valeur : il ne s'utilise qu'après « : ».",
    en: '"{name}" is a type (a kind of value), not a value: it is only used after ":".',
  },

  // Properties
  robotUnknownFrench: {
    fr: "Le robot ne connaît pas « {property} » : ses noms sont en anglais. Écris « {example} ».",
    en: 'The robot does not know "{property}": its names are in English. Write "{example}".',
  },
  robotNotGlobal: {
    fr: "Le robot ne connaît pas « {property} » : pour cela, écris « {example} », sans « robot. » devant.",
    en: 'The robot does not know "{property}": for that, write "{example}", without "robot." in front.',
  },
  robotUnknownWrite: {
    fr: "Le robot ne connaît pas « {property} » : écris « {example} ».",
    en: 'The robot does not know "{property}": write "{example}".',
  },
  robotDidYouMean: {
    fr: "Le robot ne connaît pas « {property} » : veux-tu dire « {suggestion} » ?",
    en: 'The robot does not know "{property}": did you mean "{suggestion}"?',
  },
  robotUnknown: {
    fr: "Le robot ne connaît pas « {property} ». Il connaît : {members}.",
    en: 'The robot does not know "{property}". It knows: {members}.',
  },
  propertyHint: {
    fr: "« {object} » n'a pas de « {property} » : écris « {object}.{use} ».",
    en: '"{object}" has no "{property}": write "{object}.{use}".',
  },
  propertyDidYouMean: {
    fr: "« {object} » n'a pas de « {property} » : veux-tu dire « {suggestion} » ?",
    en: '"{object}" has no "{property}": did you mean "{suggestion}"?',
  },
  propertyUnknown: {
    fr: "« {object} » n'a pas de « {property} » ({object} est {type}).",
    en: '"{object}" has no "{property}" ({object} is {type}).',
  },
  propertyOfPromise: {
    fr: "« {object} » est une promesse, pas encore une réponse : il manque « await » là où tu l'obtiens, avant de lire « {property} ».",
    en: '"{object}" is a promise, not an answer yet: "await" is missing where you get it, before reading "{property}".',
  },
  readOnlyRobot: {
    fr: "On ne peut pas changer « robot.{property} » : les commandes du robot sont fixes.",
    en: 'You cannot change "robot.{property}": the robot\'s commands are fixed.',
  },
  readOnly: {
    fr: "On ne peut pas changer « {property} » : on peut seulement le lire.",
    en: 'You cannot change "{property}": it can only be read.',
  },

  // Calls
  argumentType: {
    fr: "{callee} attend {expected} ({param}), pas {got}.",
    en: "{callee} expects {expected} ({param}), not {got}.",
  },
  argumentTypeNoMeaning: {
    fr: "{callee} attend {expected}, pas {got}.",
    en: "{callee} expects {expected}, not {got}.",
  },
  /** What the robot API's parameters mean, by name. */
  parameterMeanings: {
    cm: { fr: "des centimètres", en: "centimetres" },
    degrees: { fr: "des degrés", en: "degrees" },
    percent: { fr: "un pourcentage", en: "a percentage" },
    seconds: { fr: "des secondes", en: "seconds" },
    left: { fr: "le moteur gauche", en: "the left motor" },
    right: { fr: "le moteur droit", en: "the right motor" },
  },
  removeQuotes: {
    fr: "Enlève les guillemets : {value}.",
    en: "Remove the quotes: {value}.",
  },
  inEnglish: { fr: "En anglais : {example}.", en: "In English: {example}." },
  argumentCount: {
    fr: "{callee} attend {expected} entre les parenthèses, pas {got}.",
    en: "{callee} expects {expected} between the brackets, not {got}.",
  },
  argumentMissing: {
    fr: "{callee} attend {expected} entre les parenthèses, et il n'y en a aucune.",
    en: "{callee} expects {expected} between the brackets, and there is none.",
  },
  forExample: { fr: "Par exemple : {example}.", en: "For example: {example}." },
  between: { fr: "de {min} à {max}", en: "{min} to {max}" },
  atLeast: { fr: "au moins {count}", en: "at least {count}" },
  values0: { fr: "aucune valeur", en: "no value" },
  values1: { fr: "1 valeur", en: "1 value" },
  valuesN: { fr: "{count} valeurs", en: "{count} values" },
  notCallable: {
    fr: "« {callee} » n'est pas une fonction : on ne peut pas l'appeler avec des parenthèses.",
    en: '"{callee}" is not a function: it cannot be called with brackets.',
  },
  missingCallParens: {
    fr: "Il manque les parenthèses : écris « {expression}() » pour avoir sa valeur.",
    en: 'The brackets are missing: write "{expression}()" to get its value.',
  },
  notCalled: {
    fr: "« {expression} » seul ne fait rien : il manque les parenthèses, écris « {example} ».",
    en: '"{expression}" alone does nothing: the brackets are missing, write "{example}".',
  },

  // Types of values
  variableType: {
    fr: "« {name} » doit contenir {expected}, pas {got}.",
    en: '"{name}" must hold {expected}, not {got}.',
  },
  returnType: {
    fr: "Cette fonction doit donner {expected}, pas {got}.",
    en: "This function must give {expected}, not {got}.",
  },
  operatorTypes: {
    fr: "« {operator} » ne s'utilise pas entre {left} et {right}.",
    en: '"{operator}" does not work between {left} and {right}.',
  },
  arithmeticTypes: {
    fr: "Ce calcul demande des nombres, mais « {expression} » est {type}.",
    en: 'This calculation needs numbers, but "{expression}" is {type}.',
  },
  comparisonNever: {
    fr: "Cette comparaison est toujours fausse : {left} ne peut jamais valoir {right}.",
    en: "This comparison is always false: {left} can never be {right}.",
  },
  possibleValues: { fr: "Valeurs possibles : {values}.", en: "Possible values: {values}." },
  promiseCondition: {
    fr: "Cette condition est toujours vraie : « {expression} » est une promesse. Il manque « await » : « await {expression} ».",
    en: 'This condition is always true: "{expression}" is a promise. "await" is missing: "await {expression}".',
  },
  functionCondition: {
    fr: "Cette condition est toujours vraie : il manque les parenthèses, écris « {expression}() ».",
    en: 'This condition is always true: the brackets are missing, write "{expression}()".',
  },
  maybeUndefined: {
    fr: "« {name} » peut ne pas avoir de valeur ici (undefined) : vérifie-le avant de t'en servir.",
    en: '"{name}" may have no value here (undefined): check it before using it.',
  },
  assignInCondition: {
    fr: "Dans une condition, « = » range une valeur dans « {name} » : pour comparer, écris « === ».",
    en: 'In a condition, "=" stores a value in "{name}": to compare, write "===".',
  },

  // Variables
  usedBeforeDeclaration: {
    fr: "« {name} » est utilisé avant d'être déclaré (sa déclaration est plus bas, ligne {line}) : déclare-le avant de t'en servir.",
    en: '"{name}" is used before it is declared (its declaration is further down, line {line}): declare it before using it.',
  },
  usedBeforeAssigned: {
    fr: "« {name} » n'a pas encore de valeur ici : donne-lui une valeur avant de t'en servir (« let {name} = 0; »).",
    en: '"{name}" has no value yet here: give it one before using it ("let {name} = 0;").',
  },
  assignConstant: {
    fr: "« {name} » est une constante (const) : sa valeur ne peut pas changer. Déclare-la avec « let » si elle doit changer.",
    en: '"{name}" is a constant (const): its value cannot change. Declare it with "let" if it must change.',
  },
  redeclared: {
    fr: "« {name} » est déjà déclaré plus haut : choisis un autre nom, ou enlève « {keyword} » pour changer sa valeur.",
    en: '"{name}" is already declared above: choose another name, or remove "{keyword}" to change its value.',
  },
  constWithoutValue: {
    fr: "Une constante reçoit sa valeur tout de suite : « const {name} = … ».",
    en: 'A constant gets its value at once: "const {name} = …".',
  },

  // Syntax
  missingToken: { fr: "Il manque « {token} » ici.", en: 'A "{token}" is missing here.' },
  missingComma: {
    fr: "Il manque une virgule « , » ici, entre deux valeurs.",
    en: 'A comma "," is missing here, between two values.',
  },
  missingSemicolon: {
    fr: "Deux instructions sont collées ici : va à la ligne ou sépare-les par « ; ».",
    en: 'Two instructions are stuck together here: start a new line or separate them with ";".',
  },
  conditionParens: {
    fr: "La condition de « {keyword} » s'écrit entre parenthèses : « {keyword} (…) { … } ».",
    en: 'The condition of "{keyword}" goes between brackets: "{keyword} (…) { … }".',
  },
  unclosedBrace: {
    fr: "Ce « { » n'est jamais fermé : il manque une « } » pour lui.",
    en: 'This "{" is never closed: a "}" is missing for it.',
  },
  extraBrace: {
    fr: "Cette « } » ne ferme rien : elle est en trop, ou il manque un « { » plus haut.",
    en: 'This "}" closes nothing: it is one too many, or a "{" is missing above.',
  },
  valueMissing: { fr: "Il manque une valeur ici.", en: "A value is missing here." },
  nameMissing: { fr: "Il manque un nom ici.", en: "A name is missing here." },
  unexpectedWord: {
    fr: "« {word} » est inattendu ici : il manque peut-être « ; », « ( » ou une virgule juste avant.",
    en: '"{word}" is unexpected here: maybe a ";", a "(" or a comma is missing just before.',
  },
  unknownKeyword: {
    fr: "« {word} » n'est pas un mot de TypeScript : veux-tu dire « {suggestion} » ? Les majuscules comptent.",
    en: '"{word}" is not a TypeScript word: did you mean "{suggestion}"? Capitals matter.',
  },
  unterminatedString: {
    fr: "Ce texte n'est jamais fermé : il manque le guillemet {quote} à la fin, sur la même ligne.",
    en: "This text is never closed: the closing quote {quote} is missing, on the same line.",
  },
  unterminatedTemplate: {
    fr: "Ce texte entre accents graves ` n'est jamais fermé : il manque le ` à la fin.",
    en: "This text between backticks ` is never closed: the closing ` is missing.",
  },
  unterminatedComment: {
    fr: "Ce commentaire n'est jamais fermé : il manque « */ ».",
    en: 'This comment is never closed: "*/" is missing.',
  },
  numberStuck: {
    fr: "Un nombre est collé à un mot ici : écris le nombre seul (les distances sont en centimètres, les angles en degrés).",
    en: "A number is stuck to a word here: write the number alone (distances are in centimetres, angles in degrees).",
  },
  invalidCharacter: {
    fr: "Le caractère « {char} » ne s'utilise pas dans un programme.",
    en: 'The character "{char}" cannot be used in a program.',
  },
  invalidQuote: {
    fr: "Le caractère « {char} » ne s'utilise pas dans un programme : un texte s'écrit entre guillemets droits, \"comme ceci\".",
    en: 'The character "{char}" cannot be used in a program: a text is written between straight quotes, "like this".',
  },
  invalidOperator: {
    fr: "Le caractère « {char} » ne s'utilise pas dans un programme : écris « {use} ».",
    en: 'The character "{char}" cannot be used in a program: write "{use}".',
  },
  invalidSpace: {
    fr: "Il y a ici une espace spéciale (insécable) : remplace-la par une espace normale.",
    en: "There is a special (non-breaking) space here: replace it with a normal space.",
  },
  awaitOutsideAsyncNamed: {
    fr: "« await » ne s'utilise que dans une fonction « async » : écris « async function {function}() ».",
    en: '"await" is only allowed in an "async" function: write "async function {function}()".',
  },
  awaitOutsideAsync: {
    fr: "« await » ne s'utilise que dans une fonction « async » : ajoute « async » au début de la fonction qui le contient.",
    en: '"await" is only allowed in an "async" function: put "async" at the start of the function it is in.',
  },
  returnOutside: {
    fr: "« return » sert à sortir d'une fonction, et ici on n'est dans aucune fonction.",
    en: '"return" leaves a function, and this is in no function.',
  },
  jumpOutside: {
    fr: "« {keyword} » ne s'utilise que dans une boucle (while, for).",
    en: '"{keyword}" is only allowed in a loop (while, for).',
  },
  unreachable: {
    fr: "Ce code ne sera jamais exécuté : {reason}.",
    en: "This code will never run: {reason}.",
  },
  afterReturn: { fr: "il vient après un « return »", en: 'it comes after a "return"' },
  afterBreak: { fr: "il vient après un « break »", en: 'it comes after a "break"' },
  afterContinue: { fr: "il vient après un « continue »", en: 'it comes after a "continue"' },
  afterThrow: { fr: "il vient après un « throw »", en: 'it comes after a "throw"' },
  afterEndlessLoop: {
    fr: "la boucle juste au-dessus ne s'arrête jamais",
    en: "the loop just above never ends",
  },
  unreachableOther: {
    fr: "le programme ne peut jamais arriver jusqu'ici",
    en: "the program can never get here",
  },
} satisfies Record<string, Localized | Record<string, Localized>>;

/** How a type is said to a pupil: « un nombre », "a text". */
export const typeWords = {
  number: { fr: "un nombre", en: "a number" },
  numberValue: { fr: "le nombre {value}", en: "the number {value}" },
  string: { fr: "un texte", en: "a text" },
  stringValue: { fr: "le texte {value}", en: "the text {value}" },
  boolean: { fr: "vrai ou faux (true, false)", en: "true or false" },
  booleanValue: { fr: "{value}", en: "{value}" },
  undefined: { fr: "rien (undefined)", en: "nothing (undefined)" },
  null: { fr: "rien (null)", en: "nothing (null)" },
  void: { fr: "rien", en: "nothing" },
  promise: { fr: "une promesse (il manque « await » ?)", en: 'a promise ("await" missing?)' },
  function: { fr: "une fonction", en: "a function" },
  list: { fr: "une liste", en: "a list" },
  listOf: { fr: "une liste de {items}", en: "a list of {items}" },
  object: { fr: "un objet", en: "an object" },
  colorName: { fr: "un nom de couleur", en: "a colour name" },
  wasteKind: { fr: "une sorte de déchet", en: "a kind of waste" },
  oneOf: { fr: "l'un des textes {values}", en: "one of the texts {values}" },
  orNothing: { fr: "{type} ou rien (undefined)", en: "{type} or nothing (undefined)" },
  anything: { fr: "n'importe quelle valeur", en: "any value" },
  itemsNumber: { fr: "nombres", en: "numbers" },
  itemsString: { fr: "textes", en: "texts" },
} satisfies Record<string, Localized>;

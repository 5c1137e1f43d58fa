/**
 * API du robot Robotyc Studio — ce que ton programme peut utiliser.
 * Unités : centimètres, degrés, secondes, pourcentage de la puissance des moteurs.
 */

/**
 * Les sortes de déchets : plastique, papier, verre, métal, déchet organique, ordure résiduelle.
 */
type WasteKind = "plastic" | "paper" | "glass" | "metal" | "organic" | "residual";

/**
 * Les couleurs que le capteur de couleur sait nommer.
 */
type ColorName = "black" | "white" | "grey" | "red" | "orange" | "yellow" | "green" | "blue" | "brown";

/**
 * Ton robot : ses moteurs, ses capteurs et sa pince.
 */
declare const robot: {
  /**
   * Avance tout droit de `cm` centimètres (négatif : recule). Se termine quand le robot est arrivé, ou après 1 s bloqué.
   * @param cm distance en centimètres
   * @example await robot.forward(20);
   */
  readonly forward: (cm: number) => Promise<void>;
  /**
   * Recule de `cm` centimètres.
   * @param cm distance en centimètres
   * @example await robot.backward(10);
   */
  readonly backward: (cm: number) => Promise<void>;
  /**
   * Tourne sur place vers la gauche de `degrees` degrés.
   * @param degrees angle en degrés
   * @example await robot.turnLeft(90);
   */
  readonly turnLeft: (degrees: number) => Promise<void>;
  /**
   * Tourne sur place vers la droite de `degrees` degrés.
   * @param degrees angle en degrés
   * @example await robot.turnRight(90);
   */
  readonly turnRight: (degrees: number) => Promise<void>;
  /**
   * Choisit la vitesse de `forward` et des virages, de 1 à 100 % (50 au départ).
   * @param percent vitesse en pourcentage, 1..100
   */
  readonly setSpeed: (percent: number) => void;
  /**
   * Règle la puissance des moteurs gauche et droit, de -100 à 100 %. Ils tournent jusqu'au prochain ordre.
   * @param left moteur gauche, -100..100
   * @param right moteur droit, -100..100
   * @example robot.setMotors(50, 50);
   */
  readonly setMotors: (left: number, right: number) => void;
  /**
   * Arrête les deux moteurs.
   */
  readonly stop: () => void;
  /**
   * Distance mesurée par le capteur à ultrasons de devant, en centimètres (2 à 400 ; 400 : rien devant).
   */
  readonly distance: () => number;
  /**
   * Les trois capteurs de ligne sous le robot : `true` quand le capteur voit une ligne sombre.
   */
  readonly line: () => { left: boolean; center: boolean; right: boolean };
  /**
   * La couleur vue par le capteur de couleur : son nom et ses composantes rouge, vert, bleu (0 à 255).
   */
  readonly color: () => { name: ColorName; r: number; g: number; b: number };
  /**
   * La direction du robot en degrés (0 à 359), dans le sens des aiguilles d'une montre comme une boussole, 0 au départ.
   */
  readonly heading: () => number;
  /**
   * Ferme la pince. Donne `true` si un objet est tenu.
   * @example const tenu = await robot.grab();
   */
  readonly grab: () => Promise<boolean>;
  /**
   * Ouvre la pince et lâche l'objet.
   */
  readonly release: () => Promise<void>;
  /**
   * Reconnaît le déchet devant la pince avec la caméra : sa sorte (`"none"` si rien) et la confiance (0 à 1).
   * @example const dechet = await robot.classify();
   */
  readonly classify: () => Promise<{ kind: WasteKind | "none"; confidence: number }>;
};

/**
 * Attend `seconds` secondes (le robot continue ce qu'il faisait).
 * @example await wait(1.5);
 */
declare function wait(seconds: number): Promise<void>;

/**
 * Le nombre de secondes écoulées depuis le départ du programme (temps simulé ou réel).
 */
declare function time(): number;

/**
 * Affiche des valeurs dans la console du robot.
 * @example print("distance :", robot.distance());
 */
declare function print(...values: unknown[]): void;

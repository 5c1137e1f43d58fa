/**
 * In-app learning (the class teaches the robot): labelled examples → features of the frozen
 * base model → a small dense softmax head trained with TF.js on the current backend (wasm
 * has the gradients a dense layer needs). The result is plain JSON-able data that a project
 * file can hold, and `WasteClassifier.setHead` / `useClassModel` puts it to work.
 */
import * as tf from "@tensorflow/tfjs-core";
import type { HeadWeights, WasteClassifier } from "./classifier.ts";
import type { PixelImage } from "./image.ts";
import { CLASSES, ClassifierError, isWasteClass, type WasteClass } from "./labels.ts";
import { seededRandom, shuffled } from "./random.ts";

export const CLASS_MODEL_VERSION = 1;

/** What a project file stores: the head's weights and how it was trained. */
export interface ClassModelData {
  type: "robotyc-class-model";
  formatVersion: number;
  featureSize: number;
  labels: WasteClass[];
  /** featureSize x labels.length, row-major. */
  kernel: number[];
  bias: number[];
  examples: Partial<Record<WasteClass, number>>;
  heldOutAccuracy: number | null;
}

export interface TrainOptions {
  /** Passes over the training examples (full batch); default 150. */
  epochs?: number;
  learningRate?: number;
  /** Share of each class's examples kept aside to measure accuracy; default 0.2. */
  holdout?: number;
  seed?: number;
}

export interface TrainingReport {
  labels: WasteClass[];
  trainCount: number;
  heldOutCount: number;
  /** Share of held-out examples recognised, or null when none were held out. */
  heldOutAccuracy: number | null;
  /** confusion[true][predicted], in `labels` order, on the held-out examples. */
  confusion: number[][];
  seconds: number;
  model: ClassModelData;
}

export const learningMessages = {
  label: {
    fr: "« {label} » n'est pas une catégorie de déchet connue ({known}).",
    en: '"{label}" is not a known waste category ({known}).',
  },
  tooFew: {
    fr: "Il faut des exemples d'au moins deux catégories pour entraîner le robot.",
    en: "The robot needs examples of at least two categories to learn.",
  },
  badModel: {
    fr: "Ce modèle de classe est illisible ou abîmé : {detail}.",
    en: "This class model is unreadable or damaged: {detail}.",
  },
  otherVersion: {
    fr: "Ce modèle de classe vient d'une autre version (format {found}, attendu {expected}).",
    en: "This class model comes from another version (format {found}, expected {expected}).",
  },
  otherBase: {
    fr: "Ce modèle de classe a été appris avec un autre modèle de base ({found} mesures au lieu de {expected}).",
    en: "This class model was trained on another base model ({found} features instead of {expected}).",
  },
};

/** Checks a class model read from a project file; throws a `ClassifierError` if it is not usable. */
export function checkClassModel(data: unknown, featureSize: number): ClassModelData {
  const bad = (detail: string) => new ClassifierError(learningMessages.badModel, { detail });
  if (typeof data !== "object" || data === null) throw bad("not an object");
  const d = data as Partial<ClassModelData>;
  if (d.type !== "robotyc-class-model") throw bad("type");
  if (d.formatVersion !== CLASS_MODEL_VERSION) {
    throw new ClassifierError(learningMessages.otherVersion, {
      found: String(d.formatVersion ?? "?"),
      expected: CLASS_MODEL_VERSION,
    });
  }
  if (d.featureSize !== featureSize) {
    throw new ClassifierError(learningMessages.otherBase, {
      found: String(d.featureSize ?? "?"),
      expected: featureSize,
    });
  }
  const labels = d.labels;
  if (!Array.isArray(labels) || labels.length < 2 || !labels.every(isWasteClass))
    throw bad("labels");
  if (new Set(labels).size !== labels.length) throw bad("labels");
  const finite = (v: unknown): v is number[] =>
    Array.isArray(v) && v.every((x) => typeof x === "number" && Number.isFinite(x));
  if (!finite(d.kernel) || d.kernel.length !== featureSize * labels.length)
    throw bad("kernel shape");
  if (!finite(d.bias) || d.bias.length !== labels.length) throw bad("bias shape");
  return d as ClassModelData;
}

export function headOf(model: ClassModelData): HeadWeights {
  return {
    labels: model.labels,
    kernel: Float32Array.from(model.kernel),
    bias: Float32Array.from(model.bias),
  };
}

/** Makes `classifier` answer with a class model (checked first). */
export function useClassModel(classifier: WasteClassifier, data: unknown): void {
  classifier.setHead(headOf(checkClassModel(data, classifier.featureSize)));
}

/** Collects examples and trains a head; keeps only features (`featureSize` floats), not images. */
export class ClassTrainer {
  private readonly examples: { label: WasteClass; features: Float32Array }[] = [];

  constructor(readonly base: WasteClassifier) {}

  addExample(image: PixelImage, label: WasteClass): void {
    this.addExamples([image], label);
  }

  addExamples(images: readonly PixelImage[], label: WasteClass): void {
    if (!isWasteClass(label)) {
      throw new ClassifierError(learningMessages.label, {
        label: String(label),
        known: CLASSES.join(", "),
      });
    }
    for (let i = 0; i < images.length; i += 32) {
      for (const features of this.base.features(images.slice(i, i + 32))) {
        this.examples.push({ label, features });
      }
    }
  }

  /** Forgets the examples of one class, or all. */
  clear(label?: WasteClass): void {
    for (let i = this.examples.length - 1; i >= 0; i--) {
      if (label === undefined || this.examples[i]!.label === label) this.examples.splice(i, 1);
    }
  }

  counts(): Partial<Record<WasteClass, number>> {
    const counts: Partial<Record<WasteClass, number>> = {};
    for (const e of this.examples) counts[e.label] = (counts[e.label] ?? 0) + 1;
    return counts;
  }

  async train(options: TrainOptions = {}): Promise<TrainingReport> {
    const start = performance.now();
    const labels = CLASSES.filter((c) => this.examples.some((e) => e.label === c));
    if (labels.length < 2) throw new ClassifierError(learningMessages.tooFew);
    const random = seededRandom(options.seed ?? 1);
    const holdout = Math.min(0.5, Math.max(0, options.holdout ?? 0.2));
    const train: { y: number; f: Float32Array }[] = [];
    const test: { y: number; f: Float32Array }[] = [];
    labels.forEach((label, y) => {
      const mine = shuffled(
        this.examples.filter((e) => e.label === label),
        random,
      );
      const nTest = mine.length >= 3 ? Math.round(mine.length * holdout) : 0;
      mine.forEach((e, i) => (i < nTest ? test : train).push({ y, f: e.features }));
    });
    const size = this.base.featureSize;
    const k = labels.length;
    // Standardise features with the training set's statistics, then fold them into the head.
    const mean = new Float32Array(size);
    const std = new Float32Array(size);
    for (const e of train) for (let j = 0; j < size; j++) mean[j]! += e.f[j]! / train.length;
    for (const e of train)
      for (let j = 0; j < size; j++) std[j]! += (e.f[j]! - mean[j]!) ** 2 / train.length;
    for (let j = 0; j < size; j++) std[j] = Math.sqrt(std[j]!) + 1e-3;
    const x = new Float32Array(train.length * size);
    train.forEach((e, i) => {
      for (let j = 0; j < size; j++) x[i * size + j] = (e.f[j]! - mean[j]!) / std[j]!;
    });
    const init = Float32Array.from(
      { length: size * k },
      () => (random() * 2 - 1) * Math.sqrt(6 / (size + k)),
    );
    const kernel = tf.variable(tf.tensor2d(init, [size, k]));
    const bias = tf.variable(tf.zeros([k]));
    const xs = tf.tensor2d(x, [train.length, size]);
    const ys = tf.oneHot(
      tf.tensor1d(
        train.map((e) => e.y),
        "int32",
      ),
      k,
    );
    const optimiser = tf.train.adam(options.learningRate ?? 0.01);
    const epochs = options.epochs ?? 150;
    for (let epoch = 0; epoch < epochs; epoch++) {
      tf.tidy(() => {
        optimiser.minimize(() => {
          const logits = tf.add(tf.matMul(xs, kernel), bias);
          const loss = tf.losses.softmaxCrossEntropy(ys, logits, undefined, 0.05);
          const l2 = tf.mul(1e-3, tf.sum(tf.square(kernel)));
          return tf.add(loss, l2) as tf.Scalar;
        });
      });
      if (epoch % 25 === 24) await tf.nextFrame();
    }
    const w = kernel.dataSync();
    const b = bias.dataSync();
    tf.dispose([kernel, bias, xs, ys]);
    optimiser.dispose();
    // Fold: logits = ((f - mean) / std) W + b = f (W / std) + (b - (mean / std) W).
    const foldedKernel = new Array<number>(size * k);
    const foldedBias = Array.from(b);
    for (let j = 0; j < size; j++) {
      for (let c = 0; c < k; c++) {
        const v = w[j * k + c]! / std[j]!;
        foldedKernel[j * k + c] = v;
        foldedBias[c]! -= mean[j]! * v;
      }
    }
    const confusion = labels.map(() => labels.map(() => 0));
    let correct = 0;
    for (const e of test) {
      let best = 0;
      let bestScore = -Infinity;
      for (let c = 0; c < k; c++) {
        let s = foldedBias[c]!;
        for (let j = 0; j < size; j++) s += e.f[j]! * foldedKernel[j * k + c]!;
        if (s > bestScore) [best, bestScore] = [c, s];
      }
      confusion[e.y]![best]! += 1;
      if (best === e.y) correct++;
    }
    const heldOutAccuracy = test.length ? correct / test.length : null;
    return {
      labels,
      trainCount: train.length,
      heldOutCount: test.length,
      heldOutAccuracy,
      confusion,
      seconds: (performance.now() - start) / 1000,
      model: {
        type: "robotyc-class-model",
        formatVersion: CLASS_MODEL_VERSION,
        featureSize: size,
        labels,
        kernel: foldedKernel,
        bias: foldedBias,
        examples: this.counts(),
        heldOutAccuracy,
      },
    };
  }
}

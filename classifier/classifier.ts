/**
 * `WasteClassifier`: the base CNN (and optionally a class-trained head) answering
 * `classify(image) → { kind, confidence, scores }`. Same code in Node and the browser.
 */
import * as tf from "@tensorflow/tfjs-core";
import * as tfl from "@tensorflow/tfjs-layers";
import { initBackend, type BackendOptions } from "./backend.ts";
import { BadImageError, INPUT_SIZE, inputSpread, toInput, type PixelImage } from "./image.ts";
import { CLASSES, ClassifierError, type ClassifyKind, type WasteClass } from "./labels.ts";
import { modelFromFiles, readModelFiles, type ModelDocument, type ModelFiles } from "./model.ts";

export interface ClassifyResult {
  /** The most likely class, or "none" for an empty frame or a doubtful answer. */
  kind: ClassifyKind;
  /** The winning class's probability, 0..1 (0 for an empty frame). */
  confidence: number;
  /** Every class's probability. */
  scores: Record<WasteClass, number>;
}

export interface ClassifierOptions extends BackendOptions {
  /** Below this probability the answer is "none" (default 0.5). */
  minConfidence?: number;
  /** Below this pixel spread (0..1 standard deviation) a frame counts as empty (default 0.02). */
  minSpread?: number;
}

/** A head trained in the app (see learning.ts): a dense softmax layer on the base features. */
export interface HeadWeights {
  labels: readonly WasteClass[];
  /** featureSize x labels.length, row-major. */
  kernel: Float32Array;
  bias: Float32Array;
}

const imageMessages = {
  size: {
    fr: "L'image n'a pas de taille valide (largeur et hauteur entières, au moins 1 pixel).",
    en: "The image has no valid size (whole width and height, at least 1 pixel).",
  },
  data: {
    fr: "L'image a moins de pixels que sa taille annonce.",
    en: "The image has fewer pixels than its size says.",
  },
  channels: {
    fr: "L'image doit avoir 3 (RGB) ou 4 (RGBA) valeurs par pixel.",
    en: "The image must have 3 (RGB) or 4 (RGBA) values per pixel.",
  },
};

function prepare(images: readonly PixelImage[]): Float32Array {
  const stride = INPUT_SIZE * INPUT_SIZE * 3;
  const batch = new Float32Array(images.length * stride);
  images.forEach((image, i) => {
    try {
      toInput(image, INPUT_SIZE, batch, i * stride);
    } catch (error) {
      if (error instanceof BadImageError) throw new ClassifierError(imageMessages[error.reason]);
      throw error;
    }
  });
  return batch;
}

function emptyScores(): Record<WasteClass, number> {
  return Object.fromEntries(CLASSES.map((c) => [c, 0])) as Record<WasteClass, number>;
}

export class WasteClassifier {
  readonly minConfidence: number;
  readonly minSpread: number;
  private head:
    { labels: readonly WasteClass[]; kernel: tf.Tensor2D; bias: tf.Tensor1D } | undefined;
  private readonly featureModel: tfl.LayersModel;

  private constructor(
    private readonly model: tfl.LayersModel,
    readonly doc: ModelDocument,
    readonly backend: string,
    options: ClassifierOptions,
  ) {
    this.minConfidence = options.minConfidence ?? 0.5;
    this.minSpread = options.minSpread ?? 0.02;
    const features = model.getLayer("features").output as tfl.SymbolicTensor;
    this.featureModel = tfl.model({
      inputs: model.inputs,
      outputs: features,
      name: "features_only",
    });
  }

  /**
   * Loads a model: from a URL (fetched), or files already in memory. In Node, `loadClassifier`
   * of `classifier/node.ts` reads the shipped model or a directory.
   */
  static async load(
    source: string | URL | ModelFiles,
    options: ClassifierOptions = {},
  ): Promise<WasteClassifier> {
    const backend = await initBackend(options);
    const files =
      typeof source === "string" || source instanceof URL ? await readModelFiles(source) : source;
    const { model, doc } = await modelFromFiles(files);
    return new WasteClassifier(model, doc, backend, options);
  }

  get featureSize(): number {
    return this.doc.robotyc.featureSize;
  }

  /** The base model's features (global-pooled conv activations) for each image. */
  features(images: readonly PixelImage[]): Float32Array[] {
    if (images.length === 0) return [];
    const batch = prepare(images);
    const flat = tf.tidy(() => {
      const x = tf.tensor4d(batch, [images.length, INPUT_SIZE, INPUT_SIZE, 3]);
      return this.featureModel.predict(x) as tf.Tensor;
    });
    const data = flat.dataSync() as Float32Array;
    flat.dispose();
    const size = this.featureSize;
    return images.map((_, i) => data.slice(i * size, (i + 1) * size));
  }

  /** Uses a head trained in the app instead of the base model's own; `undefined` restores it. */
  setHead(head: HeadWeights | undefined): void {
    if (this.head) {
      this.head.kernel.dispose();
      this.head.bias.dispose();
    }
    this.head = head && {
      labels: [...head.labels],
      kernel: tf.tensor2d(head.kernel, [this.featureSize, head.labels.length]),
      bias: tf.tensor1d(head.bias),
    };
  }

  get usesCustomHead(): boolean {
    return this.head !== undefined;
  }

  classify(image: PixelImage): ClassifyResult {
    return this.classifyBatch([image])[0]!;
  }

  classifyBatch(images: readonly PixelImage[]): ClassifyResult[] {
    if (images.length === 0) return [];
    const batch = prepare(images);
    const stride = INPUT_SIZE * INPUT_SIZE * 3;
    const head = this.head;
    const probs = tf.tidy(() => {
      const x = tf.tensor4d(batch, [images.length, INPUT_SIZE, INPUT_SIZE, 3]);
      if (!head) return this.model.predict(x) as tf.Tensor;
      const f = this.featureModel.predict(x) as tf.Tensor2D;
      return tf.softmax(tf.add(tf.matMul(f, head.kernel), head.bias));
    });
    const data = probs.dataSync();
    probs.dispose();
    const labels = head ? head.labels : CLASSES;
    return images.map((_, i) => {
      const scores = emptyScores();
      labels.forEach((label, j) => (scores[label] = data[i * labels.length + j]!));
      if (inputSpread(batch, i * stride, stride) < this.minSpread) {
        return { kind: "none", confidence: 0, scores: emptyScores() };
      }
      let best: WasteClass = labels[0]!;
      for (const label of labels) if (scores[label] > scores[best]) best = label;
      const confidence = scores[best];
      return { kind: confidence >= this.minConfidence ? best : "none", confidence, scores };
    });
  }

  dispose(): void {
    this.setHead(undefined);
    this.model.dispose();
  }
}

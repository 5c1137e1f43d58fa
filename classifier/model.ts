/**
 * The base model's files (TF.js layers format: model.json + weights.bin, written by
 * tools/classifier/train.py) and their checks: a model from another version, for other classes,
 * or whose weights do not fit its layers gives a clear `ClassifierError`, never a crash.
 */
import * as tf from "@tensorflow/tfjs-core";
import * as tfl from "@tensorflow/tfjs-layers";
import { INPUT_SIZE } from "./image.ts";
import { localize, systemErrorReason } from "../i18n/index.ts";
import { CLASSES, ClassifierError } from "./labels.ts";

export const MODEL_FORMAT_VERSION = 1;

/** The parts of model.json we read ourselves; the rest is the standard TF.js layers format. */
export interface ModelDocument {
  format: string;
  modelTopology: object;
  weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  robotyc: {
    formatVersion: number;
    classes: string[];
    inputSize: number;
    featureSize: number;
    seed?: number;
    datasets?: string[];
  };
}

export interface ModelFiles {
  /** model.json, parsed (or its text). */
  json: unknown;
  /** The weights files named by the manifest, in order, or already joined into one buffer. */
  weights: ArrayBuffer | Uint8Array | (ArrayBuffer | Uint8Array)[];
}

export const modelMessages = {
  notFound: {
    fr: "Modèle introuvable : « {path} » ({detail}).",
    en: 'Model not found: "{path}" ({detail}).',
  },
  notFoundFile: {
    fr: "Modèle introuvable : « {path} » ({file} : {reason}). Donne le dossier d'un modèle du classifieur (model.json et ses fichiers de poids).",
    en: 'Model not found: "{path}" ({file}: {reason}). Give the folder of a classifier model (model.json and its weights files).',
  },
  notJson: {
    fr: "Le fichier model.json du modèle n'est pas du JSON valide.",
    en: "The model's model.json is not valid JSON.",
  },
  notLayers: {
    fr: "Ce fichier n'est pas un modèle du classifieur (format TF.js « layers-model » attendu).",
    en: 'This file is not a classifier model (TF.js "layers-model" format expected).',
  },
  version: {
    fr: "Ce modèle vient d'une autre version de Robotyc Studio (format {found}, attendu {expected}).",
    en: "This model comes from another version of Robotyc Studio (format {found}, expected {expected}).",
  },
  classes: {
    fr: "Ce modèle connaît d'autres classes ({found}) que celles du trieur ({expected}).",
    en: "This model knows other classes ({found}) than the sorter's ({expected}).",
  },
  weightsSize: {
    fr: "Les poids du modèle ne correspondent pas à ses couches ({found} octets, {expected} attendus).",
    en: "The model's weights do not match its layers ({found} bytes, {expected} expected).",
  },
  shapes: {
    fr: "Le modèle est mal formé : {detail}",
    en: "The model is malformed: {detail}",
  },
};

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Checks model.json's own fields; throws a `ClassifierError` naming what is wrong. */
export function checkModelDocument(json: unknown): ModelDocument {
  let doc = json;
  if (typeof doc === "string") {
    try {
      doc = JSON.parse(doc);
    } catch {
      throw new ClassifierError(modelMessages.notJson);
    }
  }
  if (!isObject(doc) || doc.format !== "layers-model" || !isObject(doc.modelTopology)) {
    throw new ClassifierError(modelMessages.notLayers);
  }
  const meta = doc.robotyc;
  const version = isObject(meta) ? meta.formatVersion : undefined;
  if (version !== MODEL_FORMAT_VERSION) {
    throw new ClassifierError(modelMessages.version, {
      found: String(version ?? "?"),
      expected: MODEL_FORMAT_VERSION,
    });
  }
  const m = meta as ModelDocument["robotyc"];
  if (!Array.isArray(m.classes) || m.classes.join(",") !== CLASSES.join(",")) {
    throw new ClassifierError(modelMessages.classes, {
      found: Array.isArray(m.classes) ? m.classes.join(", ") : "?",
      expected: CLASSES.join(", "),
    });
  }
  if (m.inputSize !== INPUT_SIZE || !Number.isInteger(m.featureSize) || m.featureSize < 1) {
    throw new ClassifierError(modelMessages.shapes, {
      detail: `inputSize ${String(m.inputSize)}, featureSize ${String(m.featureSize)}`,
    });
  }
  const manifest = doc.weightsManifest;
  if (!Array.isArray(manifest) || !manifest.every((g) => isObject(g) && Array.isArray(g.weights))) {
    throw new ClassifierError(modelMessages.shapes, { detail: "weightsManifest" });
  }
  return doc as unknown as ModelDocument;
}

function joinBuffers(parts: ModelFiles["weights"]): ArrayBuffer {
  const list = Array.isArray(parts) ? parts : [parts];
  const views = list.map((p) => (p instanceof Uint8Array ? p : new Uint8Array(p)));
  const out = new Uint8Array(views.reduce((n, v) => n + v.byteLength, 0));
  let at = 0;
  for (const v of views) {
    out.set(v, at);
    at += v.byteLength;
  }
  return out.buffer;
}

const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1 };

/** Builds the TF.js model from its files, after checking them. The backend must be started. */
export async function modelFromFiles(
  files: ModelFiles,
): Promise<{ model: tfl.LayersModel; doc: ModelDocument }> {
  const doc = checkModelDocument(files.json);
  const weightSpecs = doc.weightsManifest.flatMap((g) => g.weights);
  const weightData = joinBuffers(files.weights);
  const expected = weightSpecs.reduce(
    (n, s) => n + (BYTES[s.dtype] ?? 4) * (s.shape ?? []).reduce((a, b) => a * b, 1),
    0,
  );
  if (weightData.byteLength !== expected) {
    throw new ClassifierError(modelMessages.weightsSize, {
      found: weightData.byteLength,
      expected,
    });
  }
  let model: tfl.LayersModel;
  try {
    model = await tfl.loadLayersModel(
      tf.io.fromMemory({ modelTopology: doc.modelTopology, weightSpecs, weightData }),
    );
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new ClassifierError(modelMessages.shapes, { detail: detail.slice(0, 200) });
  }
  const input = model.inputs[0]?.shape;
  const output = model.outputs[0]?.shape;
  const shapeOk =
    model.inputs.length === 1 &&
    input?.slice(1).join(",") === `${INPUT_SIZE},${INPUT_SIZE},3` &&
    output?.slice(1).join(",") === String(CLASSES.length);
  let featuresOk: boolean;
  try {
    featuresOk =
      model.getLayer("features").outputShape.slice(1).join(",") === String(doc.robotyc.featureSize);
  } catch {
    featuresOk = false;
  }
  if (!shapeOk || !featuresOk) {
    model.dispose();
    throw new ClassifierError(modelMessages.shapes, {
      detail: `input ${JSON.stringify(input)}, output ${JSON.stringify(output)}`,
    });
  }
  return { model, doc };
}

/**
 * Reads a model from a URL (http:, https:, or relative to the page) with `fetch`: the browser's
 * way. Node reads the shipped model, or a directory, with `readModelDir` of `classifier/node.ts`.
 */
export async function readModelFiles(location: string | URL): Promise<ModelFiles> {
  const label = String(location);
  const dir = label.endsWith("/") ? label : label + "/";
  try {
    const response = await fetch(dir + "model.json");
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const json: unknown = await response.json().catch(() => {
      throw new ClassifierError(modelMessages.notJson);
    });
    const doc = checkModelDocument(json);
    const weights = await Promise.all(
      doc.weightsManifest
        .flatMap((g) => g.paths)
        .map(async (p) => {
          const r = await fetch(dir + p);
          if (!r.ok) throw new Error(`${p}: HTTP ${r.status}`);
          return r.arrayBuffer();
        }),
    );
    return { json, weights };
  } catch (error) {
    throw modelNotFound(label, error);
  }
}

/** A `ClassifierError` as is; any other failure to read a model becomes "model not found". */
export function modelNotFound(path: string, error: unknown): ClassifierError {
  if (error instanceof ClassifierError) return error;
  // A file the system could not read: say which, and why in words (never ENOENT and its path).
  const reason = systemErrorReason(error);
  const file = (error as { path?: unknown }).path;
  if (reason && typeof file === "string") {
    return new ClassifierError(localize(modelMessages.notFoundFile, { reason }), {
      path,
      file: file.split(/[\\/]/).at(-1) ?? file,
    });
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new ClassifierError(modelMessages.notFound, { path, detail: detail.slice(0, 160) });
}

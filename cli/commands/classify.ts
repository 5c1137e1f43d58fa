/**
 * `robotyc classify <images or folders...> [--model <dir>] [--json]`: runs the waste classifier
 * on JPEG/PNG files. Folders are expanded (their images, sorted by name). With --json, stdout
 * is exactly one JSON array `[{"file","kind","confidence"}]` in the order given; errors go to
 * stderr. Exit 0 when every image was classified, 1 when some could not be read, 2 on bad usage.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import {
  ClassifierError,
  decodeImage,
  labelOf,
  loadClassifier,
  type ClassifyKind,
  type WasteClassifier,
} from "../../classifier/node.ts";
import { format, type Localized } from "../../runtime/index.ts";
import type { Command } from "../main.ts";

const IMAGE_FILE = /\.(jpe?g|png)$/i;

const messages = {
  summary: {
    fr: "Reconnaît le déchet sur des photos (JPEG ou PNG)",
    en: "Recognises the waste in photos (JPEG or PNG)",
  },
  usage: {
    fr: "Utilisation : robotyc classify <images ou dossiers...> [--model <dossier>] [--json]",
    en: "Usage: robotyc classify <images or folders...> [--model <folder>] [--json]",
  },
  unknownOption: { fr: "Option inconnue : « {option} ».", en: 'Unknown option: "{option}".' },
  missingValue: { fr: "« --model » attend un dossier.", en: '"--model" needs a folder.' },
  noImages: { fr: "Aucune image à reconnaître.", en: "No images to recognise." },
  notFound: { fr: "Introuvable : « {file} ».", en: 'Not found: "{file}".' },
  emptyFolder: {
    fr: "Le dossier « {file} » ne contient aucune image JPEG ou PNG.",
    en: 'The folder "{file}" contains no JPEG or PNG image.',
  },
  line: { fr: "{file} : {label} ({percent} %)", en: "{file}: {label} ({percent}%)" },
  failed: { fr: "{file} : {error}", en: "{file}: {error}" },
} satisfies Record<string, Localized>;

interface Row {
  file: string;
  kind: ClassifyKind | "error";
  confidence: number;
  error?: string;
}

const command: Command = {
  summary: messages.summary,
  async run(args, io) {
    const t = (m: Localized, p: Record<string, string | number> = {}) => format(m, io.locale, p);
    const usage = (problem: Localized, p: Record<string, string | number> = {}) => {
      io.err(t(problem, p));
      io.err(t(messages.usage));
      return 2;
    };
    let json = false;
    let modelDir: string | undefined;
    const inputs: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      if (arg === "--json") json = true;
      else if (arg === "--model") {
        modelDir = args[++i];
        if (!modelDir || modelDir.startsWith("--")) return usage(messages.missingValue);
      } else if (arg === "--help" || arg === "-h") {
        io.out(t(messages.usage));
        return 0;
      } else if (arg.startsWith("--")) return usage(messages.unknownOption, { option: arg });
      else inputs.push(arg);
    }
    if (inputs.length === 0) return usage(messages.noImages);

    const files: string[] = [];
    for (const input of inputs) {
      const info = await stat(input).catch(() => undefined);
      if (!info) return usage(messages.notFound, { file: input });
      if (info.isDirectory()) {
        const names = (await readdir(input)).filter((n) => IMAGE_FILE.test(n)).sort();
        if (names.length === 0) return usage(messages.emptyFolder, { file: input });
        files.push(...names.map((n) => join(input, n)));
      } else files.push(input);
    }

    let classifier: WasteClassifier;
    try {
      classifier = await loadClassifier(modelDir);
    } catch (error) {
      io.err(error instanceof ClassifierError ? error.localized(io.locale) : String(error));
      return 1;
    }
    const rows: Row[] = [];
    for (const file of files) {
      try {
        const image = await decodeImage(new Uint8Array(await readFile(file)), file);
        const result = classifier.classify(image);
        rows.push({ file, kind: result.kind, confidence: Number(result.confidence.toFixed(4)) });
      } catch (error) {
        const text = error instanceof ClassifierError ? error.localized(io.locale) : String(error);
        rows.push({ file, kind: "error", confidence: 0, error: text });
        io.err(t(messages.failed, { file, error: text }));
      }
    }
    classifier.dispose();
    if (json) {
      io.out(
        JSON.stringify(rows.map(({ file, kind, confidence }) => ({ file, kind, confidence }))),
      );
    } else {
      for (const row of rows) {
        if (row.kind === "error") continue;
        io.out(
          t(messages.line, {
            file: row.file,
            label: labelOf(row.kind, io.locale),
            percent: Math.round(row.confidence * 100),
          }),
        );
      }
    }
    return rows.some((r) => r.kind === "error") ? 1 : 0;
  },
};

export default command;

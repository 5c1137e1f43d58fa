/**
 * `robotyc classify <images or folders...> [--model <dir>] [--json]`: runs the waste classifier
 * on JPEG/PNG files. Folders are expanded (their images, sorted by name). With --json, stdout
 * is exactly one JSON array `[{"file","kind","confidence","scores"}]` in the order given, `scores`
 * holding every class's probability (a "none" answer still shows which class came first); errors
 * go to stderr. Exit 0 when every image was classified, 1 when some could not be read, 2 on bad usage.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import {
  decodeImage,
  labelOf,
  loadClassifier,
  type ClassifyKind,
  type WasteClass,
  type WasteClassifier,
} from "../../classifier/node.ts";
import { format, type Localized } from "../../runtime/index.ts";
import { defineCommand, UsageError, type CommandSpec } from "./args.ts";
import { errorText } from "./errors.ts";

const IMAGE_FILE = /\.(jpe?g|png)$/i;

const messages = {
  summary: {
    fr: "Reconnaît le déchet sur des photos (JPEG ou PNG)",
    en: "Recognises the waste in photos (JPEG or PNG)",
  },
  images: { fr: "<images ou dossiers>", en: "<images or folders>" },
  imagesHelp: {
    fr: "les photos (JPEG ou PNG) ou les dossiers de photos à reconnaître",
    en: "the photos (JPEG or PNG) or folders of photos to recognise",
  },
  model: {
    fr: "un autre modèle (le dossier de son model.json) ; le modèle livré par défaut",
    en: "another model (the folder of its model.json); the shipped model by default",
  },
  json: {
    fr: "écrit un tableau JSON : le déchet, sa confiance et la probabilité de chaque classe, par photo",
    en: "writes a JSON array: the waste, its confidence and every class's probability, per photo",
  },
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
  scores?: Record<WasteClass, number>;
  error?: string;
}

export const CLASSIFY_SPEC: CommandSpec = {
  name: "classify",
  summary: messages.summary,
  arguments: [{ value: messages.images, help: messages.imagesHelp, count: "many" }],
  options: [
    {
      name: "model",
      kind: "text",
      value: { fr: "<dossier>", en: "<folder>" },
      help: messages.model,
    },
    { name: "json", kind: "flag", help: messages.json },
  ],
};

const round4 = (x: number) => Number(x.toFixed(4));

export default defineCommand(CLASSIFY_SPEC, async (parsed, io) => {
  const t = (m: Localized, p: Record<string, string | number> = {}) => format(m, io.locale, p);
  const json = parsed.flags.has("json");
  const modelDir = parsed.options.model;
  const inputs = parsed.positional;
  const files: string[] = [];
  for (const input of inputs) {
    const info = await stat(input).catch(() => undefined);
    if (!info) throw new UsageError(messages.notFound, { file: input });
    if (info.isDirectory()) {
      const names = (await readdir(input)).filter((n) => IMAGE_FILE.test(n)).sort();
      if (names.length === 0) throw new UsageError(messages.emptyFolder, { file: input });
      files.push(...names.map((n) => join(input, n)));
    } else files.push(input);
  }

  let classifier: WasteClassifier;
  try {
    classifier = await loadClassifier(modelDir);
  } catch (error) {
    io.err(errorText(error, io.locale));
    return 1;
  }
  const rows: Row[] = [];
  for (const file of files) {
    try {
      const image = await decodeImage(new Uint8Array(await readFile(file)), file);
      const result = classifier.classify(image);
      const scores = Object.fromEntries(
        Object.entries(result.scores).map(([kind, p]) => [kind, round4(p)]),
      ) as Record<WasteClass, number>;
      rows.push({ file, kind: result.kind, confidence: round4(result.confidence), scores });
    } catch (error) {
      const text = errorText(error, io.locale);
      rows.push({ file, kind: "error", confidence: 0, error: text });
      io.err(t(messages.failed, { file, error: text }));
    }
  }
  classifier.dispose();
  if (json) {
    io.out(
      JSON.stringify(
        rows.map(({ file, kind, confidence, scores, error }) =>
          kind === "error" ? { file, kind, confidence, error } : { file, kind, confidence, scores },
        ),
      ),
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
});

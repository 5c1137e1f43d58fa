/**
 * The training report: reads classifier/model/train-report.json (written by train.py) and
 * writes tools/classifier/report/ — one confusion-matrix SVG per dataset's test split and a
 * short REPORT.md with the exact splits and accuracies.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CLASSES } from "../../classifier/index.ts";
import { ROOT } from "./dataset.ts";

interface PartResult {
  count: number;
  accuracy: number;
  confusion: number[][];
}
export interface TrainReport {
  seed: number;
  epochs: number;
  /** The network's blocks (train.py's `--arch`). */
  arch: string;
  inputSize: number;
  /** Weight-averaging decay (0: none) and label smoothing. */
  ema: number;
  smoothing: number;
  /** Datasets seen several times per epoch (train.py's `--repeat`), e.g. { real: 2 }. */
  repeat?: Record<string, number>;
  trainImages: number;
  trainSplits: string[];
  trainSeconds: number;
  parameters: number;
  results: Record<string, { splitRule: string; val?: PartResult; test?: PartResult }>;
}

const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;");

/** A confusion matrix as SVG: rows = true class, columns = predicted, cells shaded by row share. */
export function confusionSvg(title: string, labels: readonly string[], matrix: number[][]): string {
  const cell = 44;
  const left = 90;
  const top = 100;
  const width = left + cell * labels.length + 20;
  const height = top + cell * labels.length + 40;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="10" y="20" font-size="14" font-weight="bold">${escape(title)}</text>`,
    `<text x="${left}" y="40">predicted →</text>`,
    `<text x="10" y="${top - 8}">true ↓</text>`,
  ];
  labels.forEach((label, j) => {
    const x = left + j * cell + cell / 2;
    parts.push(
      `<text x="${x}" y="${top - 8}" text-anchor="start" transform="rotate(-45 ${x} ${top - 8})">${escape(label)}</text>`,
    );
  });
  matrix.forEach((row, i) => {
    const total = row.reduce((a, b) => a + b, 0);
    parts.push(
      `<text x="${left - 6}" y="${top + i * cell + cell / 2 + 4}" text-anchor="end">${escape(labels[i]!)}</text>`,
    );
    row.forEach((value, j) => {
      const share = total ? value / total : 0;
      const shade = Math.round(255 - share * 200);
      const fill = i === j ? `rgb(${shade},${255},${shade})` : `rgb(255,${shade},${shade})`;
      const x = left + j * cell;
      const y = top + i * cell;
      parts.push(
        `<rect x="${x}" y="${y}" width="${cell}" height="${cell}" fill="${total ? fill : "#eee"}" stroke="#999"/>`,
      );
      parts.push(
        `<text x="${x + cell / 2}" y="${y + cell / 2 + 4}" text-anchor="middle">${value}</text>`,
      );
    });
  });
  parts.push("</svg>");
  return parts.join("\n") + "\n";
}

export function writeReport(
  reportFile = join(ROOT, "classifier/model/train-report.json"),
  outDir = join(ROOT, "tools/classifier/report"),
): string[] {
  const report = JSON.parse(readFileSync(reportFile, "utf8")) as TrainReport;
  mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  const lines = [
    "# Classifier training report",
    "",
    `Seed ${report.seed}, ${report.epochs} epochs, ${report.inputSize}x${report.inputSize} input, ` +
      `blocks \`${report.arch}\`, weight averaging ${report.ema || "off"}, label smoothing ${report.smoothing}, ` +
      `${report.parameters} parameters, ${report.trainImages} training images per epoch (${report.trainSplits.join("+")} splits` +
      Object.entries(report.repeat ?? {})
        .map(([name, times]) => `; ${name} ${times} times`)
        .join("") +
      `), ${report.trainSeconds} s of training (one thread).`,
    "",
    "| dataset | split | images | top-1 accuracy |",
    "| --- | --- | --- | --- |",
  ];
  for (const [name, result] of Object.entries(report.results)) {
    for (const part of ["val", "test"] as const) {
      const r = result[part];
      if (!r) continue;
      lines.push(`| ${name} | ${part} | ${r.count} | ${(r.accuracy * 100).toFixed(1)} % |`);
      // The matrix of the test split; of the val split while the test split is not evaluated.
      if (part === "test" || !result.test) {
        const file = join(outDir, `confusion-${name}.svg`);
        const title = `${name} photos/renders, ${part} split: ${(r.accuracy * 100).toFixed(1)} % (${r.count} images)`;
        writeFileSync(file, confusionSvg(title, CLASSES, r.confusion));
        written.push(file);
      }
    }
  }
  if (Object.values(report.results).every((r) => !r.test)) {
    lines.push("", "Test splits: not evaluated for this model (only for the final one).");
  }
  lines.push("", "Splits:", "");
  for (const [name, result] of Object.entries(report.results))
    lines.push(`- ${name}: ${result.splitRule}`);
  lines.push(
    "",
    "Confusion matrices (rows: true class, columns: predicted): " +
      written.map((f) => `\`${f.slice(outDir.length + 1)}\``).join(", "),
    "",
    "Every candidate tried, with its validation figures: `CANDIDATES.md`.",
    "",
  );
  writeFileSync(join(outDir, "REPORT.md"), lines.join("\n"));
  written.push(join(outDir, "REPORT.md"));
  return written;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const file of writeReport(process.argv[2], process.argv[3])) console.log(`written: ${file}`);
}

/**
 * Renders on demand:
 *   node --import tsx tools/classifier/render-cli.ts dataset [--per-item N] [--val N] [--test N]
 *     → .cache/classifier/synth.* (defaults: RENDER_COUNTS, 240 / 40 / 24 renders per item)
 *   node --import tsx tools/classifier/render-cli.ts bank                     → classifier/bank/
 */
import { writeBank } from "./bank.ts";
import { RENDER_COUNTS, renderDataset } from "./render.ts";

const [mode = "dataset", ...args] = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const start = performance.now();
if (mode === "dataset") {
  const n = await renderDataset({
    train: option("--per-item", RENDER_COUNTS.train),
    val: option("--val", RENDER_COUNTS.val),
    test: option("--test", RENDER_COUNTS.test),
  });
  console.log(
    `synthetic renders: ${n} images in ${((performance.now() - start) / 1000).toFixed(1)} s`,
  );
} else if (mode === "bank") {
  const n = await writeBank();
  console.log(`image bank: ${n} images in ${((performance.now() - start) / 1000).toFixed(1)} s`);
} else {
  console.error("usage: render-cli.ts dataset [--per-item N] [--val N] [--test N] | bank");
  process.exit(2);
}

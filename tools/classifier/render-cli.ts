/**
 * Renders on demand:
 *   node --import tsx tools/classifier/render-cli.ts dataset [--per-item N]   → .cache/classifier/synth.*
 *   node --import tsx tools/classifier/render-cli.ts bank                     → classifier/bank/
 */
import { writeBank } from "./bank.ts";
import { renderDataset } from "./render.ts";

const [mode = "dataset", ...args] = process.argv.slice(2);
const perAt = args.indexOf("--per-item");
const perItem = perAt >= 0 ? Number(args[perAt + 1]) : 120;
const start = performance.now();
if (mode === "dataset") {
  const n = await renderDataset({
    train: perItem,
    val: Math.round(perItem / 10),
    test: Math.round(perItem / 5),
  });
  console.log(
    `synthetic renders: ${n} images in ${((performance.now() - start) / 1000).toFixed(1)} s`,
  );
} else if (mode === "bank") {
  const n = await writeBank();
  console.log(`image bank: ${n} images in ${((performance.now() - start) / 1000).toFixed(1)} s`);
} else {
  console.error("usage: render-cli.ts dataset [--per-item N] | bank");
  process.exit(2);
}

/**
 * `npm run web`: builds the web app (Vite) and serves it on http://127.0.0.1:4173 (`PORT` to
 * change it), printing the address. `npm start` does the same with `--open`: it also opens the
 * default browser where there is one.
 */
import { fileURLToPath } from "node:url";
import { build, preview } from "vite";

const configFile = fileURLToPath(new URL("../../vite.config.ts", import.meta.url));
const open = process.argv.includes("--open");
const port = Number(process.env.PORT ?? 4173);

if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`PORT invalide / invalid PORT: ${process.env.PORT}`);
  process.exit(2);
}

await build({ configFile, logLevel: "warn" });
const server = await preview({
  configFile,
  preview: { port, host: "127.0.0.1", strictPort: true, open },
});
const address = server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${port}/`;
console.log(`Robotyc Studio : ${address}`);

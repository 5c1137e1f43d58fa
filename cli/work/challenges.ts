/**
 * What `robotyc challenges` loads when it runs: the pack alone.
 *
 * A command imports its work inside run() (`robotyc --help` imports every command module). An
 * `import()` of a part's entry would load the whole part (a dynamic import needs every export),
 * while the static re-exports of these work modules are resolved by the build to the modules
 * that define each name (cli/build.mjs), so a command loads only what it takes.
 */
export { challengeBrief, loadPack, resolveChallenge } from "../../challenges/node.ts";

/**
 * The challenge pack alone, for the commands that only read it (`robotyc challenges`). A command
 * imports its work when it runs; importing challenges/index.ts itself that way would load the
 * whole part (the simulator, the sandbox), while the build resolves these names to the pack's
 * own modules.
 */
export { loadPack } from "../challenges/index.ts";

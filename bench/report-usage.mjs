// Preloaded (`node --import`) into a process the benchmarks start: on exit, writes the process's
// CPU time (user + system, every thread), its main thread's CPU time (Linux: what a person waits
// for on an idle machine, while V8 compiles in background threads) and its peak RSS to the file
// named by ROBOTYC_USAGE_FILE.
import { readFileSync, writeFileSync } from "node:fs";

const file = process.env.ROBOTYC_USAGE_FILE;

/** The main thread's user + system CPU seconds, from /proc (clock ticks of 1/100 s). */
function mainThreadSeconds() {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

if (file) {
  process.on("exit", () => {
    const usage = process.resourceUsage();
    const cpuSeconds = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
    writeFileSync(
      file,
      JSON.stringify({
        cpuSeconds,
        mainSeconds: mainThreadSeconds(),
        peakRssMb: usage.maxRSS / 1024,
      }),
    );
  });
}

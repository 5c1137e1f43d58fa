// Preloaded (`node --import`) into a process the benchmarks start: on exit, writes the process's
// CPU time (user + system, every thread) and peak RSS to the file named by ROBOTYC_USAGE_FILE.
import { writeFileSync } from "node:fs";

const file = process.env.ROBOTYC_USAGE_FILE;
if (file) {
  process.on("exit", () => {
    const usage = process.resourceUsage();
    const cpuSeconds = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
    writeFileSync(file, JSON.stringify({ cpuSeconds, peakRssMb: usage.maxRSS / 1024 }));
  });
}

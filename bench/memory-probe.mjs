// Loaded into the gateway by bench/memory.ts (NODE_OPTIONS=--import): on SIGUSR2 it writes the
// process's memory, split the way V8 sees it, to the file named by MEMORY_PROBE_FILE.
import { writeFileSync } from "node:fs";
import v8 from "node:v8";

process.on("SIGUSR2", () => {
  const mb = (bytes) => Math.round(bytes / 104857.6) / 10;
  const usage = process.memoryUsage();
  const spaces = Object.fromEntries(v8.getHeapSpaceStatistics().map((s) => [s.space_name, mb(s.space_used_size)]));
  const report = {
    rssMb: mb(usage.rss),
    heapTotalMb: mb(usage.heapTotal),
    heapUsedMb: mb(usage.heapUsed),
    externalMb: mb(usage.external),
    arrayBuffersMb: mb(usage.arrayBuffers),
    outsideHeapMb: mb(usage.rss - usage.heapTotal),
    spaces,
  };
  writeFileSync(process.env.MEMORY_PROBE_FILE, JSON.stringify(report));
});

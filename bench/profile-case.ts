// npm run bench:profile -- --case node [--scale N] [--seconds N] [--connections N] [--keep file.cpuprofile]
// Where the gateway's CPU goes for any case of the suite: the case's request driven under
// --cpu-prof, summarized as the functions with the most self time and the packages on the stack.
import { parseArgs } from "node:util";
import { selectCases } from "./cases/index.ts";
import { migrateAndSeed, startBenchDatabase } from "./database.ts";
import { runEntry } from "./entry.ts";
import { profileGateway } from "./profile.ts";
import { benchEnvironment, benchToken } from "./environment.ts";

const { values: options } = parseArgs({
  options: {
    case: { type: "string", default: "q1" },
    scale: { type: "string", default: "20" },
    seconds: { type: "string", default: "10" },
    connections: { type: "string", default: "10" },
    keep: { type: "string" },
  },
});
const jwtSecret = benchEnvironment({ DB_POOL_SIZE: "10" });
const log = (line: string) => console.log(`[bench:profile] ${line}`);

async function main() {
  const [benchCase] = selectCases(options.case);
  if (!benchCase) throw new Error("name one case with --case");
  const database = await startBenchDatabase(log);
  try {
    const seed = await migrateAndSeed(database.url, Number(options.scale), log);
    const token = await benchToken("1h");
    const settings = { databaseUrl: database.url, poolSize: 10, jwtSecret, token };
    const summary = await profileGateway(
      settings,
      Number(options.connections),
      Number(options.seconds),
      (sender) => benchCase.request({ server: "gateway", rows: seed.rows, send: sender }, 50),
      options.keep,
    );
    console.log(JSON.stringify(summary, null, 2));
  } finally {
    database.cluster.stop();
  }
}
runEntry(main);

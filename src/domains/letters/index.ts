import "./letter-status.ts";
import "./letter.ts";
import "./letter-batch.ts";
import "./letter-batch-queries.ts";
import "./letter-batch-mutations.ts";

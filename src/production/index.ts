import "./status.ts";
import "./location.ts";
import "./work-order.ts";
import "./queue.ts";
import "./batch.ts";
import "./batch-queries.ts";
import "./user.ts";
import "./cycle.ts";

import "./process-status.ts";
import "./process-status-queries.ts";
import "./jobs.ts";
import "./process-subscriptions.ts";

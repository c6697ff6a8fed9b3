import "./process-status.ts";

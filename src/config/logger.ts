// Structured JSON logs (pino). Request-scoped lines are children carrying the request id.
import { pino } from "pino";
import { env } from "./env.ts";

export const logger = pino({ level: env.logLevel, base: { service: "batch-gateway" } });

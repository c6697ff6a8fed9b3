// /metrics for the whole server when it runs a process per core (WEB_CONCURRENCY): the process
// that takes the request asks the cluster's primary, which collects every process's registries
// and sums them (prom-client's AggregatorRegistry), so a scrape never sees one process's share.
import cluster from "node:cluster";
import { randomUUID } from "node:crypto";
import { AggregatorRegistry, type Registry } from "prom-client";

const REQUEST = "gateway:metrics-request";
const ANSWER = "gateway:metrics";
const ANSWER_TIMEOUT_MS = 5_000;

type Answer = { type: typeof ANSWER; id: string; text?: string; error?: string };
const waiting = new Map<string, (answer: Answer) => void>();

/** Whether this process is one of several gateway processes (a node:cluster worker). */
export const inCluster = (): boolean => cluster.isWorker;

/** In a worker: offers `registries` to the primary's aggregation (the last gateway created wins). */
export function shareRegistries(registries: Registry[]): void {
  if (!cluster.isWorker) return;
  new AggregatorRegistry(); // registers prom-client's answer to the primary's collection
  AggregatorRegistry.setRegistries(registries);
  if (listening) return;
  listening = true;
  process.on("message", (message: Answer) => {
    if (message?.type === ANSWER) waiting.get(message.id)?.(message);
  });
}
let listening = false;

/** In a worker: every process's metrics, summed by the primary. */
export function serverMetrics(): Promise<string> {
  const id = randomUUID();
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      waiting.delete(id);
      reject(new Error("the cluster's primary did not answer for metrics"));
    }, ANSWER_TIMEOUT_MS);
    waiting.set(id, (answer) => {
      clearTimeout(timer);
      waiting.delete(id);
      if (answer.text === undefined) reject(new Error(answer.error ?? "no metrics"));
      else resolve(answer.text);
    });
    process.send!({ type: REQUEST, id });
  });
}

/** In the primary: answers the workers' requests for the whole server's metrics. */
export function answerMetricsRequests(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on("message", (worker, message: { type?: string; id?: string }) => {
    if (message?.type !== REQUEST) return;
    aggregator.clusterMetrics().then(
      (text) => worker.send({ type: ANSWER, id: message.id, text }),
      (error: Error) => worker.send({ type: ANSWER, id: message.id, error: error.message }),
    );
  });
}

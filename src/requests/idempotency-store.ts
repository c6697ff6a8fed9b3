// The idempotent_request table: a mutation's X-Request-Id is claimed (response JSON null
// while it runs), then its response is stored; a repeat replays that response. The primary
// key decides races between duplicates, so the work runs once across instances.
import { createHash } from "node:crypto";
import { prisma } from "../db.ts";

/** A claim older than this whose response never came belongs to a crashed instance. */
const ABANDONED_AFTER_SECONDS = 60;

/** Names the operation and hashes what was asked, so a reused id with another request is noticed. */
export function fingerprint(caller: string, name: string, query: string, variables: unknown): string {
  const hash = createHash("sha256").update(JSON.stringify([caller, query, variables ?? null])).digest("hex");
  return `${name}:${hash}`;
}

/** True when this request now owns the id: it was free, or its previous claim was abandoned. */
export async function claim(requestId: string, operation: string): Promise<boolean> {
  const claimed = await prisma.$executeRaw`
    INSERT INTO idempotent_request (request_id, operation, response) VALUES (${requestId}::uuid, ${operation}, 'null'::jsonb)
    ON CONFLICT (request_id) DO UPDATE SET operation = EXCLUDED.operation, created_at = now()
    WHERE idempotent_request.response = 'null'::jsonb
      AND idempotent_request.created_at < now() - make_interval(secs => ${ABANDONED_AFTER_SECONDS})`;
  return claimed === 1;
}

export async function storedRequest(requestId: string): Promise<{ operation: string; response: unknown } | null> {
  return prisma.idempotentRequest.findUnique({ where: { requestId }, select: { operation: true, response: true } });
}

/** Stores the response's JSON text. */
export async function storeResponse(requestId: string, response: string): Promise<void> {
  await prisma.idempotentRequest.update({ where: { requestId }, data: { response } });
}

/** Gives the id back (the work failed unexpectedly), so a retry can run it. */
export async function release(requestId: string): Promise<void> {
  await prisma.idempotentRequest.deleteMany({ where: { requestId } });
}

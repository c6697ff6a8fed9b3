// The idempotent_request table: a mutation's X-Request-Id is claimed (response JSON null
// while it runs), then its response is stored; a repeat replays that response. The primary
// key decides races between duplicates, so the work runs once across instances. A claim is
// leased: one whose lease ran out without a response (its instance crashed, or it was given
// back) is taken over by the next request with the same id, which resumes it (outcomes.ts).
import { createHash } from "node:crypto";
import { prisma } from "../db.ts";
import { env } from "../../config/env.ts";

/** Names the operation and hashes what was asked, so a reused id with another request is noticed. */
export function fingerprint(caller: string, name: string, query: string, variables: unknown): string {
  const hash = createHash("sha256")
    .update(JSON.stringify([caller, query, variables ?? null]))
    .digest("hex");
  return `${name}:${hash}`;
}

/**
 * Claims the id for this request: "new" when it was free, "resumed" when it takes over a claim of
 * the same operation whose lease ran out with no response (its fields may have committed
 * outcomes), null when another request holds it or has answered it.
 */
export async function claim(
  requestId: string,
  operation: string,
  leaseMs = env.idempotencyLeaseMs,
): Promise<"new" | "resumed" | null> {
  // xmax is 0 on a freshly inserted row, the updating transaction's id on one taken over.
  const [claimed] = await prisma.$queryRaw<{ resumed: boolean }[]>`
    INSERT INTO idempotent_request (request_id, operation, response, leased_until)
    VALUES (${requestId}::uuid, ${operation}, 'null'::jsonb, now() + make_interval(secs => ${leaseMs / 1000}))
    ON CONFLICT (request_id) DO UPDATE SET leased_until = EXCLUDED.leased_until
    WHERE idempotent_request.response = 'null'::jsonb AND idempotent_request.operation = EXCLUDED.operation
      AND idempotent_request.leased_until <= now()
    RETURNING xmax::text <> '0' AS resumed`;
  if (!claimed) return null;
  return claimed.resumed ? "resumed" : "new";
}

export async function storedRequest(requestId: string): Promise<{ operation: string; response: unknown } | null> {
  return prisma.idempotentRequest.findUnique({ where: { requestId }, select: { operation: true, response: true } });
}

/** Stores the response's JSON text. */
export async function storeResponse(requestId: string, response: string): Promise<void> {
  await prisma.idempotentRequest.update({ where: { requestId }, data: { response } });
}

/**
 * Gives the claim up (the work failed unexpectedly), so a retry can take it over at once; the
 * row stays, with what its fields committed, so the retry resumes rather than runs them again.
 */
export async function release(requestId: string): Promise<void> {
  await prisma.$executeRaw`UPDATE idempotent_request SET leased_until = now() WHERE request_id = ${requestId}::uuid`;
}

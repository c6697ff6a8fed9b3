import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { prisma } from "../../src/data/db.ts";
import { publishProcessStatus } from "../../src/domains/processes/process-subscriptions.ts";
import { tokenFor } from "../client.ts";
import { globalId } from "../factories.ts";
import { startWebSocketServer, subscribeSse, subscribeWs } from "./stream.ts";

const WATCH = `subscription Watch($id: ID!) { processStatusChanged(id: $id) { id status errorMessage } }`;

type Event = {
  data?: { processStatusChanged: { status: string; errorMessage: string | null } | null };
  errors?: { extensions?: { code?: string } }[];
};

async function pendingProcess() {
  return prisma.processStatus.create({
    data: { eventType: "TEST_OPERATION", entityId: "x", deadlineAt: new Date(Date.now() + 60_000) },
  });
}

async function finish(id: number, status: "SUCCESS" | "FAILURE") {
  await prisma.processStatus.update({
    where: { id },
    data: { status, completedAt: new Date(), errorMessage: status === "FAILURE" ? "it broke" : null },
  });
  publishProcessStatus(id);
}

describe("processStatusChanged over Server-Sent Events", () => {
  test("sends the current state, then the state after the change", async () => {
    const process = await pendingProcess();
    const stream = await subscribeSse<Event>(WATCH, { id: globalId("ProcessStatus", process.id) });
    expect((await stream.next()).data?.processStatusChanged?.status).toBe("PENDING");
    await finish(process.id, "FAILURE");
    expect((await stream.next()).data?.processStatusChanged).toMatchObject({
      status: "FAILURE",
      errorMessage: "it broke",
    });
    await stream.close();
  });

  test("a token without process-status:read is refused", async () => {
    const process = await pendingProcess();
    const stream = await subscribeSse<Event>(
      WATCH,
      { id: globalId("ProcessStatus", process.id) },
      await tokenFor(["batch:read"]),
    );
    expect((await stream.next()).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    await stream.close();
  });
});

describe("processStatusChanged over WebSocket (graphql-ws)", () => {
  let server: Awaited<ReturnType<typeof startWebSocketServer>>;
  beforeAll(async () => (server = await startWebSocketServer()));
  afterAll(() => server.stop());

  test("sends the current state, then the state after the change", async () => {
    const process = await pendingProcess();
    const stream = await subscribeWs<Event>(server.url, WATCH, { id: globalId("ProcessStatus", process.id) });
    expect((await stream.next()).data?.processStatusChanged?.status).toBe("PENDING");
    await finish(process.id, "SUCCESS");
    expect((await stream.next()).data?.processStatusChanged?.status).toBe("SUCCESS");
    await stream.close();
  });

  test("an invalid token is UNAUTHENTICATED", async () => {
    const process = await pendingProcess();
    const stream = await subscribeWs<Event>(
      server.url,
      WATCH,
      { id: globalId("ProcessStatus", process.id) },
      "garbage",
    );
    await expect(stream.next()).rejects.toSatisfy((errors: unknown) =>
      JSON.stringify(errors).includes("UNAUTHENTICATED"),
    );
    await stream.close();
  });
});

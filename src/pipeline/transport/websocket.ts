// GraphQL over WebSocket (graphql-ws) on the same port and path as HTTP. Each operation —
// subscription, query or mutation — goes through Yoga's whole GraphQL pipeline after the HTTP
// parsing (`getResultForParams`, as Hive Gateway does it), so its params hooks apply here too:
// the persisted-operations allow-list, the rate limit, the response cache; then parsing,
// validation, limits, auth and masking as over HTTP. A refused or failed operation gets its own
// error and the socket stays open. The token comes from the connection_init payload
// ({ Authorization: "Bearer …" }) or the upgrade request.
import type { IncomingMessage, Server } from "node:http";
import {
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  GraphQLError,
  Kind,
  OperationTypeNode,
} from "graphql";
import type { FormattedExecutionResult, SubscribePayload } from "graphql-ws";
import { useServer } from "graphql-ws/use/ws";
import type { YogaServerInstance } from "graphql-yoga";
import { WebSocketServer } from "ws";
import type { WebSocketServerContext } from "./connection.ts";
import { env } from "../../config/env.ts";
import { maskError } from "../../graphql/execution/masking.ts";
import { logger } from "../../config/logger.ts";
import type { Context } from "../../graphql/context.ts";

/** The gateway (src/app/gateway.ts) whose pipeline every operation goes through. */
type Gateway = YogaServerInstance<Record<string, unknown>, Context>;

/**
 * graphql-ws picks execute or subscribe from the operation of the document it is given; the
 * pipeline has already run the real one (whose text may even be absent: a persisted
 * operation's documentId), so graphql-ws gets this placeholder with the result.
 */
const PIPELINE_DOCUMENT: DocumentNode = {
  kind: Kind.DOCUMENT,
  definitions: [
    {
      kind: Kind.OPERATION_DEFINITION,
      operation: OperationTypeNode.SUBSCRIPTION,
      selectionSet: { kind: Kind.SELECTION_SET, selections: [] },
    },
  ],
};

/** One subscribe message, as the pipeline takes it. */
interface Operation {
  params: SubscribePayload;
  request: Request;
  serverContext: WebSocketServerContext;
}

/** The operation as an HTTP request would carry it: POST (so mutations are allowed), the token, the correlation id. */
function requestFor(authorization: unknown, upgrade: IncomingMessage, closed: AbortSignal): Request {
  const headers = new Headers();
  const token = typeof authorization === "string" ? authorization : upgrade.headers.authorization;
  if (typeof token === "string") headers.set("authorization", token);
  const correlationId = upgrade.headers["x-correlation-id"];
  if (typeof correlationId === "string") headers.set("x-correlation-id", correlationId);
  // No X-Request-Id: one on the upgrade would name every operation of the socket, and a second
  // mutation would be taken for a replay of the first. Each operation gets its own.
  return new Request("http://websocket/graphql", { method: "POST", headers, signal: closed });
}

/** What Yoga strips from HTTP responses (status and headers meant for HTTP) is stripped here too. */
function withoutHttp(result: ExecutionResult): FormattedExecutionResult {
  const errors = result.errors?.map((error) => {
    const { http: _http, ...extensions } = error.extensions ?? {};
    const json = typeof error.toJSON === "function" ? error.toJSON() : error;
    return { ...json, extensions: Object.keys(extensions).length ? extensions : undefined };
  });
  return { ...result, ...(errors ? { errors } : {}) } as FormattedExecutionResult;
}

export function attachWebSocket(server: Server, yoga: Gateway): WebSocketServer {
  const wsServer = new WebSocketServer({ server, path: yoga.graphqlEndpoint, maxPayload: env.limits.maxBodyBytes });
  /** Aborted when a connection closes: every operation's request signal, so each of its subscriptions ends. */
  const closing = new WeakMap<object, AbortController>();

  async function run(operation: Operation): Promise<ExecutionResult | AsyncIterable<ExecutionResult>> {
    const { params, request, serverContext } = operation;
    try {
      const { operationName, variables, extensions } = params;
      const graphqlParams = {
        ...params, // with any documentId
        operationName: operationName ?? undefined,
        variables: variables ?? undefined,
        extensions: extensions ?? undefined,
      };
      // A context object per operation: Yoga adds the request and params to it.
      const result = await yoga.getResultForParams({ params: graphqlParams, request }, { ...serverContext });
      return result ?? { data: null };
    } catch (error) {
      // Thrown by a params hook (the allow-list, the rate limit): that operation's error alone.
      if (error instanceof GraphQLError && error.extensions?.code) return { errors: [error] };
      logger.error({ err: error }, "unexpected error in a WebSocket operation (masked for the client)");
      return { errors: [maskError(error, "Unexpected error.") as GraphQLError] };
    }
  }

  useServer(
    {
      // The result is ready when onSubscribe returns; graphql-ws then streams or sends it.
      execute: (args) => args.rootValue as ExecutionResult,
      subscribe: (args) => args.rootValue as AsyncIterable<ExecutionResult>,
      onSubscribe: async (ctx, _id, params) => {
        const init = ctx.connectionParams ?? {};
        let closed = closing.get(ctx);
        if (!closed) closing.set(ctx, (closed = new AbortController()));
        const request = requestFor(init.Authorization ?? init.authorization, ctx.extra.request, closed.signal);
        const result = await run({ params, request, serverContext: { websocket: ctx, req: ctx.extra.request } });
        // Refused before execution (no data): the protocol's error message for the operation
        // (graphql-ws takes only GraphQLError instances there; anything else goes as a result).
        const errors = Symbol.asyncIterator in result || "data" in result ? undefined : result.errors;
        if (errors?.length && errors.every((error) => error instanceof GraphQLError)) return [...errors];
        return { document: PIPELINE_DOCUMENT, rootValue: result, contextValue: {} } as unknown as ExecutionArgs;
      },
      onNext: (_ctx, _id, _payload, _args, result) => withoutHttp(result as ExecutionResult),
      onError: (_ctx, _id, _payload, errors) => withoutHttp({ errors }).errors!,
      onClose: (ctx) => closing.get(ctx)?.abort(),
    },
    wsServer,
  );
  return wsServer;
}

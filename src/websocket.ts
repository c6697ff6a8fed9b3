// GraphQL over WebSocket (graphql-ws) on the same port and path as HTTP. Operations go
// through Yoga's envelop, so auth, limits and masking apply as they do over HTTP. The token
// comes from the connection_init payload ({ Authorization: "Bearer …" }) or the upgrade request.
import type { Server } from "node:http";
import { type ExecutionArgs, GraphQLError } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";
import type { yoga as gateway } from "./yoga.ts";

type Gateway = typeof gateway;

function requestFor(authorization: unknown, upgradeHeaders: Record<string, string | string[] | undefined>): Request {
  const headers = new Headers();
  const token = typeof authorization === "string" ? authorization : upgradeHeaders.authorization;
  if (typeof token === "string") headers.set("authorization", token);
  const requestId = upgradeHeaders["x-request-id"];
  if (typeof requestId === "string") headers.set("x-request-id", requestId);
  return new Request("http://websocket/graphql", { headers });
}

export function attachWebSocket(server: Server, yoga: Gateway): WebSocketServer {
  const wsServer = new WebSocketServer({ server, path: yoga.graphqlEndpoint });
  useServer(
    {
      execute: (args) => (args.rootValue as { execute: (a: ExecutionArgs) => unknown }).execute(args) as never,
      subscribe: (args) => (args.rootValue as { subscribe: (a: ExecutionArgs) => unknown }).subscribe(args) as never,
      onSubscribe: async (ctx, _id, params) => {
        const init = ctx.connectionParams ?? {};
        const request = requestFor(init.Authorization ?? init.authorization, ctx.extra.request.headers);
        const enveloped = yoga.getEnveloped({ request, params });
        const document = enveloped.parse(params.query);
        const errors = enveloped.validate(enveloped.schema, document);
        if (errors.length) return errors;
        let contextValue: unknown;
        try {
          contextValue = await enveloped.contextFactory();
        } catch (error) {
          if (error instanceof GraphQLError) return [error]; // e.g. an invalid token: UNAUTHENTICATED
          throw error;
        }
        return {
          schema: enveloped.schema,
          operationName: params.operationName,
          document,
          variableValues: params.variables,
          contextValue,
          rootValue: { execute: enveloped.execute, subscribe: enveloped.subscribe },
        };
      },
    },
    wsServer,
  );
  return wsServer;
}

// The one way to add a mutation, in any domain: `recordedMutation(name, { input, payload,
// resolve })`, a `payloadType` carrying the operation's ProcessStatus, and `recorded(...)` for
// the transaction. What every mutation then gets without its author doing anything more:
// - a nullable root field, so a failing field is null with its error while the fields before
//   and after it keep the results they committed;
// - its outcome recorded in its own transaction when the request carries an X-Request-Id, and
//   a retry after a crash answering that outcome instead of running again (src/pipeline/requests/);
// - the committed write noticed by the response cache (every commit bumps the write epoch).
// A field whose resolver returns anything but a recorded payload fails, and the schema refuses
// to build with a Mutation field made some other way.
import type { FieldMap, InputObjectRef, ObjectRef } from "@pothos/core";
import type { GraphQLResolveInfo, GraphQLSchema } from "graphql";
import type { Scope } from "../../graphql/scopes.ts";
import type { Context } from "../../graphql/context.ts";
import { builder } from "../../graphql/builder.ts";
import { inOutcomeSlot, replayOutcome } from "../../data/idempotency/outcomes.ts";
import { ProcessStatusNode } from "./process-status.ts";
import { isRecorded, type Payload } from "./recorder.ts";

export { recorded, type Payload, type ProcessDescription, type Tx } from "./recorder.ts";

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

/** A mutation payload: the changed objects (`fields`) and the operation's ProcessStatus. */
export function payloadType<Shape extends object>(
  name: string,
  description: string,
  fields: (t: PothosSchemaTypes.ObjectFieldBuilder<Types, Payload<Shape>>) => FieldMap,
  options: { processStatus?: string } = {},
) {
  return builder.objectRef<Payload<Shape>>(name).implement({
    description,
    fields: (t) => ({
      ...fields(t),
      processStatus: t.field({
        type: ProcessStatusNode,
        description:
          options.processStatus ??
          "The record of this operation (SUCCESS; a failure is reported as an error carrying processStatusId).",
        resolve: (payload) => payload.processStatus,
      }),
    }),
  });
}

export interface RecordedMutation<Input, Shape extends object> {
  description: string;
  /** The scope the token needs to run it. */
  scope: Scope;
  /** The one `input` argument every mutation takes. */
  input: { type: InputObjectRef<Types, Input>; description: string };
  payload: ObjectRef<Types, Payload<Shape>>;
  /** Checks the input (before any SQL), then returns `recorded(...)`. */
  resolve: (input: Input, context: Context) => Promise<Payload<Shape>>;
}

/** Adds `Mutation.<name>` (see the top of this file). */
export function recordedMutation<Input, Shape extends object>(name: string, mutation: RecordedMutation<Input, Shape>) {
  builder.mutationField(name, (t) =>
    t.field({
      type: mutation.payload,
      nullable: true,
      description: mutation.description,
      authScopes: { scope: mutation.scope },
      extensions: { recordedMutation: true },
      args: { input: t.arg({ type: mutation.input.type, required: true, description: mutation.input.description }) },
      // Pothos cannot follow the generic Input and Shape through its field types; the options above are checked.
      resolve: ((_root: unknown, args: { input: Input }, context: Context, info: GraphQLResolveInfo) =>
        answer(name, context, String(info.path.key), () => mutation.resolve(args.input, context))) as never,
    }),
  );
}

async function answer(name: string, context: Context, responseKey: string, resolve: () => Promise<unknown>) {
  const run = context.idempotency;
  const committed = run?.committed.get(responseKey);
  // Resuming a request whose first attempt committed this field: its answer then, nothing run again.
  if (committed) return replayOutcome(committed);
  const payload = await inOutcomeSlot(run && { requestId: run.requestId, responseKey }, resolve);
  if (!isRecorded(payload)) throw new Error(`Mutation.${name} answered without recorded(): its write skipped the kit`);
  return payload;
}

/** Refuses a schema with a Mutation field not made by recordedMutation (called when the schema is built). */
export function checkRecordedMutations(schema: GraphQLSchema): GraphQLSchema {
  for (const field of Object.values(schema.getMutationType()?.getFields() ?? {})) {
    if (field.extensions?.recordedMutation !== true) {
      throw new Error(`Mutation.${field.name} is not made by recordedMutation (src/domains/processes/mutation-kit.ts)`);
    }
  }
  return schema;
}

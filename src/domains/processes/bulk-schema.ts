// The GraphQL side of the bulk mutations (src/domains/processes/bulk.ts): the `ids` and `atomic`
// input fields every one takes, and its payload: a result per distinct id, the counts, the call's
// process status.
import { builder } from "../../graphql/builder.ts";
import { listSize } from "../../graphql/transforms/query-cost.ts";
import type { BulkOutcome } from "./bulk.ts";
import { payloadType } from "./mutation-kit.ts";

const BulkItemStatusEnum = builder.enumType("BulkItemStatus", {
  description: "What a bulk mutation did with one of its ids.",
  values: {
    DONE: { description: "The item was changed (or deleted)." },
    REFUSED: { description: "The item was left as it was; `code` and `reason` say why." },
  },
});

export const BulkItemResult = builder.objectRef<BulkOutcome>("BulkItemResult").implement({
  description: "The outcome of one distinct id of a bulk mutation.",
  fields: (t) => ({
    id: t.exposeID("id", { description: "The global id, as given." }),
    index: t.exposeInt("index", { description: "Its position in the input list (its first one, when given twice)." }),
    status: t.field({
      type: BulkItemStatusEnum,
      description: "DONE or REFUSED.",
      resolve: (o) => (o.refusal ? "REFUSED" : "DONE"),
    }),
    code: t.string({
      nullable: true,
      description: "Why it was refused, as an error code (NOT_FOUND, CONFLICT); null when done.",
      resolve: (o) => o.refusal?.code ?? null,
    }),
    reason: t.string({
      nullable: true,
      description: "Why it was refused, in words; null when done.",
      resolve: (o) => o.refusal?.reason ?? null,
    }),
  }),
});

/** The payload of a bulk mutation: one result per distinct id, the counts, and the call's process status. */
export function bulkPayloadType<Shape extends { outcomes: BulkOutcome[] }>(
  name: string,
  description: string,
  max: number,
  fields: Parameters<typeof payloadType<Shape>>[2] = () => ({}),
) {
  return payloadType<Shape>(
    name,
    description,
    (t) => ({
      ...fields(t),
      results: t.field({
        type: [BulkItemResult],
        extensions: listSize({ max }),
        description: "One result per distinct id, in the order given (with atomic: true, all DONE).",
        resolve: (p) => p.outcomes,
      }),
      doneCount: t.int({
        description: "How many items were changed.",
        resolve: (p) => p.outcomes.filter((o) => !o.refusal).length,
      }),
      refusedCount: t.int({
        description: "How many items were refused.",
        resolve: (p) => p.outcomes.filter((o) => o.refusal).length,
      }),
    }),
    {
      processStatus:
        "The one record of this call (SUCCESS also when some items were refused per item; an atomic refusal is an error carrying processStatusId).",
    },
  );
}

const ATOMIC_DESCRIPTION =
  "true (the default): all or nothing in one transaction; the first refused item rolls everything back and the error names it (extensions.field, id, index). false: each item on its own, a result per id.";

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;
type InputFields = PothosSchemaTypes.InputFieldBuilder<Types, "InputObject">;

/** The `ids` and `atomic` input fields every bulk mutation takes. */
export function bulkInputFields(t: InputFields, noun: string, max: number) {
  return {
    ids: t.idList({
      required: true,
      description: `Global ids of the ${noun}: 1 to ${max} distinct ones; duplicates count once.`,
    }),
    atomic: t.boolean({ defaultValue: true, description: ATOMIC_DESCRIPTION }),
  };
}

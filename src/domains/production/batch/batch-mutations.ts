// Creating batches: one with its cycles, or many at once with their techs. Also the pieces
// every production mutation shares: the status input and the changed-batch payload field.
import type { Batch } from "../../../generated/prisma/client.ts";
import { builder } from "../../../graphql/builder.ts";
import { listSize } from "../../../graphql/transforms/query-cost.ts";
import { encodeGlobalId, parseId, parseIds } from "../../../graphql/ids.ts";
import { type Payload, payloadType, recorded, recordedMutation, type Tx } from "../../processes/mutation-kit.ts";
import { BatchNode } from "./batch.ts";
import { createBatches, findQueue, findWorkOrder, requireUsers } from "../service.ts";
import { StatusCategoryEnum } from "../catalog/status.ts";
import {
  checkNumberCycles,
  checkStatus,
  checkText,
  checkTotal,
  checkUserIdCount,
  MAX_CYCLES_PER_REQUEST,
  MAX_NUMBER_CYCLES,
  MAX_TEXT_LENGTH,
  MAX_TOTAL_BATCHES,
  MAX_USER_IDS,
} from "../validation.ts";

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

/** The payload field returning the batch a mutation changed. */
export function changedBatchField<Shape extends { batch: Batch }>(
  t: PothosSchemaTypes.ObjectFieldBuilder<Types, Payload<Shape>>,
  description: string,
) {
  return t.field({ type: BatchNode, description, resolve: (payload) => payload.batch });
}

export const StatusInput = builder.inputType("StatusInput", {
  description: 'A custom status (e.g. "Reticulating Splines") and the category it belongs to.',
  fields: (t) => ({
    status: t.string({
      required: true,
      description:
        'The custom label: starts with a letter, then letters, digits, "-", "_" or spaces (^[A-Za-z][0-9a-zA-Z-_ ]+$).',
    }),
    category: t.field({ type: StatusCategoryEnum, required: true, description: "The category the label belongs to." }),
    description: t.string({ description: "What the status means." }),
    order: t.int({
      description: "Position of the status when statuses are listed; the category's default when omitted.",
    }),
  }),
});

const CreateBatchInput = builder.inputType("CreateBatchInput", {
  description: "A new batch of a work order, placed in a queue, with its cycles.",
  fields: (t) => ({
    queueId: t.id({
      required: true,
      description: "The queue the batch is placed in; it also gives the batch its location.",
    }),
    workOrderId: t.id({
      required: true,
      description: "The work order the batch belongs to; it gives the batch its due date.",
    }),
    label: t.string({
      required: true,
      description: `Name of the batch, e.g. Batch A (1 to ${MAX_TEXT_LENGTH} characters).`,
    }),
    order: t.string({
      description: `Lexicographic processing order within the queue (1 to ${MAX_TEXT_LENGTH} characters); "m" when omitted.`,
    }),
    numberCycles: t.int({
      required: true,
      description: `How many cycles the batch needs: 1 to ${MAX_NUMBER_CYCLES}; that many PENDING cycles are created.`,
    }),
    currentStatus: t.field({ type: StatusInput, description: "The batch's initial status; Pending when omitted." }),
  }),
});

const CreateBatchesInput = builder.inputType("CreateBatchesInput", {
  description: "Several identical batches of one work order at once, all or nothing.",
  fields: (t) => ({
    queueId: t.id({ required: true, description: "The queue the batches are placed in." }),
    workOrderId: t.id({ required: true, description: "The work order the batches belong to." }),
    total: t.int({
      required: true,
      description: `How many batches to create: 1 to ${MAX_TOTAL_BATCHES}, and at most ${MAX_CYCLES_PER_REQUEST} cycles in all (total × numberCycles).`,
    }),
    numberCycles: t.int({
      required: true,
      description: `How many cycles each batch needs: 1 to ${MAX_NUMBER_CYCLES}.`,
    }),
    userIds: t.idList({ description: `Technicians (users) assigned to every new batch; at most ${MAX_USER_IDS}.` }),
    label: t.string({
      description:
        'Label prefix; batches are named "<prefix> 1" … "<prefix> <total>". The work order\'s label when omitted.',
    }),
  }),
});

const CreateBatchPayload = payloadType<{ batch: Batch }>("CreateBatchPayload", "The created batch.", (t) => ({
  batch: changedBatchField(t, "The new batch, with its PENDING cycles."),
}));

const CreateBatchesPayload = payloadType<{ batches: Batch[] }>("CreateBatchesPayload", "The created batches.", (t) => ({
  batches: t.field({
    type: [BatchNode],
    extensions: listSize({ max: MAX_TOTAL_BATCHES }),
    description: "The new batches, numbered 1 to total.",
    resolve: (p) => p.batches,
  }),
}));

function parseTarget(input: { queueId: string | number; workOrderId: string | number }) {
  return {
    queueId: parseId(input.queueId, "Queue", "input.queueId"),
    workOrderId: parseId(input.workOrderId, "WorkOrder", "input.workOrderId"),
  };
}

async function findTarget(tx: Tx, target: ReturnType<typeof parseTarget>) {
  const queue = await findQueue(tx, target.queueId, "input.queueId");
  const workOrder = await findWorkOrder(tx, target.workOrderId, "input.workOrderId");
  return { queue, workOrder };
}

recordedMutation("createBatch", {
  scope: "batch:create",
  description: "Creates a batch in a queue for a work order, with its numberCycles PENDING cycles, in one transaction.",
  input: { type: CreateBatchInput, description: "The batch to create." },
  payload: CreateBatchPayload,
  resolve: (input) => {
    const numberCycles = checkNumberCycles(input.numberCycles, "input.numberCycles");
    const label = checkText(input.label, "input.label");
    const order = input.order == null ? null : checkText(input.order, "input.order");
    const status = input.currentStatus ? checkStatus(input.currentStatus, "input.currentStatus") : null;
    const target = parseTarget(input);
    return recorded(
      { eventType: "CREATE_BATCH", entityId: (r) => encodeGlobalId("Batch", r.batch.id) },
      async (tx: Tx) => {
        const [batch] = await createBatches(tx, {
          ...(await findTarget(tx, target)),
          numberCycles,
          userIds: [],
          batches: [{ label, order, status }],
        });
        return { batch: batch! };
      },
    );
  },
});

recordedMutation("createBatches", {
  scope: "batch:create",
  description:
    "Creates `total` batches of a work order at once, each with its cycles and the given techs; all or nothing.",
  input: { type: CreateBatchesInput, description: "The batches to create." },
  payload: CreateBatchesPayload,
  resolve: (input) => {
    const numberCycles = checkNumberCycles(input.numberCycles, "input.numberCycles");
    const total = checkTotal(input.total, numberCycles, "input.total");
    checkUserIdCount(input.userIds ?? [], "input.userIds");
    const userIds = parseIds(input.userIds ?? [], "User", "input.userIds");
    const prefix = input.label == null ? null : checkText(input.label, "input.label");
    const target = parseTarget(input);
    const entityId = encodeGlobalId("WorkOrder", target.workOrderId);
    return recorded(
      { eventType: "CREATE_BATCHES", entityId, description: `${total} batches of ${numberCycles} cycles` },
      async (tx) => {
        const found = await findTarget(tx, target);
        await requireUsers(tx, userIds, "input.userIds");
        const label = prefix ?? found.workOrder.label;
        const batches = Array.from({ length: total }, (_, i) => ({ label: `${label} ${i + 1}` }));
        return {
          batches: await createBatches(tx, { ...found, numberCycles, userIds: [...new Set(userIds)], batches }),
        };
      },
    );
  },
});

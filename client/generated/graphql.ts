/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Conditions a batch must meet; all given conditions apply. */
export type BatchFilter = {
  /** Only batches due at or after this time. */
  dueFrom?: string | null | undefined;
  /** Only batches due at or before this time. */
  dueTo?: string | null | undefined;
  /** Only batches whose label contains this text (case-insensitive). At most 200 characters. */
  labelContains?: string | null | undefined;
  /** Only batches in one of these queues. Each at most 100 characters. */
  queueIds?: Array<string | number> | null | undefined;
  /** Only batches whose status is in one of these categories. */
  statusCategories?: Array<StatusCategory> | null | undefined;
  /** Only batches of one of these work orders. Each at most 100 characters. */
  workOrderIds?: Array<string | number> | null | undefined;
};

/** A new batch of a work order, placed in a queue, with its cycles. */
export type CreateBatchInput = {
  /** The batch's initial status; Pending when omitted. */
  currentStatus?: StatusInput | null | undefined;
  /** Name of the batch, e.g. Batch A (1 to 200 characters). */
  label: string;
  /** How many cycles the batch needs: 1 to 1000; that many PENDING cycles are created. */
  numberCycles: number;
  /** Lexicographic processing order within the queue (1 to 200 characters); "m" when omitted. */
  order?: string | null | undefined;
  /** The queue the batch is placed in; it also gives the batch its location. At most 100 characters. */
  queueId: string | number;
  /** The work order the batch belongs to; it gives the batch its due date. At most 100 characters. */
  workOrderId: string | number;
};

/** Where an outgoing message is in its lifecycle. */
export type MessageStatus =
  /** Cancelled while still scheduled; it will never be sent. */
  | 'CANCELLED'
  /** The operator reported delivery to the recipient's phone. */
  | 'DELIVERED'
  /** Due and waiting in the queue to be handed to the operator. */
  | 'ENQUEUED'
  /** Rejected before sending (see error). */
  | 'FAILED'
  /** Waiting for its scheduled time; the only status that can be cancelled. */
  | 'SCHEDULED'
  /** Handed to the operator; no delivery report yet. */
  | 'SENT'
  /** The operator reported that the message could not be delivered (see error). */
  | 'UNDELIVERED';

/** Where an asynchronous operation stands. */
export type ProcessState =
  /** Finished without effect (or, for a provisioning batch, only partly): errorMessage says why. */
  | 'FAILURE'
  /** Still running: poll again or subscribe to processStatusChanged. */
  | 'PENDING'
  /** Finished and every change it made is committed. */
  | 'SUCCESS'
  /** Its deadline passed before it finished; its outcome is unknown. */
  | 'TIMEOUT';

/** The classifier every custom status label belongs to. */
export type StatusCategory =
  /** Cannot go on until something else happens. */
  | 'BLOCKED'
  /** Will not be done. */
  | 'CANCELLED'
  /** Finished successfully. */
  | 'COMPLETE'
  /** Being worked on. */
  | 'IN_PROGRESS'
  /** Not started yet. */
  | 'PENDING'
  /** Done, being checked. */
  | 'VERIFYING';

/** A custom status (e.g. "Reticulating Splines") and the category it belongs to. */
export type StatusInput = {
  /** The category the label belongs to. */
  category: StatusCategory;
  /** What the status means. At most 200 characters. */
  description?: string | null | undefined;
  /** Position of the status when statuses are listed; the category's default when omitted. */
  order?: number | null | undefined;
  /** The custom label: starts with a letter, then letters, digits, "-", "_" or spaces (^[A-Za-z][0-9a-zA-Z-_ ]+$). At most 200 characters. */
  status: string;
};

export type BatchBoardQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  filter?: BatchFilter | null | undefined;
}>;


export type BatchBoardQuery = { batches: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, label: string, dueDate: string | null, currentStatus: { status: string, category: StatusCategory }, cycleCounts: { needed: number, complete: number }, queue: { id: string, label: string } } }> } };

export type CreateBoardBatchMutationVariables = Exact<{
  input: CreateBatchInput;
}>;


export type CreateBoardBatchMutation = { createBatch: { batch: { id: string, label: string }, processStatus: { id: string, status: ProcessState } } | null };

export type OutboxQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type OutboxQuery = { messages: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, messageId: number, recipient: string, text: string, status: MessageStatus, scheduledAt: string } }> } };


export const BatchBoardDocument = {"__meta__":{"hash":"sha256:9caac2b28326c859d51800424835c2c4dfe6b623cb8a8e4f13395cbe176fd05c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BatchBoard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"BatchFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"batches"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"field"},"value":{"kind":"EnumValue","value":"DUE_DATE"}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"currentStatus"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"category"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cycleCounts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"needed"}},{"kind":"Field","name":{"kind":"Name","value":"complete"}}]}},{"kind":"Field","name":{"kind":"Name","value":"queue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"label"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<BatchBoardQuery, BatchBoardQueryVariables>;
export const CreateBoardBatchDocument = {"__meta__":{"hash":"sha256:5b02350798c50c7437fe972f987c09bc0bf3c2b1aedb2562735eafecfe98432e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateBoardBatch"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateBatchInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createBatch"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"batch"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"label"}}]}},{"kind":"Field","name":{"kind":"Name","value":"processStatus"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<CreateBoardBatchMutation, CreateBoardBatchMutationVariables>;
export const OutboxDocument = {"__meta__":{"hash":"sha256:d233b810c7e049266afad923e186145941b31d22015b9a7deec485dc9cb29951"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Outbox"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"messages"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"messageId"}},{"kind":"Field","name":{"kind":"Name","value":"recipient"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"scheduledAt"}}]}}]}}]}}]}}]} as unknown as DocumentNode<OutboxQuery, OutboxQueryVariables>;
/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query BatchBoard($first: Int = 20, $after: String, $filter: BatchFilter) {\n  batches(\n    first: $first\n    after: $after\n    filter: $filter\n    orderBy: {field: DUE_DATE}\n  ) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      node {\n        id\n        label\n        dueDate\n        currentStatus {\n          status\n          category\n        }\n        cycleCounts {\n          needed\n          complete\n        }\n        queue {\n          id\n          label\n        }\n      }\n    }\n  }\n}\n\nmutation CreateBoardBatch($input: CreateBatchInput!) {\n  createBatch(input: $input) {\n    batch {\n      id\n      label\n    }\n    processStatus {\n      id\n      status\n    }\n  }\n}": typeof types.BatchBoardDocument,
    "query Outbox($first: Int = 20, $after: String) {\n  messages(first: $first, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      node {\n        id\n        messageId\n        recipient\n        text\n        status\n        scheduledAt\n      }\n    }\n  }\n}": typeof types.OutboxDocument,
};
const documents: Documents = {
    "query BatchBoard($first: Int = 20, $after: String, $filter: BatchFilter) {\n  batches(\n    first: $first\n    after: $after\n    filter: $filter\n    orderBy: {field: DUE_DATE}\n  ) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      node {\n        id\n        label\n        dueDate\n        currentStatus {\n          status\n          category\n        }\n        cycleCounts {\n          needed\n          complete\n        }\n        queue {\n          id\n          label\n        }\n      }\n    }\n  }\n}\n\nmutation CreateBoardBatch($input: CreateBatchInput!) {\n  createBatch(input: $input) {\n    batch {\n      id\n      label\n    }\n    processStatus {\n      id\n      status\n    }\n  }\n}": types.BatchBoardDocument,
    "query Outbox($first: Int = 20, $after: String) {\n  messages(first: $first, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      node {\n        id\n        messageId\n        recipient\n        text\n        status\n        scheduledAt\n      }\n    }\n  }\n}": types.OutboxDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query BatchBoard($first: Int = 20, $after: String, $filter: BatchFilter) {\n  batches(\n    first: $first\n    after: $after\n    filter: $filter\n    orderBy: {field: DUE_DATE}\n  ) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      node {\n        id\n        label\n        dueDate\n        currentStatus {\n          status\n          category\n        }\n        cycleCounts {\n          needed\n          complete\n        }\n        queue {\n          id\n          label\n        }\n      }\n    }\n  }\n}\n\nmutation CreateBoardBatch($input: CreateBatchInput!) {\n  createBatch(input: $input) {\n    batch {\n      id\n      label\n    }\n    processStatus {\n      id\n      status\n    }\n  }\n}"): (typeof documents)["query BatchBoard($first: Int = 20, $after: String, $filter: BatchFilter) {\n  batches(\n    first: $first\n    after: $after\n    filter: $filter\n    orderBy: {field: DUE_DATE}\n  ) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      node {\n        id\n        label\n        dueDate\n        currentStatus {\n          status\n          category\n        }\n        cycleCounts {\n          needed\n          complete\n        }\n        queue {\n          id\n          label\n        }\n      }\n    }\n  }\n}\n\nmutation CreateBoardBatch($input: CreateBatchInput!) {\n  createBatch(input: $input) {\n    batch {\n      id\n      label\n    }\n    processStatus {\n      id\n      status\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Outbox($first: Int = 20, $after: String) {\n  messages(first: $first, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      node {\n        id\n        messageId\n        recipient\n        text\n        status\n        scheduledAt\n      }\n    }\n  }\n}"): (typeof documents)["query Outbox($first: Int = 20, $after: String) {\n  messages(first: $first, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      node {\n        id\n        messageId\n        recipient\n        text\n        status\n        scheduledAt\n      }\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;
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
    "query BatchesPage($first: Int, $after: String, $last: Int, $before: String, $filter: BatchFilter, $orderBy: BatchOrder) {\n  batches(\n    first: $first\n    after: $after\n    last: $last\n    before: $before\n    filter: $filter\n    orderBy: $orderBy\n  ) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      hasPreviousPage\n      startCursor\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        id\n        label\n        createdAt\n        dueDate\n        currentStatus {\n          status\n          category\n        }\n      }\n    }\n  }\n}\n\nquery BatchesWithRelations($first: Int) {\n  batches(first: $first) {\n    edges {\n      node {\n        id\n        label\n        workOrder {\n          id\n          label\n        }\n        queue {\n          id\n          label\n          location {\n            id\n            label\n          }\n        }\n      }\n    }\n  }\n}\n\nquery BatchById($id: ID!) {\n  batch(id: $id) {\n    id\n    label\n    numberCycles\n    workOrder {\n      id\n      label\n    }\n    queue {\n      label\n      location {\n        label\n      }\n    }\n  }\n}\n\nquery NodeById($id: ID!) {\n  node(id: $id) {\n    __typename\n    id\n    ... on Batch {\n      label\n    }\n    ... on WorkOrder {\n      label\n    }\n    ... on Queue {\n      label\n    }\n  }\n}\n\nquery NodesByIds($ids: [ID!]!) {\n  nodes(ids: $ids) {\n    __typename\n    id\n  }\n}": typeof types.BatchesPageDocument,
};
const documents: Documents = {
    "query BatchesPage($first: Int, $after: String, $last: Int, $before: String, $filter: BatchFilter, $orderBy: BatchOrder) {\n  batches(\n    first: $first\n    after: $after\n    last: $last\n    before: $before\n    filter: $filter\n    orderBy: $orderBy\n  ) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      hasPreviousPage\n      startCursor\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        id\n        label\n        createdAt\n        dueDate\n        currentStatus {\n          status\n          category\n        }\n      }\n    }\n  }\n}\n\nquery BatchesWithRelations($first: Int) {\n  batches(first: $first) {\n    edges {\n      node {\n        id\n        label\n        workOrder {\n          id\n          label\n        }\n        queue {\n          id\n          label\n          location {\n            id\n            label\n          }\n        }\n      }\n    }\n  }\n}\n\nquery BatchById($id: ID!) {\n  batch(id: $id) {\n    id\n    label\n    numberCycles\n    workOrder {\n      id\n      label\n    }\n    queue {\n      label\n      location {\n        label\n      }\n    }\n  }\n}\n\nquery NodeById($id: ID!) {\n  node(id: $id) {\n    __typename\n    id\n    ... on Batch {\n      label\n    }\n    ... on WorkOrder {\n      label\n    }\n    ... on Queue {\n      label\n    }\n  }\n}\n\nquery NodesByIds($ids: [ID!]!) {\n  nodes(ids: $ids) {\n    __typename\n    id\n  }\n}": types.BatchesPageDocument,
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
export function graphql(source: "query BatchesPage($first: Int, $after: String, $last: Int, $before: String, $filter: BatchFilter, $orderBy: BatchOrder) {\n  batches(\n    first: $first\n    after: $after\n    last: $last\n    before: $before\n    filter: $filter\n    orderBy: $orderBy\n  ) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      hasPreviousPage\n      startCursor\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        id\n        label\n        createdAt\n        dueDate\n        currentStatus {\n          status\n          category\n        }\n      }\n    }\n  }\n}\n\nquery BatchesWithRelations($first: Int) {\n  batches(first: $first) {\n    edges {\n      node {\n        id\n        label\n        workOrder {\n          id\n          label\n        }\n        queue {\n          id\n          label\n          location {\n            id\n            label\n          }\n        }\n      }\n    }\n  }\n}\n\nquery BatchById($id: ID!) {\n  batch(id: $id) {\n    id\n    label\n    numberCycles\n    workOrder {\n      id\n      label\n    }\n    queue {\n      label\n      location {\n        label\n      }\n    }\n  }\n}\n\nquery NodeById($id: ID!) {\n  node(id: $id) {\n    __typename\n    id\n    ... on Batch {\n      label\n    }\n    ... on WorkOrder {\n      label\n    }\n    ... on Queue {\n      label\n    }\n  }\n}\n\nquery NodesByIds($ids: [ID!]!) {\n  nodes(ids: $ids) {\n    __typename\n    id\n  }\n}"): (typeof documents)["query BatchesPage($first: Int, $after: String, $last: Int, $before: String, $filter: BatchFilter, $orderBy: BatchOrder) {\n  batches(\n    first: $first\n    after: $after\n    last: $last\n    before: $before\n    filter: $filter\n    orderBy: $orderBy\n  ) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      hasPreviousPage\n      startCursor\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        id\n        label\n        createdAt\n        dueDate\n        currentStatus {\n          status\n          category\n        }\n      }\n    }\n  }\n}\n\nquery BatchesWithRelations($first: Int) {\n  batches(first: $first) {\n    edges {\n      node {\n        id\n        label\n        workOrder {\n          id\n          label\n        }\n        queue {\n          id\n          label\n          location {\n            id\n            label\n          }\n        }\n      }\n    }\n  }\n}\n\nquery BatchById($id: ID!) {\n  batch(id: $id) {\n    id\n    label\n    numberCycles\n    workOrder {\n      id\n      label\n    }\n    queue {\n      label\n      location {\n        label\n      }\n    }\n  }\n}\n\nquery NodeById($id: ID!) {\n  node(id: $id) {\n    __typename\n    id\n    ... on Batch {\n      label\n    }\n    ... on WorkOrder {\n      label\n    }\n    ... on Queue {\n      label\n    }\n  }\n}\n\nquery NodesByIds($ids: [ID!]!) {\n  nodes(ids: $ids) {\n    __typename\n    id\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;
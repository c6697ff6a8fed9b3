// Provisioning lists page on (created_at, id), which every provisioning table indexes.
import { keysetQuery } from "../graphql/keyset.ts";
import { type ConnectionArgs, keysetConnection } from "../graphql/pagination.ts";

type PageQuery = ReturnType<typeof keysetQuery>;

const parseDate = (value: string | number) => new Date(value);

/** A keyset connection ordered by creation time; `find` gets the page's where/orderBy/take to AND with its filters. */
export function createdAtConnection<T extends { id: number; createdAt: Date }>(
  args: ConnectionArgs,
  direction: "asc" | "desc",
  find: (page: PageQuery) => Promise<T[]>,
  count: () => Promise<number>,
) {
  const sort = { field: "createdAt", direction, parse: parseDate };
  return keysetConnection(args, (page) => find(keysetQuery(sort, page)), {
    order: `createdAt:${direction}`,
    sortValue: (row) => row.createdAt.toISOString(),
    id: (row) => row.id,
    totalCount: count,
  });
}

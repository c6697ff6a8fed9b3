// Walking a connection page by page with keyset cursors: forwards (first/after) or backwards
// (last/before), collecting the ids in list order. Bounded: more pages than rows fails.
import { expect } from "vitest";

export interface Page {
  edges: { node: { id: string } }[];
  pageInfo: { startCursor: string; endCursor: string; hasNextPage: boolean; hasPreviousPage: boolean };
}

export type PageArguments = { first?: number; after?: string; last?: number; before?: string };

export async function walkPages(
  rows: number,
  size: number,
  backwards: boolean,
  read: (page: PageArguments) => Promise<Page>,
): Promise<string[]> {
  const found: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; ; pages++) {
    expect(pages).toBeLessThan(rows + 2);
    const page = await read(backwards ? { last: size, before: cursor } : { first: size, after: cursor });
    expect(page.edges.length).toBeLessThanOrEqual(size);
    const ids = page.edges.map((edge) => edge.node.id);
    if (backwards) found.unshift(...ids);
    else found.push(...ids);
    if (!(backwards ? page.pageInfo.hasPreviousPage : page.pageInfo.hasNextPage)) return found;
    cursor = backwards ? page.pageInfo.startCursor : page.pageInfo.endCursor;
  }
}

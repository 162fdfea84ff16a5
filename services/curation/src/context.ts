import { type Database, loaderByKey, type RequestContext, type SubgraphUrls } from '@kdn/platform';
import type { PrismaClient } from '@kdn/prisma/curation';

export type CurationDatabase = Database<PrismaClient>;

export interface CurationContext extends RequestContext {
  db: PrismaClient;
  peers: SubgraphUrls;
  loaders: CurationLoaders;
}

export type CurationLoaders = ReturnType<typeof createLoaders>;

/** One set of batching loaders per request: each entity or relation is one statement per fetch. */
export function createLoaders(db: PrismaClient) {
  return {
    curator: loaderByKey(
      (ids: string[]) => db.curator.findMany({ where: { id: { in: ids } } }),
      (curator) => curator.id,
    ),
  };
}

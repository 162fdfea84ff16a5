import { type Database, loaderByKey, type RequestContext, type SubgraphUrls } from '@kdn/platform';
import type { PrismaClient } from '@kdn/prisma/programmes';

export type ProgrammesDatabase = Database<PrismaClient>;

export interface ProgrammesContext extends RequestContext {
  db: PrismaClient;
  peers: SubgraphUrls;
  loaders: ProgrammesLoaders;
}

export type ProgrammesLoaders = ReturnType<typeof createLoaders>;

/** One set of batching loaders per request: each entity or relation is one statement per fetch. */
export function createLoaders(db: PrismaClient) {
  return {
    programme: loaderByKey(
      (ids: string[]) => db.programme.findMany({ where: { id: { in: ids } } }),
      (programme) => programme.id,
    ),
  };
}

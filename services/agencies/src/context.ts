import type { Database, SubgraphContext } from '@kdn/platform';
import type { PrismaClient } from '@kdn/prisma/agencies';
import { agencyLoaders } from './agency/figures.ts';
import { commissionLoaders } from './commission/figures.ts';
import { districtLoaders } from './district/figures.ts';
import { resourceCentreLoaders } from './resource-centre/figures.ts';

export type AgenciesDatabase = Database<PrismaClient>;

export interface AgenciesContext extends SubgraphContext {
  db: PrismaClient;
  loaders: AgenciesLoaders;
}

export type AgenciesLoaders = ReturnType<typeof createLoaders>;

/** One set of batching loaders per request: every entity and relation below is one statement per fetch. */
export function createLoaders(db: PrismaClient) {
  return {
    ...districtLoaders(db),
    ...commissionLoaders(db),
    ...agencyLoaders(db),
    ...resourceCentreLoaders(db),
  };
}

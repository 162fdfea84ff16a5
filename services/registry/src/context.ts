import type { Database, SubgraphContext } from '@kdn/platform';
import type { PrismaClient } from '@kdn/prisma/registry';
import { districtLoaders } from './district/figures.ts';
import { familyLoaders } from './family/figures.ts';
import { minorLoaders } from './minor/figures.ts';
import { registrationLoaders } from './registration/figures.ts';
import type { AgencyDirectory } from './registration/remote.ts';
import { socialPassportLoaders } from './social-passport/figures.ts';

export type RegistryDatabase = Database<PrismaClient>;

export interface RegistryContext extends SubgraphContext {
  db: PrismaClient;
  agencies: AgencyDirectory;
  loaders: RegistryLoaders;
}

export type RegistryLoaders = ReturnType<typeof createLoaders>;

/** One set of batching loaders per request: each entity or relation is one statement per fetch, whatever the list size. */
export function createLoaders(db: PrismaClient) {
  return {
    ...familyLoaders(db),
    ...socialPassportLoaders(db),
    ...minorLoaders(db),
    ...registrationLoaders(db),
    ...districtLoaders(db),
  };
}

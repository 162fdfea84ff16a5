import type { Access, Database, SubgraphContext, SubgraphUrls } from '@kdn/platform';
import type { PrismaClient } from '@kdn/prisma/curation';
import { agencyLoaders } from './agency/figures.ts';
import type { AgencyDirectory } from './agency/remote.ts';
import { visibleAssignments, visibleAssignmentsSql } from './assignment/access.ts';
import { assignmentLoaders } from './assignment/figures.ts';
import { visibleCurators } from './curator/access.ts';
import { curatorLoaders } from './curator/figures.ts';
import { districtLoaders } from './district/figures.ts';
import type { RegisterDirectory } from './register/remote.ts';
import { visibleFamiliesSql } from './shared/access.ts';
import { visibleVisits } from './visit/access.ts';
import { visitLoaders } from './visit/figures.ts';
import { visibleWards } from './ward/access.ts';
import { wardLoaders } from './ward/figures.ts';

export type CurationDatabase = Database<PrismaClient>;

export interface CurationContext extends SubgraphContext {
  db: PrismaClient;
  agencies: AgencyDirectory;
  register: RegisterDirectory;
  loaders: CurationLoaders;
  /** Where the peers answer: reconciliation reads their facts through their APIs. */
  peers: SubgraphUrls;
}

export type CurationLoaders = ReturnType<typeof createLoaders>;

/**
 * One set of batching loaders per request: each entity, relation or figure is one statement per
 * fetch. Each loader of records reads only those the request's principal may see (see shared/access.ts).
 */
export function createLoaders(db: PrismaClient, access: Access) {
  return {
    ...curatorLoaders(db, visibleCurators(access.principal)),
    ...wardLoaders(db, () => visibleWards(access)),
    ...assignmentLoaders(db, () => visibleAssignments(access)),
    ...visitLoaders(db, {
      visits: () => visibleVisits(access),
      assignmentsSql: (assignment, curator) => visibleAssignmentsSql(access, assignment, curator),
    }),
    ...districtLoaders(db, (row) => visibleFamiliesSql(access, row)),
    ...agencyLoaders(db),
  };
}

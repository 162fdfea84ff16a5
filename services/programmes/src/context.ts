import type { Access, Database, SubgraphContext } from '@kdn/platform';
import type { PrismaClient } from '@kdn/prisma/programmes';
import { changeLoaders } from './change/figures.ts';
import { checklistLoaders } from './checklist/figures.ts';
import { goalLoaders } from './goal/figures.ts';
import { measureRows } from './measure/access.ts';
import { measureLoaders } from './measure/figures.ts';
import { meetingRows } from './meeting/access.ts';
import { meetingLoaders } from './meeting/figures.ts';
import { outcomeLoaders } from './outcome/figures.ts';
import { programmeRows } from './programme/access.ts';
import { programmeLoaders } from './programme/figures.ts';
import { reportLoaders } from './report/figures.ts';
import type { References } from './shared/remote.ts';

export type ProgrammesDatabase = Database<PrismaClient>;

export interface ProgrammesContext extends SubgraphContext {
  db: PrismaClient;
  references: References;
  loaders: ProgrammesLoaders;
}

export type ProgrammesLoaders = ReturnType<typeof createLoaders>;

/**
 * One set of batching loaders per request: each entity, relation or figure is one statement per fetch.
 * The lists a request starts from (a family's, a curator's, an agency's, a centre's) hold only the rows
 * `access` allows, filtered in the statement; the rest are reached from a record already allowed.
 */
export function createLoaders(db: PrismaClient, access: Access) {
  return {
    ...programmeLoaders(db, async () => programmeRows(await access.familyRows())),
    ...goalLoaders(db),
    ...measureLoaders(db, () => measureRows(access)),
    ...changeLoaders(db),
    ...meetingLoaders(db, () => meetingRows(access)),
    ...reportLoaders(db),
    ...outcomeLoaders(db),
    ...checklistLoaders(db),
  };
}

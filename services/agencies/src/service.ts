import type { DatabaseLocation } from '@kdn/platform';
import { openDatabase, type RequestContext } from '@kdn/platform';
import { PrismaClient } from '@kdn/prisma/agencies';
import { type AgenciesContext, type AgenciesDatabase, createLoaders } from './context.ts';

export { schema } from './schema.ts';

export function openAgenciesDatabase(location?: DatabaseLocation): Promise<AgenciesDatabase> {
  return openDatabase('agencies', (adapter) => new PrismaClient({ adapter }), location);
}

export function agenciesContext(database: AgenciesDatabase) {
  return (base: RequestContext): AgenciesContext => ({
    ...base,
    db: database.client,
    loaders: createLoaders(database.client),
  });
}

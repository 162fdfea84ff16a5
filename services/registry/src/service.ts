import { type DatabaseLocation, openDatabase, type RequestContext } from '@kdn/platform';
import { PrismaClient } from '@kdn/prisma/registry';
import type { AgencyDirectory } from './agency-directory.ts';
import { createLoaders, type RegistryContext, type RegistryDatabase } from './context.ts';

export { type AgencyDirectory, agencyDirectoryAt } from './agency-directory.ts';
export { schema } from './schema.ts';

export function openRegistryDatabase(location?: DatabaseLocation): Promise<RegistryDatabase> {
  return openDatabase('registry', (adapter) => new PrismaClient({ adapter }), location);
}

export function registryContext(database: RegistryDatabase, agencies: AgencyDirectory) {
  return (base: RequestContext): RegistryContext => ({
    ...base,
    db: database.client,
    agencies,
    loaders: createLoaders(database.client),
  });
}

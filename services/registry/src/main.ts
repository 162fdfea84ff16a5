import { portOf, serveSubgraph, subgraphUrl } from '@kdn/platform';
import { agencyDirectoryAt, openRegistryDatabase, registryContext, schema } from './service.ts';

const database = await openRegistryDatabase();
await serveSubgraph({
  name: 'registry',
  schema,
  port: portOf('registry'),
  context: registryContext(database, agencyDirectoryAt(subgraphUrl('agencies'))),
  ready: async () => {
    await database.client.$queryRaw`SELECT 1`;
  },
});

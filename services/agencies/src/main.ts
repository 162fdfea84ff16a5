import { portOf, serveSubgraph } from '@kdn/platform';
import { agenciesContext, openAgenciesDatabase, schema } from './service.ts';

const database = await openAgenciesDatabase();
await serveSubgraph({
  name: 'agencies',
  schema,
  port: portOf('agencies'),
  context: agenciesContext(database),
  ready: async () => {
    await database.client.$queryRaw`SELECT 1`;
  },
});

export { createTestDatabases, type TestDatabases } from './database.ts';
export { type GraphQLResponse, graphql, graphqlData, signedIn, testIntegrator, tokenFor } from './graphql.ts';
export { freePort, type PlatformProcesses, startPlatformProcesses } from './processes.ts';

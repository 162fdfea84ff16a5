export { createTestDatabases, type TestDatabases } from './database.ts';
export { type GraphQLResponse, graphql, graphqlData } from './graphql.ts';

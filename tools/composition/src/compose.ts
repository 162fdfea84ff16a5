import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { supergraphPath } from '@kdn/gateway/supergraph-path';
import { repositoryRoot, subgraphUrl } from '@kdn/platform';
import { parse } from 'graphql';
import { subgraphServices } from './subgraphs.ts';

/**
 * Composes the supergraph from the subgraphs' printed schemas, with no service running, into
 * `gateway/supergraph.graphql`. With `--check`, fails when the committed file is stale.
 */
export function composeSupergraph(): string {
  const result = composeServices(
    subgraphServices.map(({ name, schema }) => ({
      name,
      url: subgraphUrl(name),
      typeDefs: parse(printSubgraphSchema(schema)),
    })),
  );
  if (result.errors) {
    throw new Error(
      `the subgraphs do not compose:\n${result.errors.map((error) => error.message).join('\n')}`,
    );
  }
  return result.supergraphSdl;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const supergraph = composeSupergraph();
  if (process.argv.includes('--check')) {
    const committed = readFileSync(supergraphPath, 'utf8');
    if (committed !== supergraph) {
      console.error('gateway/supergraph.graphql is stale: run `npm run supergraph` and commit it.');
      process.exit(1);
    }
    console.log('gateway/supergraph.graphql is up to date.');
  } else {
    writeFileSync(supergraphPath, supergraph);
    console.log(`wrote ${path.relative(repositoryRoot, supergraphPath)}`);
  }
}

import path from 'node:path';
import { repositoryRoot } from '@kdn/platform';

/** The committed supergraph: composed at build time, the integrators' reference. */
export const supergraphPath = path.join(repositoryRoot, 'gateway', 'supergraph.graphql');

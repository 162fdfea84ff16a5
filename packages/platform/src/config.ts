import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root folder: embedded data directories and the supergraph file are found from it. */
export const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Default ports of the platform's processes; each can be overridden by `<NAME>_PORT`. */
export const defaultPorts = {
  gateway: 4000,
  agencies: 4001,
  registry: 4002,
  curation: 4003,
  programmes: 4004,
} as const;

export type ProcessName = keyof typeof defaultPorts;

export function portOf(name: ProcessName): number {
  const fromEnv = process.env[`${name.toUpperCase()}_PORT`];
  return fromEnv ? Number(fromEnv) : defaultPorts[name];
}

export const subgraphNames = ['agencies', 'registry', 'curation', 'programmes'] as const;
export type SubgraphName = (typeof subgraphNames)[number];

/** Where each subgraph answers: how services reach their peers and the gateway reaches them all. */
export type SubgraphUrls = Record<SubgraphName, string>;

/** The GraphQL endpoint of a subgraph, from `<NAME>_URL` or its default loopback port. */
export function subgraphUrl(name: SubgraphName): string {
  return process.env[`${name.toUpperCase()}_URL`] ?? `http://127.0.0.1:${portOf(name)}/graphql`;
}

export function subgraphUrlsFromEnv(): SubgraphUrls {
  return Object.fromEntries(subgraphNames.map((name) => [name, subgraphUrl(name)])) as SubgraphUrls;
}

/** How long a call to a subgraph may take: `SUBGRAPH_TIMEOUT_MS`, 5 s by default. */
export function subgraphTimeoutMs(): number {
  const fromEnv = process.env.SUBGRAPH_TIMEOUT_MS;
  return fromEnv ? Number(fromEnv) : 5000;
}

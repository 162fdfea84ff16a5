import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Every service with its own Prisma schema; add new ones here and nowhere else. */
export const services = ['agencies', 'registry', 'curation', 'programmes'] as const;
export type ServiceName = (typeof services)[number];

export const prismaDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repoDir = path.dirname(prismaDir);

export interface ServicePaths {
  dir: string;
  schema: string;
  config: string;
  migrations: string;
}

export function servicePaths(service: ServiceName): ServicePaths {
  const dir = path.join(prismaDir, service);
  return {
    dir,
    schema: path.join(dir, 'schema.prisma'),
    config: path.join(dir, 'prisma.config.ts'),
    migrations: path.join(dir, 'migrations'),
  };
}

export function isServiceName(name: string): name is ServiceName {
  return (services as readonly string[]).includes(name);
}

/** Where the service keeps its embedded PGlite database when no DATABASE_URL is set. */
export function pgliteDataDir(service: ServiceName): string {
  return path.join(process.env.KDN_DATA_DIR ?? path.join(repoDir, '.data'), service);
}
